import CommandModel
import EventLog
import Foundation
import Testing

@testable import ConsoleUI

/// The parts of a night shift that #13 found missing, each driven by keys through the test
/// terminal: the command bar's Tab, history and "did you mean"; lists that scroll and say so;
/// finding a place or a team on the map and the board; the legend; an honest close.
@Suite("A night shift: command bar, scrolling, finding, closing", .serialized)
struct NightShiftFlowTests {
    // MARK: The command bar

    @Test func tabListsTheVerbsThatFitAndCompletesAUniqueOne() throws {
        let ledger = try floodNight(TempDir())
        let (runner, terminal) = makeRunner(ledger, width: 120, height: 36, script: keys(":", "a", .key(.tab)))
        runner.run(untilScriptEnds: true)
        // "a": ack, assign, aid, ack-page, abort-drill: listed, nothing guessed.
        #expect(runner.model.input == "a")
        #expect(Set(runner.model.completions) == ["ack", "assign", "aid", "ack-page", "abort-drill"])
        expectOnScreen(terminal.screen, "Tab: ack  assign")
        terminal.feed(keys("ss", .key(.tab)))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.input == "assign ")
        #expect(runner.model.completions.isEmpty)
        #expect(!terminal.screen.contains("Tab: "))
    }

    @Test func tabOffersTheIdsStatusesItemsAndDistrictsAtTheCursor() throws {
        let ledger = try floodNight(TempDir())
        let (runner, _) = makeRunner(ledger, width: 120, height: 36, script: keys(":", "status INC-000", .key(.tab)))
        runner.run(untilScriptEnds: true)
        #expect(Set(runner.model.completions) == ["INC-0001", "INC-0002", "INC-0003", "INC-0004"])
        let terminal = runner.terminal as? TestTerminal
        terminal?.feed(keys("3", .key(.tab), .key(.tab)))
        runner.run(untilScriptEnds: true)
        // INC-0003 is acknowledged: the statuses it may move to.
        let i3 = try #require(ledger.state.incidents[IncidentID(3)])
        #expect(runner.model.input == "status INC-0003 ")
        #expect(runner.model.completions == i3.status.allowedNext.map(\.rawValue))

        // The run card's items not yet ticked.
        let i1 = try #require(ledger.state.incidents[IncidentID(1)])
        let items = Resources.shared.plans.requirements(for: i1.type, at: max(i1.level, .iv)).checklist.map(\.id)
        #expect(!items.isEmpty)
        terminal?.feed(keys(.key(.ctrl("u")), "check INC-0001 ", .key(.tab)))
        runner.run(untilScriptEnds: true)
        if items.count == 1 { #expect(runner.model.input == "check INC-0001 \(items[0]) ") } else { #expect(runner.model.completions == items) }
        // A ticked item is no longer offered.
        try ledger.execute([.incident(.completeChecklistItem(IncidentID(1), item: items[0]))], operatorName: "li.na", now: { fixedNow })
        terminal?.feed(keys(.key(.ctrl("u")), "check INC-0001 ", .key(.tab)))
        runner.run(untilScriptEnds: true)
        #expect(!runner.model.completions.contains(items[0]) && runner.model.input != "check INC-0001 \(items[0]) ")

        // A district after `at`, and a team after the incident in `assign`.
        terminal?.feed(keys(.key(.ctrl("u")), "report flood at chao", .key(.tab)))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.input == "report flood at chaoyang ")
        terminal?.feed(keys(.key(.ctrl("u")), "assign INC-0003 FR-0", .key(.tab), "7", .key(.tab)))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.input == "assign INC-0003 FR-07 ")
        // Nothing fits: said, not silent.
        terminal?.feed(keys(.key(.ctrl("u")), "zzz", .key(.tab)))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.message?.text == "Tab: nothing to offer here")
    }

    @Test func upAndDownRecallTheLinesOfTheSessionAndComeBackToTheDraft() throws {
        let ledger = try floodNight(TempDir())
        let script = keys(":", "note INC-0001 first", .enter, ":", "note INC-0001 second", .enter, ":", "draft", .key(.up))
        let (runner, terminal) = makeRunner(ledger, width: 120, height: 36, script: script)
        runner.run(untilScriptEnds: true)
        #expect(runner.model.input == "note INC-0001 second")
        terminal.feed(keys(.key(.up), .key(.up)))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.input == "note INC-0001 first", "the oldest line stays at the top")
        terminal.feed(keys(.key(.down)))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.input == "note INC-0001 second")
        terminal.feed(keys(.key(.down)))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.input == "draft")
        // A recalled line runs as typed.
        terminal.feed(keys(.key(.ctrl("u")), .key(.up), " again", .enter))
        runner.run(untilScriptEnds: true)
        #expect(ledger.state.incidents[IncidentID(1)]?.notes.last == "second again")
    }

    @Test(arguments: [
        ("team FR-07 retier merged", "did you mean 'retire'?"),
        ("respond ned RSP-1 over", "did you mean 'end'?"),
        ("warn lfit WRN-1 over", "did you mean 'lift'?"),
        ("status INC-0001 contaned", "did you mean 'contained'?"),
        ("report flod at chaoyang", "did you mean 'flood'?"),
        ("aknowledge INC-0001", "did you mean 'ack'?"),
    ])
    func aMistypedSubcommandOrValueIsSuggested(line: String, hint: String) throws {
        let ledger = try floodNight(TempDir())
        let (runner, terminal) = makeRunner(ledger, width: 200, height: 36, script: keys(":", .text(line), .enter))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.mode == .command, "the line stays to be fixed")
        expectOnScreen(terminal.screen, hint)
    }

    // MARK: Lists that scroll and say so

    /// A flood night with more incidents than an 80×24 list shows.
    func busyNight() throws -> Ledger {
        let ledger = try floodNight(TempDir())
        for k in 0..<10 {
            try ledger.execute(try Grammar.parse("report waterlogging at chaoyang title \"Underpass \(k)\"", now: fixedNow), operatorName: "li.na", now: { fixedNow })
        }
        return ledger
    }

    @Test func theIncidentListSaysWhatIsScrolledOutOfView() throws {
        let (runner, terminal) = makeRunner(try busyNight(), width: 80, height: 24)
        runner.run(untilScriptEnds: true)
        let below = try #require(terminal.screen.lines.first { $0.contains("↓ ") && $0.contains(" more") })
        #expect(below.contains("┘"), "on the list's bottom border")
        #expect(below.contains("↓ 6 more"), "14 incidents, 8 rows: \(below)")
        #expect(!terminal.screen.lines.contains { $0.contains("↑ ") && $0.contains(" more") })
        terminal.feed(Array(repeating: .key(.down), count: 14))
        runner.run(untilScriptEnds: true)
        #expect(terminal.screen.lines.contains { $0.contains("↑ ") && $0.contains(" more") })
        #expect(!terminal.screen.lines.contains { $0.contains("↓ ") && $0.contains(" more") })
        // In Chinese too.
        terminal.feed(keys("w"))
        runner.run(untilScriptEnds: true)
        expectOnScreen(terminal.screen, "还有")
    }

    @Test func aJointPlanLongerThanItsPanelSaysHowManyLinesAreBelow() throws {
        let ledger = try busyNight()
        try ledger.execute(ledger.state.activeIncidents.filter { $0.status == .reported }.map { .incident(.acknowledge($0.id)) }, operatorName: "li.na", now: { fixedNow })
        let (runner, terminal) = makeRunner(ledger, width: 80, height: 16, script: keys("P"))
        runner.run(untilScriptEnds: true)
        guard case let .plan(plan, _) = runner.model.mode else { Issue.record("no plan shown"); return }
        let rows = ConsoleLayout(width: 80, height: 16).panel.height - 2
        let lines = plan.assignments.count + plan.unfilled.count
        #expect(lines > rows, "the night needs more lines than 80×16 shows")
        expectOnScreen(terminal.screen, "↓ \(lines - rows) more")
    }

    @Test func theTeamBoardShowsEveryTeamByScrollingAndFindsOne() throws {
        let ledger = try floodNight(TempDir())
        let all = TeamBoardView.ordered(runnerWorld(ledger))
        #expect(all.count > 30)
        // b: the board; Tab Tab: the focus on it (list → map → panel).
        let (runner, terminal) = makeRunner(ledger, width: 80, height: 24, script: keys("b", .key(.tab), .key(.tab)))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.focus == .panel)
        terminal.feed(keys(.key(.backTab)))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.focus == .map, "Shift-Tab goes back")
        terminal.feed(keys(.key(.tab)))
        runner.run(untilScriptEnds: true)
        expectOnScreen(terminal.screen, "↓ ")
        expectOnScreen(terminal.screen, "f find a team")
        #expect(!terminal.screen.contains(all.last?.id.raw ?? "?"))
        terminal.feed(keys(.key(.end)))
        runner.run(untilScriptEnds: true)
        expectOnScreen(terminal.screen, try #require(all.last).id.raw)
        expectOnScreen(terminal.screen, "↑ ")
        // The scroll stops at the last page: one ↑ from there moves at once.
        let rows = ConsoleLayout(width: 80, height: 24).bottom.height - 2
        #expect(runner.model.panelOffset == all.count - rows)
        terminal.feed(keys(.key(.up)))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.panelOffset == all.count - rows - 1)
        terminal.feed(keys(.key(.home)))
        runner.run(untilScriptEnds: true)
        expectOnScreen(terminal.screen, try #require(all.first).id.raw)
        // f finds a team by the start of its name, scrolls to it and shows it on the map.
        terminal.feed(keys("f", "Miyun forest", .enter))
        runner.run(untilScriptEnds: true)
        let ff04 = try #require(ledger.state.teams[TeamID("FF-04")])
        #expect(runner.model.foundTeam == ff04.id)
        #expect(runner.model.cursor == ff04.profile.base)
        expectOnScreen(terminal.screen, "FF-04  available")
        expectOnScreen(terminal.screen, "✓ FF-04 Miyun forest firefighters · available")
        // By id, in any case; and one that is not there is said with a suggestion.
        terminal.feed(keys("f", "mr-0", .enter))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.foundTeam?.raw.hasPrefix("MR-0") == true || runner.model.message?.isError == true)
        terminal.feed(keys("f", "FR-7x", .enter))
        runner.run(untilScriptEnds: true)
        expectOnScreen(terminal.screen, "✗ no district or team 'FR-7x'")
    }

    @Test func theTimelineScrollsBackToTheOriginalReport() throws {
        let ledger = try floodNight(TempDir())
        // INC-0003 (level IV) leads the work list, so it is selected.
        for k in 1...14 { try ledger.execute([.incident(.addNote(IncidentID(3), text: "update \(k)"))], operatorName: "li.na", now: { fixedNow }) }
        let (runner, terminal) = makeRunner(ledger, width: 100, height: 30)
        runner.run(untilScriptEnds: true)
        #expect(runner.model.selected == IncidentID(3))
        // The newest shows; the report is scrolled out, and that is said.
        expectOnScreen(terminal.screen, "update 14")
        expectOnScreen(terminal.screen, "earlier (Tab here, then ↑)")
        #expect(!terminal.screen.contains("INC-0003 reported"))
        terminal.feed(keys(.key(.tab), .key(.tab), .key(.pageUp), .key(.pageUp), .key(.pageUp)))
        runner.run(untilScriptEnds: true)
        expectOnScreen(terminal.screen, "INC-0003 reported")
        expectOnScreen(terminal.screen, "↓ ")
        #expect(!terminal.screen.contains("earlier (Tab here"))
        // One ↓ after reaching the top already moves back (the offset never runs past the end).
        let top = runner.model.panelOffset
        terminal.feed(keys(.key(.up), .key(.up), .key(.down)))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.panelOffset == top - 1)
        terminal.feed(keys(.key(.end)))
        runner.run(untilScriptEnds: true)
        expectOnScreen(terminal.screen, "update 14")
    }

    @Test func theHelpScrollsOnASmallScreenAndAnyOtherKeyClosesIt() throws {
        let ledger = try floodNight(TempDir())
        let (runner, terminal) = makeRunner(ledger, width: 80, height: 24, script: keys("?"))
        runner.run(untilScriptEnds: true)
        expectOnScreen(terminal.screen, "↓ ")
        let lastVerb = try #require(Grammar.verbs.last).name
        #expect(!terminal.screen.contains(lastVerb + " "))
        terminal.feed(keys(.key(.pageDown), .key(.pageDown), .key(.pageDown), .key(.pageDown)))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.mode == .help)
        expectOnScreen(terminal.screen, lastVerb)
        expectOnScreen(terminal.screen, "↑ ")
        terminal.feed(keys("x"))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.mode == .normal)
    }

    // MARK: The map

    @Test func slashOnTheMapGoesToADistrictOrATeamInEitherLanguage() throws {
        let ledger = try floodNight(TempDir())
        let grid = Resources.shared.grid
        let (runner, terminal) = makeRunner(ledger, width: 120, height: 36, script: keys(.key(.tab), "/", "haidian", .enter))
        runner.run(untilScriptEnds: true)
        let haidian = try #require(grid.district(named: "haidian"))
        #expect(runner.model.cursor == grid.centre(of: haidian))
        #expect(runner.model.centre == grid.centre(of: haidian))
        expectOnScreen(terminal.screen, "✓ map: Haidian")
        terminal.feed(keys("/", "门头沟", .enter))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.cursor == grid.centre(of: try #require(grid.district(named: "mentougou"))))
        terminal.feed(keys("/", "fr-07", .enter))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.cursor == ledger.state.teams[TeamID("FR-07")]?.profile.base)
        terminal.feed(keys("/", "Fangshan flood", .enter))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.foundTeam == TeamID("FR-07"), "a team by its name, even where a district shares its first word")
        // Tab lists and completes district names and team ids.
        terminal.feed(keys("/", "sh", .key(.tab)))
        runner.run(untilScriptEnds: true)
        #expect(Set(runner.model.completions) == ["shijingshan", "shunyi"])
        expectOnScreen(terminal.screen, "Tab: shijingshan  shunyi")
        terminal.feed(keys("u", .key(.tab), .enter))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.cursor == grid.centre(of: try #require(grid.district(named: "shunyi"))))
        terminal.feed(keys("/", "haidain", .enter))
        runner.run(untilScriptEnds: true)
        expectOnScreen(terminal.screen, "did you mean 'haidian'?")
        // Away from the map, / still filters the list.
        terminal.feed(keys(.key(.tab), .key(.tab), "/", "Yanchi", .enter))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.filter == "Yanchi")
    }

    @Test func theLegendNamesEverySymbolColourAndTint() throws {
        let ledger = try floodNight(TempDir())
        let (runner, terminal) = makeRunner(ledger, width: 160, height: 48, script: keys("l"))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.mode == .legend)
        let g = Glyphs.unicode
        for symbol in [g.natural, g.accident, g.health, g.security, g.shelter, g.depot, g.hazard, g.mountain, g.hill, g.urban, g.water, g.reservoir, g.road, g.ring, g.cursor] {
            expectOnScreen(terminal.screen, "\(symbol) ")
        }
        for c in Capability.allCases { expectOnScreen(terminal.screen, "\(g.team([c])) \(c.name.en)") }
        for s in TeamStatus.allCases { expectOnScreen(terminal.screen, s.name.en) }
        for c in WarningColor.allCases { expectOnScreen(terminal.screen, "\(c.name.en) warning") }
        for l in [ResponseLevel.i, .ii, .iii, .iv] { expectOnScreen(terminal.screen, "response \(l.roman)") }
        // The tints are drawn as the map draws them.
        let y = try #require(terminal.screen.lines.firstIndex { $0.contains("red warning") })
        let row = (0..<terminal.screen.width).map { terminal.screen[$0, y].style.tint }
        #expect(row.contains(.warning(.red)))
        terminal.feed(keys(.key(.escape), "w", "l"))
        runner.run(untilScriptEnds: true)
        expectOnScreen(terminal.screen, "地图图例")
        expectOnScreen(terminal.screen, "红色预警")
    }

    // MARK: Closing

    @Test func closingWithOpenPlanItemsOrReportsAsksAndRecordsWhatWasLeftOpen() throws {
        let ledger = try floodNight(TempDir())
        try ledger.execute([.incident(.setStatus(IncidentID(3), .responding)), .incident(.setStatus(IncidentID(3), .contained))], operatorName: "li.na", now: { fixedNow })
        let i3 = try #require(ledger.state.incidents[IncidentID(3)])
        let open = i3.leftOpen(plans: Resources.shared.plans)
        #expect(!open.isEmpty)
        // c says what is open before the summary is typed.
        let (runner, terminal) = makeRunner(ledger, width: 160, height: 48, script: keys("c"))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.input == "close INC-0003 ")
        expectOnScreen(terminal.screen, "INC-0003 still has ")
        terminal.feed(keys("pumped out", .enter))
        runner.run(untilScriptEnds: true)
        // It asks, naming what is open, and a stray key keeps the incident open.
        guard case .confirmClose = runner.model.mode else { Issue.record("no question asked: \(runner.model.mode)"); return }
        expectOnScreen(terminal.screen, "INC-0003 has ")
        expectOnScreen(terminal.screen, open.items.isEmpty ? "not filed" : "plan item")
        expectOnScreen(terminal.screen, "y closes")
        terminal.feed(keys("n"))
        runner.run(untilScriptEnds: true)
        #expect(ledger.state.incidents[IncidentID(3)]?.isActive == true)
        expectOnScreen(terminal.screen, "not closed: INC-0003 stays open")
        // y closes, and the summary records what was left open.
        terminal.feed(keys(":", "close INC-0003 pumped out", .enter, "y"))
        runner.run(untilScriptEnds: true)
        let closed = try #require(ledger.state.incidents[IncidentID(3)])
        #expect(closed.status == .closed)
        #expect(closed.summary?.hasPrefix("pumped out [left open · 未完成 — ") == true)
        for item in open.items { #expect(closed.summary?.contains(item.id) == true) }
        for stage in open.reports { #expect(closed.summary?.contains(stage.id) == true) }
    }

    @Test func aFinishedIncidentClosesWithoutAQuestion() throws {
        let ledger = try floodNight(TempDir())
        try ledger.execute([.incident(.setStatus(IncidentID(3), .responding)), .incident(.setStatus(IncidentID(3), .contained))], operatorName: "li.na", now: { fixedNow })
        let i3 = try #require(ledger.state.incidents[IncidentID(3)])
        var done: [Command] = i3.leftOpen(plans: Resources.shared.plans).items.map { .incident(.completeChecklistItem(IncidentID(3), item: $0.id)) }
        done += i3.leftOpen(plans: Resources.shared.plans).reports.map { .incident(.fileReport(IncidentID(3), stage: $0.id)) }
        try ledger.execute(done, operatorName: "li.na", now: { fixedNow })
        let (runner, _) = makeRunner(ledger, width: 160, height: 48, script: keys(":", "close INC-0003 pumped out", .enter))
        runner.run(untilScriptEnds: true)
        #expect(ledger.state.incidents[IncidentID(3)]?.status == .closed)
        #expect(ledger.state.incidents[IncidentID(3)]?.summary == "pumped out")
    }

    func runnerWorld(_ ledger: Ledger) -> ConsoleWorld {
        let f = Resources.shared
        return ConsoleWorld(state: ledger.state, map: f.map, grid: f.grid, plans: f.plans, facilities: f.city.facilities, now: fixedNow)
    }
}

