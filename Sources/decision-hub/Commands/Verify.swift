import ArgumentParser
import CommandModel
import EventLog
import Foundation

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the hash chain, the signed checkpoints and the file's integrity. 校验事件链、签名检查点与文件完整性。",
        discussion: """
            Exit status: 0 intact, 3 altered or damaged, 1 the store cannot be read.
            --export-head prints the newest signed head as one line; keep it elsewhere (another site, a printout). \
            --against FILE later proves the store still extends it. With --centres FILE (or DECISION_HUB_CENTRES), \
            the receipts exchanged with other centres are checked against their records too (a mismatch exits 3; \
            a centre that cannot be read is said).
            退出码：0 完好，3 被改动或损坏，1 无法读取事件库。--export-head 输出最新的签名头（一行），请保存在别处；之后用 --against FILE 证明事件库仍延续它。指定 --centres 时，还与其他中心的记录核对回执。
            """)

    @OptionGroup var options: StoreOptions

    @OptionGroup var centresOption: CentresOption

    @Flag(help: "Also re-fold the whole log and compare it with every saved state (snapshot). 同时重放整个日志并与每个保存的状态（快照）比较。")
    var deep = false

    @Flag(help: "Print the newest signed head as one line of JSON, after checking the store. 校验后以一行 JSON 输出最新的签名头。")
    var exportHead = false

    @Option(help: "A head exported earlier (--export-head): prove the store still extends it. 较早导出的签名头：证明事件库仍延续它。")
    var against: String?

    func run() throws {
        let lang = options.language
        var exported: [Checkpoint] = []
        if let against {
            guard let data = FileManager.default.contents(atPath: against) else {
                throw fail(Bilingual("cannot read \(against); check the path", "无法读取 \(against)；请检查路径")(lang))
            }
            guard let head = Checkpoint.parseExport(String(decoding: data, as: UTF8.self)) else {
                throw fail(
                    Bilingual(
                        "\(against) holds no exported head (a line printed by decision-hub verify --export-head); check the file",
                        "\(against) 中没有导出的签名头（decision-hub verify --export-head 输出的一行）；请检查文件")(lang))
            }
            exported = [head]
        }
        do {
            let store = try options.openStore(readOnly: true)
            let showProgress = isatty(STDERR_FILENO) != 0
            let verifyOptions = VerifyOptions(trustedKeys: store.standardTrustedKeys, exportedHeads: exported, deep: deep)
            let report = try store.verify(options: verifyOptions) { done, total in
                if showProgress && total > 50_000 {
                    FileHandle.standardError.write(Data("\r\(Bilingual("checking the record", "校验记录")(lang)) \(done)/\(total)".utf8))
                }
            }
            // The progress line cleared, so the verdict is not written over its leftovers.
            if showProgress && report.events > 50_000 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            // Receipts between centres, against the neighbours' records (with a centres file).
            let receipts: CentreReceipts? = try centresOption.path.map { _ in try CentreReceipts.check(store, network: try centresOption.network(options)) }
            if let receipts { printReceipts(receipts, lang) }
            if report.ok {
                if exportHead {
                    if let receipts, !receipts.ok { throw ExitCode(3) }
                    guard let head = report.lastGoodCheckpoint else {
                        throw fail(
                            Bilingual(
                                "the store holds no signed checkpoint yet; the holder of the signing key writes one at every exit (exec, console, runners)",
                                "事件库中尚无签名检查点；持有签名密钥的进程在每次退出（exec、控制台、运行器）时写入")(lang))
                    }
                    print(head.exportLine)
                    return
                }
                print(Bilingual("ok: \(report.events) events, chain intact, integrity ok", "正常：\(report.events) 条事件，链完整，文件完整性正常")(lang))
                if let head = exported.first {
                    print(Bilingual("the store extends the exported head (event \(head.logSequence), signed \(head.at))", "事件库延续了导出的签名头（第 \(head.logSequence) 条事件，签于 \(head.at)）")(lang))
                }
                printSigned(report, lang)
                // Our chain holds; a receipt that does not match the other centre's is still a fault.
                if let receipts, !receipts.ok { throw ExitCode(3) }
                return
            }
            if let bad = report.firstBadSequence {
                print(Bilingual("TAMPERED: the record breaks at event \(bad)", "已被篡改：记录在第 \(bad) 条事件处断裂")(lang))
            } else {
                print(Bilingual("TAMPERED or damaged:", "已被篡改或损坏：")(lang))
            }
            for p in report.problems { print("  " + p(lang)) }
            if report.integrity != "ok" { print(Bilingual("integrity check: \(report.integrity)", "完整性检查：\(report.integrity)")(lang)) }
            printSigned(report, lang)
            throw ExitCode(3)
        } catch let e as StoreError {
            throw fail(e.text(lang))
        }
    }

    /// The receipts between centres: how many were checked, what does not match, who could not be read.
    func printReceipts(_ r: CentreReceipts, _ lang: Language) {
        if r.ok {
            print(Bilingual("receipts: \(r.checked) checked against the other centres' records, all match", "回执：已与其他中心记录核对 \(r.checked) 份，全部相符")(lang))
        } else {
            print(Bilingual("RECEIPTS DO NOT MATCH: \(r.problems.count) of \(r.checked)", "回执不符：\(r.checked) 份中 \(r.problems.count) 份")(lang))
            for p in r.problems { print("  " + p(lang)) }
        }
        for n in r.notes { print("  " + n(lang)) }
    }

    /// How far the signatures reach, and how old the newest is.
    func printSigned(_ report: VerificationReport, _ lang: Language) {
        if let last = report.lastGoodCheckpoint {
            let age = last.time.map { Bilingual.age(Date().timeIntervalSince($0)) } ?? Bilingual("?", "?")
            print(
                Bilingual(
                    "signed: \(report.checkpoints) checkpoints, the newest good one at event \(last.logSequence), \(age.en) ago (key \(last.keyID)); \(report.unsignedEvents) events after it are not signed yet",
                    "签名：\(report.checkpoints) 个检查点，最新有效的一个在第 \(last.logSequence) 条事件，\(age.zh)前（密钥 \(last.keyID)）；其后 \(report.unsignedEvents) 条事件尚未签名")(lang))
        }
        for n in report.notes { print("  " + n(lang)) }
    }
}
