import CommandModel
import Foundation
import Testing

@Suite("Reporting stages follow the level and the type, citing their rule")
struct ReportingStageTests {
    let inc1 = IncidentID(1)

    func reported(_ type: IncidentType, level: ResponseLevel) -> Scenario {
        var s = Scenario()
        s.run(.incident(.report(NewIncident(type: type, place: .cell(Cell(x: 1, y: 1))))))
        if level > .none { s.run(.incident(.setLevel(inc1, level, reason: "as assessed"))) }
        return s
    }

    func stages(_ s: Scenario) -> [String] {
        s.state.incidents[inc1]?.deadlines(at: s.now, plans: s.plans).map(\.stage.id) ?? []
    }

    @Test func aLevelIVFireOwesNoStateCouncilReport() {
        let s = reported(.fire, level: .iv)
        #expect(stages(s) == ["district", "city"])
        #expect(s.trying(.incident(.fileReport(inc1, stage: "state"))).rejection == .reportingStageNotOwed(inc1, stage: "state", level: .iv, owedAt: [.i, .ii], owed: ["district", "city"]))
        #expect(s.trying(.incident(.fileReport(inc1, stage: "moon"))).rejection == .unknownReportingStage(inc1, stage: "moon", known: ["district", "city"]))
        let cited = s.state.incidents[inc1]?.deadlines(at: s.now, plans: s.plans).first?.source ?? ""
        #expect(cited.contains("Decree 493 art. 9"))
    }

    @Test(arguments: [ResponseLevel.i, .ii])
    func seriousAccidentsGoToTheStateCouncil(level: ResponseLevel) {
        let s = reported(.gasExplosion, level: level)
        #expect(stages(s) == ["district", "city", "public-info", "state", "press-conference"], "soonest due first")
        let state = s.state.incidents[inc1]?.deadlines(at: s.now, plans: s.plans).first { $0.stage.id == "state" }
        #expect(state?.source.contains("art. 10 (1)") == true)
    }

    @Test func aLevelIDisasterGoesAboveTheMunicipalDutyOffice() {
        #expect(stages(reported(.flood, level: .iii)) == ["city-phone", "city-written"])
        #expect(stages(reported(.flood, level: .i)) == ["city-phone", "city-written", "state-duty", "public-info", "press-conference"])
    }

    @Test func raisingTheLevelAddsStagesDueFromTheRaise() throws {
        var s = reported(.fire, level: .iv)
        s.now = t0.addingTimeInterval(3 * 3600)
        s.run(.incident(.setLevel(inc1, .ii, reason: "eleven dead")))
        let state = try #require(s.state.incidents[inc1]?.deadlines(at: s.now, plans: s.plans).first { $0.stage.id == "state" })
        #expect(state.due == s.now.addingTimeInterval(300 * 60), "owed from the raise, not already late from the report")
        #expect(state.standing == .pending(minutesLeft: 300))
    }

    @Test func aStageFiledStaysFiledWhenTheLevelIsLowered() {
        var s = reported(.fire, level: .ii)
        s.run(.incident(.fileReport(inc1, stage: "state")))
        s.run(.incident(.setLevel(inc1, .iv, reason: "figures corrected")))
        let d = s.state.incidents[inc1]?.deadlines(at: s.now, plans: s.plans) ?? []
        #expect(d.map(\.stage.id) == ["district", "city", "state"])
        #expect(d.last?.standing == .filed(t0))
        // Lowered before it was filed: a report owed at a level held may still be filed.
        var t = reported(.fire, level: .ii)
        t.run(.incident(.setLevel(inc1, .iv, reason: "figures corrected")))
        #expect(stages(t) == ["district", "city"])
        t.run(.incident(.fileReport(inc1, stage: "public-info")))
        #expect(stages(t) == ["district", "city", "public-info"])
    }

    @Test func aReportToAStageThePlansNoLongerNameIsShownAsFiled() {
        var s = reported(.fire, level: .iv)
        s.given([.reportFiled(incident: inc1, stage: "provincial-office")])
        let old = s.state.incidents[inc1]?.deadlines(at: s.now, plans: s.plans).first { $0.stage.id == "provincial-office" }
        #expect(old?.standing == .filed(t0))
        #expect(old?.inPlans == false)
    }

    @Test func aStageLevelThatIsNotALevelIsNamedWithItsLine() {
        let yaml = """
            reporting:
              - categories: [accident-disaster]
                source: s
                stages:
                  - {id: a, name: {en: A, zh: A}, within-minutes: 10, levels: [I, V]}
                  - {id: b, name: {en: B, zh: B}, within-minutes: 20, levels: []}
                  - {id: a, name: {en: A, zh: A}, within-minutes: 30}
            """
        let (_, issues) = PlanBook.load(files: [("r.yaml", yaml)])
        #expect(issues.map(\.line) == [5, 6, 7])
        #expect(issues.allSatisfy { $0.file == "r.yaml" && $0.column > 1 })
    }
}
