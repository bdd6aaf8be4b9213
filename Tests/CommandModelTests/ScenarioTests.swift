import CommandModel
import Foundation
import Testing

@Suite("Drill scenarios")
struct ScenarioTests {
    @Test func theSampleScenarioLoads() throws {
        let url = repoRoot.appendingPathComponent("Resources/drills/sample-flash-flood.yaml")
        let (s, issues) = DrillScenario.load(try String(contentsOf: url, encoding: .utf8), file: url.path)
        #expect(issues.isEmpty, "\(issues)")
        let scenario = try #require(s)
        #expect(scenario.disclosure == .blind)
        #expect(scenario.injects.map(\.id) == ["flood", "caller-rings-back", "worse", "substation"])
        #expect(scenario.injects[1].timing == .after("flood", 12))
        #expect(scenario.injects[1].ifMissed == "flood")
        #expect(scenario.injects[0].expect.dispatch == [.floodRescue])
        #expect(scenario.injects[2].expect.level == .ii)
        #expect(DrillScenario.resolve(scenario.injects[3].line, incidents: ["flood": IncidentID(7)])?.hasSuffix("caused-by INC-0007") == true)
    }

    @Test func manualExpectationsAreReadWithTheirObjectivesAndTheirMistakesNamed() throws {
        let yaml = """
            name: {en: Test, zh: 测试}
            disclosure: marked
            objectives:
              - {id: ack, text: {en: Acknowledge, zh: 确认}}
              - {id: leaders, text: {en: Tell the leaders, zh: 通报领导}}
            injects:
              - id: a
                at: +0m
                do: report flood at mentougou
                expect:
                  acknowledge-within: 5m
                  objective: ack
                  manual:
                    - {id: call-leader, text: {en: Call the district leader, zh: 致电区领导}, within: 10m, objectives: [leaders]}
                    - {id: log-call, text: {en: Log the call, zh: 记录来电}}
            """
        let (loaded, issues) = DrillScenario.load(yaml, file: "drill.yaml")
        #expect(issues.isEmpty, "\(issues)")
        let manual = try #require(loaded).injects[0].expect.manual
        #expect(
            manual == [
                DrillScenario.ManualExpectation(id: "call-leader", text: Bilingual("Call the district leader", "致电区领导"), withinMinutes: 10, objectives: ["leaders"]),
                DrillScenario.ManualExpectation(id: "log-call", text: Bilingual("Log the call", "记录来电"), objectives: ["ack"]),
            ], "without objectives of its own it serves the inject's")
        let bad = """
            name: {en: Test, zh: 测试}
            disclosure: marked
            objectives:
              - {id: ack, text: {en: Acknowledge, zh: 确认}}
            injects:
              - id: a
                at: +0m
                do: report flood at mentougou
                expect:
                  manual:
                    - {id: call, text: {en: Call, zh: 致电}, objectives: [nope]}
                    - {id: call, text: {en: Again, zh: 再次}}
                    - {id: late, text: {en: Late, zh: 迟}, within: soon}
                    - {id: half, text: {en: Half}}
            """
        let (none, problems) = DrillScenario.load(bad, file: "drill.yaml")
        #expect(none == nil)
        #expect(
            problems.map(\.message.en) == [
                "no objective 'nope'", "'call' is not a new expectation id (1–64 characters, no spaces, each once)", "'soon' is not a duration; write 15m or 2h", "missing field 'zh'",
            ], "\(problems.map(\.message.en))")
    }

    @Test func mistakesNameTheLine() {
        let yaml = """
            name: {en: Test, zh: 测试}
            disclosure: secret
            injects:
              - {id: a, at: +0m, do: "report flood at mentougou"}
              - {id: b, after: zzz 5m, do: "note {a} hello"}
              - {id: c, at: +5m, do: "figures {nope} deaths=1"}
              - {id: d, at: soon, do: "ack {a}"}
              - {id: e, at: +1m, do: "akc {a}"}
            """
        let (s, issues) = DrillScenario.load(yaml, file: "drill.yaml")
        #expect(s == nil)
        #expect(issues.map(\.line) == [2, 5, 6, 7, 8])
        #expect(issues[0].message.en.hasPrefix("unknown disclosure 'secret'"))
        #expect(issues[1].message.en == "'after' must name an earlier inject, not 'zzz'")
        #expect(issues[2].message.en == "{nope} is not an earlier inject that reports an incident, declares a response or issues a warning")
        #expect(issues[3].message.en == "'soon' is not a duration; write 15m or 2h")
        #expect(issues[4].message.en.hasPrefix("the action does not parse: column 1: unknown command 'akc'"))
    }
    /// `end: +70000000h` was accepted by `drill check` and bricked the store when started; a
    /// count past Int.max / 60 trapped.
    @Test(arguments: ["+70000000h", "+2600000000000000h", "10081m", "169h"])
    func aDrillLongerThanAWeekIsRefusedWithItsLine(end: String) {
        let yaml = """
            name: {en: Test, zh: 测试}
            disclosure: marked
            end: \(end)
            injects:
              - {id: a, at: +0m, do: "report flood at mentougou"}
            """
        let (s, issues) = DrillScenario.load(yaml, file: "drill.yaml")
        #expect(s == nil)
        #expect(issues.map(\.line) == [3])
        #expect(issues.first?.message.en.contains("longer than a drill may run") == true, "\(issues)")
    }

    @Test func aDryRunAgainstTheMapAndPlansFindsWhatWouldGoWrongLive() throws {
        let yaml = """
            name: {en: Test, zh: 测试}
            disclosure: marked
            injects:
              - id: lost
                at: +0m
                do: report flood at atlantis
              - id: far
                at: +0m
                do: report fire at 45.0,100.0
              - id: fire
                at: +1m
                do: report fire at east title "Warehouse"
                expect: {plan-items: [hydrants, no-such-item]}
              - id: closed
                after: fire 5m
                do: close {fire} done
              - id: grows
                after: fire 6m
                do: figures {fire} injured=4
            """
        let scenario = try #require(DrillScenario.load(yaml, file: "drill.yaml").scenario)
        let (problems, warnings) = scenario.dryRun(plans: shippedPlans, grid: smallGrid(), file: "drill.yaml")
        #expect(problems.map(\.line) == [4, 7, 10])
        #expect(problems[0].message.en == "the action would be refused: there is no district 'atlantis' on this map")
        #expect(problems[1].message.en.hasPrefix("the action would be refused: "))
        #expect(problems[2].field == "injects.fire.expect.plan-items")
        #expect(problems[2].message.en.hasPrefix("no run card for fire has the item 'no-such-item'"))
        // Closing a report nobody acknowledged is refused unless the players act first: a warning.
        #expect(warnings.map(\.line) == [14])
    }

    @Test(arguments: ["sample-flash-flood.yaml", "try-it.yaml"])
    func theShippedScenariosRehearseCleanlyAgainstTheShippedMap(file: String) throws {
        let url = repoRoot.appendingPathComponent("Resources/drills/\(file)")
        let (loaded, issues) = DrillScenario.load(try String(contentsOf: url, encoding: .utf8), file: url.path)
        #expect(issues.isEmpty, "\(issues)")
        let scenario = try #require(loaded)
        let mapURL = repoRoot.appendingPathComponent("Resources/maps/beijing.map")
        let map = try #require(OneMap.parse(try String(contentsOf: mapURL, encoding: .utf8), file: mapURL.path).map)
        let (problems, warnings) = scenario.dryRun(plans: shippedPlans, grid: map.grid(), file: url.path)
        #expect(problems.isEmpty, "\(problems)")
        #expect(warnings.isEmpty, "\(warnings)")
    }
}

