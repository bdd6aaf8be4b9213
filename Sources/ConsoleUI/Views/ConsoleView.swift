import CommandModel
import Foundation

/// The whole console as a function of state: `render(model, world) -> Screen`. Layout is
/// recomputed from the size every frame, so a resize needs no special code.
public enum ConsoleView {
    public static let minimumWidth = 60
    public static let minimumHeight = 16

    public static func render(_ model: ConsoleModel, _ world: ConsoleWorld, width: Int, height: Int) -> Screen {
        var screen = Screen(width: width, height: height)
        guard width >= minimumWidth, height >= minimumHeight else {
            let lines = [
                model.t(Bilingual("Terminal too small", "终端窗口太小")),
                model.t(Bilingual("need \(minimumWidth)×\(minimumHeight), now \(width)×\(height)", "至少需要 \(minimumWidth)×\(minimumHeight)，当前 \(width)×\(height)")),
                model.t(model.confirmQuit ? Bilingual("q twice quits", "连按两次 q 退出") : Bilingual("q quits", "按 q 退出")),
            ]
            for (k, l) in lines.enumerated() where k < height {
                screen.put(
                    DisplayWidth.truncate(l, to: width), x: max(0, (width - DisplayWidth.of(l)) / 2), y: max(0, height / 2 - 1) + k, style: Style(k == 0 ? .error : .normal, k == 0 ? .bold : []))
            }
            return model.glyphs == .ascii ? screen.asciified() : screen
        }
        statusBar(model, world, &screen, Rect(x: 0, y: 0, width: width, height: 1))
        let layout = ConsoleLayout(width: width, height: height)
        let (mapArea, panel) = (layout.map, layout.panel)
        let mapTitle =
            model.t(Bilingual("One-map", "一张图")) + " · \(model.t(world.cityName))" + " · "
            + model.t(model.magnify > 1 ? Bilingual("zoom \(model.magnify):1", "比例 \(model.magnify):1") : Bilingual("zoom 1:\(model.zoom)", "比例 1:\(model.zoom)")) + " · "
            + model.t(model.timeFilter.label)
            + (model.focus == .map ? " ·" + model.t(Bilingual(" cursor ", " 光标 ")) + "\(model.cursor)" : "")
            + model.hiddenModes.map { " · " + model.t($0) }.joined()
            + Self.shortfallBadge(model, world)
        screen.box(mapArea, title: mapTitle, glyphs: model.glyphs, style: Style(model.focus == .map ? .title : .border))
        // The area responses in force, as text above the map (at most a third of it).
        let responses = AreaResponsesView(model: model, world: world)
        let rows = responses.rows(width: mapArea.width - 2, limit: max(1, (mapArea.height - 2) / 3))
        let (strip, mapPane) = mapArea.inset(1).splitTop(rows.count)
        responses.render(rows, into: &screen, strip)
        MapView(model: model, world: world).render(into: &screen, mapPane)
        legend(model, &screen, mapArea)
        let list = world.workList(filter: model.filter)
        let (top, bottom) = (layout.list, layout.bottom)
        IncidentListView(model: model, world: world, list: list).render(into: &screen, top)
        if case let .dispatch(id) = model.mode {
            DispatchView(model: model, world: world, id: id).render(into: &screen, bottom)
        } else if case let .planning(_, progress) = model.mode {
            JointPlanView.progress(model, progress, into: &screen, bottom)
        } else if case let .plan(plan, excluded) = model.mode {
            JointPlanView(model: model, world: world, plan: plan, excluded: excluded).render(into: &screen, panel)
        } else if case let .report(form) = model.mode {
            ReportFormView(model: model, form: form).render(into: &screen, panel)
        } else if model.focus == .map {
            HereView(model: model, world: world).render(into: &screen, bottom)
        } else if model.showTeamBoard {
            TeamBoardView(model: model, world: world).render(into: &screen, bottom)
        } else if model.showResources {
            ResourcesView(model: model, world: world).render(into: &screen, bottom)
        } else {
            DetailView(model: model, world: world).render(into: &screen, bottom)
        }
        messageLine(model, world, &screen, Rect(x: 0, y: height - 2, width: width, height: 1))
        commandBar(model, &screen, Rect(x: 0, y: height - 1, width: width, height: 1))
        // A message longer than its line goes on over the key hints (a question, a refusal and
        // its remedy matter more than the hints), never cut while there is a row for it.
        if model.mode.showsHints, let m = model.message, world.myPages(model.person).isEmpty, model.completions.isEmpty {
            let (_, rest) = Self.split((m.isError ? "✗ " : "✓ ") + m.text, columns: width - 2)
            if !rest.isEmpty {
                let row = Rect(x: 0, y: height - 1, width: width, height: 1)
                screen.fill(row, style: Style(.normal))
                screen.put("  " + rest, x: 1, y: row.y, style: Style(m.isError ? .error : .ok, m.isError ? .bold : []), clip: row)
            }
        }
        if model.mode == .help { HelpView.render(model, into: &screen) }
        if model.mode == .legend { LegendView.render(model, into: &screen) }
        if case let .handover(sheet) = model.mode { HandoverView.render(model, sheet, into: &screen) }
        return model.glyphs == .ascii ? screen.asciified() : screen
    }

