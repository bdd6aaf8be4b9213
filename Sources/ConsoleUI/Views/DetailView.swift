import CommandModel
import Foundation

/// The selected incident: figures, level and suggestion, plan progress, teams, deadlines, chain
/// and timeline.
struct DetailView {
    let model: ConsoleModel
    let world: ConsoleWorld

    func render(into screen: inout Screen, _ r: Rect) {
        guard let id = model.selected, let i = world.state.incidents[id] else {
            screen.box(r, title: model.t(Bilingual("Detail", "详情")), glyphs: model.glyphs)
            screen.put(model.t(Bilingual("select an incident with ↑ ↓", "用 ↑ ↓ 选择事件")), x: r.x + 2, y: r.y + 1, style: Style(.dim), clip: r.inset(1))
            return
        }
        let place = i.district.flatMap { world.grid.district(named: $0) }.map { model.t($0.name) } ?? i.outside.map { model.t($0.name) } ?? "\(i.location.cell)"
        let ex = model.isMarkedExercise(i, world.state) ? " [" + model.t(Bilingual("EXERCISE", "演练")) + " \(i.exercise ?? "")]" : ""
        // With the focus here (↑ ↓ scroll the timeline), the title shows in reverse.
        screen.box(
            r, title: "\(i.id)\(ex) \(model.t(i.type.name)) · \(place) · \(i.level.roman)", glyphs: model.glyphs, style: Style(.level(i.level), .bold),
            titleStyle: Style(.title, model.focus == .panel ? [.bold, .reverse] : .bold))
        let inner = r.inset(1)
        var y = inner.y
        func line(_ text: String, _ style: Style = .normal) {
            guard y < inner.bottom else { return }
            screen.put(DisplayWidth.truncate(text, to: inner.width - 1), x: inner.x + 1, y: y, style: style, clip: inner)
            y += 1
        }
        for (text, style) in fixedLines() { line(text, style) }
        // The timeline below scrolls (panel focus: ↑ goes back in time); the newest shows first.
        guard model.timelineFor == i.id, y < inner.bottom else { return }
        var rows = inner.bottom - y
        let count = model.timeline.count
        let back = max(0, min(model.panelOffset, count - rows))
        let end = count - back
        var start = max(0, end - rows)
        if start > 0 {
            // Earlier entries are said on the timeline's first row (the top border holds the
            // incident's name).
            rows -= 1
            start = max(0, end - rows)
            line("↑ " + model.t(Bilingual("\(start) earlier (Tab here, then ↑)", "更早 \(start) 条（Tab 到此后按 ↑）")), Style(.title, .bold))
        }
        for e in model.timeline[start..<end] {
            line("\(ConsoleView.clock(e.at, world.timeZone).suffix(5)) \(e.by): \(Self.placeNames(model.t(e.event.summary), model, world))", Style(.dim))
        }
        ScrollMarks.draw(above: 0, below: back, box: r, model, into: &screen)
    }

    /// A record's text with district slugs (`fangshan`, as events keep them) read as the
    /// district's name in the reader's language ("Fangshan", "房山区").
    static func placeNames(_ text: String, _ model: ConsoleModel, _ world: ConsoleWorld) -> String {
        guard text.contains(where: { $0.isASCII && $0.isLowercase }) else { return text }
        var out = text
        for d in world.grid.districts where out.contains(d.slug) {
            // Whole words only ("chaoyang", not inside another word).
            var result = ""
            var rest = Substring(out)
            while let r = rest.range(of: d.slug) {
                let before = rest[..<r.lowerBound].last, after = rest[r.upperBound...].first
                let whole = !(before?.isLetter == true && before?.isASCII == true) && !(after?.isLetter == true && after?.isASCII == true)
                result += rest[..<r.lowerBound] + (whole ? model.t(d.name) : d.slug)
                rest = rest[r.upperBound...]
            }
            out = result + rest
        }
        return out
    }

