import CommandModel
import Foundation
import PostgresNIO

extension PostgresEventStore: RecordCopying {
    public func storedRecord() throws(StoreError) -> StoredRecord {
        try locked { () throws(StoreError) -> StoredRecord in
            try runLocked("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            defer { rollbackQuietly() }
            var r = StoredRecord()
            let l = location
            func optional(_ row: PostgresRandomAccessRow, _ i: Int) -> String? { (try? row[i].decode(String?.self)).flatMap { $0 } }
            for row in try runLocked("SELECT seq, id, at, operator, kind, incident, payload, exercise, prev_hash, hash FROM events ORDER BY seq") {
                r.events.append(
                    .init(
                        seq: try Self.int(row, 0, l), after: 0, id: try Self.text(row, 1, l), at: try Self.text(row, 2, l), by: try Self.text(row, 3, l), kind: try Self.text(row, 4, l),
                        incident: optional(row, 5), payload: try Self.text(row, 6, l), exercise: optional(row, 7), previous: try Self.text(row, 8, l), hash: try Self.text(row, 9, l)))
            }
            for row in try runLocked("SELECT seq, after, id, at, operator, kind, drill, payload, prev_hash, hash FROM journal ORDER BY seq") {
                r.journal.append(
                    .init(
                        seq: try Self.int(row, 0, l), after: try Self.int(row, 1, l), id: try Self.text(row, 2, l), at: try Self.text(row, 3, l), by: try Self.text(row, 4, l),
                        kind: try Self.text(row, 5, l), incident: nil, payload: try Self.text(row, 7, l), exercise: optional(row, 6), previous: try Self.text(row, 8, l),
                        hash: try Self.text(row, 9, l)))
            }
            if let head = try runLocked("SELECT seq, hash, journal_seq, journal_hash FROM head WHERE one = 1").first {
                r.head = StorePosition(log: try Self.int(head, 0, l), journal: try Self.int(head, 2, l))
                r.headHash = try Self.text(head, 1, l)
                r.journalHeadHash = try Self.text(head, 3, l)
            }
            for row in try runLocked("SELECT id, public_key, added FROM signing_keys ORDER BY id") {
                r.keys.append(.init(id: try Self.text(row, 0, l), publicKey: try Self.text(row, 1, l), added: try Self.text(row, 2, l)))
            }
            let ids = try runLocked("SELECT key_id FROM checkpoints ORDER BY n").map { row throws(StoreError) in try Self.text(row, 0, l) }
            for (c, id) in zip(try checkpointsLocked(newestOnly: false), ids) { r.checkpoints.append(.init(checkpoint: c, keyID: id)) }
            return r
        }
    }

    public func restore(_ record: StoredRecord) throws(StoreError) {
        try StoreCopy.check(record, location)
        if let writeRefusal { throw writeRefusal }
        try locked { () throws(StoreError) in
            try transaction { () throws(StoreError) -> (value: Void, commit: Bool) in
                _ = try runLocked("SELECT seq FROM head WHERE one = 1 FOR UPDATE")
                for e in record.events {
                    try runLocked(
                        "INSERT INTO events (seq, id, at, operator, kind, incident, payload, exercise, prev_hash, hash) VALUES (\(e.seq), \(e.id), \(e.at), \(e.by), \(e.kind), \(e.incident), \(e.payload), \(e.exercise), \(e.previous), \(e.hash))"
                    )
                }
                for j in record.journal {
                    try runLocked(
                        "INSERT INTO journal (seq, after, id, at, operator, kind, drill, payload, prev_hash, hash) VALUES (\(j.seq), \(j.after), \(j.id), \(j.at), \(j.by), \(j.kind), \(j.exercise ?? ""), \(j.payload), \(j.previous), \(j.hash))"
                    )
                }
                try runLocked(
                    "UPDATE head SET seq = \(record.head.log), hash = \(record.headHash), journal_seq = \(record.head.journal), journal_hash = \(record.journalHeadHash) WHERE one = 1")
                for k in record.keys {
                    try runLocked("INSERT INTO signing_keys (id, public_key, added) VALUES (\(k.id), \(k.publicKey), \(k.added)) ON CONFLICT (id) DO NOTHING")
                }
                for (n, s) in record.checkpoints.enumerated() {
                    let c = s.checkpoint
                    try runLocked(
                        """
                        INSERT INTO checkpoints (n, log_seq, log_hash, journal_seq, journal_hash, at, key_id, signature)
                        VALUES (\(Int64(n + 1)), \(c.logSequence), \(c.logHash), \(c.journalSequence), \(c.journalHash), \(c.at), \(s.keyID), \(c.signature))
                        """)
                }
                return ((), true)
            }
        }
    }
}
