import ArgumentParser
import CommandModel
import EventLog
import Foundation

struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the record, readable or as JSON lines. 查看事件记录。")

    @OptionGroup var options: StoreOptions

    @Flag(name: .long, help: "Keep printing new events as they are appended. 持续输出新事件。")
    var follow = false

    @Flag(name: .long, help: "One JSON object per line. 每行一个 JSON 对象。")
    var json = false

    @Option(name: .long, help: "Only events after this sequence number. 只输出此序号之后的事件。")
    var since: Int64 = 0

    @Option(name: .long, help: "Only events about this incident (INC-0042). 只输出该事件相关记录。")
    var incident: String?

    func run() throws {
        let lang = options.language
        var only: IncidentID?
        if let incident {
            guard let id = IncidentID(parsing: incident) else { throw fail(Bilingual("'\(incident)' is not an incident id; write INC-42", "“\(incident)”不是事件编号；应写作 INC-42")(lang), code: 2) }
            only = id
        }
        let codec = EventCodec()
        do {
            let store = try options.openStore(readOnly: true)
            var after = since
            func emit(_ events: [RecordedEvent]) {
                for e in events where only == nil || e.event.incident == only {
                    print(json ? LogFormat.json(e, codec: codec) : LogFormat.line(e, lang))
                }
                fflush(nil)
            }
            if let only, !follow {
                emit(try store.events(incident: only).filter { $0.sequence > since })
                return
            }
            while true {
                let batch = try store.events(after: after, limit: 10_000)
                emit(batch)
                if let last = batch.last { after = last.sequence; continue }
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
    static func line(_ e: RecordedEvent, _ lang: Language) -> String {
        let ex = e.exercise.map { " [EXERCISE \($0)]" } ?? ""
        return "#\(e.sequence) \(Timestamp.format(e.at)) \(e.by)\(ex) · \(e.event.summary(lang))"
    }

    static func json(_ e: RecordedEvent, codec: EventCodec) -> String {
        let payload = codec.payload(e.event)
        var fields: [String] = [
            "\"seq\":\(e.sequence)", "\"id\":\(quote(e.id))", "\"at\":\(quote(Timestamp.format(e.at)))", "\"operator\":\(quote(e.by))",
            "\"kind\":\(quote(e.event.kind))",
        ]
        if let ex = e.exercise { fields.append("\"exercise\":\(quote(ex))") }
        fields.append("\"event\":\(payload)")
        return "{" + fields.joined(separator: ",") + "}"
    }

    static func quote(_ s: String) -> String {
        let data = (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