    /// The legend in the map's bottom border: marker shapes, and the filters in force.
    static func legend(_ model: ConsoleModel, _ screen: inout Screen, _ r: Rect) {
        guard r.height > 2, r.width > 10 else { return }
        let g = model.glyphs
        var parts = [
            "\(g.natural) " + model.t(Bilingual("natural", "自然灾害")), "\(g.accident) " + model.t(Bilingual("accident", "事故灾难")),
            "\(g.health) " + model.t(Bilingual("health", "公共卫生")), "\(g.security) " + model.t(Bilingual("security", "社会安全")),
            "w f m … " + model.t(Bilingual("teams", "队伍")), "\(g.shelter) " + model.t(Bilingual("shelter", "避难场所")),
            "\(g.depot) " + model.t(Bilingual("depot", "物资库")), "\(g.hazard) " + model.t(Bilingual("hazard", "危险源")),
        ]
        if model.minimumLevel > .none { parts.append(model.t(Bilingual("≥\(model.minimumLevel.roman)", "≥\(model.minimumLevel.roman)级"))) }
        if model.tintMode != .none { parts.append(model.t(model.tintMode.label)) }
        let text = " " + parts.joined(separator: " ") + " "
        screen.put(DisplayWidth.truncate(text, to: r.width - 4), x: r.x + 2, y: r.bottom - 1, style: Style(.dim), clip: Rect(x: r.x + 1, y: r.bottom - 1, width: r.width - 2, height: 1))
    }

    /// Only the map pane, for the render benchmark.
    public static func renderMap(_ model: ConsoleModel, _ world: ConsoleWorld, width: Int, height: Int) -> Screen {
        var screen = Screen(width: width, height: height)
        MapView(model: model, world: world).render(into: &screen, screen.area)
        return screen
    }

