import CommandModel
import EventLog
import Foundation
import Testing

@testable import ConsoleUI

/// The shift handover in the console: offered to the incoming officer at the change of shift
/// the roster says, opened with `h` at any time, acknowledged with `a` through the one grammar's
/// `handover accept` (the brief's hash on the record).
@Suite("Handover in the console", .serialized)
struct HandoverConsoleTests {
    /// Two duty officers alternating at 08:00: on 2026-07-31 Li Na took over from Wu Lan.
    static let roster: Roster = {
        let yaml = """
            timezone: Asia/Shanghai
            people:
              - {id: wu-lan, name: {en: Wu Lan, zh: 吴兰}, logins: [wu.lan], roles: [duty-officer]}
              - {id: li-na, name: {en: Li Na, zh: 李娜}, logins: [li.na], roles: [duty-officer]}
            rotations:
              - {role: duty-officer, handoff: daily 08:00, start: 2026-01-01, members: [wu-lan, li-na]}
            """
        let (r, issues) = Roster.load(yaml, file: "roster.yaml")
        precondition(issues.isEmpty, "\(issues)")
        return r
    }()
    /// 08:00 on the day of `fixedNow` (10:42), in Beijing.
    static let eight = fixedNow.addingTimeInterval(-(2 * 3600 + 42 * 60))

    @Test func theRosterSaysWhoseShiftBeganAndWhoHandsOver() {
        #expect(Self.roster.holders(of: .dutyOfficer, at: fixedNow).map(\.id) == ["li-na"])
        let change = ConsoleModel.shiftChange(roster: Self.roster, person: "li-na", now: fixedNow)
        #expect(change?.start == Self.eight && change?.from == "wu.lan")
        #expect(ConsoleModel.shiftChange(roster: Self.roster, person: "li-na", now: Self.eight) != nil, "at the hand-off itself")
        #expect(ConsoleModel.shiftChange(roster: Self.roster, person: "li-na", now: Self.eight - 60) == nil, "a minute before, it is Wu Lan's shift")
        #expect(ConsoleModel.shiftChange(roster: Self.roster, person: "wu-lan", now: fixedNow) == nil, "the outgoing officer is not offered the brief")
    }

