import CommandModel
import Foundation

/// Scrolling the bottom panel and the overlays, finding a place or a team, and asking before a
/// close that leaves work open.
extension ConsoleModel {
    /// The layout of the last reported screen size (80×24 until one is known).
    var layout: ConsoleLayout { ConsoleLayout(width: screenSize?.width ?? 80, height: screenSize?.height ?? 24) }

    /// How far a key scrolls, if it scrolls: ↑ ↓ (and k j) a row, PgUp PgDn a page, Home End
    /// all the way.
    func scrollStep(_ key: Key, page: Int) -> Int? {
        if Request.moveUp.keys.contains(key) { return -1 }
        if Request.moveDown.keys.contains(key) { return 1 }
        switch key {
        case .pageUp: return -max(1, page)
        case .pageDown: return max(1, page)
        case .home: return -1_000_000
        case .end: return 1_000_000
        case .char, .ctrl, .up, .down, .left, .right, .enter, .escape, .backspace, .tab, .backTab, .delete, .function: return nil
        }
    }

    /// Rows of the bottom panel's inside: a page of it.
    var panelPage: Int { max(1, layout.bottom.height - 3) }

    /// Scrolls the team board (down its rows) or the timeline (back in time for ↑), never past
    /// either end.
    mutating func scrollPanel(_ step: Int, _ world: ConsoleWorld) {
        let rows = max(1, layout.bottom.height - 2)
        if showTeamBoard {
            panelOffset = max(0, min(panelOffset + step, max(0, world.state.teams.count - rows)))
        } else if showResources {
            panelOffset = max(0, min(panelOffset + step, max(0, ResourcesView.rows(self, world).count - rows)))
        } else {
            guard timelineFor == selected else { return }
            let room = max(1, rows - DetailView(model: self, world: world).fixedLines().count)
            panelOffset = max(0, min(panelOffset - step, max(0, timeline.count - room)))
        }
    }

    /// The open overlay's rows and how many show at once.
    var overlayRowCount: Int {
        switch mode {
        case .help: HelpView.rows(self, width: layout.overlay(rows: 0).width - 2).count
        case .legend: LegendView.rows(self, width: layout.overlay(rows: 0).width - 2).count
        case let .handover(sheet): HandoverView.rows(self, sheet, width: layout.overlay(rows: 0).width - 2).count
        case .normal, .command, .search, .dispatch, .report, .planning, .plan, .find, .confirmClose: 0
        }
    }
    var overlayPage: Int { max(1, layout.overlay(rows: overlayRowCount).height - 3) }
    var overlayLimit: Int { max(0, overlayRowCount - (layout.overlay(rows: overlayRowCount).height - 2)) }

    mutating func startFind(_ target: FindTarget) {
        mode = .find(target)
        input = ""
        inputCursor = 0
    }

    /// Finds what was typed: on the map a district or a team (moving the map there), on the
    /// board a team (scrolling to it and showing where it is on the map).
    mutating func find(_ text: String, _ target: FindTarget, _ world: ConsoleWorld) {
        guard !text.isEmpty else { return }
        let team = Finder.team(text, world)
        switch target {
        case .map:
            if let d = Finder.district(text, world), team?.id.raw.lowercased() != text.lowercased() {
                guard let c = world.grid.centre(of: d) else { return }
                centre = c
                cursor = c
                message = (t(Bilingual("map: \(d.name.en)", "地图：\(d.name.zh)")), false)
                return
            }
            guard let team else { return notFound(text, world) }
            show(team, world)
        case .team:
            guard let team else { return notFound(text, world) }
            show(team, world)
            // Scroll the board so the team is in the middle of it.
            let order = TeamBoardView.ordered(world)
            let rows = max(1, layout.bottom.height - 2)
            if let k = order.firstIndex(where: { $0.id == team.id }) { panelOffset = max(0, min(k - rows / 2, max(0, order.count - rows))) }
        }
    }

    mutating func show(_ team: Team, _ world: ConsoleWorld) {
        let at = world.position(of: team)
        centre = at
        cursor = at
        foundTeam = team.id
        let on = team.incident.map { " · \($0)" } ?? ""
        message = (t(Bilingual("\(team.id) \(team.profile.name.en) · \(team.status.name.en)\(on)", "\(team.id) \(team.profile.name.zh) · \(team.status.name.zh)\(on)")), false)
    }

    private mutating func notFound(_ text: String, _ world: ConsoleWorld) {
        let near = Grammar.closest(text, among: world.grid.districts.map(\.slug) + world.state.teams.keys.map(\.raw))
        let hint = near.map { Bilingual(" (did you mean '\($0)'?)", "（是否要输入“\($0)”？）") } ?? Bilingual("", "")
        message = (t(Bilingual("no district or team '\(text)'\(hint.en)", "没有名为“\(text)”的区或队伍\(hint.zh)")), true)
    }

    /// A close that would leave run-card items or reports open: the question to ask first.
    func closeQuestion(_ line: String, _ commands: [Command], _ world: ConsoleWorld) -> (mode: Mode, text: Bilingual)? {
        // Only a close the incident's status allows is worth a question: any other is refused
        // at once by the decider, with what to do instead.
        guard commands.count == 1, case let .incident(.close(id, _)) = commands[0], let i = world.state.incidents[id], i.isActive, i.status.allowedNext.contains(.closed) else {
            return nil
        }
        let open = i.leftOpen(plans: world.plans)
        guard !open.isEmpty else { return nil }
        let what = open.description
        return (
            .confirmClose(line: line, commands: commands),
            Bilingual("\(id) has \(what.en). Close anyway? y closes (the summary records it) · any other key: no", "\(id) 尚有 \(what.zh)。仍要结案？y 结案（总结中记录未完成项）· 其他键：不结案")
        )
    }
}

/// Finds a district or a team by what an officer types: an id, a name in either language, or
/// the start of one.
enum Finder {
    static func district(_ text: String, _ world: ConsoleWorld) -> District? {
        let q = text.lowercased()
        let ds = world.grid.districts
        func names(_ d: District) -> [String] { [d.slug, d.name.en.lowercased(), d.name.zh] }
        return ds.first { names($0).contains(q) } ?? ds.first { names($0).contains { $0.hasPrefix(q) } }
    }

    static func team(_ text: String, _ world: ConsoleWorld) -> Team? {
        let q = text.lowercased()
        let teams = world.state.teams.values.sorted { $0.id < $1.id }
        func names(_ t: Team) -> [String] { [t.id.raw.lowercased(), t.profile.name.en.lowercased(), t.profile.name.zh] }
        return teams.first { names($0).contains(q) } ?? teams.first { names($0).contains { $0.hasPrefix(q) } }
    }
}

extension ConsoleWorld {
    /// Where a team is drawn: at its incident when it serves one, else at its base.
    public func position(of team: Team) -> Cell {
        team.incident.flatMap { state.incidents[$0]?.location.cell } ?? team.profile.base
    }
}
