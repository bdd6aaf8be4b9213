import CommandModel
import Foundation

/// The work list: active incidents, most severe and oldest unacknowledged first.
struct IncidentListView {
    let model: ConsoleModel
    let world: ConsoleWorld
    let list: [Incident]

    func render(into screen: inout Screen, _ r: Rect) {
        // By index, field by field: a closure over whole elements copied every incident of the
        // list (3,000 on a disaster night) on every frame.
        var unacked = 0
        for k in list.indices where list[k].status == .reported { unacked += 1 }
        var title = model.t(Bilingual("Incidents \(list.count) · unacked \(unacked)", "事件 \(list.count) · 未确认 \(unacked)"))
        if !model.filter.isEmpty { title += " · /\(model.filter)" }
        if model.filter.isEmpty {
            // A burst from a feed, folded: "12 new from 12345 (/12345)".
            for b in world.feedBursts { title += model.t(Bilingual(" · \(b.count) new from \(b.source) (/\(b.source))", " · \(b.source) 新报 \(b.count) 起（/\(b.source)）")) }
        }
        screen.box(r, title: title, glyphs: model.glyphs, style: Style(model.focus == .list ? .title : .border))
        let inner = r.inset(1)
        guard !inner.isEmpty else { return }
        if list.isEmpty {
            screen.put(model.t(Bilingual("no active incidents", "暂无在办事件")), x: inner.x + 1, y: inner.y, style: Style(.dim), clip: inner)
            return
        }
        let at = model.selected.flatMap { s in list.indices.first { list[$0].id == s } } ?? 0
        let first = ScrollMarks.first(offset: at - inner.height / 2, count: list.count, rows: inner.height)
        let exerciseColumn = list.dropFirst(first).prefix(inner.height).contains { model.isMarkedExercise($0, world.state) }
        // Likewise the feed's source badge, while any row shown came from a feed.
        let badgeWidth = list.dropFirst(first).prefix(inner.height).compactMap { world.feedSource(of: $0.id) }.map { min(6, DisplayWidth.of($0)) }.max() ?? 0
        for (row, i) in list.dropFirst(first).prefix(inner.height).enumerated() {
            let y = inner.y + row
            let selected = i.id == model.selected
            var emphasis: Emphasis = selected ? [.reverse] : []
            if model.attention[i.id] != nil { emphasis.insert(.bold) }
            let unackedMark = i.status == .reported ? "!" : " "
            let level = DisplayWidth.pad(i.level == .none ? "-" : i.level.roman, to: 4)
            var x = screen.put(unackedMark + level, x: inner.x, y: y, style: Style(.level(i.level), emphasis.union(.bold)), clip: inner)
            // The EXERCISE tag has a column of its own while any row shown has one, so the rows
            // stay aligned.
            if model.isMarkedExercise(i, world.state) {
                x = screen.put(model.t(Bilingual("EX", "演")), x: x, y: y, style: Style(.exercise, emphasis.union([.bold, .reverse])), clip: inner)
                x = screen.put(" ", x: x, y: y, style: Style(selected ? .selection : .normal, emphasis), clip: inner)
            } else if exerciseColumn {
                x = screen.put("   ", x: x, y: y, style: Style(selected ? .selection : .normal, emphasis), clip: inner)
            }
            if badgeWidth > 0 {
                if let source = world.feedSource(of: i.id) {
                    x = screen.put(DisplayWidth.pad(DisplayWidth.truncate(source, to: badgeWidth), to: badgeWidth), x: x, y: y, style: Style(.dim, emphasis.union(.reverse)), clip: inner)
                } else {
                    x = screen.put(String(repeating: " ", count: badgeWidth), x: x, y: y, style: Style(selected ? .selection : .normal, emphasis), clip: inner)
                }
                x = screen.put(" ", x: x, y: y, style: Style(selected ? .selection : .normal, emphasis), clip: inner)
            }
            let place = i.district.flatMap { world.grid.district(named: $0) }.map { model.t($0.name) } ?? "\(i.location.cell)"
            let teams = i.teams.isEmpty ? "" : " \(model.glyphs.team)\(i.teams.count)"
            let suggestion = world.plans.suggestion(for: i.type, figures: i.figures).level
            let up = suggestion > i.level ? " ↑\(suggestion.roman)" : ""
            // Columns widen with the panel: full type and district names once there is room.
            let placeWidth = inner.width >= 60 ? 11 : 8, typeWidth = min(18, max(10, inner.width - 32 - placeWidth))
            let text =
                "\(i.id) \(DisplayWidth.pad(model.t(i.type.name), to: typeWidth)) \(DisplayWidth.pad(place, to: placeWidth)) \(DisplayWidth.pad(ConsoleView.age(i.reportedAt, world.now), to: 4)) \(model.t(i.status.name))\(teams)"
            x = screen.put(DisplayWidth.pad(text, to: max(0, inner.right - x - DisplayWidth.of(up))), x: x, y: y, style: Style(selected ? .selection : .normal, emphasis), clip: inner)
            if !up.isEmpty { screen.put(up, x: x, y: y, style: Style(.level(suggestion), [.bold, .reverse]), clip: inner) }
        }
        ScrollMarks.draw(above: first, below: max(0, list.count - first - inner.height), box: r, model, into: &screen)
    }
}
