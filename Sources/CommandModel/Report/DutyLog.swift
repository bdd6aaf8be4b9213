import Foundation

/// A duty log per position (ICS 214, activity log): for each person who acted in a period, their
/// position (the roles the roster gave them then), and every action of theirs on the record, in
/// time order. Pure: the log's events, the roster and the period give it; drill data is shown as
/// its reader may see it (``DrillVisibility``).
public struct DutyLog: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var at: Date
        public var incident: IncidentID?
        public var activity: Bilingual
    }

    /// The operator as the record names them.
    public var name: String
    /// The person's name in the roster, if it knows them.
    public var person: Bilingual?
    /// The roles they held during the period (standing and on call), by the roster.
    public var roles: [DutyRole]
    public var from: Date
    public var to: Date
    public var entries: [Entry]
}

extension DutyLog {
    /// One log per person who acted in `[from, to]`, by name; `only`: just that operator's.
    public static func build(events: [RecordedEvent], state: CommandState, roster: Roster?, from: Date, to: Date, only: String? = nil, coordinator: Bool) -> [DutyLog] {
        let visibility = DrillVisibility(state: state, reveal: coordinator)
        var by: [String: [Entry]] = [:]
        for e in events where e.at >= from && e.at <= to && (only == nil || e.by == only) {
            guard let shown = visibility.shown(e) else { continue }
            let mark =
                shown.exercise.map { ex in DrillVisibility.isMarked(ex, in: state, reveal: coordinator) ? Bilingual("[EXERCISE \(ex)] ", "【演练 \(ex)】") : Bilingual("", "") }
                ?? Bilingual("", "")
            let summary = shown.event.summary
            by[e.by, default: []].append(Entry(at: e.at, incident: shown.event.incident, activity: Bilingual(mark.en + summary.en, mark.zh + summary.zh)))
        }
        return by.keys.sorted().map { name in
            let entries = (by[name] ?? []).sorted { $0.at < $1.at }
            // "ACCOUNT as NAME": the person acted for is the position's holder.
            let login = name.components(separatedBy: " as ").last ?? name
            var roles: Set<DutyRole> = []
            var person: Bilingual?
            if let roster {
                person = roster.person(login: login)?.name
                for at in Set(entries.map(\.at)) { roles.formUnion(Actor.from(roster: roster, login: login, at: at).roles) }
            }
            return DutyLog(name: name, person: person, roles: roles.sorted(), from: from, to: to, entries: entries)
        }
    }

    /// The log as Markdown in one language, in the ICS 214 order: period, name, position, the
    /// activity log.
    public func markdown(_ language: Language) -> String {
        let time = { (d: Date) in CentreTime.format(d) }
        let who = person.map { "\($0(language)) (\(name))" } ?? name
        let position = roles.isEmpty ? Bilingual("not on the roster", "不在值班表中") : Bilingual(roles.map(\.name.en).joined(separator: ", "), roles.map(\.name.zh).joined(separator: "、"))
        var out = [
            "# \(Bilingual("Duty log (ICS 214)", "值班日志（ICS 214）")(language)) · \(who)", "",
            "- \(Bilingual("Operational period", "工作时段")(language)): \(time(from)) – \(time(to))",
            "- \(Bilingual("Position", "岗位")(language)): \(position(language))",
            "- \(Bilingual("Actions on the record", "记录中的操作")(language)): \(entries.count)", "",
            "| \(Bilingual("Time", "时间")(language)) | \(Bilingual("Incident", "事件")(language)) | \(Bilingual("Notable activity", "主要活动")(language)) |", "|---|---|---|",
        ]
        for e in entries {
            out.append("| \(time(e.at)) | \(e.incident?.description ?? "") | \(e.activity(language).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")) |")
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The log as plain text (a printout).
    public func plainText(_ language: Language) -> String {
        let time = { (d: Date) in CentreTime.format(d) }
        let who = person.map { "\($0(language)) (\(name))" } ?? name
        let position = roles.isEmpty ? Bilingual("not on the roster", "不在值班表中") : Bilingual(roles.map(\.name.en).joined(separator: ", "), roles.map(\.name.zh).joined(separator: "、"))
        var out = [
            "\(Bilingual("Duty log (ICS 214)", "值班日志（ICS 214）")(language)) · \(who)",
            "\(Bilingual("Operational period", "工作时段")(language)): \(time(from)) – \(time(to))",
            "\(Bilingual("Position", "岗位")(language)): \(position(language))", "",
        ]
        for e in entries { out.append("\(time(e.at))  \(e.incident.map { "\($0)  " } ?? "")\(e.activity(language))") }
        return out.joined(separator: "\n") + "\n"
    }

    /// Logs as CSV (RFC 4180): one row per action, with the operator and position on each, for a
    /// spreadsheet or an after-action review.
    public static func csv(_ logs: [DutyLog], _ language: Language) -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var rows = [
            [Bilingual("time", "时间"), Bilingual("operator", "操作员"), Bilingual("position", "岗位"), Bilingual("incident", "事件"), Bilingual("activity", "活动")].map { $0(language) }
                .joined(separator: ",")
        ]
        for log in logs {
            let position = log.roles.map { $0.name(language) }.joined(separator: "; ")
            for e in log.entries {
                rows.append([CentreTime.format(e.at), log.name, position, e.incident?.description ?? "", e.activity(language)].map(field).joined(separator: ","))
            }
        }
        return rows.joined(separator: "\r\n") + "\r\n"
    }
}