    @Test func theIncomingOfficersConsoleOffersTheBriefAndRecordsItsAcknowledgement() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        ledger.roster = Self.roster
        let (runner, terminal) = makeRunner(ledger, width: 120, height: 40)
        var model = runner.model
        model.person = "li-na"
        runner.setModelForTesting(model)
        runner.run(untilScriptEnds: true)
        // Given Li Na's shift began at 08:00 and nobody has taken it over: the brief is offered
        guard case let .handover(sheet) = runner.model.mode else {
            Issue.record(Comment(rawValue: "no brief offered:\n" + terminal.screen.trimmedLines.joined(separator: "\n")))
            return
        }
        #expect(sheet.offered && sheet.from == "wu.lan")
        #expect(sheet.brief.since == fixedNow - 12 * 3600, "no handover on the record yet: the last 12 hours")
        #expect(terminal.bells >= 1)
        expectOnScreen(terminal.screen, "Your shift has begun: handover · a acknowledge")
        expectOnScreen(terminal.screen, "Open incidents (4)")
        expectOnScreen(terminal.screen, "INC-0001 no level · Gas blast in a flooded basement (gas explosion, reported)")
        assertSnapshot(terminal.screen, named: "handover-offered")
        // When she acknowledges it from the console
        terminal.feed(keys("a"))
        runner.run(untilScriptEnds: true)
        // Then the handover is on the record, with the hash of the brief as shown
        let last = try #require(ledger.state.lastHandover)
        #expect(last.by == "li.na" && last.accepted.from == "wu.lan" && last.accepted.since == sheet.brief.since)
        #expect(last.accepted.sha256 == SHA256Hex.of(sheet.text(.en)) && last.accepted.openIncidents == 4)
        #expect(runner.model.mode == .normal)
        expectOnScreen(terminal.screen, "shift handover accepted from wu.lan: 4 open incidents")
        // And it is not offered again this shift
        model = runner.model
        model.lastShiftCheck = .distantPast
        model.handoverOfferedFor = nil
        runner.setModelForTesting(model)
        runner.run(untilScriptEnds: true)
        #expect(runner.model.mode == .normal, "acknowledged since the shift began: nothing to offer")
    }

    @Test func hOpensTheBriefAtAnyTimeInEitherLanguageAndEscPutsItAway() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        let (runner, terminal) = makeRunner(ledger, width: 120, height: 40, language: .zh, script: keys("h"))
        runner.run(untilScriptEnds: true)
        expectOnScreen(terminal.screen, "交接班 · a 确认接班")
        expectOnScreen(terminal.screen, "未结事件（4）")
        #expect(!terminal.screen.contains("未配置值班表"))
        terminal.feed(keys("x", .key(.pageDown)))
        runner.run(untilScriptEnds: true)
        expectOnScreen(terminal.screen, "未配置值班表")  // a stray key does not hide it; PgDn scrolls to the end
        terminal.feed(keys(.escape))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.mode == .normal && ledger.state.lastHandover == nil)
        expectOnScreen(terminal.screen, "尚未确认接班：按 h 再次查看简报")
    }

    /// The brief is built off the input thread; one that arrives while the officer has begun
    /// typing does not take the screen from them: it says it is ready.
    @Test func aBriefThatArrivesWhileTheOfficerTypesSaysItIsReady() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        let (runner, _) = makeRunner(ledger, width: 120, height: 40, script: keys(":", "not"))
        runner.run(untilScriptEnds: true)
        let brief = HandoverBrief.build(state: ledger.state, events: [], plans: ledger.plans, roster: nil, since: fixedNow - 3600, now: fixedNow, coordinator: false)
        runner.send(.handoverBrief(HandoverSheet(brief: brief, from: nil, offered: false)))
        #expect(runner.model.mode == .command && runner.model.input == "not", "still typing")
        #expect(runner.model.message?.text == "the handover brief is ready: h shows it")
    }

    /// The console's offer at a change of shift, made while a brief asked for with `h` is still
    /// being built, is not lost: that brief is shown as the offer (bell, outgoing officer).
    @Test func anOfferMadeWhileABriefIsBuiltIsNotLost() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        let (runner, terminal) = makeRunner(ledger, width: 120, height: 40)
        runner.run(untilScriptEnds: true)
        let since = ledger.state.shiftStart(now: fixedNow)
        let bells = terminal.bells
        runner.perform(.loadHandover(since: since, from: nil, offered: false))
        runner.perform(.loadHandover(since: since, from: "wu.lan", offered: true))
        runner.run(untilScriptEnds: true)
        guard case let .handover(sheet) = runner.model.mode else {
            Issue.record("no brief shown")
            return
        }
        #expect(sheet.offered && sheet.from == "wu.lan")
        #expect(terminal.bells == bells + 1)
    }

    /// Keys typed while the brief is built are the brief's: a quick `h` then `a` acknowledges
    /// the handover, never the selected incident.
    @Test func aKeyTypedWhileTheBriefIsBuiltIsTheBriefs() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        let statuses = ledger.state.activeIncidents.sorted { $0.id < $1.id }.map(\.status)
        let (runner, _) = makeRunner(ledger, width: 120, height: 40, script: keys("h", "a"))
        runner.run(untilScriptEnds: true)
        #expect(ledger.state.lastHandover != nil, "a acknowledged the handover")
        #expect(ledger.state.activeIncidents.sorted { $0.id < $1.id }.map(\.status) == statuses, "no incident was acknowledged")
        #expect(runner.model.mode == .normal)
    }

    @Test func theHelpListsTheKey() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir, incidents: false)
        let (runner, terminal) = makeRunner(ledger, width: 160, height: 60, script: keys("?"))
        runner.run(untilScriptEnds: true)
        expectOnScreen(terminal.screen, "h      shift handover brief from the record (a there acknowledges it)")
    }

    @Test func theOfferComesWhenTheClockCrossesTheHandOff() {
        var world = SelectionTests.world
        world.roster = Self.roster
        var m = ConsoleModel(language: .en, glyphs: .unicode, operatorName: "li.na", centre: Cell(x: 0, y: 0))
        m.person = "li-na"
        func offer(_ effects: [Effect]) -> Effect? { effects.first { if case .loadHandover = $0 { true } else { false } } }
        #expect(offer(m.update(.tick(Self.eight - 30), world: world)) == nil, "Wu Lan's shift still")
        #expect(offer(m.update(.tick(Self.eight - 2), world: world)) == nil, "two seconds before the hand-off")
        let offered = offer(m.update(.tick(Self.eight + 3), world: world))
        #expect(offered == .loadHandover(since: world.state.shiftStart(now: Self.eight + 3), from: "wu.lan", offered: true))
    }

    @Test func anOfferWaitsWhileTheOfficerIsTyping() {
        var world = SelectionTests.world
        world.roster = Self.roster
        var m = ConsoleModel(language: .en, glyphs: .unicode, operatorName: "li.na", centre: Cell(x: 0, y: 0))
        m.person = "li-na"
        m.mode = .command
        func offers(_ effects: [Effect]) -> Bool { effects.contains { if case .loadHandover(_, _, true) = $0 { true } else { false } } }
        #expect(!offers(m.update(.tick(fixedNow), world: world)), "not over a line being typed")
        m.mode = .normal
        m.lastShiftCheck = .distantPast
        #expect(offers(m.update(.tick(fixedNow), world: world)))
        #expect(!offers(m.update(.tick(fixedNow + 10), world: world)), "once per shift")
    }
}