@Suite("Drill timelines")
struct DrillTimelineTests {
    func sample() throws -> DrillScenario {
        let url = repoRoot.appendingPathComponent("Resources/drills/sample-flash-flood.yaml")
        return try #require(DrillScenario.load(try String(contentsOf: url, encoding: .utf8), file: url.path).scenario)
    }

    @Test func injectsFollowTheirTimingAndJitterStaysInItsBounds() throws {
        let s = try sample()
        for seed in [UInt64(1), 42, 7_777] {
            let t = s.timeline(start: t0, seed: seed)
            #expect(t.map(\.inject.id) == ["flood", "caller-rings-back", "worse", "substation"])
            let minutes = t.map { Int($0.at.timeIntervalSince(t0) / 60) }
            #expect((-2...2).contains(minutes[0]), "flood at +0m ± 2m")
            #expect(minutes[1] == minutes[0] + 12)
            #expect(minutes[2] == minutes[0] + 20)
            #expect(minutes[3] == minutes[2] + 5)
        }
    }

    @Test func theSameSeedGivesTheSameTimes() throws {
        let s = try sample()
        #expect(s.timeline(start: t0, seed: 99).map(\.at) == s.timeline(start: t0, seed: 99).map(\.at))
    }
}

extension ScenarioTests {
    /// An inject's times are bounded when it fires, against that moment: a scenario written
    /// with a date is not refused when checked (its `now` is not the drill's).
    @Test func anAbsoluteTimeInAnInjectIsCheckedWhenItFiresNotWhenWritten() {
        let yaml = """
            name: {en: Test, zh: 测试}
            disclosure: marked
            injects:
              - {id: a, at: +0m, do: "warn rainstorm red city until 2026-07-31T20:00 by BMO"}
            """
        let (s, issues) = DrillScenario.load(yaml, file: "drill.yaml")
        #expect(s != nil, "\(issues.map { $0.text(.en) })")
        let far = yaml.replacingOccurrences(of: "2026-07-31T20:00", with: "+70000000h")
        #expect(DrillScenario.load(far, file: "drill.yaml").scenario != nil, "bounded at fire time, not here")
    }
}

/// Found by the scenario fuzzer: an `after:` with nothing in it trapped `drill check`.
@Suite("Scenario fuzz findings")
struct ScenarioFuzzFindingsTests {
    @Test(arguments: ["\"\"", "\" \""])
    func anEmptyAfterIsRefusedWithItsLine(after: String) {
        let yaml = """
            name: {en: x, zh: x}
            injects:
              - {id: a, at: +0m, do: "report flood at cell:1,1"}
              - {id: b, after: \(after), do: "note {a} x"}
            """
        let (s, issues) = DrillScenario.load(yaml, file: "d.yaml")
        #expect(s == nil)
        #expect(issues.contains { $0.line == 4 && $0.message.en.contains("after: <inject> 5m") }, "\(issues.map(\.message.en))")
    }
}
