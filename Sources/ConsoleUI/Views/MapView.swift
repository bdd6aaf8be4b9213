import CommandModel
import Foundation

/// Draws the one-map into a rectangle: terrain, water, roads, district boundaries and names,
/// then facilities, teams and incidents on top. Pure: model and world in, cells out.
struct MapView {
    let model: ConsoleModel
    let world: ConsoleWorld

    func render(into screen: inout Screen, _ r: Rect) {
        guard !r.isEmpty else { return }
        // Zoomed out, one character shows z×z map cells; zoomed in beyond 1:1, one map cell
        // is drawn as m×m characters (never both).
        let (z, m, x0, y0) = Self.projection(model, r)
        let map = world.map
        let g = model.glyphs
        // m is 1, 2 or 4: the hot loops shift and mask instead of branching on it (z is 1
        // whenever m is not).
        let shift = m.trailingZeroBitCount, mask = m - 1, half = m / 2
        /// The screen offset of a map offset (≥ 0): its block's middle when magnified.
        func toScreen(_ d: Int) -> Int { (d / z) << shift + half }

        // Base layers, from bytes: the grid's districts and terrain, the raster's water and roads.
        let districts = world.grid.districtIndex
        let terrain = world.grid.terrain
        let water = world.raster.water, roads = world.raster.roads
        let mw = map.width, mh = map.height
        let tints = districtTints()
        for sy in 0..<r.height {
            let my = y0 + (sy >> shift) * z
            // Magnified, a boundary is drawn once per map cell: on its last column or row.
            let lastRow = sy & mask == mask
            for sx in 0..<r.width {
                let mx = x0 + (sx >> shift) * z
                guard mx >= 0, my >= 0, mx < mw, my < mh else {
                    screen.set(r.x + sx, r.y + sy, " ", .normal)
                    continue
                }
                var ch: Character = " "
                var style = Style(.normal)
                let i = my * mw + mx
                let d = districts[i]
                let inCity = d != 0
                if model.layers.terrain {
                    switch terrain[i] {
                    case .mountain: ch = g.mountain; style = Style(.mapMountain)
                    case .hill: ch = g.hill; style = Style(.mapHill)
                    case .urban: ch = g.urban; style = Style(.mapUrban)
                    default: break
                    }
                }
                if model.layers.labels, inCity {
                    // A boundary where the district changes to the east or south.
                    let lastColumn = sx & mask == mask
                    let east = lastColumn ? (mx + z < mw ? districts[i + z] : 0) : d
                    let south = lastRow ? (my + z < mh ? districts[i + z * mw] : 0) : d
                    if east != d || south != d { ch = g.boundary; style = Style(.mapBoundary) }
                }
                if model.layers.water {
                    let w = strongest(water, mx, my, z, mw, mh)
                    if w != 0 { ch = w == 2 ? g.reservoir : g.water; style = Style(.mapWater) }
                }
                if model.layers.roads {
                    let road = strongest(roads, mx, my, z, mw, mh)
                    if road != 0 { ch = road == 2 ? g.ring : g.road; style = Style(.mapRoad, road == 2 ? [.bold] : []) }
                }
                if !inCity && ch == " " { style = Style(.dim) }
                if inCity, let t = tints[d] { style.tint = t }
                screen.set(r.x + sx, r.y + sy, ch, style)
            }
        }
        func screenPos(_ c: Cell) -> (Int, Int)? {
            guard c.x >= x0, c.y >= y0 else { return nil }
            let sx = toScreen(c.x - x0), sy = toScreen(c.y - y0)
            guard sx >= 0, sy >= 0, sx < r.width, sy < r.height else { return nil }
            return (r.x + sx, r.y + sy)
        }
        // Symbols first claim their cells (facilities, teams, incidents, the cursor); labels are
        // then placed only where nothing is drawn, so a name is never cut by a marker.
        let cells = r.width * r.height
        var claimed = [Bool](repeating: false, count: cells)
        func claim(_ pos: (Int, Int)?) {
            guard let (px, py) = pos else { return }
            claimed[(py - r.y) * r.width + (px - r.x)] = true
        }
        if model.layers.facilities { for f in world.facilities { claim(screenPos(f.cell)) } }
        if model.layers.teams {
            for t in world.teamsInDrawOrder { claim(screenPos(t.incident.flatMap { world.state.incidents[$0]?.location.cell } ?? t.profile.base)) }
        }
        var counts = [UInt16](repeating: 0, count: cells)
        var worst = [Int32](repeating: -1, count: cells)
        let active = world.active
        if model.layers.incidents {
            // Per screen cell of the pane: how many incidents, and the most severe (an index into
            // the work list; flat arrays, no copies of incidents).
            let since: Date? = model.timeFilter == .all ? nil : world.now.addingTimeInterval(-Double(model.timeFilter.rawValue) * 3600)
            // Fields are read in place: copying an incident (its arrays and strings) per frame
            // for 10,000 incidents would cost more than the map itself.
            var worstSeverity = [Int8](repeating: -1, count: cells)
            let minimum = model.minimumLevel
            for k in active.indices {
                let level = active[k].level
                if level < minimum { continue }
                if let since, active[k].reportedAt < since { continue }
                let cell = active[k].location.cell
                let dx = cell.x - x0, dy = cell.y - y0
                if dx < 0 || dy < 0 { continue }
                // Inline, not `toScreen`: this runs for every open incident, every frame.
                let sx = (dx / z) << shift + half, sy = (dy / z) << shift + half
                if sx >= r.width || sy >= r.height { continue }
                let slot = sy * r.width + sx
                counts[slot] &+= 1
                let s = Int8(level.rawValue * 2 + (active[k].status == .reported ? 1 : 0))
                if s > worstSeverity[slot] {
                    worstSeverity[slot] = s
                    worst[slot] = Int32(k)
                }
            }
            for slot in 0..<cells where counts[slot] > 0 { claimed[slot] = true }
        }
        if model.focus == .map { claim(screenPos(model.cursor)) }
        if model.layers.labels {
            var labels = LabelPlacer(area: r, claimed: claimed)
            // District names in the current language first, then water and road names when zoomed in.
            for (d, c) in world.districtCentres {
                guard let (sx, sy) = screenPos(c) else { continue }
                let name = model.t(d.name)
                labels.place(name, centredAt: sx, y: sy, style: Style(.mapLabel, .bold), into: &screen)
            }
            if z <= 2 {
                for l in map.labels {
                    guard let c = world.grid.cell(for: l.point), let (sx, sy) = screenPos(c) else { continue }
                    let name = model.t(l.name)
                    labels.place(name, centredAt: sx + 1 + DisplayWidth.of(name) / 2, y: sy, style: Style(.mapWater), into: &screen)
                }
            }
        }
        if model.layers.facilities {
            for f in world.facilities {
                guard let (sx, sy) = screenPos(f.cell) else { continue }
                switch f.kind {
                case .shelter:
                    // Its standing at a glance: closed dim, open as usual, near full amber, full red.
                    let style: Style =
                        switch world.state.shelterStatus(f.id, at: world.now) {
                        case .closed: Style(.dim)
                        case .open: Style(.shelter, .bold)
                        case .nearFull: Style(.level(.iii), .bold)
                        case .full: Style(.level(.i), [.bold, .reverse])
                        }
                    screen.set(sx, sy, g.shelter, world.state.shelters.isEmpty ? Style(.shelter) : style)
                case .depot: screen.set(sx, sy, g.depot, Style(.depot))
                case .hazard: screen.set(sx, sy, g.hazard, Style(.hazard, .bold))
                }
            }
        }
        if model.layers.teams {
            // Several teams in one screen cell: teams at work are drawn last, so they show.
            let teams = world.teamsInDrawOrder
            for k in teams.indices {
                let at = teams[k].incident.flatMap { world.state.incidents[$0]?.location.cell } ?? teams[k].profile.base
                guard let (sx, sy) = screenPos(at) else { continue }
                let status = teams[k].status
                screen.set(sx, sy, g.team(teams[k].profile.capabilities), Style(.team(status), status.isCommitted ? [.bold] : []))
            }
        }
        if model.layers.incidents {
            for slot in 0..<cells where counts[slot] > 0 {
                let k = Int(worst[slot])
                let n = counts[slot]
                let id = active[k].id
                let ch: Character = n == 1 ? g.marker(for: active[k].category) : (n < 10 ? Character(String(n)) : "+")
                var emphasis: Emphasis = [.bold]
                if active[k].status == .reported { emphasis.insert(.blink) }
                if id == model.selected || model.attention[id] != nil { emphasis.insert(.reverse) }
                screen.set(r.x + slot % r.width, r.y + slot / r.width, ch, Style(.level(active[k].level), emphasis))
            }
        }
        if model.focus == .map, let (sx, sy) = screenPos(model.cursor) {
            screen.set(sx, sy, g.cursor, Style(.cursor, .bold))
        }
    }

