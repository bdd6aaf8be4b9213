import CommandModel
import EventLog
import Foundation
import Testing

@testable import ConsoleUI

@Suite("The console: screens and key flows", .serialized)
struct ConsoleFlowTests {
    @Test(arguments: [(80, 24, Language.en), (80, 24, .zh), (160, 48, .en), (160, 48, .zh)])
    func beijingWithIncidents(width: Int, height: Int, language: Language) throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        let (runner, terminal) = makeRunner(ledger, width: width, height: height, language: language)
        runner.run(untilScriptEnds: true)
        assertSnapshot(terminal.screen, named: "beijing-\(width)x\(height)-\(language.rawValue)")
        // The level-suggestion for the flash flood (12 dead) is impossible to miss.
        expectOnScreen(terminal.screen, "↑II")
    }

    @Test func aTooSmallTerminalSaysWhatItNeeds() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        let (runner, terminal) = makeRunner(ledger, width: 40, height: 10)
        runner.run(untilScriptEnds: true)
        expectOnScreen(terminal.screen, "need 60×16, now 40×10")
    }

    @Test func reportAcknowledgeDispatchRaiseAndCloseByKeys() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir, incidents: false)
        let script = keys(":", "report gas-explosion at xicheng title \"Gas blast, Xizhimen\" injured=4", .enter, "a", "d1", "e", "blast, 4 hurt", .enter)
        let (runner, terminal) = makeRunner(ledger, width: 120, height: 36, script: script)
        runner.run(untilScriptEnds: true)
        let i = try #require(ledger.state.incidents[IncidentID(1)])
        #expect(i.status == .responding)
        #expect(i.level == .iv)
        #expect(i.levels.last?.reason == "blast, 4 hurt")
        #expect(i.teams.count == 1)
        #expect(ledger.state.teams[i.teams[0]]?.profile.capabilities.contains(.gas) == true, "the nearest team with a needed capability")
        assertSnapshot(terminal.screen, named: "flow-dispatched")

        // Move it along and close it with a summary; its run card is not done, so the console
        // asks first, and the summary records what was left open.
        terminal.feed(keys("s", .enter, ":", "status INC-0001 contained", .enter, "c", "fire out, gas shut", .enter, "y"))
        runner.run(untilScriptEnds: true)
        #expect(ledger.state.incidents[IncidentID(1)]?.status == .closed)
        #expect(ledger.state.incidents[IncidentID(1)]?.teams == [])
        expectOnScreen(terminal.screen, "✓ INC-0001 closed: fire out, gas shut [left open")
    }

    @Test func theReportFormSurvivesAResizeAndARefusal() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir, incidents: false)
        var script = keys("n")
        script += Array(repeating: TerminalInput.key(.right), count: 8)  // gas explosion (the first press shows the first type)
        script += keys(.key(.down), .key(.ctrl("u")), "atlantis", .key(.down), "Basement blast", .key(.down), "0", .key(.down), .key(.down), "2")
        let (runner, terminal) = makeRunner(ledger, width: 120, height: 36, script: script)
        runner.run(untilScriptEnds: true)
        expectOnScreen(terminal.screen, "Report an incident")
        // Resize with the form half filled: nothing typed is lost.
        terminal.resize(width: 90, height: 30)
        terminal.feed(keys(.enter))
        runner.run(untilScriptEnds: true)
        expectOnScreen(terminal.screen, "✗ there is no district 'atlantis' on this map")
        guard case let .report(form) = runner.model.mode else { Issue.record("the refused form was closed"); return }
        #expect(form.values[.title] == "Basement blast")
        #expect(form.type == .gasExplosion)
        // Fix the place and report.
        terminal.feed(keys(.key(.up), .key(.up), .key(.up), .key(.up), .key(.ctrl("u")), "xicheng", .enter))
        runner.run(untilScriptEnds: true)
        let i = try #require(ledger.state.incidents[IncidentID(1)])
        #expect(i.type == .gasExplosion && i.district == "xicheng" && i.title == "Basement blast" && i.figures.seriouslyInjured == 2)
        assertSnapshot(terminal.screen, named: "flow-report-form-90x30")
    }

    @Test func theJointPlanIsAcceptedWholeOrInPart() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        try ledger.execute([.incident(.acknowledge(IncidentID(1))), .incident(.acknowledge(IncidentID(2)))], operatorName: "li.na", now: { fixedNow })
        let (runner, terminal) = makeRunner(ledger, width: 160, height: 48, script: keys("P"))
        runner.run(untilScriptEnds: true)
        guard case let .plan(plan, _) = runner.model.mode else { Issue.record("no plan shown"); return }
        #expect(plan.assignments.count >= 3)
        expectOnScreen(terminal.screen, "Joint dispatch plan")
        // Leave the first line out, send the rest.
        terminal.feed(keys("1", .enter))
        runner.run(untilScriptEnds: true)
        let left = plan.assignments[0]
        #expect(ledger.state.teams[left.team]?.status == .available, "the line left out was not sent")
        for a in plan.assignments.dropFirst() {
            #expect(ledger.state.teams[a.team]?.incident == a.incident)
        }
    }

    @Test func escWhileThePlanIsComputedSendsNothing() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        try ledger.execute([.incident(.acknowledge(IncidentID(1))), .incident(.acknowledge(IncidentID(2)))], operatorName: "li.na", now: { fixedNow })
        let before = ledger.state
        let (runner, _) = makeRunner(ledger, width: 160, height: 48, script: keys("P", .key(.escape)))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.mode == .normal)
        #expect(!runner.isComputing)
        #expect(ledger.state == before)
    }

    @Test func aRejectedActionShowsWhyAndChangesNothing() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        let before = ledger.state
        let script = keys(":", "assign INC-0002 FR-07", .enter)
        let (runner, terminal) = makeRunner(ledger, width: 120, height: 36, script: script)
        runner.run(untilScriptEnds: true)
        expectOnScreen(terminal.screen, "✗ INC-0002 is not acknowledged yet; acknowledge it first")
        #expect(ledger.state == before)
    }

    @Test func aGrammarErrorKeepsTheLineWithTheCursorAtTheMistake() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        let script = keys(":", "level INC-0001 V oops", .enter)
        let (runner, terminal) = makeRunner(ledger, width: 120, height: 36, script: script)
        runner.run(untilScriptEnds: true)
        #expect(runner.model.mode == .command)
        #expect(runner.model.input == "level INC-0001 V oops")
        #expect(runner.model.inputCursor == 15)
        expectOnScreen(terminal.screen, "✗ column 16: 'V' is not a level")
    }

    @Test func aHalfTypedCommandSurvivesAResize() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        let (runner, terminal) = makeRunner(ledger, width: 120, height: 36, script: keys(":", "note INC-0001 road cut at"))
        runner.run(untilScriptEnds: true)
        terminal.resize(width: 70, height: 20)
        terminal.feed(keys(" km 12", .enter))
        runner.run(untilScriptEnds: true)
        #expect(terminal.screen.width == 70)
        #expect(ledger.state.incidents[IncidentID(1)]?.notes.last == "road cut at km 12")
    }

    @Test func theHelpOverlayListsEveryRequestInBothLanguages() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        let (runner, terminal) = makeRunner(ledger, width: 160, height: 48, script: keys("?"))
        runner.run(untilScriptEnds: true)
        // Every request and verb, on the first page or by paging down (the overlay scrolls).
        var pages = [terminal.screen]
        for _ in 0..<4 {
            terminal.feed([.key(.pageDown)])
            runner.run(untilScriptEnds: true)
            pages.append(terminal.screen)
        }
        func shown(_ text: String) -> Bool { pages.contains { $0.contains(text) } }
        for r in Request.allCases { #expect(shown(String(r.help.en.prefix(20))), "\(r)") }
        for v in Grammar.verbs { #expect(shown(String((v.name.padding(toLength: 11, withPad: " ", startingAt: 0) + " " + v.help.en).prefix(30))), "\(v.name)") }
        terminal.feed(keys(.escape, "w?"))
        runner.run(untilScriptEnds: true)
        expectOnScreen(terminal.screen, "切换语言")
        // No two requests share a key.
        let keys = Request.allCases.flatMap(\.keys)
        #expect(Set(keys).count == keys.count)
    }

    @Test func eventsFromAnotherConsoleAppearAndRing() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        let (runner, terminal) = makeRunner(ledger, width: 120, height: 36)
        runner.run(untilScriptEnds: true)
        // Another console on the same store, with its own state.
        let other = try Ledger(store: ledger.store, plans: Resources.shared.plans, grid: Resources.shared.grid)
        try other.execute(try Grammar.parse("report fire at chaoyang title \"Warehouse fire\"", now: fixedNow), operatorName: "wang.lei", now: { fixedNow })
        #expect(runner.poll())
        terminal.draw(runner.frame())
        expectOnScreen(terminal.screen, "INC-0005")
        #expect(terminal.bells == 1)
    }

    /// A warning issued elsewhere (the CAP watcher, the observatory's desk) and an incident
    /// reopened elsewhere ring; a warning lifted, a note, or this console's own warning do not.
    @Test func aWarningOrAReopeningFromElsewhereRings() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        let (runner, terminal) = makeRunner(ledger, width: 120, height: 36)
        runner.run(untilScriptEnds: true)
        let other = try Ledger(store: ledger.store, plans: Resources.shared.plans, grid: Resources.shared.grid)
        func elsewhere(_ line: String, by: String = "met-observatory") throws {
            try other.execute(try Grammar.parse(line, now: fixedNow), operatorName: by, now: { fixedNow })
            #expect(runner.poll())
            terminal.draw(runner.frame())
        }
        try elsewhere("warn rainstorm red fangshan,mentougou until +6h by Beijing Meteorological Observatory")
        #expect(terminal.bells == 1, "a new warning rings")
        try elsewhere("warn lift WRN-1 the rain has stopped")
        try elsewhere("note INC-0001 pumps on the way", by: "wang.lei")
        #expect(terminal.bells == 1, "a lift and a note do not")
        try elsewhere("warn rainstorm blue fangshan until +6h by Beijing Meteorological Observatory", by: runner.model.operatorName)
        #expect(terminal.bells == 1, "this console's own warning does not")
        for line in ["ack INC-0001", "status INC-0001 responding", "status INC-0001 contained", "close INC-0001 pumped out"] { try elsewhere(line, by: "wang.lei") }
        let before = terminal.bells
        try elsewhere("reopen INC-0001 water rising again", by: "wang.lei")
        #expect(terminal.bells == before + 1, "a reopening rings")
        #expect(runner.model.attention[IncidentID(1)] != nil)
        // Another centre asks for help: it rings; its later news of an arrival does not.
        func relay(_ seq: Int64, previous: Int64, _ step: AidStep) throws {
            let m = AidMessage(from: "tianjin", to: "beijing", seq: seq, previous: previous, hash: String(repeating: "ab", count: 32), step: step)
            try other.execute([.centre(.receive(m))], operatorName: "relay", now: { fixedNow })
            #expect(runner.poll())
        }
        let raised = AidRequestRaised(id: "AID-3", incident: IncidentID(1), to: "beijing", capabilities: [CapabilityCount(.medical, 1)], items: [], meetAt: Cell(x: 3, y: 3), neededBy: nil)
        try relay(7, previous: 0, .request(raised: raised))
        #expect(terminal.bells == before + 2, "a request for aid rings")
        try relay(9, previous: 7, .arrived(request: "AID-3"))
        #expect(terminal.bells == before + 2, "news of an arrival does not")
    }
}

