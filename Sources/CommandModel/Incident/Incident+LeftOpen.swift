import Foundation

/// What closing an incident now would leave undone: run-card items not ticked and reports to
/// higher levels not filed. Empty when the incident is finished by its plan.
public struct LeftOpen: Hashable, Sendable {
    public var items: [ChecklistItem]
    public var reports: [ReportingStage]

    public var isEmpty: Bool { items.isEmpty && reports.isEmpty }

    /// What is open, for the officer: "2 plan items (Notify the district, …) and 1 report not
    /// filed (city by phone)", in both languages.
    public var description: Bilingual {
        var en: [String] = [], zh: [String] = []
        if !items.isEmpty {
            let names = items.map(\.text)
            en.append("\(items.count) plan item\(items.count == 1 ? "" : "s") open (\(names.map(\.en).joined(separator: "; ")))")
            zh.append("\(items.count) 项预案未完成（\(names.map(\.zh).joined(separator: "；"))）")
        }
        if !reports.isEmpty {
            let names = reports.map(\.name)
            en.append("\(reports.count) report\(reports.count == 1 ? "" : "s") not filed (\(names.map(\.en).joined(separator: "; ")))")
            zh.append("\(reports.count) 项报送未完成（\(names.map(\.zh).joined(separator: "；"))）")
        }
        return Bilingual(en.joined(separator: " and "), zh.joined(separator: "，"))
    }

    /// The note a close summary carries so the record says what was left open: ids, which read
    /// the same in both languages, under a bilingual label. Each list of ids is cut at
    /// ``noteLimit`` characters ("… +3 more · 另 3 项").
    public var summaryNote: String { summaryNote(within: Int.max) }

    /// The note in at most `room` characters where the labels fit: the id lists share what is
    /// left (each up to ``noteLimit``), so a close with a long summary still records that items
    /// were left open, and how many.
    public func summaryNote(within room: Int) -> String {
        let lists = (items.isEmpty ? 0 : 1) + (reports.isEmpty ? 0 : 1)
        // The labels, and a "… +N more" for each list: what the ids cannot use.
        let labels = note(items: "", reports: "").count + lists * 24
        let each = lists == 0 ? 0 : min(Self.noteLimit, max(0, (room - labels) / lists))
        return note(items: Self.ids(items.map(\.id), limit: each), reports: Self.ids(reports.map(\.id), limit: each))
    }

    /// The marker every note starts with.
    public static let marker = "[left open · 未完成 — "

    private func note(items shownItems: String, reports shownReports: String) -> String {
        var parts: [String] = []
        if !items.isEmpty { parts.append("plan items open · 预案未完成: " + shownItems) }
        if !reports.isEmpty { parts.append("reports not filed · 未报送: " + shownReports) }
        return Self.marker + parts.joined(separator: "; ") + "]"
    }

    /// The most characters of ids a list in the note takes.
    public static let noteLimit = 600

    static func ids(_ ids: [String], limit: Int = noteLimit) -> String {
        var shown: [String] = []
        var length = 0
        for id in ids {
            if length + id.count + 2 > limit { break }
            shown.append(id)
            length += id.count + 2
        }
        let rest = ids.count - shown.count
        return shown.joined(separator: ", ") + (rest > 0 ? (shown.isEmpty ? "" : ", ") + "… +\(rest) more · 另 \(rest) 项" : "")
    }
}

extension Incident {
    /// The run-card items of its type at its level (level IV's at least, as the detail shows
    /// them) not yet ticked, and the reporting stages not yet filed.
    public func leftOpen(plans: PlanBook) -> LeftOpen {
        let items = plans.requirements(for: type, at: max(level, .iv)).checklist.filter { checklistDone[$0.id] == nil }
        let reports = plans.reportingStages(for: category).map(\.stage).filter { $0.applies(at: level) && reportsFiled[$0.id] == nil }
        return LeftOpen(items: items, reports: reports)
    }
}