    /// The lines above the timeline: title, who, figures, level, plan, teams and needs,
    /// deadlines, escalations, the chain of causes. Empty when nothing is selected.
    func fixedLines() -> [(String, Style)] {
        guard let id = model.selected, let i = world.state.incidents[id] else { return [] }
        var out: [(String, Style)] = []
        func line(_ text: String, _ style: Style = .normal) { out.append((text, style)) }
        line("\"\(i.title)\" · \(model.t(i.status.name))" + (i.verified ? " · " + model.t(Bilingual("verified", "已核实")) : ""), Style(.normal, .bold))
        let reported = ConsoleView.clock(i.reportedAt, world.timeZone)
        var who = model.t(Bilingual("reported \(reported) by \(i.reportedBy)", "\(reported) 由 \(i.reportedBy) 上报"))
        if let ack = i.time(of: .acknowledged) { who += model.t(Bilingual(" · acked by \(ack.by)", " · \(ack.by) 确认")) }
        line(who, Style(.dim))
        if let outside = i.outside {
            // A neighbour's incident, kept for mutual aid: said at once, never taken for the city's.
            let city = world.plans.centre.city
            line(model.t(Bilingual("OUTSIDE \(city.en): \(outside.name.en) (mutual aid)", "\(city.zh)辖区外：\(outside.name.zh)（跨区支援）")), Style(.attention, .bold))
        }
        let f = i.figures
        let figs = Figures.Field.allCases.filter { f[$0] > 0 }.map { "\(model.t($0.name)) \(f[$0])" }.joined(separator: " · ")
        line(figs.isEmpty ? model.t(Bilingual("no casualties reported", "暂无伤亡报告")) : figs)
        let s = world.plans.suggestion(for: i.type, figures: i.figures)
        if s.level > i.level {
            line(
                // The reason names the level with its criterion ("II: 12 deaths …").
                "↑ " + model.t(Bilingual("SUGGEST ", "建议 ")) + model.t(s.reason) + model.t(Bilingual(" (e raises)", "（按 e 提升）")),
                Style(.level(s.level), [.bold, .reverse]))
        } else if s.level > .none {
            line(model.t(Bilingual("suggested ", "建议 ")) + model.t(s.reason), Style(.dim))
        }
        if let last = i.levels.last {
            line(model.t(Bilingual("level \(last.from.roman)→\(last.to.roman) by \(last.by): \(last.reason)", "级别 \(last.from.roman)→\(last.to.roman)（\(last.by)）：\(last.reason)")), Style(.dim))
        }
        let req = world.plans.requirements(for: i.type, at: max(i.level, .iv))
        if !req.checklist.isEmpty {
            let done = req.checklist.filter { i.checklistDone[$0.id] != nil }.count
            // Ids in English (what `check` takes); the item itself in Chinese (no raw ids there).
            let items = req.checklist.map { (i.checklistDone[$0.id] != nil ? "☑" : "☐") + (model.language == .zh ? $0.text.zh : $0.id) }.joined(separator: " ")
            line(model.t(Bilingual("plan \(done)/\(req.checklist.count): ", "预案 \(done)/\(req.checklist.count)：")) + items)
        }
        let needs = world.state.outstandingNeeds(of: i, plans: world.plans)
        let teams = i.teams.compactMap { world.state.teams[$0] }.map { t -> String in
            var text = "\(model.glyphs.team(t.profile.capabilities)) \(t.id) \(model.t(t.status.name))"
            // Estimated arrival: travel time from base less the time since it was sent.
            if t.status == .dispatched || t.status == .enRoute, let m = world.travelMinutes[t.id] {
                let left = max(0, Int((m - world.now.timeIntervalSince(t.since) / 60).rounded()))
                text += model.t(Bilingual(" ETA \(left) min", " 预计 \(left) 分钟"))
            }
            return text
        }.joined(separator: " ")
        let needText = needs.sorted { $0.key < $1.key }.map { "\(model.t($0.key.name))×\($0.value)" }.joined(separator: ", ")
        line(
            (teams.isEmpty ? model.t(Bilingual("no teams", "无队伍")) : teams) + (needText.isEmpty ? "" : model.t(Bilingual(" · needs ", " · 尚需 ")) + needText),
            Style(needText.isEmpty ? .normal : .attention))
        // Supplies the run card calls for at this level that no request has asked for yet.
        let toRequest = world.state.suppliesStillToRequest(for: i.id, plans: world.plans)
        if !toRequest.isEmpty {
            let names = toRequest.map { q in "\(world.plans.supplies.first { $0.id == q.item }.map { model.t($0.name) } ?? q.item) \(q.quantity)" }
            line(model.t(Bilingual("supplies to request: ", "待申请物资：")) + names.joined(separator: model.language == .zh ? "、" : ", "), Style(.attention))
        }
        // Every report owed at the current level and every one filed: the ids `filed` takes.
        let deadlines = i.deadlines(at: world.now, plans: world.plans)
        if !deadlines.isEmpty {
            let filed = deadlines.filter { if case .filed = $0.standing { true } else { false } }.count
            let items = deadlines.map { d in
                let name = model.language == .zh ? d.stage.name.zh : d.stage.id
                return (d.standing.isFiled ? "☑" : "☐") + name
            }.joined(separator: " ")
            line(model.t(Bilingual("reports \(filed)/\(deadlines.count): ", "报送 \(filed)/\(deadlines.count)：")) + items)
        }
        for d in deadlines {
            switch d.standing {
            case .filed: continue
            case let .overdue(late): line(model.t(Bilingual("report to \(d.stage.name.en) OVERDUE \(late) min", "向\(d.stage.name.zh)报送已超时 \(late) 分钟")), Style(.error, .bold))
            case let .dueSoon(left): line(model.t(Bilingual("report to \(d.stage.name.en) due in \(left) min", "向\(d.stage.name.zh)报送剩余 \(left) 分钟")), Style(.attention, .bold))
            case let .pending(left): line(model.t(Bilingual("report to \(d.stage.name.en) due in \(left) min", "向\(d.stage.name.zh)报送剩余 \(left) 分钟")), Style(.dim))
            case .leftUnfiled: line(model.t(Bilingual("report to \(d.stage.name.en) never filed (closed without it)", "向\(d.stage.name.zh)报送未完成（结案时未报送）")), Style(.attention))
            }
            break
        }
        // ★ People still to shelter against the free places within an hour's drive, nearest first.
        if let (about, e) = world.evacuation, about == i.id {
            let near = e.shelters.prefix(3).map { "\($0.id) \(Int($0.minutes.rounded()))′ (\($0.free))" }.joined(separator: ", ")
            let short = e.shortfall > 0 ? model.t(Bilingual(" · SHORT \(e.shortfall)", " · 缺 \(e.shortfall)")) : ""
            line(
                "★ " + model.t(Bilingual("\(e.people) to shelter · \(e.freeWithin) free within 60 min", "待安置 \(e.people) · 60 分钟内余位 \(e.freeWithin)")) + short
                    + (near.isEmpty ? "" : " · " + near),
                Style(e.shortfall > 0 ? .attention : .normal, e.shortfall > 0 ? .bold : []))
        }
        // Escalations: the latest page of each, and what stops it.
        var latest: [String: Page] = [:]
        for p in world.state.pages.values where p.incident == i.id {
            if let l = latest[p.policy], l.index >= p.index { continue }
            latest[p.policy] = p
        }
        for p in latest.values.sorted(by: { ($0.sentAt, $0.id) < ($1.sentAt, $1.id) }) {
            let who = p.person.isEmpty ? model.t(Bilingual("nobody on call", "无人值班")) : p.person + (p.role.map { " (\(model.t($0.name)))" } ?? "")
            let at = String(ConsoleView.clock(p.sentAt, world.timeZone).suffix(5))
            let state =
                p.acknowledgedAt != nil
                ? Bilingual("acknowledged by \(p.acknowledgedBy ?? "?")", "已由 \(p.acknowledgedBy ?? "?") 确认")
                : Bilingual("paged \(who) at \(at)", "\(at) 已寻呼 \(who)")
            line(
                model.t(Bilingual("escalation \(p.policy): step \(p.index + 1) \(state.en) · \(p.trigger.stopsWhen.en)", "升级 \(p.policy)：第 \(p.index + 1) 步 \(state.zh) · \(p.trigger.stopsWhen.zh)")),
                Style(.attention))
            if let error = p.notifyError {
                line(model.t(Bilingual("  notify failed \(p.notifyAttempts)×: \(error)", "  通知失败 \(p.notifyAttempts) 次：\(error)")), Style(.error, .bold))
            } else if p.notifiedAt != nil {
                line(model.t(Bilingual("  notified (attempt \(p.notifyAttempts))", "  已通知（第 \(p.notifyAttempts) 次）")), Style(.dim))
            }
        }
        var chain: [IncidentID] = []
        var walk = i.causedBy
        while let w = walk, !chain.contains(w), chain.count < 8 {
            chain.append(w)
            walk = world.state.incidents[w]?.causedBy
        }
        let effects = world.active.filter { $0.causedBy == i.id }.map(\.id).sorted()
        if !chain.isEmpty || !effects.isEmpty {
            var text = ""
            if !chain.isEmpty { text += model.t(Bilingual("caused by ", "起因 ")) + chain.map(\.description).joined(separator: " ← ") }
            if !effects.isEmpty { text += (text.isEmpty ? "" : " · ") + model.t(Bilingual("led to ", "引发 ")) + effects.map(\.description).joined(separator: ", ") }
            line(text)
        }
        return out
    }
}

