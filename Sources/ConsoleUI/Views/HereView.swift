import CommandModel
import Foundation

/// "What is here": everything under the map cursor (at the current zoom, the whole block the
/// cursor's screen cell covers).
struct HereView {
    let model: ConsoleModel
    let world: ConsoleWorld

    func render(into screen: inout Screen, _ r: Rect) {
        let c = model.cursor
        let z = model.zoom
        // The cell's centre in WGS-84, said: what a GPS or a caller's phone shows (the map's own
        // frame is GCJ-02, some 600 m away).
        let point = Datum.gcj02.convert(world.grid.centre(of: c), to: .wgs84)
        screen.box(
            r, title: model.t(Bilingual("What is here", "此处情况")) + String(format: " · %.4f, %.4f WGS-84", point.lat, point.lon), glyphs: model.glyphs, style: Style(.title))
        let inner = r.inset(1)
        var y = inner.y
        func line(_ text: String, _ style: Style = .normal) {
            guard y < inner.bottom else { return }
            screen.put(DisplayWidth.truncate(text, to: inner.width - 1), x: inner.x + 1, y: y, style: style, clip: inner)
            y += 1
        }
        let inBlock: (Cell) -> Bool = { $0.x >= c.x && $0.x < c.x + z && $0.y >= c.y && $0.y < c.y + z }
        let district = world.grid.district(at: c).map { model.t($0.name) } ?? model.t(Bilingual("outside the city", "市界外"))
        var ground = model.t(world.grid.terrain[world.grid.index(c)].name)
        if let w = world.map.entry(.water, world.map.symbol(.water, c)) { ground += " · " + model.t(w.name) }
        if let rd = world.map.entry(.roads, world.map.symbol(.roads, c)) { ground += " · " + model.t(rd.name) }
        line("\(district) · \(ground) · cell \(c)")
        // The area responses in force in this district, each with its level here.
        if let slug = world.grid.district(at: c)?.slug {
            for (r, _) in AreaResponsesView.shown(model, world) where r.level(in: slug) > .none {
                let l = r.level(in: slug)
                line(model.t(Bilingual("\(r.id) \(r.hazard.name.en) response: level \(l.roman) here", "\(r.id) \(r.hazard.name.zh)应急响应：此处 \(l.roman) 级")), Style(.level(l), .bold))
            }
        }
        let incidents = world.active.filter { inBlock($0.location.cell) }.sorted { $0.level > $1.level }
        for i in incidents {
            line("\(model.glyphs.marker(for: i.category)) \(i.id) \(i.level.roman) \(model.t(i.type.name)) \"\(i.title)\"", Style(.level(i.level), .bold))
        }
        let teams = world.state.teams.values.filter { inBlock($0.incident.flatMap { world.state.incidents[$0]?.location.cell } ?? $0.profile.base) }.sorted { $0.id < $1.id }
        for t in teams { line("\(model.glyphs.team) \(t.id) \(model.t(t.profile.name)) · \(model.t(t.status.name))", Style(.team(t.status))) }
        for f in world.facilities where inBlock(f.cell) {
            let glyph = f.kind == .shelter ? model.glyphs.shelter : f.kind == .depot ? model.glyphs.depot : model.glyphs.hazard
            let extra = f.capacity.map { model.t(Bilingual(" · holds \($0)", " · 容纳 \($0) 人")) } ?? ""
            line("\(glyph) \(model.t(f.name))\(extra)")
        }
        if incidents.isEmpty && teams.isEmpty {
            line(model.t(Bilingual("n reports an incident here", "按 n 在此上报事件")), Style(.dim))
        }
    }
}
