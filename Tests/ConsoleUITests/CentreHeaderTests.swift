import CommandModel
import EventLog
import Foundation
import Testing

@testable import ConsoleUI

/// The header says when the relay cannot reach another centre (with the age of the last
/// contact), and when another centre's request waits for our answer; both clear when resolved.
@Suite("Other centres in the header")
struct CentreHeaderTests {
    func header(_ ledger: Ledger, _ language: Language = .en) -> String {
        let f = Resources.shared
        let world = ConsoleWorld(state: ledger.state, map: f.map, grid: f.grid, plans: f.plans, facilities: f.city.facilities, now: fixedNow)
        let model = ConsoleModel(language: language, glyphs: .unicode, operatorName: "li.na", centre: f.grid.cell(for: GeoPoint(lat: 39.905, lon: 116.397))!)
        return ConsoleView.render(model, world, width: 200, height: 30).lines[0]
    }

    @Test func anUnreachableCentreShowsWithTheAgeOfItsLastContactUntilItIsBack() throws {
        let ledger = try Ledger(store: InMemoryEventStore())
        #expect(!header(ledger).contains("UNREACHABLE"))
        let relay: (CentreCommand) throws -> Void = { c in try ledger.execute([.centre(c)], operatorName: "relay", now: { fixedNow }) }
        try relay(.unreachable("tianjin", lastContact: fixedNow.addingTimeInterval(-12 * 60), reason: "cannot open /srv/tianjin.sqlite"))
        #expect(header(ledger).contains("TIANJIN UNREACHABLE · last contact 12 min ago"), "\(header(ledger))")
        #expect(header(ledger, .zh).contains("天津失联 · 上次联系 12 分钟前"), "\(header(ledger, .zh))")
        try relay(.reachable("tianjin"))
        #expect(!header(ledger).contains("UNREACHABLE"))
    }

    @Test func aRequestMadeOfUsShowsUntilWeOffer() throws {
        let ledger = try Ledger(store: InMemoryEventStore())
        let raised = AidRequestRaised(id: "AID-3", incident: IncidentID(1), to: "tianjin", capabilities: [CapabilityCount(.medical, 1)], items: [], meetAt: Cell(x: 3, y: 3), neededBy: nil)
        let m = AidMessage(from: "beijing", to: "tianjin", seq: 7, previous: 0, hash: String(repeating: "ab", count: 32), step: .request(raised: raised))
        try ledger.execute([.centre(.receive(m))], operatorName: "relay", now: { fixedNow })
        #expect(header(ledger).contains("AID ASKED OF US: AID-3@beijing"), "\(header(ledger))")
        try ledger.execute(try Grammar.parse("aid offer AID-3@beijing team TJ-M1 medical \"Tianjin medics\"", now: fixedNow), operatorName: "wang.fang", now: { fixedNow })
        #expect(!header(ledger).contains("AID ASKED OF US"))
    }
}