    /// Map cells per character (z), characters per map cell (m), and the map cell at the
    /// area's top left, keeping the centre in the middle.
    static func projection(_ model: ConsoleModel, _ r: Rect) -> (z: Int, m: Int, x0: Int, y0: Int) {
        let z = model.zoom
        // 1, 2 or 4 (the largest of them not above `magnify`): the drawing shifts by it.
        let m = z > 1 ? 1 : [4, 2, 1].first { $0 <= model.magnify } ?? 1
        let x0 = m > 1 ? model.centre.x - (r.width / 2) / m : model.centre.x - (r.width / 2) * z
        let y0 = m > 1 ? model.centre.y - (r.height / 2) / m : model.centre.y - (r.height / 2) * z
        return (z, m, x0, y0)
    }

    /// The map cell under a screen cell of the map's area (a click), clamped to the grid.
    static func cell(atScreen x: Int, _ y: Int, _ model: ConsoleModel, _ r: Rect, grid: Grid) -> Cell {
        let (z, m, x0, y0) = projection(model, r)
        let sx = x - r.x, sy = y - r.y
        let mx = x0 + sx / m * z, my = y0 + sy / m * z
        return Cell(x: min(max(0, mx), grid.width - 1), y: min(max(0, my), grid.height - 1))
    }

