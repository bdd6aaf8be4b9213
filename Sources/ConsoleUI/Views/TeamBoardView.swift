import CommandModel
import Foundation

/// The team board: teams at work first (where, since when), then the available ones.
struct TeamBoardView {
    let model: ConsoleModel
    let world: ConsoleWorld

    func render(into screen: inout Screen, _ r: Rect) {
        let teams = world.state.teams.values.sorted { a, b in
            let ka = order(a.status), kb = order(b.status)
            return ka != kb ? ka < kb : a.id < b.id
        }
        let busy = teams.filter { $0.status.isCommitted }.count
        let free = teams.filter { $0.status == .available }.count
        screen.box(
            r, title: model.t(Bilingual("Teams \(teams.count) · at work \(busy) · available \(free)", "队伍 \(teams.count) · 出动 \(busy) · 待命 \(free)")), glyphs: model.glyphs, style: Style(.title))
        let inner = r.inset(1)
        for (row, t) in teams.prefix(inner.height).enumerated() {
            let y = inner.y + row
            var x = screen.put("\(model.glyphs.team(t.profile.capabilities)) ", x: inner.x + 1, y: y, style: Style(.team(t.status), .bold), clip: inner)
            x = screen.put(DisplayWidth.pad(t.id.raw, to: 6) + " ", x: x, y: y, clip: inner)
            x = screen.put(DisplayWidth.pad(model.t(t.status.name), to: 10) + " ", x: x, y: y, style: Style(.team(t.status)), clip: inner)
            let since = ConsoleView.age(t.since, world.now)
            let on = t.incident.map { "\($0) " } ?? ""
            screen.put(DisplayWidth.pad(since, to: 5) + on + model.t(t.profile.name), x: x, y: y, style: Style(t.status == .available ? .dim : .normal), clip: inner)
        }
    }

    func order(_ s: TeamStatus) -> Int {
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