/// The mouse, through the test terminal: the same messages ncurses' KEY_MOUSE becomes.
@Suite("The mouse", .serialized)
struct MouseFlowTests {
    func click(_ x: Int, _ y: Int) -> TerminalInput { .mouse(MouseEvent(.click, x: x, y: y)) }

    @Test func aClickOnAListRowSelectsItAndTheWheelMovesTheSelection() throws {
        let ledger = try floodNight(TempDir())
        let (runner, terminal) = makeRunner(ledger, width: 120, height: 36)
        runner.run(untilScriptEnds: true)
        let list = runner.world.workList(filter: "")
        let inner = ConsoleLayout(width: 120, height: 36).list.inset(1)
        terminal.feed([click(inner.x + 5, inner.y + 2)])
        runner.run(untilScriptEnds: true)
        #expect(runner.model.selected == list[2].id)
        #expect(runner.model.focus == .list)
        // Below the last row: nothing changes.
        terminal.feed([click(inner.x + 5, inner.y + list.count + 1)])
        runner.run(untilScriptEnds: true)
        #expect(runner.model.selected == list[2].id)
        terminal.feed([.mouse(MouseEvent(.wheelUp, x: inner.x + 1, y: inner.y))])
        runner.run(untilScriptEnds: true)
        #expect(runner.model.selected == list[0].id)
    }

