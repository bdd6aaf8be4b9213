import CommandModel
import Foundation

/// The resources board (`b` twice): shelters by district with free places and their standing,
/// depots below their minimum, supply requests still open (with what is short), help asked of
/// other centres. Scrolls like the team board.
struct ResourcesView {
    let model: ConsoleModel
    let world: ConsoleWorld

    /// One row of the board: its text and how it is drawn.
    struct Row {
        var text: String
        var style: Style
    }

    static func rows(_ model: ConsoleModel, _ world: ConsoleWorld) -> [Row] {
        let s = world.state
        var out: [Row] = []
        func heading(_ b: Bilingual) { out.append(Row(text: model.t(b), style: Style(.title, .bold))) }
        func itemName(_ id: String) -> String { world.plans.supplies.first { $0.id == id }.map { model.t($0.name) } ?? id }
        // ★ Each warning in force: people still to move in its area against the free places there.
        for a in s.areaShortfalls(at: world.now, shown: { !model.isMarkedExercise($0.exercise, s) }) {
            let text =
                "★ \(a.warning) " + model.t(Bilingual("\(a.people) to move · \(a.places) free places in the area", "待转移 \(a.people) · 区域内余位 \(a.places)"))
                + (a.shortfall > 0 ? model.t(Bilingual(" · SHORT \(a.shortfall)", " · 缺 \(a.shortfall)")) : "")
            out.append(Row(text: text, style: Style(a.shortfall > 0 ? .attention : .normal, .bold)))
        }
        // Depots below their minimum.
        let low = s.lowStock
        heading(Bilingual("Depots below minimum · \(low.count)", "低于最低储备的物资库 · \(low.count)"))
        for l in low {
            let item = itemName(l.item)
            out.append(Row(text: "\(DisplayWidth.pad(l.depot.raw, to: 6)) \(item) \(l.line.quantity)/\(l.line.minimum)", style: Style(.level(.iii))))
        }
        // Supply requests not yet delivered.
        let requests = s.supplyRequests.values.filter { !$0.isDelivered && !model.isMarkedExercise($0.exercise, s) }.sorted {
            ($0.raised.priority, $0.id) < ($1.raised.priority, $1.id)
        }
        heading(Bilingual("Supply requests open · \(requests.count)", "未完成的物资申请 · \(requests.count)"))
        for r in requests {
            let short = r.shortfall.map { "\(itemName($0.item)) \($0.quantity)" }.joined(separator: model.language == .zh ? "、" : ", ")
            let forWhat = r.raised.incident?.description ?? r.raised.shelter?.raw ?? ""
            let text = "\(DisplayWidth.pad(r.id, to: 6)) \(forWhat) \(model.t(r.raised.priority.name)) · \(model.t(r.stage))"
            out.append(Row(text: text, style: Style(r.raised.priority == .urgent ? .level(.ii) : .normal)))
            if !short.isEmpty { out.append(Row(text: "       " + model.t(Bilingual("short: \(short)", "缺口：\(short)")), style: Style(.level(.iii)))) }
        }
        // Help asked of other centres.
        let aid = s.aidRequests.values.filter { $0.released == nil && !model.isMarkedExercise($0.exercise, s) }.sorted { $0.id < $1.id }
        heading(Bilingual("Mutual aid · \(aid.count)", "区域协同支援 · \(aid.count)"))
        for a in aid {
            let centre = world.plans.centre.neighbours[a.raised.to].map { model.t($0) } ?? a.raised.to
            out.append(Row(text: "\(DisplayWidth.pad(a.id, to: 6)) \(centre) · \(a.raised.incident) · \(model.t(a.stage))", style: Style(.normal)))
        }
        // Shelters: the open ones by district with their standing; the closed ones in a line.
        let shelters = s.facilities.values.filter { $0.kind == .shelter }
        let open = shelters.filter { s.shelters[$0.id]?.isOpen == true }
        let free = open.map { s.freePlaces($0.id, at: world.now) }.reduce(0, +)
        heading(Bilingual("Shelters · open \(open.count) of \(shelters.count) · free places \(free)", "避难场所 · 开放 \(open.count)/\(shelters.count) · 余位 \(free)"))
        let statusWidth = ShelterStatus.allCases.map { DisplayWidth.of(model.t($0.name)) }.max() ?? 6
        func district(_ f: Facility) -> String { f.district.flatMap { world.grid.district(named: $0) }.map { model.t($0.name) } ?? model.t(Bilingual("outside", "辖区外")) }
        for f in open.sorted(by: { (district($0), $0.id) < (district($1), $1.id) }) {
            let status = s.shelterStatus(f.id, at: world.now)
            let inside = s.shelters[f.id]?.inside ?? 0
            let text =
                "\(DisplayWidth.pad(f.id.raw, to: 6)) \(DisplayWidth.pad(district(f), to: 8)) \(DisplayWidth.pad(model.t(status.name), to: statusWidth)) \(inside)/\(f.capacity(at: world.now)) \(model.t(f.name))"
            let kind: Role =
                switch status {
                case .closed: .dim
                case .open: .normal
                case .nearFull: .level(.iii)
                case .full: .level(.i)
                }
            out.append(Row(text: text, style: Style(kind)))
        }
        // The closed ones by id, a line of eight at a time (a panel's width at 80 columns).
        let closed = shelters.filter { s.shelters[$0.id]?.isOpen != true }.map(\.id.raw).sorted()
        for start in stride(from: 0, to: closed.count, by: 8) {
            let label = start == 0 ? model.t(Bilingual("closed: ", "未开放：")) : String(repeating: " ", count: DisplayWidth.of(model.t(Bilingual("closed: ", "未开放："))))
            out.append(Row(text: label + closed[start..<min(start + 8, closed.count)].joined(separator: " "), style: Style(.dim)))
        }
        return out
    }

    func render(into screen: inout Screen, _ r: Rect) {
        let rows = Self.rows(model, world)
        screen.box(
            r, title: model.t(Bilingual("Resources · b: back to the incident", "资源 · b：返回事件详情")), glyphs: model.glyphs,
            style: Style(model.focus == .panel ? .title : .border), titleStyle: Style(.title, model.focus == .panel ? [.bold, .reverse] : .bold))
        let inner = r.inset(1)
        guard !inner.isEmpty else { return }
        let first = ScrollMarks.first(offset: model.panelOffset, count: rows.count, rows: inner.height)
        for (k, row) in rows.dropFirst(first).prefix(inner.height).enumerated() {
            screen.put(row.text, x: inner.x + 1, y: inner.y + k, style: row.style, clip: inner)
        }
        ScrollMarks.draw(above: first, below: max(0, rows.count - first - inner.height), box: r, model, into: &screen)
    }
}
