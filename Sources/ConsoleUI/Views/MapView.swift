import CommandModel
import Foundation

/// Draws the one-map into a rectangle: terrain, water, roads, district boundaries and names,
/// then facilities, teams and incidents on top. Pure: model and world in, cells out.
struct MapView {
    let model: ConsoleModel
    let world: ConsoleWorld

    func render(into screen: inout Screen, _ r: Rect) {
        guard !r.isEmpty else { return }
        let z = model.zoom
        let map = world.map
        let g = model.glyphs
        // The top-left map cell shown, keeping the centre in the middle.
        let x0 = model.centre.x - (r.width / 2) * z
        let y0 = model.centre.y - (r.height / 2) * z
        func mapCell(_ sx: Int, _ sy: Int) -> Cell { Cell(x: x0 + sx * z, y: y0 + sy * z) }

        // Base layers.
        let districts = map.cells[.districts] ?? []
        let tints = districtTints()
        for sy in 0..<r.height {
            for sx in 0..<r.width {
                let c = mapCell(sx, sy)
                guard c.x >= 0, c.y >= 0, c.x < map.width, c.y < map.height else {
                    screen.set(r.x + sx, r.y + sy, " ", .normal)
                    continue
                }
                var ch: Character = " "
                var style = Style(.normal)
                let i = c.y * map.width + c.x
                let inCity = districts[i] != " "
                if model.layers.terrain {
                    switch world.grid.terrain[i] {
                    case .mountain: ch = g.mountain; style = Style(.mapMountain)
                    case .hill: ch = g.hill; style = Style(.mapHill)
                    case .urban: ch = g.urban; style = Style(.mapUrban)
                    default: break
                    }
                }
                if model.layers.labels, inCity {
                    // A boundary where the district changes to the east or south.
                    let east = c.x + z < map.width ? districts[i + z] : " "
                    let south = c.y + z < map.height ? districts[i + z * map.width] : " "
                    if east != districts[i] || south != districts[i] { ch = g.boundary; style = Style(.mapBoundary) }
                }
                if model.layers.water, let w = aggregated(.water, c, z) {
                    ch = w == "o" ? g.reservoir : g.water
                    style = Style(.mapWater)
                }
                if model.layers.roads, let road = aggregated(.roads, c, z) {
                    ch = road == "r" ? g.ring : g.road
                    style = Style(.mapRoad, road == "r" ? [.bold] : [])
                }
                if !inCity && ch == " " { style = Style(.dim) }
                if inCity, let t = tints[districts[i]] { style.tint = t }
                screen.set(r.x + sx, r.y + sy, ch, style)
            }
        }
        func screenPos(_ c: Cell) -> (Int, Int)? {
            let sx = Int((Double(c.x - x0) / Double(z)).rounded(.down)), sy = Int((Double(c.y - y0) / Double(z)).rounded(.down))
            guard sx >= 0, sy >= 0, sx < r.width, sy < r.height else { return nil }
            return (r.x + sx, r.y + sy)
        }
        // District names in the current language; markers drawn later sit on top of them.
        if model.layers.labels {
            for (d, c) in world.districtCentres {
                guard let (sx, sy) = screenPos(c) else { continue }
                let name = model.t(d.name)
                let w = DisplayWidth.of(name)
                screen.put(name, x: max(r.x, sx - w / 2), y: sy, style: Style(.mapLabel, .bold), clip: r)
            }
            if z <= 2 {
                for l in map.labels {
                    guard let c = world.grid.cell(for: l.point), let (sx, sy) = screenPos(c) else { continue }
                    screen.put(model.t(l.name), x: sx + 1, y: sy, style: Style(.mapWater), clip: r)
                }
            }
        }
        if model.layers.facilities {
            for f in world.facilities {
                guard let (sx, sy) = screenPos(f.cell) else { continue }
                switch f.kind {
                case .shelter: screen.set(sx, sy, g.shelter, Style(.shelter))
                case .depot: screen.set(sx, sy, g.depot, Style(.depot))
                case .hazard: screen.set(sx, sy, g.hazard, Style(.hazard, .bold))
                }
            }
        }
        if model.layers.teams {
            // Several teams in one screen cell: teams at work are drawn last, so they show.
            for t in world.state.teams.values.sorted(by: { ($0.status.isCommitted ? 1 : 0, $0.id) < ($1.status.isCommitted ? 1 : 0, $1.id) }) {
                let at = t.incident.flatMap { world.state.incidents[$0]?.location.cell } ?? t.profile.base
                guard let (sx, sy) = screenPos(at) else { continue }
                screen.set(sx, sy, g.team(t.profile.capabilities), Style(.team(t.status), t.status.isCommitted ? [.bold] : []))
            }
        }
        if model.layers.incidents {
            // Per screen cell: how many incidents, and the most severe.
            var buckets: [Int: (count: Int, worst: Incident)] = [:]
            let since: Date? = model.timeFilter == .all ? nil : world.now.addingTimeInterval(-Double(model.timeFilter.rawValue) * 3600)
            for i in world.active where i.level >= model.minimumLevel {
                if let since, i.reportedAt < since { continue }
                guard let (sx, sy) = screenPos(i.location.cell) else { continue }
                let key = sy * screen.width + sx
                if let b = buckets[key] {
                    buckets[key] = (b.count + 1, severity(i) > severity(b.worst) ? i : b.worst)
                } else {
                    buckets[key] = (1, i)
                }
            }
            for (key, b) in buckets {
                let ch: Character = b.count == 1 ? g.marker(for: b.worst.category) : (b.count < 10 ? Character(String(b.count)) : "+")
                var emphasis: Emphasis = [.bold]
                if b.worst.status == .reported { emphasis.insert(.blink) }
                if b.worst.id == model.selected || model.attention[b.worst.id] != nil { emphasis.insert(.reverse) }
                screen.set(key % screen.width, key / screen.width, ch, Style(.level(b.worst.level), emphasis))
            }
        }
        if model.focus == .map, let (sx, sy) = screenPos(model.cursor) {
            screen.set(sx, sy, g.cursor, Style(.cursor, .bold))
        }
    }

    /// Each district's tint under the current mode: the highest active warning covering it, or
    /// the highest active response level in it.
    func districtTints() -> [Character: Tint] {
        guard model.tintMode != .none else { return [:] }
        var out: [Character: Tint] = [:]
        for e in world.map.legend where e.layer == .districts {
            switch model.tintMode {
            case .warnings:
                if let w = world.state.warnings.values.filter({ $0.isActive(at: world.now) && $0.covers(e.slug) }).map(\.color).max() { out[e.symbol] = .warning(w) }
            case .responses:
                let l = world.state.responses.values.filter(\.isActive).map { $0.level(in: e.slug) }.max() ?? .none
                if l > .none { out[e.symbol] = .response(l) }
            case .none: break
            }
        }
        return out
    }

    func severity(_ i: Incident) -> Int { i.level.rawValue * 2 + (i.status == .reported ? 1 : 0) }

    /// The symbol of a layer in the z×z block at `c`, if any cell of it has one.
    func aggregated(_ layer: OneMap.Layer, _ c: Cell, _ z: Int) -> Character? {
        guard let cells = world.map.cells[layer] else { return nil }
        let w = world.map.width, h = world.map.height
        var found: Character?
        for dy in 0..<z where c.y + dy < h {
            for dx in 0..<z where c.x + dx < w {
                let s = cells[(c.y + dy) * w + c.x + dx]
                if s != " " {
                    if s == "r" || s == "o" { return s }
                    found = s
                }
            }
        }
        return found
    }
}