    @Test func aClickOnTheMapPutsTheCursorOnThatCellAndTheWheelZooms() throws {
        let ledger = try floodNight(TempDir())
        let (runner, terminal) = makeRunner(ledger, width: 160, height: 48)
        runner.run(untilScriptEnds: true)
        // The gas explosion's marker, where the map draws it.
        let y = try #require(terminal.screen.lines.firstIndex { $0.contains("✖") })
        let x = try #require((0..<terminal.screen.width).first { terminal.screen[$0, y].text == "✖" })
        terminal.feed([click(x, y)])
        runner.run(untilScriptEnds: true)
        #expect(runner.model.focus == .map)
        #expect(runner.model.cursor == ledger.state.incidents[IncidentID(1)]?.location.cell)
        expectOnScreen(terminal.screen, "What is here")
        expectOnScreen(terminal.screen, "INC-0001")
        terminal.feed([.mouse(MouseEvent(.wheelUp, x: x, y: y))])
        runner.run(untilScriptEnds: true)
        #expect(runner.model.magnify == 2)
        terminal.feed([.mouse(MouseEvent(.wheelDown, x: x, y: y)), .mouse(MouseEvent(.wheelDown, x: x, y: y))])
        runner.run(untilScriptEnds: true)
        #expect((runner.model.zoom, runner.model.magnify) == (2, 1))
    }

