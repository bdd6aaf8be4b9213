/// A centre's store in PostgreSQL: one schema (`dh_CENTRE`) holding the same tables, columns and
/// chain as the SQLite store (events, journal, head, snapshots, signing keys, checkpoints), so a
/// store can be copied between the two with every hash and signature intact.
enum PostgresSchema {
    /// The version of the tables below; a store of a later version is refused, untouched.
    static let version = 1

    /// The statements creating a centre's schema, in one transaction.
    static func create(schema: String) -> [String] {
        [
            "CREATE SCHEMA \(schema)",
            "SET LOCAL search_path TO \(schema)",
            """
            CREATE TABLE store_info (
                one            INTEGER PRIMARY KEY CHECK (one = 1),
                application_id INTEGER NOT NULL,   -- 'DHub', as SQLite's PRAGMA application_id
                version        INTEGER NOT NULL,
                centre         TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE events (
                seq       BIGINT PRIMARY KEY,   -- 1, 2, 3 ... without gaps
                id        TEXT NOT NULL UNIQUE,
                at        TEXT NOT NULL,        -- UTC, milliseconds
                operator  TEXT NOT NULL,
                kind      TEXT NOT NULL,
                incident  TEXT,                 -- INC-0042, for timelines
                payload   TEXT NOT NULL,        -- JSON
                exercise  TEXT,                 -- drill id; NULL for real events
                prev_hash TEXT NOT NULL,
                hash      TEXT NOT NULL
            )
            """,
            "CREATE INDEX events_by_incident ON events(incident, seq) WHERE incident IS NOT NULL",
            "CREATE INDEX events_by_exercise ON events(exercise, seq) WHERE exercise IS NOT NULL",
            """
            CREATE TABLE head (
                one          INTEGER PRIMARY KEY CHECK (one = 1),
                seq          BIGINT NOT NULL,
                hash         TEXT NOT NULL,
                journal_seq  BIGINT NOT NULL DEFAULT 0,
                journal_hash TEXT NOT NULL DEFAULT '\(EventCodec.genesis)'
            )
            """,
            "INSERT INTO head (one, seq, hash) VALUES (1, 0, '\(EventCodec.genesis)')",
            """
            CREATE TABLE journal (
                seq       BIGINT PRIMARY KEY,   -- 1, 2, 3 ... without gaps
                after     BIGINT NOT NULL,      -- the log's seq this entry follows
                id        TEXT NOT NULL UNIQUE,
                at        TEXT NOT NULL,
                operator  TEXT NOT NULL,
                kind      TEXT NOT NULL,
                drill     TEXT NOT NULL,
                payload   TEXT NOT NULL,
                prev_hash TEXT NOT NULL,
                hash      TEXT NOT NULL
            )
            """,
            "CREATE INDEX journal_by_drill ON journal(drill, seq)",
            """
            CREATE TABLE snapshots (
                seq     BIGINT PRIMARY KEY,
                hash    TEXT NOT NULL,           -- the chain hash at seq it was folded from
                model   INTEGER NOT NULL,        -- the state format it was written in
                state   BYTEA NOT NULL,
                digest  TEXT                     -- SHA-256 of state, hex
            )
            """,
            """
            CREATE TABLE signing_keys (
                id         TEXT PRIMARY KEY,     -- first 16 hex digits of SHA-256 of the key
                public_key TEXT NOT NULL,        -- Ed25519, base64 of the 32 raw bytes
                added      TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE checkpoints (
                n            BIGINT PRIMARY KEY,  -- 1, 2, 3 ... (written under the head's lock)
                log_seq      BIGINT NOT NULL,
                log_hash     TEXT NOT NULL,
                journal_seq  BIGINT NOT NULL,
                journal_hash TEXT NOT NULL,
                at           TEXT NOT NULL,
                key_id       TEXT NOT NULL REFERENCES signing_keys(id),
                signature    TEXT NOT NULL        -- base64, over Checkpoint.message
            )
            """,
            // Append-only, as in SQLite: the application never updates or deletes these rows.
            // (The owner of the schema can drop a trigger: the signed checkpoints are what prove
            // the record, with the key kept outside the database.)
            """
            CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$
            """,
            "CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION append_only()",
            "CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION append_only()",
            "CREATE TRIGGER journal_append_only BEFORE UPDATE OR DELETE ON journal FOR EACH ROW EXECUTE FUNCTION append_only()",
            "CREATE TRIGGER journal_no_truncate BEFORE TRUNCATE ON journal FOR EACH STATEMENT EXECUTE FUNCTION append_only()",
            "CREATE TRIGGER checkpoints_append_only BEFORE UPDATE OR DELETE ON checkpoints FOR EACH ROW EXECUTE FUNCTION append_only()",
            "CREATE TRIGGER signing_keys_append_only BEFORE UPDATE OR DELETE ON signing_keys FOR EACH ROW EXECUTE FUNCTION append_only()",
            "INSERT INTO store_info (one, application_id, version, centre) VALUES (1, \(Schema.applicationID), \(version), '\(schema.dropFirst(3))')",
        ]
    }
}
