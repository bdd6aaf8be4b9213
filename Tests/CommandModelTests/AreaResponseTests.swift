import CommandModel
import Foundation
import Testing

/// The districts of the test grid, in its order.
private let city = ["west", "east"]
private let rsp1 = ResponseID(1)

@Suite("Area responses are in force where their districts say, and nowhere else")
struct AreaResponseLevelTests {
    @Test func lowerEveryDistrictAndTheCityWideLevelIsGone() {
        var s = Scenario()
        s.run(.area(.declareResponse(hazard: .flood, level: .i, districts: [], reason: "record rainfall")))
        s.run(.area(.adjustResponse(rsp1, level: .iii, districts: ["east"], reason: "eased in the east")))
        #expect(s.state.responses[rsp1]?.highest(over: city) == .i, "west still at the city-wide I")
        // The last district named: the city-wide level covers none any more and is cleared on
        // the record, in the same batch.
        let events = s.when(.area(.adjustResponse(rsp1, level: .iii, districts: ["west"], reason: "eased in the west"))).events
        #expect(
            events == [
                .responseAdjusted(response: rsp1, level: .iii, districts: ["west"], reason: "eased in the west"),
                .responseAdjusted(response: rsp1, level: .none, districts: [EmergencyResponse.wholeCity], reason: "eased in the west"),
            ])
        let r = s.state.responses[rsp1]
        #expect(r?.highest == .iii, "no stale city-wide I, even without the map")
        #expect(r?.highest(over: city) == .iii)
        #expect(r?.inForce(over: city) == [LevelArea(level: .iii, districts: city, wholeCity: true)])
        #expect(r?.isActive == true)
    }

    @Test func liftingEveryDistrictEndsTheResponse() {
        var s = Scenario()
        s.run(.area(.declareResponse(hazard: .flood, level: .ii, districts: ["west", "east"], reason: "flash floods")))
        s.run(.area(.adjustResponse(rsp1, level: .none, districts: ["west"], reason: "water receded")))
        #expect(s.state.responses[rsp1]?.inForce(over: city) == [LevelArea(level: .ii, districts: ["east"], wholeCity: false)])
        let events = s.when(.area(.adjustResponse(rsp1, level: .none, districts: ["east"], reason: "water receded"))).events
        #expect(events?.last == .responseEnded(response: rsp1, reason: "water receded"))
        #expect(s.state.responses[rsp1]?.isActive == false)
        #expect(s.state.responses[rsp1]?.inForce(over: city) == [])
    }

    @Test func liftingTheWholeCityEndsTheResponse() {
        var s = Scenario()
        s.run(.area(.declareResponse(hazard: .flood, level: .iv, districts: [], reason: "alert")))
        let events = s.when(.area(.adjustResponse(rsp1, level: .none, districts: [], reason: "over"))).events
        #expect(events == [.responseAdjusted(response: rsp1, level: .none, districts: [], reason: "over"), .responseEnded(response: rsp1, reason: "over")])
    }

    @Test func withoutTheMapTheRecordIsReadAsWritten() {
        var s = Scenario()
        s.grid = nil
        s.run(.area(.declareResponse(hazard: .flood, level: .ii, districts: [], reason: "rain")))
        s.run(.area(.adjustResponse(rsp1, level: .iv, districts: ["west"], reason: "eased")))
        let r = s.state.responses[rsp1]
        #expect(r?.inForce(over: []) == [LevelArea(level: .ii, districts: [], wholeCity: true), LevelArea(level: .iv, districts: ["west"], wholeCity: false)])
    }

    /// A store written before the fix: the city-wide level stayed on the record after every
    /// district was lowered. Read against the map, it is not in force anywhere.
    @Test func anOlderRecordsStaleCityWideLevelIsNotShownInForce() {
        var s = Scenario()
        s.given([
            .responseDeclared(response: rsp1, hazard: .flood, level: .i, districts: [], reason: "record rainfall"),
            .responseAdjusted(response: rsp1, level: .iii, districts: ["west", "east"], reason: "eased"),
        ])
        let r = s.state.responses[rsp1]
        #expect(r?.highest == .i, "the record as written")
        #expect(r?.highest(over: city) == .iii)
        #expect(r?.inForce(over: city) == [LevelArea(level: .iii, districts: city, wholeCity: true)])
    }

    @Test func severalResponsesStayDistinct() {
        var s = Scenario()
        s.run(
            .area(.declareResponse(hazard: .flood, level: .i, districts: ["west"], reason: "flash floods")),
            .area(.declareResponse(hazard: .fire, level: .iv, districts: [], reason: "dry wind")))
        #expect(s.state.responses[rsp1]?.inForce(over: city) == [LevelArea(level: .i, districts: ["west"], wholeCity: false)])
        #expect(s.state.responses[ResponseID(2)]?.inForce(over: city) == [LevelArea(level: .iv, districts: city, wholeCity: true)])
    }

    /// Any adjustments, in any order: the record never holds a level no district is at (its
    /// highest is the highest in force on the map), and a response in force nowhere has ended.
    @Test(arguments: 0..<40)
    func theRecordNeverHoldsALevelNotInForce(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed))
        var s = Scenario()
        let levels = ResponseLevel.allCases
        let choices: [[String]] = [[], ["west"], ["east"], ["west", "east"]]
        s.run(.area(.declareResponse(hazard: .flood, level: .ii, districts: [], reason: "rain")))
        var rid = ResponseID(1)
        for _ in 0..<12 {
            let level = levels[Int(rng.next() % UInt64(levels.count))]
            let districts = choices[Int(rng.next() % UInt64(choices.count))]
            s.run(.area(.adjustResponse(rid, level: level, districts: districts, reason: "change")))
            guard let r = s.state.responses[rid] else { return }
            if r.isActive {
                #expect(r.highest == r.highest(over: city), "\(r.levels)")
                #expect(r.highest(over: city) > .none, "\(r.levels)")
            } else {
                #expect(r.highest(over: city) == .none || r.ended != nil)
                s.run(.area(.declareResponse(hazard: .flood, level: .iii, districts: ["east"], reason: "again")))
                rid = ResponseID(rid.number + 1)
            }
        }
    }

    @Test func districtsTheMapNoLongerKnowsAreStillShown() {
        var s = Scenario()
        s.grid = nil
        s.run(.area(.declareResponse(hazard: .flood, level: .iii, districts: ["old-district"], reason: "x")))
        #expect(s.state.responses[rsp1]?.inForce(over: city) == [LevelArea(level: .iii, districts: ["old-district"], wholeCity: false)])
    }
}