    @Test func aClickOnTheTeamBoardFindsThatTeamAndTheWheelScrollsIt() throws {
        let ledger = try floodNight(TempDir())
        let (runner, terminal) = makeRunner(ledger, width: 120, height: 36, script: keys("b"))
        runner.run(untilScriptEnds: true)
        let inner = ConsoleLayout(width: 120, height: 36).bottom.inset(1)
        terminal.feed([.mouse(MouseEvent(.wheelDown, x: inner.x + 2, y: inner.y + 1))])
        runner.run(untilScriptEnds: true)
        #expect(runner.model.panelOffset == 3)
        terminal.feed([click(inner.x + 4, inner.y + 1)])
        runner.run(untilScriptEnds: true)
        let row = terminal.screen.lines[inner.y + 1]
        let team = try #require(runner.model.foundTeam)
        #expect(row.contains(team.raw), "the clicked row: \(row)")
        #expect(runner.model.focus == .panel)
        #expect(runner.model.cursor == ledger.state.teams[team]?.profile.base)
    }

    @Test func whileAFormIsOpenAClickChangesNothing() throws {
        let ledger = try floodNight(TempDir())
        let (runner, terminal) = makeRunner(ledger, width: 120, height: 36, script: keys("n"))
        runner.run(untilScriptEnds: true)
        let before = runner.model.selected
        let inner = ConsoleLayout(width: 120, height: 36).list.inset(1)
        terminal.feed([click(inner.x + 3, inner.y + 3), .mouse(MouseEvent(.wheelDown, x: inner.x + 3, y: inner.y + 3))])
        runner.run(untilScriptEnds: true)
        guard case .report = runner.model.mode else { Issue.record("the form closed: \(runner.model.mode)"); return }
        #expect(runner.model.selected == before)
    }

