import CommandModel
import Foundation
import Testing

/// Shelters at work: open, filled to refusal with somewhere else to go, emptied, closed; a
/// drill's people counted apart and gone at its stand-down.
@Suite("Shelters")
struct ShelterTests {
    /// Two shelters west of the river and one east; 14:00 in Beijing (day capacity).
    func world() throws -> Scenario {
        var s = Scenario()
        s.now = Date(timeIntervalSince1970: 1_785_045_600)  // 2026-07-26 06:00 UTC = 14:00 +08:00
        s.run(
            try line("facility add SH-1 shelter at cell:2,2 name \"School\" capacity 100 night 60"), try line("facility add SH-2 shelter at cell:4,2 name \"Gym\" capacity 50"),
            try line("facility add SH-3 shelter at cell:15,2 name \"Park\" capacity 500"), try line("facility add DP-1 depot at cell:8,8 name \"Depot\""),
            .incident(.report(NewIncident(type: .flood, place: .cell(Cell(x: 3, y: 3))))))
        return s
    }

    @Test func aShelterFillsToRefusalAndNamesTheNearestWithRoom() throws {
        var s = try world()
        let sh1 = FacilityID("SH-1")
        #expect(s.trying(try line("shelter SH-1 in 10")).rejection == .shelterNotOpen(sh1))
        s.run(try line("shelter SH-1 open red rainstorm warning"), try line("shelter SH-2 open red rainstorm warning"), try line("shelter SH-3 open red rainstorm warning"))
        #expect(s.trying(try line("shelter SH-1 open again")).rejection == .shelterAlreadyOpen(sh1))
        #expect(s.trying(try line("shelter DP-1 open x")).rejection == .notAShelter(FacilityID("DP-1"), kind: .depot))
        s.run(try line("shelter SH-1 in 85 for INC-0001"))
        #expect(s.state.shelterStatus(sh1, at: s.now) == .open)
        s.run(try line("shelter SH-1 in 5"))
        #expect(s.state.shelterStatus(sh1, at: s.now) == .nearFull)  // 90 of 100
        // 20 more do not fit: 10 places left; the nearest open shelters with room are offered.
        let refusal = s.trying(try line("shelter SH-1 in 20")).rejection
        #expect(
            refusal
                == .shelterFull(
                    sh1, free: 10, wanted: 20,
                    elsewhere: [ShelterRoom(id: FacilityID("SH-2"), name: Bilingual("Gym", "Gym"), free: 50), ShelterRoom(id: FacilityID("SH-3"), name: Bilingual("Park", "Park"), free: 500)]))
        #expect(refusal?.message.en.contains("nearest with room: SH-2 Gym (50 free), SH-3 Park (500 free)") == true)
        s.run(try line("shelter SH-1 in 10"))
        #expect(s.state.shelterStatus(sh1, at: s.now) == .full)
        // The night has fewer places: 100 inside, 60 places from 22:00.
        let night = s.now.addingTimeInterval(9 * 3600)
        #expect(s.state.freePlaces(sh1, at: night) == 0)
        // Out, then closed only when empty.
        #expect(s.trying(try line("shelter SH-1 close all home")).rejection == .shelterNotEmpty(sh1, inside: 100))
        #expect(s.trying(try line("shelter SH-1 out 101")).rejection == .fewerInside(sh1, inside: 100, wanted: 101))
        s.run(try line("shelter SH-1 out 100"), try line("shelter SH-1 close all home"))
        #expect(s.state.shelterStatus(sh1, at: s.now) == .closed)
        #expect(s.trying(try line("facility retire SH-2 demolished")).rejection == .shelterStillOpen(FacilityID("SH-2")))
        // The incident's timeline holds the check-in it sent.
        #expect(Event.sheltered(shelter: sh1, count: 85, incident: IncidentID(1)).incident == IncidentID(1))
    }

    @Test func aDrillsPeopleAreCountedApartAndLeaveAtTheStandDown() throws {
        var s = try world()
        s.run(try line("shelter SH-1 open rain"))
        s.run(try line("shelter SH-1 in 30"))
        s.run(
            .drill(.schedule(drillInfo(.marked, start: s.now))))
        s.exercise = "DRL-1"
        // The drill may open and close a shelter for itself only; the real opening stands.
        #expect(s.trying(try line("shelter SH-1 close x")).rejection == .shelterNotOpen(FacilityID("SH-1")))
        s.run(try line("shelter SH-3 open drill evacuation"))
        #expect(s.state.shelters[FacilityID("SH-3")]?.open == false && s.state.shelters[FacilityID("SH-3")]?.exerciseOpen == ["DRL-1"])
        #expect(s.state.shelterStatus(FacilityID("SH-3"), at: s.now) == .open)
        #expect(s.state.real.shelters[FacilityID("SH-3")] == nil, "only the drill opened it")
        s.run(try line("shelter SH-1 in 50"))
        #expect(s.state.shelters[FacilityID("SH-1")]?.occupancy == 30)
        #expect(s.state.shelters[FacilityID("SH-1")]?.exercise == ["DRL-1": 50])
        #expect(s.state.freePlaces(FacilityID("SH-1"), at: s.now) == 20)  // the drill's people take real beds while it runs
        #expect(s.state.real.shelters[FacilityID("SH-1")]?.inside == 30)
        #expect(s.trying(try line("shelter SH-1 out 60")).rejection == .fewerInside(FacilityID("SH-1"), inside: 50, wanted: 60))
        // A player checks the drill's people out by naming the incident they fled (the ledger
        // then tags the event to the drill: DrillIsolationTests); without it, from the real count.
        s.run(try line("report flood at cell:6,7"))
        #expect(s.state.incidents[IncidentID(2)]?.exercise == "DRL-1")
        s.exercise = nil
        #expect(s.trying(try line("shelter SH-1 out 45")).rejection == .fewerInside(FacilityID("SH-1"), inside: 30, wanted: 45))
        #expect(s.trying(try line("shelter SH-1 out 45 for INC-0002")).events == [.shelterLeft(shelter: FacilityID("SH-1"), count: 45, incident: IncidentID(2))])
        s.exercise = "DRL-1"
        s.run(.drill(.end(drill: "DRL-1", reason: "over", aborted: false)))
        #expect(s.state.shelters[FacilityID("SH-1")]?.inside == 30)
        #expect(s.state.shelterStatus(FacilityID("SH-3"), at: s.now) == .closed)
    }

    @Test func grammarMistakesNameTheirPlace() {
        func error(_ text: String) -> String {
            do {
                _ = try Grammar.parse(text, now: t0)
                return "parsed"
            } catch { return error.text(.en) }
        }
        #expect(error("shelter SH-1 inn 5").contains("did you mean 'in'?"))
        #expect(error("shelter SH-1 in many").contains("'many' is not a whole number"))
        #expect(error("shelter SH-1 in 5 for X").contains("is not an incident id"))
    }
}

