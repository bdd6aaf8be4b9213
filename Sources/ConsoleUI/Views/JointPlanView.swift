import CommandModel
import Foundation

/// The joint dispatch plan for every waiting incident: higher levels first, least total travel.
struct JointPlanView {
    let model: ConsoleModel
    let world: ConsoleWorld
    let plan: JointPlan
    let excluded: Set<Int>

    /// While the plan is computed: how far it has got, and how to give up.
    static func progress(_ model: ConsoleModel, _ fraction: Double, into screen: inout Screen, _ r: Rect) {
        screen.fill(r)
        screen.box(r, title: model.t(Bilingual("Joint dispatch plan", "联合派遣方案")), glyphs: model.glyphs, style: Style(.title))
        let inner = r.inset(1)
        guard inner.height > 0, inner.width > 2 else { return }
        let percent = Int((min(1, max(0, fraction)) * 100).rounded(.down))
        let text = model.t(Bilingual("computing for every waiting incident… \(percent)% · Esc cancels", "正在为所有待处置事件计算… \(percent)% · Esc 取消"))
        screen.put(DisplayWidth.truncate(text, to: inner.width - 1), x: inner.x + 1, y: inner.y, style: Style(.dim), clip: inner)
        guard inner.height > 1 else { return }
        let width = max(0, inner.width - 2)
        let filled = width * percent / 100
        let (done, left) = model.glyphs == .ascii ? ("#", ".") : ("█", "░")
        screen.put(String(repeating: done, count: filled) + String(repeating: left, count: width - filled), x: inner.x + 1, y: inner.y + 1, style: Style(.title), clip: inner)
    }

    func render(into screen: inout Screen, _ r: Rect) {
        screen.fill(r)
        let total = plan.assignments.enumerated().filter { !excluded.contains($0.offset) }.map(\.element.minutes).reduce(0, +)
        screen.box(
            r, title: model.t(Bilingual("Joint dispatch plan · \(plan.assignments.count) teams · \(Int(total)) min in all", "联合派遣方案 · \(plan.assignments.count) 支队伍 · 共 \(Int(total)) 分钟")),
            glyphs: model.glyphs, style: Style(.title))
        let inner = r.inset(1)
        var y = inner.y
        for (k, a) in plan.assignments.enumerated() where y < inner.bottom {
            let out = excluded.contains(k)
            let level = world.state.incidents[a.incident]?.level ?? .none
            let key = k < 9 ? "\(k + 1)" : " "
            let mark = out ? "✗" : "✓"
            let name = world.state.teams[a.team].map { model.t($0.profile.name) } ?? ""
            let text = "\(key) \(mark) \(a.incident) \(level.roman) ← \(a.team) \(model.t(a.capability.name)) \(Int(a.minutes.rounded())) min · \(name)"
            screen.put(DisplayWidth.truncate(text, to: inner.width - 1), x: inner.x + 1, y: y, style: Style(out ? .dim : .level(level), out ? [] : [.bold]), clip: inner)
            y += 1
        }
        for u in plan.unfilled where y < inner.bottom {
            screen.put(
                DisplayWidth.truncate("✗ \(u.incident) " + model.t(Bilingual("no free \(u.capability.name.en) team within reach", "无可及的空闲\(u.capability.name.zh)队伍")), to: inner.width - 1),
                x: inner.x + 1, y: y, style: Style(.error), clip: inner)
            y += 1
        }
        // Lines that do not fit are said (they are in the plan and go with Enter all the same).
        let lines = plan.assignments.count + plan.unfilled.count
        ScrollMarks.draw(above: 0, below: max(0, lines - inner.height), box: r, model, into: &screen)
    }
}