    /// Each district's tint under the current mode: the highest active warning covering it, or
    /// the highest active response level in it.
    func districtTints() -> [UInt8: Tint] {
        guard model.tintMode != .none else { return [:] }
        var out: [UInt8: Tint] = [:]
        for (k, d) in world.grid.districts.enumerated() {
            let index = UInt8(k + 1)
            switch model.tintMode {
            case .warnings:
                if let w = world.state.warnings.values.filter({ $0.isActive(at: world.now) && $0.covers(d.slug) }).map(\.color).max() { out[index] = .warning(w) }
            case .responses:
                let l = world.state.responses.values.filter(\.isActive).map { $0.level(in: d.slug) }.max() ?? .none
                if l > .none { out[index] = .response(l) }
            case .none: break
            }
        }
        return out
    }

    /// The highest code of a byte layer in the z×z block at (x, y): rings over roads, reservoirs
    /// over rivers.
    func strongest(_ layer: [UInt8], _ x: Int, _ y: Int, _ z: Int, _ w: Int, _ h: Int) -> UInt8 {
        if z == 1 { return layer[y * w + x] }
        var best: UInt8 = 0
        for dy in 0..<z where y + dy < h {
            let row = (y + dy) * w
            for dx in 0..<z where x + dx < w { best = max(best, layer[row + x + dx]) }
        }
        return best
    }
}

/// Places map labels where nothing else is drawn: at the preferred spot, else shifted along the
/// row or to the row above or below, else not at all. A label is drawn whole (every character,
/// wide ones never split) or dropped, and labels never overlap each other.
struct LabelPlacer {
    let area: Rect
    private var taken: [Bool]

    init(area: Rect, claimed: [Bool]) {
        self.area = area
        taken = claimed
    }

    /// Places `text` centred at column `x` of row `y` (screen coordinates) if it fits nearby;
    /// true when drawn.
    @discardableResult
    mutating func place(_ text: String, centredAt x: Int, y: Int, style: Style, into screen: inout Screen) -> Bool {
        let w = DisplayWidth.of(text)
        guard w > 0, w <= area.width else { return false }
        let preferred = x - w / 2
        let shifts = [0, -1, 1, -2, 2, -3, 3, -w / 2, w / 2]
        for dy in [0, -1, 1] {
            for dx in shifts {
                let left = preferred + dx, row = y + dy
                guard left >= area.x, left + w <= area.right, row >= area.y, row < area.bottom else { continue }
                let base = (row - area.y) * area.width + (left - area.x)
                guard !taken[base..<(base + w)].contains(true) else { continue }
                // A cell either side stays free of other labels, so two names never run together.
                let rowStart = (row - area.y) * area.width
                for k in max(rowStart, base - 1)..<min(rowStart + area.width, base + w + 1) { taken[k] = true }
                screen.put(text, x: left, y: row, style: style, clip: area)
                return true
            }
        }
        return false
    }
}
