import CommandModel
import Crypto
import Foundation
import GRDB

extension SQLiteEventStore {
    /// Judges every checkpoint (stored ones first, then exported heads) against the hashes the
    /// chain holds at their positions: a bad signature, a key that is not trusted, a hash that
    /// changed, or a position the record no longer reaches is a problem; the first bad
    /// sequence is then the first event after the last good checkpoint.
    static func judge(
        _ all: [Checkpoint], stored: Int, _ logHashAt: [Int64: String], _ journalHashAt: [Int64: String], lastLog: Int64, lastJournal: Int64, _ options: VerifyOptions,
        _ report: inout VerificationReport
    ) {
        var trusted = options.trustedKeys.map { Set($0.map(\.rawRepresentation)) }
        // An exported head kept elsewhere says which key is the centre's.
        for head in options.exportedHeads { if let k = head.key { trusted = (trusted ?? []).union([k.rawRepresentation]) } }
        report.keyPinned = trusted != nil
        var firstBad: Int64?
        var goodLogs: [Int64] = []
        for (index, c) in all.enumerated() {
            let name =
                index < stored
                ? Bilingual("checkpoint \(index + 1) (event \(c.logSequence), signed \(c.at))", "检查点 \(index + 1)（第 \(c.logSequence) 条事件，签于 \(c.at)）")
                : Bilingual("the exported head (event \(c.logSequence), signed \(c.at))", "导出的签名头（第 \(c.logSequence) 条事件，签于 \(c.at)）")
            var why: [Bilingual] = []
            if !c.signatureIsValid {
                why.append(Bilingual("its signature does not verify: it was altered or forged", "其签名无法验证：已被修改或伪造"))
            } else if let trusted, let k = c.key, !trusted.contains(k.rawRepresentation) {
                why.append(Bilingual("it is signed by key \(c.keyID), which is not the centre's key", "其签名密钥 \(c.keyID) 不是中心的密钥"))
            }
            if c.logSequence > lastLog {
                why.append(
                    Bilingual("it covers event \(c.logSequence), but the log now ends at \(lastLog): events were removed from the end", "其覆盖至第 \(c.logSequence) 条事件，但日志现止于第 \(lastLog) 条：末尾事件被删除"))
            } else if logHashAt[c.logSequence] != c.logHash {
                why.append(Bilingual("event \(c.logSequence) no longer has the hash that was signed: the log was rewritten", "第 \(c.logSequence) 条事件的哈希已不是签名时的哈希：日志被改写"))
            }
            if c.journalSequence > lastJournal {
                why.append(
                    Bilingual(
                        "it covers drill journal entry \(c.journalSequence), but the journal now ends at \(lastJournal): the journal was erased or cut short",
                        "其覆盖至演练日志第 \(c.journalSequence) 条，但演练日志现止于第 \(lastJournal) 条：演练日志被清除或截短"))
            } else if journalHashAt[c.journalSequence] != c.journalHash {
                why.append(Bilingual("drill journal entry \(c.journalSequence) no longer has the hash that was signed: the journal was rewritten", "演练日志第 \(c.journalSequence) 条的哈希已不是签名时的哈希：演练日志被改写"))
            }
            if why.isEmpty {
                goodLogs.append(c.logSequence)
                if index < stored, c.logSequence >= (report.lastGoodCheckpoint?.logSequence ?? -1) { report.lastGoodCheckpoint = c }
                continue
            }
            firstBad = min(firstBad ?? c.logSequence, c.logSequence)
            if report.problems.count < 20 {
                report.problems.append(Bilingual("\(name.en): " + why.map(\.en).joined(separator: "; "), "\(name.zh)：" + why.map(\.zh).joined(separator: "；")))
            }
        }
        if let firstBad {
            let lastGood = goodLogs.filter { $0 < firstBad }.max() ?? 0
            let named = lastGood + 1
            report.firstBadSequence = min(report.firstBadSequence ?? named, named)
            report.problems.insert(
                Bilingual(
                    "the record differs from what was signed after event \(lastGood): check from event \(named) on against a backup or a printed head",
                    "记录与签名内容自第 \(lastGood) 条事件之后不符：请从第 \(named) 条事件起与备份或打印的签名头核对"), at: 0)
        }
        if stored == 0 {
            report.notes.append(
                Bilingual(
                    "no signed checkpoint: nothing proves these events were not rewritten. The holder of the signing key signs at every exit and every \(1_000) events (decision-hub init creates the key)",
                    "没有签名检查点：无法证明这些事件未被改写。持有签名密钥的进程在每次退出及每 \(1_000) 条事件时签名（decision-hub init 会创建密钥）"))
        } else if trusted == nil {
            let ids = Set(all.map(\.keyID)).sorted().joined(separator: ", ")
            report.notes.append(
                Bilingual(
                    "signatures were checked with the key stored in the file (\(ids)), not one from outside it: someone who can write the file could have replaced it. Compare the id with the one decision-hub init printed, or use --against an exported head",
                    "签名是用文件中保存的公钥（\(ids)）验证的，而非外部提供的公钥：能写入该文件的人可能已将其替换。请与 decision-hub init 输出的密钥编号核对，或使用 --against 导出的签名头"))
        }
    }

