import CommandModel
import Foundation
import GRDB

extension SQLiteEventStore {
    /// Signs the head as it is now, unless this process holds no key, the store cannot be
    /// written, or the newest checkpoint already covers the head. Called on every exit of a
    /// console, a runner and `exec`: one signature (~50 µs) and one small transaction.
    /// Returns the checkpoint written, if any.
    @discardableResult
    public func checkpoint(now: Date = Date()) throws(StoreError) -> Checkpoint? {
        guard let signer, writeRefusal == nil, hasCheckpoints else { return nil }
        do {
            // Read first: an exit with nothing new to sign takes no write lock.
            let current = try database.read { db in
                try Row.fetchOne(db, sql: "SELECT h.seq = c.log_seq AND h.journal_seq = c.journal_seq FROM head h, checkpoints c WHERE h.one = 1 ORDER BY c.n DESC LIMIT 1")
                    .map { (row: Row) -> Bool in row[0] } ?? false
            }
            if current { return nil }
            return try database.write { db -> Checkpoint? in
                guard let head = try Row.fetchOne(db, sql: "SELECT seq, hash, journal_seq, journal_hash FROM head WHERE one = 1") else {
                    throw StoreError(.corrupt, path: location, Bilingual("the head record is missing; run decision-hub verify", "头记录缺失；请运行 decision-hub verify"))
                }
                let log: Int64 = head[0], journal: Int64 = head[2]
                if let last = try Row.fetchOne(db, sql: "SELECT log_seq, journal_seq FROM checkpoints ORDER BY n DESC LIMIT 1"), last[0] == log, last[1] == journal {
                    return nil
                }
                let c = Checkpoint.sign(log: log, logHash: head[1], journal: journal, journalHash: head[3], at: now, key: signer)
                try Self.insertCheckpoint(db, c, key: signer)
                return c
            }
        } catch {
            throw Self.mapped(error, location, busyTimeout: busyTimeout)
        }
    }

    /// Writes a signed checkpoint (and its public key, the first time the key signs here).
    static func insertCheckpoint(_ db: Database, _ c: Checkpoint, key: SigningKey) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO signing_keys (id, public_key, added) VALUES (?, ?, ?)").execute(arguments: [key.id, c.publicKey, c.at])
        try db.cachedStatement(sql: "INSERT INTO checkpoints (log_seq, log_hash, journal_seq, journal_hash, at, key_id, signature) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [c.logSequence, c.logHash, c.journalSequence, c.journalHash, c.at, key.id, c.signature])
    }

    /// Every stored checkpoint, oldest first, with the public key its row names (empty when the
    /// key is not in the store: such a checkpoint never verifies).
    public func checkpoints() throws(StoreError) -> [Checkpoint] {
        guard hasCheckpoints else { return [] }
        do {
            return try database.read { db in try Self.checkpoints(db) }
        } catch {
            throw Self.mapped(error, location, busyTimeout: busyTimeout)
        }
    }

    static func checkpoints(_ db: Database, newestOnly: Bool = false) throws -> [Checkpoint] {
        let rows = try SQLiteEventStore.rows(
            db,
            sql: """
                SELECT c.log_seq, c.log_hash, c.journal_seq, c.journal_hash, c.at, k.public_key, c.signature
                FROM checkpoints c LEFT JOIN signing_keys k ON k.id = c.key_id ORDER BY c.n \(newestOnly ? "DESC LIMIT 1" : "")
                """)
        return rows.map { r in
            Checkpoint(logSequence: r[0], logHash: r[1], journalSequence: r[2], journalHash: r[3], at: r[4], publicKey: (r[5] as String?) ?? "", signature: r[6])
        }
    }

    /// What is wrong with one checkpoint against the record as it is now, or nil: its signature,
    /// and the hashes at the positions it signed (two indexed reads: cheap enough for every
    /// writer's opening).
    static func mismatch(_ db: Database, _ c: Checkpoint) throws -> Bilingual? {
        if !c.signatureIsValid { return Bilingual("its signature does not verify", "其签名无法验证") }
        let log = c.logSequence == 0 ? EventCodec.genesis : try String.fetchOne(db, sql: "SELECT hash FROM events WHERE seq = ?", arguments: [c.logSequence])
        if log != c.logHash { return Bilingual("event \(c.logSequence) is gone or was rewritten", "第 \(c.logSequence) 条事件已不存在或被改写") }
        let journal = c.journalSequence == 0 ? EventCodec.genesis : try String.fetchOne(db, sql: "SELECT hash FROM journal WHERE seq = ?", arguments: [c.journalSequence])
        if journal != c.journalHash { return Bilingual("drill journal entry \(c.journalSequence) is gone or was rewritten", "演练日志第 \(c.journalSequence) 条已不存在或被改写") }
        return nil
    }
}
