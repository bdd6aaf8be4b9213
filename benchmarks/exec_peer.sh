#!/bin/sh
# The peer of one `decision-hub exec` append: one sqlite3 process that opens the same store,
# appends one event row after the head (a random id and hash, the head moved on) in an
# immediate transaction with synchronous = FULL, and exits. Run it on a copy of the store:
# its rows are not a valid chain.
#   benchmarks/exec_peer.sh /tmp/peer.sqlite
exec sqlite3 "$1" "PRAGMA synchronous = FULL; BEGIN IMMEDIATE;
INSERT INTO events (seq, id, at, operator, kind, incident, payload, prev_hash, hash)
  SELECT seq + 1, lower(hex(randomblob(16))), strftime('%Y-%m-%dT%H:%M:%fZ'), 'peer', 'incidentReported',
         'INC-0001', '{\"report\":{\"id\":1,\"type\":\"fire\",\"title\":\"fire · chaoyang\"}}', hash, lower(hex(randomblob(32)))
  FROM head;
UPDATE head SET seq = seq + 1, hash = (SELECT hash FROM events WHERE seq = (SELECT seq + 1 FROM head));
COMMIT;"