    @Test func theWheelScrollsTheHelpAndAClickClosesIt() throws {
        let ledger = try floodNight(TempDir())
        let (runner, terminal) = makeRunner(ledger, width: 80, height: 24, script: keys("?"))
        runner.run(untilScriptEnds: true)
        terminal.feed([.mouse(MouseEvent(.wheelDown, x: 40, y: 12))])
        runner.run(untilScriptEnds: true)
        #expect(runner.model.overlayOffset == 3)
        #expect(runner.model.mode == .help)
        terminal.feed([click(40, 12)])
        runner.run(untilScriptEnds: true)
        #expect(runner.model.mode == .normal)
    }
}

/// Whole screens of the new parts, small enough to review.
@Suite("Night-shift screens", .serialized)
struct NightShiftScreenTests {
    @Test func theLegendAt80x24InChinese() throws {
        let ledger = try floodNight(TempDir())
        let (runner, terminal) = makeRunner(ledger, width: 80, height: 24, language: .zh, script: keys("l", .key(.pageDown)))
        runner.run(untilScriptEnds: true)
        for line in terminal.screen.lines { #expect(DisplayWidth.of(line) == 80) }
        assertSnapshot(terminal.screen, named: "legend-80x24-zh")
    }

    @Test func theTeamBoardFoundAndScrolledAt80x24() throws {
        let ledger = try floodNight(TempDir())
        let (runner, terminal) = makeRunner(ledger, width: 80, height: 24, script: keys("b", .key(.tab), .key(.tab), "f", "SR", .enter))
        runner.run(untilScriptEnds: true)
        assertSnapshot(terminal.screen, named: "team-board-found-80x24")
    }
}
