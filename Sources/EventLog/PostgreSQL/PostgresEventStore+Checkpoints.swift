import CommandModel
import Crypto
import Foundation
import PostgresNIO

extension PostgresEventStore {
    /// Signs the head as it is now, unless this process holds no key, the store cannot be
    /// written, or the newest checkpoint already covers the head. Returns the checkpoint written.
    @discardableResult
    public func checkpoint(now: Date = Date()) throws(StoreError) -> Checkpoint? {
        guard let signer, writeRefusal == nil, !readOnly else { return nil }
        return try locked { () throws(StoreError) -> Checkpoint? in
            try transaction { () throws(StoreError) -> (value: Checkpoint?, commit: Bool) in
                guard let head = try runLocked("SELECT seq, hash, journal_seq, journal_hash FROM head WHERE one = 1 FOR UPDATE").first else {
                    throw StoreError(.corrupt, path: location, Bilingual("the head record is missing; run decision-hub verify", "头记录缺失；请运行 decision-hub verify"))
                }
                let log = try Self.int(head, 0, location), journal = try Self.int(head, 2, location)
                if let last = try runLocked("SELECT log_seq, journal_seq FROM checkpoints ORDER BY n DESC LIMIT 1").first,
                    try Self.int(last, 0, location) == log, try Self.int(last, 1, location) == journal
                {
                    return (nil, false)
                }
                let c = Checkpoint.sign(log: log, logHash: try Self.text(head, 1, location), journal: journal, journalHash: try Self.text(head, 3, location), at: now, key: signer)
                try insertCheckpointLocked(c, key: signer)
                return (c, true)
            }
        }
    }

    /// Writes a signed checkpoint (and its public key, the first time the key signs here),
    /// inside a transaction that holds the head's lock.
    func insertCheckpointLocked(_ c: Checkpoint, key: SigningKey) throws(StoreError) {
        for q in Self.checkpointStatements(c, key: key) { try runLocked(q) }
    }

    static func checkpointStatements(_ c: Checkpoint, key: SigningKey) -> [PostgresQuery] {
        [
            "INSERT INTO signing_keys (id, public_key, added) VALUES (\(key.id), \(c.publicKey), \(c.at)) ON CONFLICT (id) DO NOTHING",
            """
            INSERT INTO checkpoints (n, log_seq, log_hash, journal_seq, journal_hash, at, key_id, signature)
            VALUES ((SELECT COALESCE(MAX(n), 0) + 1 FROM checkpoints), \(c.logSequence), \(c.logHash), \(c.journalSequence), \(c.journalHash), \(c.at), \(key.id), \(c.signature))
            """,
        ]
    }

    /// Every stored checkpoint, oldest first.
    public func checkpoints() throws(StoreError) -> [Checkpoint] {
        try locked { () throws(StoreError) -> [Checkpoint] in try checkpointsLocked(newestOnly: false) }
    }

    func checkpointsLocked(newestOnly: Bool) throws(StoreError) -> [Checkpoint] {
        let rows = try runLocked(
            PostgresQuery(
                unsafeSQL: """
                    SELECT c.log_seq, c.log_hash, c.journal_seq, c.journal_hash, c.at, k.public_key, c.signature
                    FROM checkpoints c LEFT JOIN signing_keys k ON k.id = c.key_id ORDER BY c.n \(newestOnly ? "DESC LIMIT 1" : "")
                    """))
        var out: [Checkpoint] = []
        for r in rows {
            out.append(
                Checkpoint(
                    logSequence: try Self.int(r, 0, location), logHash: try Self.text(r, 1, location), journalSequence: try Self.int(r, 2, location),
                    journalHash: try Self.text(r, 3, location), at: try Self.text(r, 4, location), publicKey: (try? r[5].decode(String?.self)).flatMap { $0 } ?? "",
                    signature: try Self.text(r, 6, location)))
        }
        return out
    }

    /// What is wrong with one checkpoint against the record as it is now, or nil.
    func mismatchLocked(_ c: Checkpoint) throws(StoreError) -> Bilingual? {
        if !c.signatureIsValid { return Bilingual("its signature does not verify", "其签名无法验证") }
        let log = c.logSequence == 0 ? EventCodec.genesis : try runLocked("SELECT hash FROM events WHERE seq = \(c.logSequence)").first.flatMap { try? $0[0].decode(String.self) }
        if log != c.logHash { return Bilingual("event \(c.logSequence) is gone or was rewritten", "第 \(c.logSequence) 条事件已不存在或被改写") }
        let journal =
            c.journalSequence == 0 ? EventCodec.genesis : try runLocked("SELECT hash FROM journal WHERE seq = \(c.journalSequence)").first.flatMap { try? $0[0].decode(String.self) }
        if journal != c.journalHash { return Bilingual("drill journal entry \(c.journalSequence) is gone or was rewritten", "演练日志第 \(c.journalSequence) 条已不存在或被改写") }
        return nil
    }

    /// The keys a verification trusts by default: the public half of the centre's key, when
    /// this process can read it.
    public var standardTrustedKeys: [Curve25519.Signing.PublicKey]? {
        switch SigningKey.load(path: Self.keyPath(url)) {
        case let .found(k): [k.publicKey]
        case .absent, .unusable: nil
        }
    }
}
