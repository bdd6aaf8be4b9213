import CommandModel
import Foundation
import Testing

/// Shelters, depots and hazard sources on the record, and teams added through the one grammar.
@Suite("Facilities and teams through the grammar")
struct FacilityRecordTests {
    @Test func aFacilityIsAddedUpdatedAndRetiredWithItsDistrict() throws {
        var s = Scenario()
        let add = try line("facility add sh-21 shelter at cell:3,4 name \"Ritan Park\" zh \"日坛公园\" capacity 20000")
        #expect(add == .facility(.register(NewFacility(id: FacilityID("SH-21"), kind: .shelter, name: Bilingual("Ritan Park", "日坛公园"), place: .cell(Cell(x: 3, y: 4)), capacity: 20000))))
        s.run(add)
        let f = try #require(s.state.facilities[FacilityID("SH-21")])
        #expect(f.cell == Cell(x: 3, y: 4) && f.district == "west" && f.capacity == 20000)
        #expect(s.trying(add).rejection == .facilityAlreadyRegistered(FacilityID("SH-21")))
        // Only what is given changes; the same value again is refused as no change.
        s.run(try line("facility update SH-21 capacity 25000 at east"))
        #expect(s.state.facilities[FacilityID("SH-21")]?.capacity == 25000)
        #expect(s.state.facilities[FacilityID("SH-21")]?.district == "east")
        #expect(s.state.facilities[FacilityID("SH-21")]?.name == Bilingual("Ritan Park", "日坛公园"))
        #expect(s.trying(try line("facility update SH-21 capacity 25000")).rejection == .facilityUnchanged(FacilityID("SH-21")))
        // A depot has no capacity of people.
        s.run(try line("facility add DP-9 depot at west name \"West depot\""))
        #expect(s.trying(try line("facility update DP-9 capacity 5")).rejection == .capacityOnlyForShelters(FacilityID("DP-9")))
        s.run(try line("facility retire SH-21 closed for works"))
        #expect(s.state.facilities[FacilityID("SH-21")] == nil)
        #expect(s.trying(try line("facility retire SH-21 again")).rejection == .unknownFacility(FacilityID("SH-21")))
    }

    @Test func mistakesNameTheirColumnAndSuggest() {
        func error(_ line: String) -> String {
            do {
                _ = try Grammar.parse(line, now: t0)
                return "parsed"
            } catch { return error.text(.en) }
        }
        #expect(error("facility ad SH-1 shelter at west name \"x\"").contains("did you mean 'add'?"))
        #expect(error("facility add SH-1 warehouse at west name \"x\"").contains("unknown facility kind 'warehouse'"))
        #expect(error("facility add SH-1 depot at west name \"x\" capacity 5").contains("unknown option 'capacity'"))
        #expect(error("facility add SH-1 shelter name \"x\"").contains("where is it?"))
        #expect(error("facility update SH-1").contains("nothing to change"))
        #expect(error("team add MD-1 medics at west name \"x\"").contains("unknown capability 'medics'"))
    }

    @Test func aTeamIsAddedAndChangedByThePartsGiven() throws {
        var s = Scenario()
        s.run(try line("team add md-09 medical,search-rescue at cell:12,3 name \"Medics\" zh \"医疗队\""))
        let t = try #require(s.state.teams[TeamID("MD-09")])
        #expect(t.profile.base == Cell(x: 12, y: 3) && t.profile.district == "east" && t.profile.capabilities == [.medical, .searchAndRescue] && t.status == .available)
        s.run(try line("team update MD-09 caps medical zh \"急救队\""))
        #expect(s.state.teams[TeamID("MD-09")]?.profile.capabilities == [.medical])
        #expect(s.state.teams[TeamID("MD-09")]?.profile.name == Bilingual("Medics", "急救队"))
        #expect(s.trying(try line("team update MD-09 caps medical")).rejection == .teamUnchanged(TeamID("MD-09")))
        #expect(s.trying(try line("team add MD-09 medical at west name \"Again\"")).rejection == .teamAlreadyRegistered(TeamID("MD-09")))
        // The status and retire forms still read as before.
        #expect(try line("team MD-09 en-route") == .team(.setStatus(TeamID("MD-09"), .enRoute)))
    }

