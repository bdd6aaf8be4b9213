import CommandModel
import Foundation

/// The team board: teams at work first (where, since when), then the available ones. Every
/// team is reachable by scrolling (panel focus: ↑ ↓ PgUp PgDn), and `f` finds one by id or name.
struct TeamBoardView {
    let model: ConsoleModel
    let world: ConsoleWorld

    /// The board's order: by status (at work first), then id.
    static func ordered(_ world: ConsoleWorld) -> [Team] {
        world.state.teams.values.sorted { a, b in
            let ka = order(a.status), kb = order(b.status)
            return ka != kb ? ka < kb : a.id < b.id
        }
    }

    func render(into screen: inout Screen, _ r: Rect) {
        let teams = Self.ordered(world)
        let busy = teams.filter { $0.status.isCommitted }.count
        let free = teams.filter { $0.status == .available }.count
        screen.box(
            r, title: model.t(Bilingual("Teams \(teams.count) · at work \(busy) · available \(free)", "队伍 \(teams.count) · 出动 \(busy) · 待命 \(free)")), glyphs: model.glyphs,
            style: Style(model.focus == .panel ? .title : .border), titleStyle: Style(.title, model.focus == .panel ? [.bold, .reverse] : .bold))
        let inner = r.inset(1)
        guard !inner.isEmpty else { return }
        let first = ScrollMarks.first(offset: model.panelOffset, count: teams.count, rows: inner.height)
        for (row, t) in teams.dropFirst(first).prefix(inner.height).enumerated() {
            let y = inner.y + row
            let found = t.id == model.foundTeam
            if found { screen.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: Style(.selection, .reverse)) }
            let emphasis: Emphasis = found ? [.reverse] : []
            var x = screen.put("\(model.glyphs.team(t.profile.capabilities)) ", x: inner.x + 1, y: y, style: Style(.team(t.status), emphasis.union(.bold)), clip: inner)
            x = screen.put(DisplayWidth.pad(t.id.raw, to: 6) + " ", x: x, y: y, style: Style(found ? .selection : .normal, emphasis), clip: inner)
            x = screen.put(DisplayWidth.pad(model.t(t.status.name), to: 10) + " ", x: x, y: y, style: Style(.team(t.status), emphasis), clip: inner)
            let since = ConsoleView.age(t.since, world.now)
            let on = t.incident.map { "\($0) " } ?? ""
            // A name that does not fit ends in "…" (two teams cut to the same words look alike).
            let home = t.profile.home.map { " [\($0)]" } ?? ""
            screen.put(
                DisplayWidth.truncate(DisplayWidth.pad(since, to: 5) + on + model.t(t.profile.name) + home, to: max(0, inner.right - x)), x: x, y: y,
                style: Style(found ? .selection : (t.status == .available ? .dim : .normal), emphasis), clip: inner)
        }
        ScrollMarks.draw(above: first, below: max(0, teams.count - first - inner.height), box: r, model, into: &screen)
    }

    static func order(_ s: TeamStatus) -> Int {
        switch s {
        case .onScene: 0
        case .enRoute: 1
        case .dispatched: 2
        case .returning: 3
        case .outOfService: 4
        case .available: 5
        }
    }
}
