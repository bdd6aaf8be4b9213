import GRDB

/// The store's schema, applied through GRDB's migrator. Migrations are only ever added.
enum Schema {
    /// `PRAGMA application_id` of every Decision Hub store: "DHub".
    static let applicationID: Int32 = 0x4448_7562

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-events") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(
                sql: """
                    CREATE TABLE events (
                        seq       INTEGER PRIMARY KEY,  -- 1, 2, 3 ... without gaps
                        id        TEXT NOT NULL UNIQUE,
                        at        TEXT NOT NULL,        -- UTC, milliseconds
                        operator  TEXT NOT NULL,
                        kind      TEXT NOT NULL,
                        incident  TEXT,                 -- INC-0042, for timelines
                        payload   TEXT NOT NULL,        -- JSON
                        exercise  TEXT,                 -- drill id; NULL for real events
                        prev_hash TEXT NOT NULL,
                        hash      TEXT NOT NULL
                    );
                    CREATE INDEX events_by_incident ON events(incident, seq) WHERE incident IS NOT NULL;
                    CREATE TABLE head (
                        one  INTEGER PRIMARY KEY CHECK (one = 1),
                        seq  INTEGER NOT NULL,
                        hash TEXT NOT NULL
                    );
                    INSERT INTO head (one, seq, hash) VALUES (1, 0, '\(EventCodec.genesis)');
                    CREATE TABLE snapshots (
                        seq     INTEGER PRIMARY KEY,
                        hash    TEXT NOT NULL,          -- the chain hash at seq it was folded from
                        model   INTEGER NOT NULL,       -- the state format it was written in
                        state   BLOB NOT NULL
                    );
                    -- Append-only: the application never updates or deletes an event.
                    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
                        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
                        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                    """)
        }
        m.registerMigration("v2-exercise-index") { db in
            // A drill's record (status, evaluation) without scanning a year of real events.
            try db.execute(sql: "CREATE INDEX events_by_exercise ON events(exercise, seq) WHERE exercise IS NOT NULL")
        }
        m.registerMigration("v3-drill-journal") { db in
            // Drill control events (schedule, injects fired or skipped) live here, not in the
            // log: a blind drill leaves no trace in what players read, not even a gap in the
            // log's numbering. Hash-chained and append-only like the log; each entry names the
            // log event it follows, and is written in the same transaction as that event.
            try db.execute(
                sql: """
                    CREATE TABLE journal (
                        seq       INTEGER PRIMARY KEY,  -- 1, 2, 3 ... without gaps
                        after     INTEGER NOT NULL,     -- the log's seq this entry follows
                        id        TEXT NOT NULL UNIQUE,
                        at        TEXT NOT NULL,
                        operator  TEXT NOT NULL,
                        kind      TEXT NOT NULL,
                        drill     TEXT NOT NULL,
                        payload   TEXT NOT NULL,
                        prev_hash TEXT NOT NULL,
                        hash      TEXT NOT NULL
                    );
                    CREATE INDEX journal_by_drill ON journal(drill, seq);
                    ALTER TABLE head ADD COLUMN journal_seq INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE head ADD COLUMN journal_hash TEXT NOT NULL DEFAULT '\(EventCodec.genesis)';
                    CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
                        BEGIN SELECT RAISE(ABORT, 'the drill journal is append-only'); END;
                    CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
                        BEGIN SELECT RAISE(ABORT, 'the drill journal is append-only'); END;
                    """)
        }
        m.registerMigration("v4-signed-checkpoints") { db in
            // Signed checkpoints of the head (see `Checkpoint`): the chain alone can be recomputed
            // by anyone who can write the file, a signature only by the holder of the centre's
            // key, which is kept outside the store. The store keeps the public keys, so anyone
            // can check. Snapshots gain a digest of their bytes: one that does not match is
            // ignored and the state rebuilt from the log.
            try db.execute(
                sql: """
                    CREATE TABLE signing_keys (
                        id         TEXT PRIMARY KEY,      -- first 16 hex digits of SHA-256 of the key
                        public_key TEXT NOT NULL,         -- Ed25519, base64 of the 32 raw bytes
                        added      TEXT NOT NULL
                    );
                    CREATE TABLE checkpoints (
                        n            INTEGER PRIMARY KEY,  -- 1, 2, 3 ...
                        log_seq      INTEGER NOT NULL,
                        log_hash     TEXT NOT NULL,
                        journal_seq  INTEGER NOT NULL,
                        journal_hash TEXT NOT NULL,
                        at           TEXT NOT NULL,
                        key_id       TEXT NOT NULL REFERENCES signing_keys(id),
                        signature    TEXT NOT NULL         -- base64, over Checkpoint.message
                    );
                    CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints
                        BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
                    CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints
                        BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
                    CREATE TRIGGER signing_keys_no_update BEFORE UPDATE ON signing_keys
                        BEGIN SELECT RAISE(ABORT, 'signing keys are append-only'); END;
                    CREATE TRIGGER signing_keys_no_delete BEFORE DELETE ON signing_keys
                        BEGIN SELECT RAISE(ABORT, 'signing keys are append-only'); END;
                    ALTER TABLE snapshots ADD COLUMN digest TEXT;  -- SHA-256 of state, hex
                    """)
        }
        m.registerMigration("v5-health-archives") { db in
            // The last time SQLite's quick check passed on this file (it reads the whole file:
            // ~0.45 s for a year's store). A writer that finds a pass younger than
            // `SQLiteEventStore.quickCheckValidity` does not run it again, so a script calling
            // `exec` many times a second pays it once in that interval. Not part of the record.
            try db.execute(
                sql: """
                    CREATE TABLE health (
                        one     INTEGER PRIMARY KEY CHECK (one = 1),
                        checked TEXT NOT NULL,      -- UTC, when the quick check last passed
                        pages   INTEGER NOT NULL    -- the file's page count then
                    );
                    -- A split snapshot's closed incidents (see SnapshotCodec): saved less often
                    -- than the snapshots that refer to them, read only when one is asked for.
                    CREATE TABLE snapshot_archives (
                        seq     INTEGER PRIMARY KEY,  -- the event they were folded up to
                        journal INTEGER NOT NULL,     -- the drill journal's entry then
                        digest  TEXT NOT NULL,        -- SHA-256 of data, hex
                        count   INTEGER NOT NULL,
                        data    BLOB NOT NULL         -- last: reading the others skips it
                    );
                    ALTER TABLE snapshots ADD COLUMN archive INTEGER;  -- snapshot_archives.seq
                    """)
        }
        return m
    }
}
