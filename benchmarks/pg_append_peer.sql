-- The pgbench peer of one PostgresEventStore append (issue #18): the same statements on the same
-- tables, one event per transaction. Run against a scratch centre's schema (search_path set by
-- PGOPTIONS), with -M extended as PostgresNIO sends them:
--   PGOPTIONS='-c search_path=dh_benchpeer' pgbench -n -M extended -c 1 -t 2000 -f benchmarks/pg_append_peer.sql -r --log --log-prefix=/tmp/pgpeer URL
\set n random(1, 1000000000)
BEGIN;
SELECT seq, hash, journal_seq, journal_hash FROM head WHERE one = 1 FOR UPDATE;
INSERT INTO events (seq, id, at, operator, kind, incident, payload, exercise, prev_hash, hash)
  SELECT seq + 1, 'peer-' || :n || '-' || seq, '2026-12-07T04:00:00.000Z', 'bench', 'noteAdded', 'INC-0001',
         '{"noteAdded":{"incident":1,"text":"bench"}}', NULL, hash, md5(hash || :n) || md5(:n || hash) FROM head WHERE one = 1;
UPDATE head SET seq = seq + 1, hash = md5(hash || :n) || md5(:n || hash) WHERE one = 1;
SELECT pg_notify('dh_benchpeer', '1');
COMMIT;