/// The ranked recommendation for one incident, one key per team.
struct DispatchView {
    let model: ConsoleModel
    let world: ConsoleWorld
    let id: IncidentID

    func render(into screen: inout Screen, _ r: Rect) {
        guard let rec = world.state.recommend(for: id, plans: world.plans, grid: world.grid) else { return }
        let needs = rec.needs.sorted { $0.key < $1.key }.map { "\(model.t($0.key.name))×\($0.value)" }.joined(separator: ", ")
        screen.box(
            r, title: model.t(Bilingual("Dispatch to \(id) · needs \(needs.isEmpty ? "nothing more" : needs)", "派往 \(id) · 尚需 \(needs.isEmpty ? "无" : needs)")), glyphs: model.glyphs,
            style: Style(.title))
        let inner = r.inset(1)
        var y = inner.y
        for (k, o) in rec.options.prefix(9).enumerated() where y < inner.bottom {
            let name = world.state.teams[o.team].map { model.t($0.profile.name) } ?? ""
            screen.put("\(k + 1) \(o.team) \(DisplayWidth.pad(name, to: 16)) \(String(format: "%3.0f", o.minutes)) min · \(model.t(o.reason))", x: inner.x + 1, y: y, clip: inner)
            y += 1
        }
        for u in rec.unmet where y < inner.bottom {
            screen.put("✗ " + model.t(u.cause), x: inner.x + 1, y: y, style: Style(.error), clip: inner)
            y += 1
        }
        if rec.options.isEmpty && rec.unmet.isEmpty {
            screen.put(model.t(Bilingual("the plan's needs are met", "预案需求已满足")), x: inner.x + 1, y: y, style: Style(.ok), clip: inner)
        }
    }
}
