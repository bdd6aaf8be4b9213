import CommandModel
import EventLog
import Foundation
import Testing

@testable import ConsoleUI

/// Feed reports on the console: each with its source's badge, and a burst folded into one line
/// of the list's title so it does not bury the incidents people are working.
@Suite("Feed reports on the console")
struct FeedConsoleTests {
    func world(burst: Int, language: Language = .en) throws -> (ConsoleWorld, ConsoleModel) {
        let f = Resources.shared
        let ledger = try Ledger(store: InMemoryEventStore(), plans: f.plans, grid: f.grid)
        ledger.places = f.places
        try ledger.execute(try Grammar.parse("report fire at chaoyang", now: fixedNow), operatorName: "li.na", now: { fixedNow })
        try ledger.execute(try Grammar.parse("ack INC-0001", now: fixedNow), operatorName: "li.na", now: { fixedNow })
        let reports = (1...burst).map { k in
            Command.feed(.receive(FeedReport(key: FeedKey(source: "12345", external: "C-\(k)"), time: fixedNow, type: .urbanWaterlogging, place: .district("fengtai"))))
        }
        let results = try ledger.executeEach(reports, operatorName: "feed", now: { fixedNow })
        #expect(results.allSatisfy { if case .success = $0 { true } else { false } })
        let m = ConsoleModel(language: language, glyphs: .unicode, operatorName: "li.na", centre: Cell(x: 120, y: 60))
        return (ConsoleWorld(state: ledger.state, map: f.map, grid: f.grid, plans: f.plans, facilities: [], now: fixedNow), m)
    }

    @Test func aFewFeedReportsAreListedWithTheirSourceBadge() throws {
        let (w, m) = try world(burst: ConsoleWorld.feedFold - 1)
        #expect(w.workList(filter: "").count == ConsoleWorld.feedFold)
        let screen = ConsoleView.render(m, w, width: 160, height: 48)
        #expect(screen.lines.contains { $0.contains("12345 INC-0002") }, "\(screen.lines.joined(separator: "\n"))")
    }

    @Test(arguments: [Language.en, .zh])
    func aBurstIsFoldedIntoTheTitleAndASearchShowsIt(language: Language) throws {
        let (w, m) = try world(burst: 40, language: language)
        // The one incident people work stays; the burst is one line of the title.
        #expect(w.workList(filter: "").map(\.id) == [IncidentID(1)])
        #expect(!w.isOnWorkList(IncidentID(2), filter: ""))
        #expect(w.workList(filter: "12345").count == 40)
        #expect(w.isOnWorkList(IncidentID(2), filter: "12345"))
        let screen = ConsoleView.render(m, w, width: 160, height: 48)
        let expected = language == .en ? "40 new from 12345 (/12345)" : "12345 新报 40 起（/12345）"
        #expect(screen.lines.contains { $0.contains(expected) }, "\(screen.lines.joined(separator: "\n"))")
    }

    @Test func anAcknowledgedFeedReportIsWorkAndStaysOnTheList() throws {
        let f = Resources.shared
        let (w0, _) = try world(burst: 10)
        var state = w0.state
        state.apply(.incidentAcknowledged(incident: IncidentID(3)), at: fixedNow, by: "li.na", exercise: nil)
        let w = ConsoleWorld(state: state, map: f.map, grid: f.grid, plans: f.plans, facilities: [], now: fixedNow)
        #expect(Set(w.workList(filter: "").map(\.id)) == [IncidentID(1), IncidentID(3)])
    }
}
