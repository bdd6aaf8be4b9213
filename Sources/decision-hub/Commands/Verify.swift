import ArgumentParser
import CommandModel
import EventLog
import Foundation

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the hash chain and the file's integrity. 校验事件链与文件完整性。")

    @OptionGroup var options: StoreOptions

    func run() throws {
        let lang = options.language
        do {
            let store = try options.openStore(readOnly: true)
            let showProgress = isatty(STDERR_FILENO) != 0
            let report = try store.verify { done, total in
                if showProgress && total > 50_000 { FileHandle.standardError.write(Data("\r\(done)/\(total)".utf8)) }
            }
            if showProgress && report.events > 50_000 { FileHandle.standardError.write(Data("\r".utf8)) }
            if report.ok {
                print(Bilingual("ok: \(report.events) events, chain intact, integrity ok", "正常：\(report.events) 条事件，链完整，文件完整性正常")(lang))
                return
            }
            if let bad = report.firstBadSequence {
                print(Bilingual("TAMPERED: the chain breaks at event \(bad)", "已被篡改：事件链在第 \(bad) 条处断裂")(lang))
            }
            for p in report.problems { print("  " + p(lang)) }
            if report.integrity != "ok" { print(Bilingual("integrity check: \(report.integrity)", "完整性检查：\(report.integrity)")(lang)) }
            throw ExitCode(3)
        } catch let e as StoreError {
            throw fail(e.text(lang))
        }
    }
}