    @Test func importingACityFileTwiceChangesNoFacilityTheSecondTime() {
        var s = Scenario()
        let park = Facility(id: FacilityID("SH-1"), kind: .shelter, name: Bilingual("Park", "公园"), point: nil, cell: Cell(x: 2, y: 2), district: "west", capacity: 100)
        let depot = Facility(id: FacilityID("DP-1"), kind: .depot, name: Bilingual("Depot", "仓库"), point: nil, cell: Cell(x: 15, y: 2), district: "east")
        let city = CityData(isSample: false, teams: [], facilities: [park, depot])
        let first = city.importCommands(toMatch: s.state)
        #expect(first.facilities == ImportCount(registered: 2, updated: 0, unchanged: 0))
        for c in first.commands { s.run(c) }
        #expect(s.state.facilities[FacilityID("SH-1")] == park && s.state.facilities[FacilityID("DP-1")] == depot)
        let again = city.importCommands(toMatch: s.state)
        #expect(again.commands.isEmpty && again.facilities.unchanged == 2)
        var changed = city
        changed.facilities[0].capacity = 150
        let update = changed.importCommands(toMatch: s.state)
        #expect(update.commands == [.facility(.update(FacilityID("SH-1"), FacilityChange(capacity: 150)))] && update.facilities.updated == 1)
        s.run(update.commands[0])
        #expect(s.state.facilities[FacilityID("SH-1")] == changed.facilities[0])
    }

    @Test func aDrillCannotChangeTheCentresFacilities() {
        var s = Scenario()
        s.exercise = "DRL-1"
        #expect(s.trying(.facility(.retire(FacilityID("SH-1"), reason: "x"))).rejection == .notInDrill(Bilingual("change the centre's facilities", "修改中心设施")))
    }
}

/// Found by the grammar fuzzer: a cell far off the map made the bound check call itself until
/// the stack overflowed; it is refused with its place instead.
@Suite("Cells far off the map")
struct FarCellTests {
    @Test(arguments: ["report flood at cell:81793070273,0", "facility add SH-9 shelter at cell:0,1000001 name \"x\"", "team add T-1 medical at cell:-2000000,3 name \"x\""])
    func aFarCellIsRefusedNotACrash(line: String) throws {
        let commands = try Grammar.parse(line, now: t0)
        let violation = commands.first?.boundViolation(now: t0)
        #expect(violation?.value.contains(",") == true, "\(String(describing: violation))")
        #expect(Scenario().trying(try #require(commands.first)).rejection.map { if case .outOfBounds = $0 { true } else { false } } == true)
    }
}

/// Counts and speeds are bounded where they are decided, and refusals name what was counted.
@Suite("Counts and speeds")
struct CountBoundTests {
    @Test func aZeroOrHugeCountIsRefusedNamingWhatWasCounted() throws {
        var s = Scenario()
        s.run(try line("facility add SH-1 shelter at cell:2,2 name \"School\" capacity 10"), try line("shelter SH-1 open rain"))
        #expect(s.trying(.shelter(.checkIn(FacilityID("SH-1"), count: 0, for: nil))).rejection?.message.en == "the number of people must be above zero, not 0")
        let huge = s.trying(.supply(.receive(FacilityID("DP-1"), ItemQuantity("sandbags", Limits.figure + 1), note: ""))).rejection
        guard case let .outOfBounds(v)? = huge else { Issue.record("a huge quantity was taken"); return }
        #expect(v.what.en == "quantity of sandbags")
    }

    @Test(arguments: [0.0, 0.5, Double.nan, .infinity, 3601])
    func aDrillsSpeedOutsideOneToAnHourPerSecondIsRefused(speed: Double) {
        let s = Scenario()
        var info = drillInfo(.marked)
        info.speed = speed
        guard case .outOfBounds? = s.trying(.drill(.schedule(info))).rejection else {
            Issue.record("speed \(speed) was accepted")
            return
        }
    }
}
