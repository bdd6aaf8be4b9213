import CommandModel
import Crypto
import Foundation
import GRDB

/// What `verify` checks beyond the chain.
public struct VerifyOptions: Sendable {
    /// The public keys whose checkpoints count; nil trusts the keys stored in the file (which
    /// anyone who can write the file could have replaced: said in the report's notes).
    public var trustedKeys: [Curve25519.Signing.PublicKey]?
    /// Heads exported earlier (`verify --export-head`) that the store must still extend.
    public var exportedHeads: [Checkpoint]
    /// Re-fold the whole log and compare it with every stored snapshot.
    public var deep: Bool

    public init(trustedKeys: [Curve25519.Signing.PublicKey]? = nil, exportedHeads: [Checkpoint] = [], deep: Bool = false) {
        self.trustedKeys = trustedKeys
        self.exportedHeads = exportedHeads
        self.deep = deep
    }
}

extension SQLiteEventStore {
    /// The keys a verification of this store trusts by default: the public half of the
    /// signing key, when this process can read it; nil otherwise (the stored keys are used).
    public var standardTrustedKeys: [Curve25519.Signing.PublicKey]? {
        switch SigningKey.load(path: SigningKey.path(forStore: location)) {
        case let .found(k): [k.publicKey]
        case .absent, .unusable: nil
        }
    }

    /// `verify(options:)` with the standard trusted keys.
    public func verify(progress: (Int64, Int64) -> Void) throws(StoreError) -> VerificationReport {
        try verify(options: VerifyOptions(trustedKeys: standardTrustedKeys), progress: progress)
    }

    /// Recomputes every hash from the stored columns, checks the links, the sequence numbers,
    /// the head record and that every payload still reads; checks every signed checkpoint (its
    /// signature, its key, and that the chain still has the hashes it signed) and every
    /// snapshot's digest; then SQLite's own integrity check. Names the first bad sequence
    /// number: where the chain breaks, or the first event after the last good checkpoint.
    public func verify(options: VerifyOptions, progress: (Int64, Int64) -> Void) throws(StoreError) -> VerificationReport {
        var report = try verifyRecord(options: options, progress: progress)
        if options.deep {
            for p in try refoldAndCompareSnapshots() where report.problems.count < 40 { report.problems.append(p) }
        }
        return report
    }

    private func verifyRecord(options: VerifyOptions, progress: (Int64, Int64) -> Void) throws(StoreError) -> VerificationReport {
        let hasCheckpoints = self.hasCheckpoints
        do {
            return try database.read { db in
                let integrity = (try String.fetchAll(db, sql: "PRAGMA integrity_check")).joined(separator: "; ")
                let total = try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM events") ?? 0
                var report = VerificationReport(events: total, firstBadSequence: nil, problems: [], integrity: integrity)
                let stored = hasCheckpoints ? try Self.checkpoints(db) : []
                report.checkpoints = stored.count
                let all = stored + options.exportedHeads
                // The chain's hashes at the positions the checkpoints name (0: before the first).
                let logWanted = Set(all.map(\.logSequence)), journalWanted = Set(all.map(\.journalSequence))
                func bad(_ seq: Int64, _ text: Bilingual) {
                    if report.firstBadSequence == nil { report.firstBadSequence = seq }
                    if report.problems.count < 20 { report.problems.append(text) }
                }
                // A broken journal leaves the log's numbering alone: it is reported as a problem.
                func journalBad(_ text: Bilingual) {
                    if report.problems.count < 20 { report.problems.append(text) }
                }
                var walk = ChainWalk(wanted: logWanted)
                let rows = try Row.fetchCursor(db, sql: "SELECT seq, id, at, operator, kind, incident, payload, exercise, prev_hash, hash FROM events ORDER BY seq")
                while let row = try rows.next() {
                    let seq: Int64 = row[0]
                    walk.check(seq: seq, id: row[1], at: row[2], by: row[3], kind: row[4], incident: row[5], payload: row[6], exercise: row[7], prev: row[8], hash: row[9], bad)
                    if seq % 10_000 == 0 { progress(seq, total) }
                }
                if let head = try Row.fetchOne(db, sql: "SELECT seq, hash FROM head WHERE one = 1") {
                    walk.checkHead(seq: head[0], hash: head[1], bad)
                } else {
                    bad(walk.expected, Bilingual("the head record is missing", "头记录缺失"))
                }
                // The drill journal: its own chain, each entry after a log event that exists (a
                // store from before the journal, opened read-only, has none to check).
                guard try db.tableExists("journal") else {
                    Self.judge(all, stored: stored.count, walk.hashAt, [0: EventCodec.genesis], lastLog: walk.last, lastJournal: 0, options, &report)
                    progress(total, total)
                    return report
                }
                var journal = JournalWalk(wanted: journalWanted, logEnd: total)
                let entries = try Row.fetchCursor(db, sql: "SELECT seq, after, id, at, operator, kind, drill, payload, prev_hash, hash FROM journal ORDER BY seq")
                while let row = try entries.next() {
                    journal.check(seq: row[0], after: row[1], id: row[2], at: row[3], by: row[4], kind: row[5], drill: row[6], payload: row[7], prev: row[8], hash: row[9], journalBad)
                }
                if let head = try Row.fetchOne(db, sql: "SELECT journal_seq, journal_hash FROM head WHERE one = 1") {
                    journal.checkHead(seq: head[0], hash: head[1], journalBad)
                }
                Self.judge(all, stored: stored.count, walk.hashAt, journal.hashAt, lastLog: walk.last, lastJournal: journal.last, options, &report)
                if hasCheckpoints { try Self.checkSnapshots(db, &report) }
                progress(total, total)
                return report
            }
        } catch {
            throw Self.mapped(error, location, busyTimeout: busyTimeout)
        }
    }
}
