import CommandModel
import DecisionHubTestSupport
import EventLog
import Foundation
import Testing

@testable import ConsoleUI

/// The resources board (`b` twice): shelters by district with their standing, depots below
/// their minimum, open supply requests with what is short, mutual aid; the map shows a full
/// shelter in red.
@Suite("The resources board")
struct ResourcesBoardTests {
    func world() throws -> Ledger {
        let ledger = try floodNight(TempDir())
        let f = Resources.shared
        let plan = f.city.importCommands(toMatch: ledger.state)
        try ledger.execute(plan.commands, operatorName: "setup", now: { fixedNow.addingTimeInterval(-1800) })
        let lines = [
            "shelter SH-01 open red rainstorm warning", "facility update SH-02 capacity 100", "shelter SH-02 open red rainstorm warning",
            "shelter SH-02 in 95 for INC-0002", "figures INC-0002 evacuated=800", "warn rainstorm red mentougou by BMO", "stock DP-01 in sandbags 500", "stock DP-01 min sandbags 2000",
            "supply request INC-0002 sandbags=2000,pumps=4 priority urgent", "level INC-0002 II twelve dead", "aid request INC-0002 hebei teams flood-rescue=2 at mentougou",
        ]
        for l in lines { try ledger.execute(try Grammar.parse(l, now: fixedNow), operatorName: "li.na", now: { fixedNow.addingTimeInterval(-600) }) }
        return ledger
    }

    @Test(arguments: [Language.en, .zh])
    func bTwiceShowsTheResources(language: Language) throws {
        let ledger = try world()
        let (runner, terminal) = makeRunner(ledger, width: 160, height: 48, language: language, script: keys("b", "b"))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.showResources && !runner.model.showTeamBoard)
        let s = terminal.screen
        if language == .en {
            expectOnScreen(s, "Shelters · open 2 of 20")
            expectOnScreen(s, "near full 95/100 Chaoyang Park")
            expectOnScreen(s, "Depots below minimum · 1")
            expectOnScreen(s, "DP-01  sandbags 500/2000")
            expectOnScreen(s, "REQ-1  INC-0002 urgent · requested")
            expectOnScreen(s, "short: sandbags 2000, drainage pumps 4")
            expectOnScreen(s, "AID-1  Hebei · INC-0002 · asked")
            expectOnScreen(s, "★ WRN-1 705 to move · 0 free places in the area · SHORT 705")
            expectOnScreen(s, "One-map · Beijing · zoom 1:1 · all · ★ 705 short of shelter in WRN-1")
        } else {
            expectOnScreen(s, "避难场所 · 开放 2/20")
            expectOnScreen(s, "将满   95/100 朝阳公园")
            expectOnScreen(s, "REQ-1  INC-0002 紧急 · 已申请")
            expectOnScreen(s, "缺口：编织袋（沙袋） 2000、排水泵 4")
            expectOnScreen(s, "AID-1  河北 · INC-0002 · 已请求")
        }
        assertSnapshot(s, named: "resources-160x48-\(language)")
        // A third b goes back to the incident.
        terminal.feed(keys("b"))
        runner.run(untilScriptEnds: true)
        #expect(!runner.model.showResources && !runner.model.showTeamBoard)
        // The incident's own ★ line, in its detail (INC-0002, the flood, is selected: level II).
        if language == .en { expectOnScreen(terminal.screen, "★ 705 to shelter · ") }
    }

    /// `c` on an incident its status does not let close says so at once, before any question.
    @Test func closingTooEarlySaysSoFirst() throws {
        let ledger = try world()
        let (runner, terminal) = makeRunner(ledger, width: 160, height: 48, script: keys("c"))
        runner.run(untilScriptEnds: true)
        expectOnScreen(terminal.screen, "INC-0002 is reported and cannot be closed yet; next:")
        terminal.feed(keys("done", .enter))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.mode == .normal, "no question was asked about open items")
    }

    /// A message longer than its line runs on over the key hints at 80 columns, in both
    /// languages, instead of being cut (the close question, a locale notice).
    @Test(arguments: [Language.en, .zh])
    func aLongMessageIsNotCutAt80Columns(language: Language) throws {
        let ledger = try world()
        let (runner, terminal) = makeRunner(ledger, width: 80, height: 24, language: language)
        runner.run(untilScriptEnds: true)
        var m = runner.model
        let tail = language == .en ? "the end of a long message" : "一条长消息的结尾"
        let text = String(repeating: language == .en ? "word " : "字", count: language == .en ? 20 : 40) + tail
        m.message = (text, true)
        let screen = ConsoleView.render(m, runner.world, width: 80, height: 24)
        expectOnScreen(screen, tail)
        _ = terminal
    }

    /// Tab after `respond … for ` offers the open incidents (the response answers one).
    @Test func tabAfterForOffersTheOpenIncidents() throws {
        let ledger = try world()
        let (runner, _) = makeRunner(ledger, width: 160, height: 48, script: keys(":", "respond flood II city for ", .key(.tab)))
        runner.run(untilScriptEnds: true)
        #expect(runner.model.completions.contains("INC-0002"), "\(runner.model.completions)")
    }
}
