import ArgumentParser
import CommandModel
import ConsoleUI
import EventLog
import Foundation

struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "doctor", abstract: "Report the terminal, locale, ncurses and store this console would use. 诊断运行环境。")

    @OptionGroup var options: StoreOptions

    func run() throws {
        TerminalEnvironment.adoptLocale()
        let env = options.environment
        let zh = options.language == .zh
        func line(_ en: String, _ zhLabel: String, _ value: String) { print("\(zh ? zhLabel : en): \(value)") }
        line("decision-hub", "决策中枢版本", DecisionHub.version)
        line("terminal (TERM)", "终端 (TERM)", env["TERM"] ?? "(unset)")
        line("locale codeset", "字符集", TerminalEnvironment.codeset + (TerminalEnvironment.isUTF8 ? "" : zh ? "（非 UTF-8：将使用 ASCII 符号）" : " (not UTF-8: ASCII glyphs will be used)"))
        line("ncurses", "ncurses", TerminalEnvironment.ncursesVersion)
        let (path, isDefault) = options.storePath
        line("store", "事件库", path + (isDefault ? (zh ? "（默认）" : " (default)") : ""))
        let exists = FileManager.default.fileExists(atPath: path)
        if exists {
            do {
                let store = try SQLiteEventStore(path: path, readOnly: true)
                line("store events", "事件数", String(try store.head()))
                line("journal / synchronous", "日志模式 / 同步", "\(try store.journalMode()) / \(try store.synchronousMode() == 2 ? "FULL" : "not FULL")")
            } catch {
                line("store problem", "事件库问题", error.text(options.language))
            }
        } else {
            line(
                "store exists", "事件库存在", isDefault ? (zh ? "否（首次使用时创建）" : "no (created on first use)") : (zh ? "否：请运行 decision-hub init --store \(path)" : "no: run decision-hub init --store \(path)"))
        }
        line("operator", "操作员", options.operatorName)
        line("language", "语言", options.language.rawValue)
        if let r = ResourceFiles.locate() {
            line("resources", "资源目录", r.root.path)
            let (book, issues) = r.plans()
            line("plans", "预案", "\(book.criteria.count) criteria, \(book.cards.count) run cards, \(book.reporting.count) reporting rules" + (issues.isEmpty ? "" : ", \(issues.count) problems"))
            for i in issues { print("  " + i.text(options.language)) }
        } else {
            line("resources", "资源目录", zh ? "未找到（请设置 DECISION_HUB_RESOURCES）" : "not found (set DECISION_HUB_RESOURCES)")
        }
    }
}
