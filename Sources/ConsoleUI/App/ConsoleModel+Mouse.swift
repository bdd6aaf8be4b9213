import CommandModel
import Foundation

/// The mouse, as messages: a click selects the list row or the team under it and moves the map
/// cursor to the cell under it (focusing what was clicked); the wheel scrolls the list, the
/// panel or an overlay, and zooms the map. Pure, like keys: the layout says what is where.
extension ConsoleModel {
    mutating func mouse(_ e: MouseEvent, _ world: ConsoleWorld) -> [Effect] {
        switch mode {
        case .help, .legend:
            switch e.action {
            case .wheelUp: overlayOffset = max(0, overlayOffset - 3)
            case .wheelDown: overlayOffset = min(overlayLimit, overlayOffset + 3)
            case .click: mode = .normal
            }
            return []
        case .handover:
            // The wheel scrolls the brief; a click does not put it away unread.
            switch e.action {
            case .wheelUp: overlayOffset = max(0, overlayOffset - 3)
            case .wheelDown: overlayOffset = min(overlayLimit, overlayOffset + 3)
            case .click: break
            }
            return []
        case .normal: break
        case .command, .search, .find, .dispatch, .report, .planning, .plan, .confirmClose:
            // While something is being typed or chosen, the mouse changes nothing under it.
            return []
        }
        quitAsked = false
        let l = layout
        if l.list.inset(1).holds(e.x, e.y) {
            let list = world.workList(filter: filter)
            switch e.action {
            case .wheelUp: return select(list, offset: -3)
            case .wheelDown: return select(list, offset: 3)
            case .click:
                focus = .list
                let inner = l.list.inset(1)
                let at = selected.flatMap { s in list.firstIndex { $0.id == s } } ?? 0
                let first = ScrollMarks.first(offset: at - inner.height / 2, count: list.count, rows: inner.height)
                let row = first + (e.y - inner.y)
                guard row < list.count else { return [] }
                return select(list, offset: row - at)
            }
        }
        if l.map.inset(1).holds(e.x, e.y) {
            switch e.action {
            case .wheelUp: return normal(Request.zoomIn.keys[0], world)
            case .wheelDown: return normal(Request.zoomOut.keys[0], world)
            case .click:
                focus = .map
                cursor = MapView.cell(atScreen: e.x, e.y, self, l.map.inset(1), grid: world.grid)
                return []
            }
        }
        if l.bottom.inset(1).holds(e.x, e.y) {
            switch e.action {
            case .wheelUp, .wheelDown:
                // Over "what is here" (the map's panel) the wheel does nothing.
                guard focus != .map else { return [] }
                scrollPanel(e.action == .wheelUp ? -3 : 3, world)
            case .click:
                focus = .panel
                guard showTeamBoard else { return [] }
                let inner = l.bottom.inset(1)
                let order = TeamBoardView.ordered(world)
                let row = ScrollMarks.first(offset: panelOffset, count: order.count, rows: inner.height) + (e.y - inner.y)
                guard row < order.count else { return [] }
                show(order[row], world)
            }
        }
        return []
    }
}

extension Rect {
    /// Whether the screen cell (x, y) lies inside.
    func holds(_ px: Int, _ py: Int) -> Bool { px >= x && px < right && py >= y && py < bottom }
}
