import CommandModel
import Foundation
import Testing

@Suite("Plans, run cards and reporting deadlines")
struct PlanBookTests {
    @Test func raisingALevelAddsOnlyTheNewLevelsRequirements() {
        let iv = shippedPlans.requirements(for: .flood, at: .iv)
        let ii = shippedPlans.requirements(for: .flood, at: .ii)
        #expect(iv.needs == [.floodRescue: 1])
        #expect(ii.needs == [.floodRescue: 2, .medical: 1, .searchAndRescue: 1])
        #expect(ii.checklist.map(\.id) == ["notify-district", "open-shelters", "activate-hq", "notify-neighbours"])
    }

    @Test func badFilesNameFileLineAndFieldAndKeepGoodRecords() {
        let yaml = """
            version: 1
            criteria:
              - id: good
                name: {en: Good, zh: 好}
                source: somewhere
                short: S
                categories: [accident-disaster]
                levels:
                  I: {deaths: 30}
              - id: bad
                name: {en: Bad, zh: 坏}
                source: x
                short: x
                categories: [accident-disaster, weather]
                levels:
                  II: {deaths: ten}
            plans:
              - type: flood
                levels:
                  IV:
                    needs: {flood-rescue: 1, dragons: 2}
            """
        let (book, issues) = PlanBook.load(files: [("test.yaml", yaml)])
        #expect(book.criteria.map(\.id) == ["good"])
        #expect(book.cards.count == 1)
        #expect(issues.map(\.line) == [14, 16, 21])
        #expect(issues[0].text(.en) == "test.yaml:14:37: criteria[1].categories[1]: unknown category 'weather'; expected one of: natural-disaster, accident-disaster, public-health, social-security")
        #expect(issues[1].field == "criteria[1].levels.II.deaths")
        #expect(issues[2].message.en.hasPrefix("unknown capability 'dragons'"))
        #expect(issues[2].message.zh.hasPrefix("未知能力"))
    }

    @Test func syntaxErrorsHaveALine() {
        let (_, issues) = PlanBook.load(files: [("broken.yaml", "criteria:\n  - id: [unclosed\n")])
        #expect(issues.count == 1)
        #expect(issues.first?.line == 3)
        #expect(issues.first?.message.en.hasPrefix("YAML syntax") == true)
    }

    @Test func crossedThresholdsAreCaught() {
        let yaml = """
            criteria:
              - {id: x, name: {en: X, zh: X}, source: s, short: s, categories: [accident-disaster], levels: {I: {deaths: 5}, II: {deaths: 10}}}
            """
        let (_, issues) = PlanBook.load(files: [("x.yaml", yaml)])
        #expect(issues.map(\.field) == ["criteria[0].levels.I.deaths"])
    }

    @Test func deadlinesAreDueSoonAndOverdue() {
        var s = Scenario()
        s.run(.incident(.report(NewIncident(type: .gasExplosion, place: .cell(Cell(x: 1, y: 1))))))
        let i = s.state.incidents[IncidentID(1)]!
        let at50 = i.deadlines(at: t0.addingTimeInterval(50 * 60), plans: s.plans)
        #expect(at50.map(\.stage.id) == ["district", "city"], "no level yet: no State Council stage")
        #expect(at50[0].standing == .dueSoon(minutesLeft: 10))
        #expect(at50[1].standing == .pending(minutesLeft: 130))
        let at61 = i.deadlines(at: t0.addingTimeInterval(61 * 60), plans: s.plans)
        #expect(at61[0].standing == .overdue(minutesLate: 1))
        s.now = t0.addingTimeInterval(55 * 60)
        s.run(.incident(.fileReport(IncidentID(1), stage: "district")))
        let filed = s.state.incidents[IncidentID(1)]!.deadlines(at: t0.addingTimeInterval(70 * 60), plans: s.plans)
        #expect(filed[0].standing == .filed(t0.addingTimeInterval(55 * 60)))
        #expect(s.trying(.incident(.fileReport(IncidentID(1), stage: "district"))).rejection == .reportAlreadyFiled(IncidentID(1), stage: "district"))
        #expect(s.trying(.incident(.fileReport(IncidentID(1), stage: "moon"))).rejection == .unknownReportingStage(IncidentID(1), stage: "moon", known: ["district", "city"]))
    }
}
