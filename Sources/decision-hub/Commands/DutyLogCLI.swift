import ArgumentParser
import CommandModel
import EventLog
import Foundation

/// Duty logs per position (ICS 214) from the record, for printing or export.
struct DutyLogCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dutylog",
        abstract: "Duty logs per position (ICS 214) from the record: Markdown, text or CSV. 据记录生成各岗位值班日志（ICS 214）：Markdown、文本或 CSV。",
        discussion: """
            The period runs from the last accepted handover (else the last 12 hours) to now, unless --since/--until. Each person who \
            acted gets a log: their position from the roster (--roster) and every action of theirs on the record.
            时段为自上次接班确认（否则为最近 12 小时）至今，或由 --since/--until 指定。每位有操作的人员一份日志：岗位取自值班表，及其在记录中的全部操作。
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case markdown, text, csv }

    @OptionGroup var options: StoreOptions

    @Option(name: .long, help: "Start, e.g. 2026-12-07T20:00 (centre time). 开始时间（中心时间）。")
    var since: String?

    @Option(name: .long, help: "End, e.g. 2026-12-08T08:00 (centre time; default now). 结束时间（默认当前）。")
    var until: String?

    @Option(name: .long, help: "Only this operator's log (as the record names them). 仅该操作员的日志。")
    var of: String?

    @Option(name: .long, help: "markdown, text or csv. 输出格式。")
    var format: Format = .markdown

    @Flag(name: .long, help: "Show drills as a drill coordinator sees them. 以演练导调视角显示演练。")
    var drills = false

    func run() throws {
        let lang = options.language
        let start = try since.map(centreTime)
        let end = try until.map(centreTime) ?? Date()
        let roster = try options.loadRoster()
        try options.withLedger(roster: roster) { ledger in
            let from = start ?? ledger.state.shiftStart(now: end)
            let events = try ledger.store.events(since: from)
            let logs = DutyLog.build(events: events, state: ledger.state, roster: roster, from: from, to: end, only: of, coordinator: drills)
            if logs.isEmpty { printError(Bilingual("nobody acted in the period", "该时段内无操作记录")(lang)) }
            switch format {
            case .csv: print(DutyLog.csv(logs, lang), terminator: "")
            case .markdown: print(logs.map { $0.markdown(lang) }.joined(separator: "\n"), terminator: "")
            case .text: print(logs.map { $0.plainText(lang) }.joined(separator: "\n"), terminator: "")
            }
        }
    }
}
