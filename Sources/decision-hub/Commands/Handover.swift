import ArgumentParser
import CommandModel
import EventLog
import Foundation

/// The shift handover brief from the record, and the incoming officer's acceptance of it.
struct HandoverCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handover",
        abstract: "The shift handover brief from the record; --accept records the incoming officer's acknowledgement. 据记录生成交接班简报；--accept 记录接班确认。",
        discussion: """
            The shift runs from the last accepted handover (else the last 12 hours) to now, unless --since. Drills show as they do \
            on the console: only a drill coordinator (--drills) sees the drills themselves. With --accept, the brief as printed is \
            the one acknowledged: its SHA-256 goes on the record.
            班次为自上次接班确认（否则为最近 12 小时）至今，或由 --since 指定。演练的显示与控制台一致：仅演练导调（--drills）可见演练本身。\
            使用 --accept 时，所确认的即为输出的简报，其 SHA-256 记入记录。
            """)

    @OptionGroup var options: StoreOptions

    @Option(name: .long, help: "Start of the shift, e.g. 2026-12-07T20:00 (centre time). 班次开始时间（中心时间）。")
    var since: String?

    @Flag(name: .long, help: "Plain text (a wallboard), not Markdown. 纯文本，非 Markdown。")
    var text = false

    @Flag(name: .long, help: "Show drills as a drill coordinator sees them. 以演练导调视角显示演练。")
    var drills = false

    @Flag(name: .long, help: "Record that you, the incoming officer, accept this brief. 记录本人接班确认。")
    var accept = false

    @Option(name: .long, help: "The outgoing officer (with --accept). 交班人（与 --accept 同用）。")
    var from: String?

    func run() throws {
        let lang = options.language
        let start = try since.map(centreTime)
        let roster = try options.loadRoster()
        try options.withLedger(roster: roster, resources: true, places: false) { ledger in
            let now = Date()
            let state = ledger.state
            let from = start ?? state.shiftStart(now: now)
            let events = try ledger.store.events(since: from)
            let brief = HandoverBrief.build(state: state, events: events, plans: ledger.plans, roster: roster, since: from, now: now, coordinator: drills)
            let shown = text ? brief.plainText(lang) : brief.markdown(lang)
            print(shown, terminator: "")
            guard accept else { return }
            for r in try ledger.execute([.handover(.accept(from: self.from, since: from, sha256: SHA256Hex.of(shown)))], operatorName: options.operatorName) {
                printError(LogFormat.line(r, lang, zone: CentreTime.zone))
            }
        }
    }
}

/// A time as typed on the command line, in the centre's zone: `2026-12-07T20:00`.
func centreTime(_ text: String) throws -> Date {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = CentreTime.zone
    f.dateFormat = "yyyy-MM-dd'T'HH:mm"
    guard let d = f.date(from: text) else { throw fail("'\(text)' is not a time like 2026-12-07T20:00 · “\(text)”不是形如 2026-12-07T20:00 的时间", code: 2) }
    return d
}