@Suite("Pages in the console", .serialized)
struct PageFlowTests {
    static let roster = """
        people:
          - {id: li-na, name: {en: Li Na, zh: 李娜}, logins: [li.na], roles: [duty-officer]}
          - {id: wang-lei, name: {en: Wang Lei, zh: 王磊}, logins: [wang.lei], roles: [commander]}
        rotations:
          - {role: duty-officer, handoff: daily 00:00, start: 2026-01-01, members: [li-na]}
          - {role: commander, handoff: daily 00:00, start: 2026-01-01, members: [wang-lei]}
        escalation:
          - name: unacknowledged
            trigger: unacknowledged
            after-minutes: 5
            steps:
              - {page: duty-officer, wait-minutes: 5}
              - {page: commander, wait-minutes: 10}
        """

    @Test func aPageBannerRingsIsAcknowledgedAndTheEscalationShows() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        let (roster, issues) = Roster.load(Self.roster, file: "roster.yaml")
        #expect(issues.isEmpty)
        ledger.roster = roster
        let (runner, terminal) = makeRunner(ledger, width: 160, height: 48, script: keys(.key(.down)))
        var model = runner.model
        model.person = "li-na"
        runner.setModelForTesting(model)
        runner.run(untilScriptEnds: true)
        // INC-0001 was reported 5 minutes ago and is still unacknowledged: the duty officer is paged.
        expectOnScreen(terminal.screen, "⚠ PAGE INC-0001 gas explosion -: unacknowledged, step 1 — press ! to acknowledge (+1 more)")
        #expect(terminal.bells >= 1)
        expectOnScreen(terminal.screen, "escalation unacknowledged: step 1 paged li-na (duty")
        terminal.feed(keys("!"))
        runner.run(untilScriptEnds: true)
        #expect(!terminal.screen.contains("⚠ PAGE"), "the banner goes once acknowledged")
        #expect(ledger.state.pages.values.allSatisfy { $0.acknowledgedBy == "li.na" })
        expectOnScreen(terminal.screen, "escalation unacknowledged: step 1 acknowledged by li.na")
    }
}
