import CommandModel
import Foundation
import Testing

/// Depots' stock and supply requests: requested → approved → committed → in transit →
/// delivered, per depot, in part or whole; a drill's promises held apart from the shelves.
@Suite("Supplies")
struct SupplyTests {
    func world() throws -> Scenario {
        var s = Scenario()
        s.run(
            try line("facility add DP-01 depot at cell:2,2 name \"West depot\""), try line("facility add DP-02 depot at cell:15,2 name \"East depot\""),
            try line("facility add SH-01 shelter at cell:3,3 name \"School\" capacity 100"), try line("stock DP-01 in sandbags 1500 from the city reserve"),
            try line("stock DP-01 in pumps 2"), try line("stock DP-02 in sandbags 3000"), try line("stock DP-02 in pumps 6"), try line("stock DP-01 min sandbags 1000"),
            try line("report flood at cell:4,4"), .incident(.acknowledge(IncidentID(1))))
        return s
    }

    @Test func aRequestIsApprovedAndDeliveredInPartFromTwoDepots() throws {
        var s = try world()
        s.run(try line("supply request INC-0001 sandbags=2000,pumps=4 priority urgent by +3h"))
        let id = "REQ-1"
        #expect(s.state.supplyRequests[id]?.raised.priority == .urgent)
        #expect(s.state.supplyRequests[id]?.stage == Bilingual("requested", "已申请"))
        #expect(s.trying(try line("supply commit REQ-1 DP-01 sandbags=1000")).rejection == .supplyNotApproved(id))
        s.run(try line("supply approve REQ-1"))
        #expect(s.trying(try line("supply approve REQ-1")).rejection == .supplyAlreadyApproved(id))
        // The west depot has 1,500 sandbags and 2 pumps; it cannot promise 3 pumps.
        #expect(s.trying(try line("supply commit REQ-1 DP-01 pumps=3")).rejection == .notEnoughStock(FacilityID("DP-01"), item: "pumps", available: 2, wanted: 3))
        s.run(try line("supply commit REQ-1 DP-01 sandbags=1200,pumps=2"))
        #expect(s.state.stock[FacilityID("DP-01")]?["sandbags"]?.available == 300)
        #expect(s.state.supplyRequests[id]?.shortfall == [ItemQuantity("sandbags", 800), ItemQuantity("pumps", 2)])
        #expect(s.trying(try line("supply commit REQ-1 DP-02 sandbags=900")).rejection == .moreThanRequested(id, item: "sandbags", left: 800))
        #expect(s.trying(try line("supply commit REQ-1 DP-02 boats=1")).rejection == .itemNotRequested(id, item: "boats"))
        s.run(try line("supply commit REQ-1 DP-02 sandbags=800,pumps=2"))
        #expect(s.state.supplyRequests[id]?.shortfall == [])
        #expect(s.state.supplyRequests[id]?.stage == Bilingual("committed", "已落实"))
        // Sent and delivered depot by depot: the shelves empty when the goods leave.
        #expect(s.trying(try line("supply deliver REQ-1 DP-01")).rejection == .nothingAtStage(id, depot: FacilityID("DP-01"), stage: Bilingual("in transit", "运输中")))
        s.run(try line("supply send REQ-1 DP-01"))
        #expect(s.state.stock[FacilityID("DP-01")]?["sandbags"] == StockLine(quantity: 300, minimum: 1000, committed: 0))
        #expect(s.state.lowStock.map(\.depot) == [FacilityID("DP-01")])
        s.run(try line("supply deliver REQ-1 DP-01"))
        #expect(s.state.supplyRequests[id]?.stage == Bilingual("partly delivered", "部分送达"))
        #expect(s.state.openSupplyRequests(for: IncidentID(1)).map(\.id) == [id])
        s.run(try line("supply send REQ-1 DP-02"), try line("supply deliver REQ-1 DP-02"))
        #expect(s.state.supplyRequests[id]?.isDelivered == true)
        #expect(s.state.openSupplyRequests(for: IncidentID(1)).isEmpty)
        #expect(s.state.stock[FacilityID("DP-02")]?["pumps"]?.quantity == 4)
    }

    @Test func refusalsSayWhatToDo() throws {
        var s = try world()
        #expect(s.trying(try line("stock SH-01 in sandbags 5")).rejection == .notADepot(FacilityID("SH-01"), kind: .shelter))
        #expect(s.trying(try line("stock DP-01 out pumps 3")).rejection == .notEnoughStock(FacilityID("DP-01"), item: "pumps", available: 2, wanted: 3))
        guard case .unknownItem("sandbag", _)? = s.trying(try line("stock DP-01 in sandbag 5")).rejection else {
            Issue.record("an item outside the catalogue was taken")
            return
        }
        s.run(try line("shelter SH-01 open rain"), try line("supply request SH-01 water=50,quilts=100"))
        #expect(s.state.supplyRequests["REQ-1"]?.raised.shelter == FacilityID("SH-01"))
        #expect(s.trying(try line("supply approve REQ-9")).rejection == .unknownSupplyRequest("REQ-9"))
    }

    @Test func aDrillsRequestsNeverTouchTheShelves() throws {
        var s = try world()
        s.run(
            .drill(.schedule(drillInfo(.blind, start: s.now))))
        s.exercise = "DRL-1"
        #expect(s.trying(try line("stock DP-01 out sandbags 5")).rejection == .notInDrill(Bilingual("change a depot's stock", "变更储备库库存")))
        s.run(try line("report flood at cell:5,5"))
        s.run(
            try line("supply request INC-0002 sandbags=500"), try line("supply approve REQ-1"), try line("supply commit REQ-1 DP-02 sandbags=500"),
            try line("supply send REQ-1 DP-02"))
        let line = try #require(s.state.stock[FacilityID("DP-02")]?["sandbags"])
        #expect(line.quantity == 3000 && line.exercise == ["DRL-1": 500] && line.available == 2500)
        #expect(s.state.real.stock[FacilityID("DP-02")]?["sandbags"]?.available == 3000)
        #expect(s.state.real.supplyRequests.isEmpty)
        s.exercise = nil
        s.run(.drill(.end(drill: "DRL-1", reason: "over", aborted: false)))
        #expect(s.state.stock[FacilityID("DP-02")]?["sandbags"] == StockLine(quantity: 3000))
    }

    /// A run card's supplies are added on escalation like teams, less what requests have asked.
    @Test func runCardSuppliesAreAskedForOnEscalation() throws {
        var s = try world()
        #expect(s.state.suppliesStillToRequest(for: IncidentID(1), plans: s.plans).isEmpty, "level IV asks for none")
        s.run(.incident(.setLevel(IncidentID(1), .ii, reason: "twelve dead")))
        #expect(s.state.suppliesStillToRequest(for: IncidentID(1), plans: s.plans) == [ItemQuantity("boats", 2), ItemQuantity("pumps", 4), ItemQuantity("sandbags", 2000)])
        s.run(try line("supply request INC-0001 sandbags=1500,pumps=4"))
        #expect(s.state.suppliesStillToRequest(for: IncidentID(1), plans: s.plans) == [ItemQuantity("boats", 2), ItemQuantity("sandbags", 500)])
    }
}