    /// The header: what matters most survives a narrow screen. Segments are chosen by priority
    /// (a drill the operator knows of, trouble with the store, unacknowledged reports, the
    /// highest level in play, warnings and responses with where they are, then the rest) and
    /// drawn in reading order.
    static func statusBar(_ model: ConsoleModel, _ world: ConsoleWorld, _ screen: inout Screen, _ r: Rect) {
        screen.fill(r, style: Style(.title, .reverse))
        struct Segment {
            let text: String
            /// A shorter form, used when the full one does not fit.
            let short: String
            let style: Style
            let priority: Int
        }
        var segments: [Segment] = []
        func add(_ text: String, _ style: Style, _ priority: Int, short: String? = nil) {
            segments.append(Segment(text: " " + text + " ", short: " " + (short ?? text) + " ", style: style, priority: priority))
        }
        add(
            "\(model.glyphs == .ascii ? "DECISION HUB" : "DECISION HUB 决策中枢") · \(model.t(world.cityName)) · \(clock(world.now, world.timeZone)) · \(model.operatorName) (\(model.t(model.role)))",
            Style(.title, [.reverse, .bold]), 8)
        // Exercise incidents the operator knows of never count in the real figures; a blind
        // drill's do, until it ends (that is what blind means).
        // One pass over the open incidents, reading fields in place (copying 10,000 incidents
        // per frame costs more than drawing the map).
        let active = world.active
        let anyDrill = !world.state.drills.isEmpty
        var byLevel = [Int](repeating: 0, count: ResponseLevel.allCases.count)
        var unacked = 0, exercise = 0
        for k in active.indices {
            if anyDrill, model.isMarkedExercise(active[k].exercise, world.state) {
                exercise += 1
                continue
            }
            byLevel[active[k].level.rawValue] += 1
            if active[k].status == .reported { unacked += 1 }
        }
        // A running drill the operator knows of comes first: nobody may mistake it for real.
        let drills = model.announcedDrills(world.state)
        if !drills.isEmpty {
            let ids = drills.map(\.id).joined(separator: " ")
            add(model.t(Bilingual("EXERCISE \(ids): \(exercise) open", "演练 \(ids)：在办 \(exercise)")), Style(.exercise, [.reverse, .bold]), 0)
        }
        let highest = [ResponseLevel.i, .ii, .iii, .iv].first { byLevel[$0.rawValue] > 0 }
        for level in [ResponseLevel.i, .ii, .iii, .iv] {
            add("\(level.roman):\(byLevel[level.rawValue])", Style(.level(level), [.reverse, .bold]), level == highest ? 2 : 7)
        }
        add(model.t(Bilingual("unacked \(unacked)", "未确认 \(unacked)")), Style(unacked > 0 ? .attention : .title, [.reverse, .bold]), 1)
        // Every warning in force, in a stable order (most severe first, then oldest), each with
        // where it is; a superseded warning is no longer in force.
        let warnings = world.state.warningsInForce(at: world.now).filter { !model.isMarkedExercise($0.exercise, world.state) }
        for (k, w) in warnings.enumerated() {
            let whereText = places(w.districts, model, world)
            // A warning from a CAP alert reads as its sender wrote it, in the console's language
            // (else the alert's other language).
            let said = world.state.cap.source(of: w.id)?.text(in: model.language).map { $0.headline ?? $0.event }
            add(
                "⚠ "
                    + (said.map { model.t(Bilingual("\($0): \(whereText.en)", "\($0)：\(whereText.zh)")) }
                        ?? model.t(Bilingual("\(w.color.name.en.uppercased()) \(w.hazard.name.en): \(whereText.en)", "\(w.hazard.name.zh)\(w.color.name.zh)预警：\(whereText.zh)"))),
                Style(.warning(w.color), [.reverse, .bold]), 3 + k,
                short: "⚠ " + model.t(Bilingual("\(w.color.name.en.uppercased()) \(whereText.en)", "\(w.color.name.zh)预警 \(whereText.zh)")))
        }
        // Every response in force, each on its own: its highest level in force and where (read
        // against the map's districts, so a level lowered everywhere is not shown).
        for (k, (resp, areas)) in AreaResponsesView.shown(model, world).enumerated() {
            let top = areas[0]
            let whereText = top.wholeCity ? Bilingual("city", "全市") : AreaResponsesView.rest(top, of: resp) ?? places(top.districts, model, world)
            add(
                model.t(Bilingual("\(resp.hazard.name.en.uppercased()) RESPONSE \(top.level.roman): \(whereText.en)", "\(resp.hazard.name.zh)\(top.level.roman)级响应：\(whereText.zh)")),
                Style(.level(top.level), [.reverse, .bold]), 4 + k,
                short: model.t(Bilingual("RESP \(top.level.roman) \(whereText.en)", "\(top.level.roman)级响应 \(whereText.zh)")))
        }
        // Other centres: one the relay cannot reach, with the age of the last contact; requests
        // another centre made of us that nobody has answered yet.
        for (k, (centre, contact)) in world.state.centres.unreachable.enumerated() {
            let name = world.plans.centre.neighbours[centre].map { model.t($0) } ?? centre
            let age = contact.lastContact.map { Bilingual.age(world.now.timeIntervalSince($0)) }
            let text =
                age.map { Bilingual("\(name.uppercased()) UNREACHABLE · last contact \($0.en) ago", "\(name)失联 · 上次联系 \($0.zh)前") }
                ?? Bilingual(
                    "\(name.uppercased()) UNREACHABLE since \(clock(contact.unreachableSince ?? world.now, world.timeZone))",
                    "\(name)失联（自 \(clock(contact.unreachableSince ?? world.now, world.timeZone)) 起）")
            add(model.t(text), Style(.attention, [.reverse, .bold]), 5 + k, short: model.t(Bilingual("\(name.uppercased()) UNREACHABLE", "\(name)失联")))
        }
        let asked = world.state.centres.incoming.values.filter { $0.offers.isEmpty && $0.released == nil && $0.accepted == nil }.map(\.id).sorted()
        if let first = asked.first {
            let more = asked.count > 1 ? " +\(asked.count - 1)" : ""
            add(model.t(Bilingual("AID ASKED OF US: \(first)\(more)", "待响应支援请求：\(first)\(more)")), Style(.attention, [.reverse, .bold]), 5)
        }
        var healthy = model.storeTrouble == nil
        if case .tampered = model.recordHealth { healthy = false }
        add(
            model.t(world.storeHealth), Style(healthy ? .title : .error, [.reverse, .bold]), healthy ? 9 : 0,
            short: healthy ? nil : model.t(Bilingual("STORE TROUBLE: see the message line; run decision-hub verify", "存储故障：见消息行；请运行 decision-hub verify")))
        // Keep the most important segments that fit (in their short form if need be), in
        // priority order; the first that does not fit ends the choosing, so nothing less
        // important ever shows in its place. Then draw them in reading order.
        var kept: [Int: String] = [:]
        var used = 0
        for k in segments.indices.sorted(by: { (segments[$0].priority, $0) < (segments[$1].priority, $1) }) {
            guard let text = [segments[k].text, segments[k].short].first(where: { used + DisplayWidth.of($0) <= r.width }) else {
                // The most important one that does not fit is cut, never dropped (a header with
                // nothing in it would hide exactly what matters).
                let room = r.width - used
                if kept.isEmpty || room >= 12 { kept[k] = DisplayWidth.truncate(segments[k].short, to: room) }
                break
            }
            kept[k] = text
            used += DisplayWidth.of(text)
        }
        var x = r.x
        for k in segments.indices { if let text = kept[k] { x = screen.put(text, x: x, y: r.y, style: segments[k].style, clip: r) } }
    }

