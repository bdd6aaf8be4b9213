import CommandModel
import Crypto
import Foundation
import PostgresNIO

extension PostgresEventStore {
    /// `verify(options:)` with the standard trusted keys.
    public func verify(progress: (Int64, Int64) -> Void) throws(StoreError) -> VerificationReport {
        try verify(options: VerifyOptions(trustedKeys: standardTrustedKeys), progress: progress)
    }

    /// The same checks as on SQLite: every hash recomputed from the stored columns, the links,
    /// the sequence numbers, the head record, every payload; every signed checkpoint against the
    /// chain; every snapshot's digest. Read in one repeatable-read transaction (one moment),
    /// a page of events at a time.
    public func verify(options: VerifyOptions, progress: (Int64, Int64) -> Void) throws(StoreError) -> VerificationReport {
        var report = try locked { () throws(StoreError) -> VerificationReport in
            try runLocked("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            defer { rollbackQuietly() }
            return try verifyRecordLocked(options: options, progress: progress)
        }
        if options.deep {
            for p in try deepCheck() where report.problems.count < 40 { report.problems.append(p) }
        }
        return report
    }

    private func verifyRecordLocked(options: VerifyOptions, progress: (Int64, Int64) -> Void) throws(StoreError) -> VerificationReport {
        let total = try Self.int(try runLocked("SELECT COUNT(*) FROM events").first, 0, location)
        var report = VerificationReport(events: total, firstBadSequence: nil, problems: [], integrity: "ok")
        let stored = try checkpointsLocked(newestOnly: false)
        report.checkpoints = stored.count
        let all = stored + options.exportedHeads
        let logWanted = Set(all.map(\.logSequence)), journalWanted = Set(all.map(\.journalSequence))
        func bad(_ seq: Int64, _ text: Bilingual) {
            if report.firstBadSequence == nil { report.firstBadSequence = seq }
            if report.problems.count < 20 { report.problems.append(text) }
        }
        func journalBad(_ text: Bilingual) {
            if report.problems.count < 20 { report.problems.append(text) }
        }
        var walk = ChainWalk(wanted: logWanted)
        var cursor: Int64 = Int64.min
        while true {
            let rows = try runLocked(
                "SELECT seq, id, at, operator, kind, incident, payload, exercise, prev_hash, hash FROM events WHERE seq > \(cursor) ORDER BY seq LIMIT 5000")
            if rows.isEmpty { break }
            for row in rows {
                let seq = try Self.int(row, 0, location)
                cursor = seq
                walk.check(
                    seq: seq, id: try Self.text(row, 1, location), at: try Self.text(row, 2, location), by: try Self.text(row, 3, location), kind: try Self.text(row, 4, location),
                    incident: (try? row[5].decode(String?.self)).flatMap { $0 }, payload: try Self.text(row, 6, location), exercise: (try? row[7].decode(String?.self)).flatMap { $0 },
                    prev: try Self.text(row, 8, location), hash: try Self.text(row, 9, location), bad)
            }
            progress(cursor, total)
        }
        guard let head = try runLocked("SELECT seq, hash, journal_seq, journal_hash FROM head WHERE one = 1").first else {
            bad(walk.expected, Bilingual("the head record is missing", "头记录缺失"))
            SQLiteEventStore.judge(all, stored: stored.count, walk.hashAt, [0: EventCodec.genesis], lastLog: walk.last, lastJournal: 0, options, &report)
            return report
        }
        walk.checkHead(seq: try Self.int(head, 0, location), hash: try Self.text(head, 1, location), bad)
        var journal = JournalWalk(wanted: journalWanted, logEnd: total)
        for row in try runLocked("SELECT seq, after, id, at, operator, kind, drill, payload, prev_hash, hash FROM journal ORDER BY seq") {
            journal.check(
                seq: try Self.int(row, 0, location), after: try Self.int(row, 1, location), id: try Self.text(row, 2, location), at: try Self.text(row, 3, location),
                by: try Self.text(row, 4, location), kind: try Self.text(row, 5, location), drill: try Self.text(row, 6, location), payload: try Self.text(row, 7, location),
                prev: try Self.text(row, 8, location), hash: try Self.text(row, 9, location), journalBad)
        }
        journal.checkHead(seq: try Self.int(head, 2, location), hash: try Self.text(head, 3, location), journalBad)
        SQLiteEventStore.judge(all, stored: stored.count, walk.hashAt, journal.hashAt, lastLog: walk.last, lastJournal: journal.last, options, &report)
        // Each stored snapshot of the current format: bytes against digest, hash against chain.
        for row in try runLocked("SELECT seq, hash, model, state, digest FROM snapshots ORDER BY seq") {
            guard (try? row[2].decode(Int.self)) == SQLiteEventStore.modelVersion, let digest = try? row[4].decode(String.self), let data = try? row[3].decode(Data.self) else { continue }
            let seq = try Self.int(row, 0, location)
            let problem: Bilingual?
            if let p = try snapshotProblemLocked(seq: seq, hash: try Self.text(row, 1, location), data: data, digest: digest) {
                problem = p
            } else if SnapshotCodec.decode(data)?.sequence != seq {
                problem = SQLiteEventStore.snapshotWarning(seq, Bilingual("it does not decode to event \(seq)", "无法解码为第 \(seq) 条时的状态"))
            } else {
                problem = nil
            }
            if let problem, report.problems.count < 20 { report.problems.append(problem) }
        }
        progress(total, total)
        return report
    }

    /// Folds the whole record again and compares the state with every stored snapshot.
    private func deepCheck() throws(StoreError) -> [Bilingual] {
        let saved = try locked { () throws(StoreError) -> [(Int64, CommandState?)] in
            var out: [(Int64, CommandState?)] = []
            for row in try runLocked("SELECT seq, state FROM snapshots WHERE model = \(SQLiteEventStore.modelVersion) ORDER BY seq") {
                out.append((try Self.int(row, 0, location), (try? row[1].decode(Data.self)).flatMap { SnapshotCodec.decode($0) }))
            }
            return out
        }
        return try Refold.compare(self, saved)
    }
}