@Suite("Warnings upgrade and supersede")
struct WarningSupersedeTests {
    func issue(_ s: inout Scenario, _ color: WarningColor, _ districts: [String], hazard: IncidentType = .rainstorm) -> [Event]? {
        s.when(.area(.issueWarning(hazard: hazard, color: color, districts: districts, authority: "Beijing Meteorological Observatory", expires: nil))).events
    }

    @Test func blueYellowOrangeRedReplaceOneAnother() throws {
        var s = Scenario()
        _ = issue(&s, .blue, ["west"])
        for (k, color) in [WarningColor.yellow, .orange, .red].enumerated() {
            s.now = t0.addingTimeInterval(Double(k + 1) * 600)
            let events = try #require(issue(&s, color, ["west"]))
            guard case let .warningIssued(w) = events.first else {
                Issue.record("expected a warning, got \(events)")
                return
            }
            #expect(w.supersedes == [WarningID(k + 1)], "the new warning names the one it replaces")
            #expect(s.state.warnings[WarningID(k + 1)]?.supersededBy == WarningID(k + 2))
            #expect(s.state.warnings[WarningID(k + 1)]?.lifted == s.now)
        }
        #expect(s.state.warningsInForce(at: s.now).map(\.id) == [WarningID(4)])
        #expect(s.trying(.area(.liftWarning(WarningID(1), reason: "x"))).rejection == .warningSuperseded(WarningID(1), by: WarningID(2)))
    }

    @Test func aWarningOverAWiderAreaReplacesButANarrowerOneAddsToIt() throws {
        var s = Scenario()
        _ = issue(&s, .yellow, ["west"])
        let cityWide = try #require(issue(&s, .orange, []))
        #expect(
            cityWide == [
                .warningIssued(
                    warning: WarningIssued(
                        id: WarningID(2), hazard: .rainstorm, color: .orange, districts: [], authority: "Beijing Meteorological Observatory", issued: t0, expires: nil, supersedes: [WarningID(1)]))
            ])
        // Red for one district: the orange still holds in the other, so both are in force.
        _ = issue(&s, .red, ["east"])
        #expect(s.state.warningsInForce(at: t0).map(\.id) == [WarningID(3), WarningID(2)], "most severe first")
    }

    @Test func anotherHazardOrAnotherDrillIsNotReplaced() throws {
        var s = Scenario()
        _ = issue(&s, .yellow, ["west"])
        _ = issue(&s, .orange, ["west"], hazard: .forestFire)
        s.exercise = "DRL-1"
        _ = issue(&s, .red, ["west"])
        #expect(s.state.warningsInForce(at: t0).map(\.id) == [WarningID(3), WarningID(2), WarningID(1)])
        #expect(s.state.warnings[WarningID(3)]?.exercise == "DRL-1")
    }

    @Test func theOrderInForceIsStable() {
        var s = Scenario()
        _ = issue(&s, .yellow, ["west"])
        _ = issue(&s, .red, ["east"], hazard: .flood)
        _ = issue(&s, .yellow, ["east"], hazard: .forestFire)
        let order = s.state.warningsInForce(at: t0).map(\.id)
        #expect(order == [WarningID(2), WarningID(1), WarningID(3)])
        for _ in 0..<20 { #expect(s.state.warningsInForce(at: t0).map(\.id) == order) }
    }
}