    /// Each stored snapshot of the current format: its bytes against their digest, the chain
    /// hash it was folded from against the log's, and that it decodes to its position.
    static func checkSnapshots(_ db: Database, _ report: inout VerificationReport) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT seq, hash, model, state, digest FROM snapshots ORDER BY seq")
        for row in rows {
            let seq: Int64 = row[0]
            let model: Int = row[2]
            let data: Data = row[3]
            guard model == modelVersion, let digest = row[4] as String? else { continue }
            let problem: Bilingual?
            // A split snapshot's archive: present, whole, and what the snapshot recorded.
            var archive: IncidentArchive?
            var archiveProblem: Bilingual?
            if case let reference?? = SnapshotCodec.archiveReference(data) {
                let saved = try Row.fetchOne(db, sql: "SELECT digest, data FROM snapshot_archives WHERE seq = ?", arguments: [reference.sequence])
                if let saved, saved[0] as String == reference.digest, let bytes = saved[1] as Data?, Self.digest(bytes) == reference.digest,
                    let incidents = SnapshotCodec.decodeArchive(bytes), incidents.count == reference.count
                {
                    archive = IncidentArchive(sequence: reference.sequence, incidents: incidents, digest: reference.digest)
                } else {
                    archiveProblem = snapshotWarning(
                        seq, Bilingual("its closed incidents (saved at event \(reference.sequence)) are missing or altered", "其已结束事件存档（第 \(reference.sequence) 条事件处保存）缺失或被修改"))
                }
            }
            if let p = try snapshotProblem(db, seq: seq, hash: row[1], data: data, digest: digest) {
                problem = p
            } else if let archiveProblem {
                problem = archiveProblem
            } else if SnapshotCodec.decode(data, archive: { _ in archive })?.sequence != seq {
                problem = snapshotWarning(seq, Bilingual("it does not decode to event \(seq)", "无法解码为第 \(seq) 条时的状态"))
            } else {
                problem = nil
            }
            if let problem, report.problems.count < 20 { report.problems.append(problem) }
        }
    }

    /// Folds the whole record again, log and drill journal in their one order, and compares
    /// the state with every stored snapshot of the current format at its position.
    func refoldAndCompareSnapshots() throws(StoreError) -> [Bilingual] {
        guard hasCheckpoints else { return [] }
        let saved: [(seq: Int64, state: CommandState?)]
        do {
            saved = try database.read { db in
                try Row.fetchAll(db, sql: "SELECT seq, state FROM snapshots WHERE model = ? ORDER BY seq", arguments: [Self.modelVersion]).map { row in
                    let data: Data = row[1]
                    // A split snapshot is compared whole: its archive read in (or rebuilt).
                    var archive: IncidentArchive?
                    if case let reference?? = SnapshotCodec.archiveReference(data) { archive = try self.archive(db, reference) }
                    return (row[0], SnapshotCodec.decode(data, archive: { _ in archive }))
                }
            }
        } catch {
            throw Self.mapped(error, location, busyTimeout: busyTimeout)
        }
        return try Refold.compare(
            self, saved.map { ($0.seq, $0.state) },
            remedy: Bilingual(
                "it is ignored only if its digest fails, so remove it: sqlite3 STORE \"DELETE FROM snapshots\"",
                "只有摘要不符时才会被忽略，请删除它：sqlite3 STORE \"DELETE FROM snapshots\""))
    }
}
