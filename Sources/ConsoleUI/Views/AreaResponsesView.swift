import CommandModel
import Foundation

/// The area responses in force, district by district, as text in the map's top rows: what the
/// `z` tint shows in colour, readable in either language, at every zoom (a core district's
/// name may not fit on the map when zoomed out) and in `decision-hub snapshot` text.
///
/// One response a row ("RSP-1 flood · I Mentougou, Fangshan · III rest of city (14)"), each
/// response on its own, highest level first; a row too long for the pane continues on the
/// next. Nothing is drawn, and the map keeps every row, when no response is in force.
struct AreaResponsesView {
    let model: ConsoleModel
    let world: ConsoleWorld

    /// A piece of a row and how it is drawn.
    struct Segment: Equatable {
        let text: String
        let style: Style
    }

    /// The responses shown (in force, not a drill the operator knows as one), each with where
    /// it is in force at each level: highest level first, then by id. The header lists the same.
    static func shown(_ model: ConsoleModel, _ world: ConsoleWorld) -> [(response: EmergencyResponse, areas: [LevelArea])] {
        let city = world.grid.districts.map(\.slug)
        return world.state.responses.values.filter { $0.isActive && !model.isMarkedExercise($0.exercise, world.state) }
            .map { ($0, $0.inForce(over: city)) }
            .filter { !$0.1.isEmpty }
            .sorted { ($1.1[0].level, $0.0.id) < ($0.1[0].level, $1.0.id) }
    }

    /// The districts of one level, in words: the whole city, "rest of city (N)" for the many
    /// districts the city-wide level still covers, else their names.
    static func place(_ area: LevelArea, of response: EmergencyResponse, _ world: ConsoleWorld) -> Bilingual {
        if area.wholeCity { return Bilingual("whole city", "全市") }
        if let rest = rest(area, of: response) { return rest }
        let names = area.districts.map { world.grid.district(named: $0)?.name ?? Bilingual($0, $0) }
        return Bilingual(names.map(\.en).joined(separator: ", "), names.map(\.zh).joined(separator: "、"))
    }

    /// "rest of city (N)" when a level's districts are the many the city-wide level still
    /// covers (none named on its own), else nil.
    static func rest(_ area: LevelArea, of response: EmergencyResponse) -> Bilingual? {
        guard !area.wholeCity, area.districts.count > 3, area.districts.allSatisfy({ response.levels[$0] == nil }) else { return nil }
        return Bilingual("rest of city (\(area.districts.count))", "其余\(area.districts.count)区")
    }

    /// The rows for a pane `width` columns wide, at most `limit` of them (the last says how many
    /// more there would be).
    func rows(width: Int, limit: Int) -> [[Segment]] {
        guard width > 8, limit > 0 else { return [] }
        var rows: [[Segment]] = []
        for (r, areas) in Self.shown(model, world) {
            var row: [Segment] = [
                Segment(text: " \(r.id) " + model.t(Bilingual("\(r.hazard.name.en) response", "\(r.hazard.name.zh)应急响应")), style: Style(.title, .bold))
            ]
            var used = DisplayWidth.of(row[0].text)
            for a in areas {
                let text = " · " + model.t(Bilingual("\(a.level.roman) ", "\(a.level.roman)级 ")) + model.t(Self.place(a, of: r, world))
                let w = DisplayWidth.of(text)
                if used + w > width && used > 2 {
                    rows.append(row)
                    row = [Segment(text: "  ", style: .normal)]
                    used = 2
                }
                row.append(Segment(text: text, style: Style(.level(a.level), .bold)))
                used += w
            }
            rows.append(row)
        }
        guard rows.count > limit else { return rows }
        let more = rows.count - limit + 1
        return Array(rows.prefix(limit - 1)) + [[Segment(text: model.t(Bilingual(" … \(more) more rows of responses", " … 另有 \(more) 行应急响应")), style: Style(.attention, .bold))]]
    }

    func render(_ rows: [[Segment]], into screen: inout Screen, _ r: Rect) {
        screen.fill(r)
        for (k, row) in rows.enumerated() where k < r.height {
            var x = r.x
            for s in row { x = screen.put(DisplayWidth.truncate(s.text, to: max(0, r.right - x)), x: x, y: r.y + k, style: s.style, clip: r) }
        }
    }
}