/// The ★ view: people still to move against the free places within reach, and the shortfall.
@Suite("Evacuation picture")
struct EvacuationTests {
    @Test func peopleStillToMoveAgainstShelterPlacesWithinReach() throws {
        var s = try ShelterTests().world()
        s.run(
            .incident(.updateFigures(IncidentID(1), FigureUpdate([.evacuated: 700]))), try line("shelter SH-1 open rain"),
            try line("shelter SH-2 open rain"), try line("shelter SH-3 open rain"), try line("shelter SH-1 in 40 for INC-0001"))
        #expect(s.state.stillToShelter(IncidentID(1)) == 660)
        let grid = try #require(s.grid)
        let e = try #require(s.state.evacuation(for: IncidentID(1), grid: grid, at: s.now))
        #expect(e.people == 660)
        // SH-1 (60 free) and SH-2 (50) are near; SH-3 (500) is across the river but within reach by the bridge.
        #expect(e.shelters.map(\.id).prefix(2) == [FacilityID("SH-1"), FacilityID("SH-2")])
        #expect(e.shelters.first?.free == 60)
        #expect(e.freeWithin == e.shelters.map(\.free).reduce(0, +))
        #expect(e.shortfall == max(0, 660 - e.freeWithin))
        let tight = try #require(s.state.evacuation(for: IncidentID(1), grid: grid, at: s.now, withinMinutes: 0.001))
        #expect(tight.shelters.isEmpty && tight.shortfall == 660)
    }
}
