import ArgumentParser
import CommandModel
import EventLog
import Foundation

struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "Print the record, readable or as JSON lines. 查看事件记录。")

    @OptionGroup var options: StoreOptions

    @Flag(name: .long, help: "Keep printing new events as they are appended. 持续输出新事件。")
    var follow = false

    @Flag(name: .long, help: "One JSON object per line. 每行一个 JSON 对象。")
    var json = false

    @Option(name: .long, help: "Only events after this sequence number. 只输出此序号之后的事件。")
    var since: Int64 = 0

    @Option(name: .long, help: "Only events about this incident (INC-0042). 只输出该事件相关记录。")
    var incident: String?

    @Flag(name: .long, help: "Leave out exercise events (for real statistics and exports). 排除演练事件（用于真实统计与导出）。")
    var real = false

    @Flag(name: .long, help: "Show drill control events and every exercise mark (drill coordinators only). 显示演练控制事件（仅限导调）。")
    var drills = false

    @OptionGroup var keys: Drill.KeyOptions

    @Flag(name: .long, help: "Times in UTC instead of the centre's time (JSON is always UTC). 以 UTC 显示时间（JSON 始终为 UTC）。")
    var utc = false

    func run() throws {
        let lang = options.language
        var only: IncidentID?
        if let incident {
            guard let id = IncidentID(parsing: incident) else { throw fail(Bilingual("'\(incident)' is not an incident id; write INC-42", "“\(incident)”不是事件编号；应写作 INC-42")(lang), code: 2) }
            only = id
        }
        let codec = EventCodec()
        if drills { try Drill.coordinatorOnly(options, action: "log --drills") }
        // With a drill key, the journal entries sealed to it are shown opened.
        var keyring = DrillKeyring()
        if let key = try keys.read(lang) {
            do throws(Seal.Failure) { try keyring.add(drillKey: key) } catch { throw fail(error.message(lang)) }
        }
        var reader = JournalReader(keyring: keyring)
        do {
            let store = try options.openStore(readOnly: true)
            var visibility = DrillVisibility(controlEvents: try store.drillControlEvents(), reveal: drills)
            var after = since
            // Coordinators asking with --drills also get the drill journal, each entry after the
            // log event it follows.
            var journal: [RecordedEvent] = []
            var journalCursor: Int64 = 0
            func show(_ e: RecordedEvent) {
                if e.journal == nil { visibility.note(e) }
                guard only == nil || e.event.incident == only, let shown = visibility.shown(e) else { return }
                if real && shown.exercise != nil { return }
                print(json ? LogFormat.json(shown, codec: codec) : LogFormat.line(shown, lang, zone: utc ? nil : CentreTime.zone))
            }
            func journalUpTo(_ seq: Int64) {
                while let first = journal.first, first.sequence <= seq {
                    if first.sequence >= since && only == nil { show(first) }
                    journal.removeFirst()
                }
            }
            /// A batch of the log and the journal entries written up to it (read after the batch:
            /// a drill's journal entry is written before any of its events).
            func read(_ events: () throws(StoreError) -> [RecordedEvent]) throws(StoreError) -> (events: [RecordedEvent], journal: [RecordedEvent]) {
                let batch = try events()
                return (batch, try store.journal(after: journalCursor, upTo: .max))
            }
            func emit(_ read: (events: [RecordedEvent], journal: [RecordedEvent])) {
                let events = read.events
                // New drills are learnt before the batch's events are shown, so a blind drill is
                // never shown as one.
                let more = read.journal.map { reader.open($0) }
                for entry in more { visibility.note(entry) }
                if drills { journal += more }
                journalCursor = more.last?.journal ?? journalCursor
                for e in events {
                    journalUpTo(e.sequence - 1)
                    show(e)
                }
                journalUpTo(events.last?.sequence ?? after)
                fflush(nil)
            }
            if let only, !follow {
                emit(try read { () throws(StoreError) in try store.events(incident: only).filter { $0.sequence > since } })
                return
            }
            // Followed, a store that is busy or cannot be reached is waited out (both reads).
            var outage = OutageWait(say: { printError($0(lang)) })
            while true {
                let next = { () throws(StoreError) in try read { () throws(StoreError) in try store.events(after: after, limit: 10_000) } }
                let batch = follow ? try outage.attempt(Bilingual("the log after #\(after)", "第 \(after) 条之后的日志"), next) : try next()
                emit(batch)
                if let last = batch.events.last { after = last.sequence; continue }
                if !follow { break }
                Thread.sleep(forTimeInterval: 0.25)
            }
        } catch {
            throw fail(error.text(lang))
        }
    }
}

/// How events are printed by `log` and `exec`.
enum LogFormat {
    /// One readable line: the time in `zone` with its offset (nil: UTC, as stored).
    static func line(_ e: RecordedEvent, _ lang: Language, zone: TimeZone?) -> String {
        let ex = e.exercise.map { Bilingual(" [EXERCISE \($0)]", " [演练 \($0)]")(lang) } ?? ""
        // A drill journal entry is numbered in the journal, after the log event it follows.
        let number = e.journal.map { "#\(e.sequence).j\($0)" } ?? "#\(e.sequence)"
        let time = zone.map { CentreTime.format(e.at, in: $0) } ?? Timestamp.format(e.at)
        return "\(number) \(time) \(e.by)\(ex) · \(e.event.summary(lang))"
    }

    static func json(_ e: RecordedEvent, codec: EventCodec) -> String {
        let payload = codec.payload(e.event)
        var fields: [String] = [
            "\"seq\":\(e.sequence)", "\"id\":\(quote(e.id))", "\"at\":\(quote(Timestamp.format(e.at)))", "\"operator\":\(quote(e.by))",
            "\"kind\":\(quote(e.event.kind.rawValue))",
        ]
        if let ex = e.exercise { fields.append("\"exercise\":\(quote(ex))") }
        if let j = e.journal { fields.append("\"journal\":\(j)") }
        fields.append("\"event\":\(payload)")
        return "{" + fields.joined(separator: ",") + "}"
    }

    static func quote(_ s: String) -> String {
        let data = (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