    /// District names for a header badge: "city" for none, two names then "+N".
    static func places(_ slugs: [String], _ model: ConsoleModel, _ world: ConsoleWorld) -> Bilingual {
        guard !slugs.isEmpty else { return Bilingual("city", "全市") }
        let names = slugs.map { s in world.grid.district(named: s)?.name ?? Bilingual(s, s) }
        let more = names.count > 2 ? names.count - 2 : 0
        let en = names.prefix(2).map(\.en).joined(separator: ", ") + (more > 0 ? " +\(more)" : "")
        let zh = names.prefix(2).map(\.zh).joined(separator: "、") + (more > 0 ? " 等\(names.count)区" : "")
        return Bilingual(en, zh)
    }

    static func messageLine(_ model: ConsoleModel, _ world: ConsoleWorld, _ screen: inout Screen, _ r: Rect) {
        // A page to this operator outranks everything else on the line, until acknowledged.
        let mine = world.myPages(model.person)
        if let p = mine.first {
            let more = mine.count > 1 ? model.t(Bilingual(" (+\(mine.count - 1) more)", "（另有 \(mine.count - 1) 条）")) : ""
            let what = world.state.incidents[p.incident].map { "\(p.incident) \(model.t($0.type.name)) \($0.level.roman)" } ?? p.incident.description
            let text = model.t(Bilingual("⚠ PAGE \(what): \(p.trigger.rawValue), step \(p.index + 1) — press ! to acknowledge", "⚠ 寻呼 \(what)：\(p.trigger.rawValue)，第 \(p.index + 1) 步——按 ! 确认")) + more
            screen.fill(r, style: Style(.error, .reverse))
            screen.put(text, x: 1, y: r.y, style: Style(.error, [.reverse, .bold]), clip: r)
            return
        }
        if !model.completions.isEmpty {
            // What Tab offers at the cursor, as many as fit, and how many more.
            var x = screen.put(model.t(Bilingual("Tab: ", "可选：")), x: 1, y: r.y, style: Style(.title, .bold), clip: r)
            for (k, c) in model.completions.enumerated() {
                let rest = model.completions.count - k
                let more = model.t(Bilingual(" +\(rest) more", " 另有 \(rest) 项"))
                guard x + DisplayWidth.of(c) + 2 + DisplayWidth.of(more) < r.right || rest == 1 else {
                    screen.put(more, x: x, y: r.y, style: Style(.dim), clip: r)
                    break
                }
                x = screen.put(c + "  ", x: x, y: r.y, clip: r)
            }
            return
        }
        if let m = model.message {
            let (first, rest) = Self.split((m.isError ? "✗ " : "✓ ") + m.text, columns: r.width - 2)
            // The rest, if any, goes on the row below (`render`), or is marked cut when that row is busy.
            let shown = rest.isEmpty || model.mode.showsHints ? first : DisplayWidth.truncate(first + rest, to: r.width - 2)
            screen.put(shown, x: 1, y: r.y, style: Style(m.isError ? .error : .ok, m.isError ? .bold : []), clip: r)
        } else if model.asciiNote {
            screen.put(model.t(Bilingual("note: the locale is not UTF-8; ASCII glyphs are used", "提示：当前区域设置不是 UTF-8，使用 ASCII 符号")), x: 1, y: r.y, style: Style(.dim), clip: r)
        }
    }

