import CommandModel
import Foundation
import GRDB

extension SQLiteEventStore: RecordCopying {
    public func storedRecord() throws(StoreError) -> StoredRecord {
        do {
            return try database.read { db in
                var r = StoredRecord()
                for row in try Row.fetchAll(db, sql: "SELECT seq, id, at, operator, kind, incident, payload, exercise, prev_hash, hash FROM events ORDER BY seq") {
                    r.events.append(.init(seq: row[0], after: 0, id: row[1], at: row[2], by: row[3], kind: row[4], incident: row[5], payload: row[6], exercise: row[7], previous: row[8], hash: row[9]))
                }
                if try db.tableExists("journal") {
                    for row in try Row.fetchAll(db, sql: "SELECT seq, after, id, at, operator, kind, drill, payload, prev_hash, hash FROM journal ORDER BY seq") {
                        r.journal.append(
                            .init(seq: row[0], after: row[1], id: row[2], at: row[3], by: row[4], kind: row[5], incident: nil, payload: row[7], exercise: row[6], previous: row[8], hash: row[9]))
                    }
                    if let head = try Row.fetchOne(db, sql: "SELECT seq, hash, journal_seq, journal_hash FROM head WHERE one = 1") {
                        r.head = StorePosition(log: head[0], journal: head[2])
                        r.headHash = head[1]
                        r.journalHeadHash = head[3]
                    }
                } else if let head = try Row.fetchOne(db, sql: "SELECT seq, hash FROM head WHERE one = 1") {
                    r.head = StorePosition(log: head[0], journal: 0)
                    r.headHash = head[1]
                }
                if try db.tableExists("checkpoints") {
                    for row in try Row.fetchAll(db, sql: "SELECT id, public_key, added FROM signing_keys ORDER BY id") {
                        r.keys.append(.init(id: row[0], publicKey: row[1], added: row[2]))
                    }
                    for row in try Row.fetchAll(
                        db,
                        sql:
                            "SELECT c.log_seq, c.log_hash, c.journal_seq, c.journal_hash, c.at, k.public_key, c.signature, c.key_id FROM checkpoints c LEFT JOIN signing_keys k ON k.id = c.key_id ORDER BY c.n"
                    ) {
                        let c = Checkpoint(logSequence: row[0], logHash: row[1], journalSequence: row[2], journalHash: row[3], at: row[4], publicKey: (row[5] as String?) ?? "", signature: row[6])
                        r.checkpoints.append(.init(checkpoint: c, keyID: row[7]))
                    }
                }
                return r
            }
        } catch {
            throw Self.mapped(error, location, busyTimeout: busyTimeout)
        }
    }

    public func restore(_ record: StoredRecord) throws(StoreError) {
        try StoreCopy.check(record, location)
        if let writeRefusal { throw writeRefusal }
        do {
            try database.write { db in
                for e in record.events {
                    try db.cachedStatement(sql: "INSERT INTO events (seq, id, at, operator, kind, incident, payload, exercise, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .execute(arguments: [e.seq, e.id, e.at, e.by, e.kind, e.incident, e.payload, e.exercise, e.previous, e.hash])
                }
                for j in record.journal {
                    try db.cachedStatement(sql: "INSERT INTO journal (seq, after, id, at, operator, kind, drill, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .execute(arguments: [j.seq, j.after, j.id, j.at, j.by, j.kind, j.exercise, j.payload, j.previous, j.hash])
                }
                try db.execute(
                    sql: "UPDATE head SET seq = ?, hash = ?, journal_seq = ?, journal_hash = ? WHERE one = 1",
                    arguments: [record.head.log, record.headHash, record.head.journal, record.journalHeadHash])
                for k in record.keys {
                    try db.execute(sql: "INSERT OR IGNORE INTO signing_keys (id, public_key, added) VALUES (?, ?, ?)", arguments: [k.id, k.publicKey, k.added])
                }
                for s in record.checkpoints {
                    let c = s.checkpoint
                    try db.execute(
                        sql: "INSERT INTO checkpoints (log_seq, log_hash, journal_seq, journal_hash, at, key_id, signature) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        arguments: [c.logSequence, c.logHash, c.journalSequence, c.journalHash, c.at, s.keyID, c.signature])
                }
            }
        } catch {
            throw Self.mapped(error, location, busyTimeout: busyTimeout)
        }
    }
}