    /// The map's word on warning areas short of shelter places (★; `b` twice lists them).
    static func shortfallBadge(_ model: ConsoleModel, _ world: ConsoleWorld) -> String {
        let short = world.state.areaShortfalls(at: world.now, shown: { !model.isMarkedExercise($0.exercise, world.state) }).filter { $0.shortfall > 0 }
        guard !short.isEmpty else { return "" }
        let total = short.map(\.shortfall).reduce(0, +)
        return " · "
            + model.t(
                Bilingual("★ \(total) short of shelter in \(short.map(\.warning.description).joined(separator: ", "))", "★ 缺避难位 \(total)（\(short.map(\.warning.description).joined(separator: "、"))）"))
    }

    /// A text split at a display width, at a space when there is one in the last third.
    static func split(_ text: String, columns: Int) -> (String, String) {
        guard columns > 0, DisplayWidth.of(text) > columns else { return (text, "") }
        var first = ""
        var w = 0
        for c in text {
            let cw = DisplayWidth.of(c)
            if w + cw > columns { break }
            first.append(c)
            w += cw
        }
        if let space = first.lastIndex(of: " "), first.distance(from: first.startIndex, to: space) > first.count * 2 / 3 {
            first = String(first[..<space])
        }
        return (first, String(text.dropFirst(first.count)).trimmingCharacters(in: .whitespaces))
    }

    static func commandBar(_ model: ConsoleModel, _ screen: inout Screen, _ r: Rect) {
        switch model.mode {
        case .command, .search, .find:
            let prompt: String
            switch model.mode {
            case .find(.map): prompt = model.t(Bilingual("go to (district or team): ", "跳到（区或队伍）："))
            case .find(.team): prompt = model.t(Bilingual("find team (id or name): ", "查找队伍（编号或名称）："))
            case .search: prompt = "/ "
            case .command, .normal, .dispatch, .report, .planning, .plan, .help, .legend, .confirmClose, .handover: prompt = ": "
            }
            let x = screen.put(prompt, x: 0, y: r.y, style: Style(.title, .bold), clip: r)
            screen.put(model.input, x: x, y: r.y, clip: r)
            // The cursor: the character under it in reverse.
            let before = String(model.input.prefix(model.inputCursor))
            let cx = x + DisplayWidth.of(before)
            if cx < r.right {
                let under = model.inputCursor < model.input.count ? model.input[model.input.index(model.input.startIndex, offsetBy: model.inputCursor)] : " "
                screen.put(String(under), x: cx, y: r.y, style: Style(.cursor, .reverse), clip: r)
            }
        case .dispatch:
            screen.put(model.t(Bilingual("1-9 send that team · A accept the plan · Esc back", "1-9 派遣该队 · A 接受整体方案 · Esc 返回")), x: 1, y: r.y, style: Style(.dim), clip: r)
        case .plan:
            screen.put(model.t(Bilingual("1-9 leave a line out or back in · Enter send the rest · Esc cancel", "1-9 排除/恢复该行 · Enter 派遣其余 · Esc 取消")), x: 1, y: r.y, style: Style(.dim), clip: r)
        case .confirmClose:
            screen.put(model.t(Bilingual("y close anyway · any other key keeps it open", "y 仍然结案 · 其他键保持在办")), x: 1, y: r.y, style: Style(.attention, .bold), clip: r)
        case let .report(form):
            screen.put(
                model.t(Bilingual("↑ ↓ field · ← → type · Enter report · Esc cancel", "↑ ↓ 字段 · ← → 类型 · Enter 上报 · Esc 取消")) + "   " + form.commandLine, x: 1, y: r.y, style: Style(.dim), clip: r)
        case .normal where model.focus == .panel:
            let find = model.showTeamBoard ? model.t(Bilingual("f find a team · ", "f 查找队伍 · ")) : ""
            screen.put(
                find + model.t(Bilingual("↑ ↓ PgUp PgDn scroll · b team board / detail · Tab list", "↑ ↓ PgUp PgDn 滚动 · b 队伍看板/详情 · Tab 列表")), x: 1, y: r.y, style: Style(.dim),
                clip: r)
        case .normal where model.focus == .map:
            screen.put(
                model.t(Bilingual("← ↑ ↓ → cursor · / go to a district or team · + - zoom · l legend · Tab panel", "← ↑ ↓ → 光标 · / 跳到区或队伍 · + - 缩放 · l 图例 · Tab 面板")), x: 1, y: r.y,
                style: Style(.dim), clip: r)
        default:
            let hints: [(Request, Bilingual)] = [
                (.help, Bilingual("help", "帮助")), (.command, Bilingual("command", "命令")), (.report, Bilingual("new", "上报")),
                (.acknowledge, Bilingual("ack", "确认")), (.setLevel, Bilingual("level", "级别")), (.dispatch, Bilingual("dispatch", "派遣")),
                (.status, Bilingual("status", "状态")), (.close, Bilingual("close", "结案")), (.focusNext, Bilingual("map", "地图")),
                (.language, Bilingual("中文/EN", "EN/中文")), (.quit, Bilingual("quit", "退出")),
            ]
            var x = 1
            for (req, label) in hints {
                x = screen.put(req.keys[0].label, x: x, y: r.y, style: Style(.title, .bold), clip: r)
                x = screen.put(" " + model.t(label) + "  ", x: x, y: r.y, style: Style(.dim), clip: r)
            }
        }
    }

    static func clock(_ date: Date, _ tz: TimeZone) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = tz
        let c = cal.dateComponents([.month, .day, .hour, .minute], from: date)
        func p(_ v: Int?) -> String { String(format: "%02d", v ?? 0) }
        // Minutes, not seconds: an idle console then redraws once a minute, not every second.
        return "\(p(c.month))-\(p(c.day)) \(p(c.hour)):\(p(c.minute))"
    }

    static func age(_ from: Date, _ now: Date) -> String {
        let s = max(0, Int(now.timeIntervalSince(from)))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86400 { return "\(s / 3600)h\(String(format: "%02d", s % 3600 / 60))" }
        return "\(s / 86400)d"
    }
}
