import CommandModel
import Foundation
import Testing

/// A whole night of escalations on a simulated clock: minutes pass in microseconds.
@Suite("Escalation on a simulated clock")
struct EscalationTests {
    static let yaml = """
        timezone: Asia/Shanghai
        people:
          - {id: duty, name: {en: Li Na, zh: 李娜}, roles: [duty-officer]}
          - {id: lead, name: {en: Zhao Min, zh: 赵敏}, roles: [oncall-leader]}
          - {id: boss, name: {en: Wang Lei, zh: 王磊}, roles: [commander]}
        rotations:
          - {role: duty-officer, handoff: daily 00:00, start: 2026-01-01, members: [duty]}
          - {role: oncall-leader, handoff: daily 00:00, start: 2026-01-01, members: [lead]}
          - {role: commander, handoff: daily 00:00, start: 2026-01-01, members: [boss]}
        escalation:
          - name: unacked
            trigger: unacknowledged
            after-minutes: 5
            steps:
              - {page: duty-officer, wait-minutes: 5}
              - {page: oncall-leader, wait-minutes: 10}
            repeat: 2
            ack-timeout-minutes: 15
          - name: serious
            trigger: level-declared
            steps:
              - {page: commander, wait-minutes: 5}
            repeat: 3
          - name: figures
            trigger: suggestion-above-level
            steps:
              - {page: oncall-leader, wait-minutes: 30}
        """

    let roster: Roster = {
        let (r, issues) = Roster.load(yaml, file: "roster.yaml")
        precondition(issues.isEmpty, "\(issues)")
        return r
    }()

    /// Runs the escalation every simulated minute for `minutes`, sending due pages.
    func tick(_ s: inout Scenario, minutes: Int) -> [Page] {
        var sent: [Page] = []
        for _ in 0..<minutes {
            s.now += 60
            for c in s.state.duePages(policies: roster.escalation, roster: roster, plans: s.plans, now: s.now) {
                if case let .success(events) = s.when(c) {
                    for case let .pageSent(p) in events { sent.append(Page(p)) }
                }
            }
        }
        return sent
    }

    func reported() -> Scenario {
        var s = Scenario()
        s.run(.incident(.report(NewIncident(type: .fire, place: .cell(Cell(x: 1, y: 1))))))
        return s
    }

    @Test func stepsFireAtTheirTimesAndRepeat() {
        var s = reported()
        let sent = tick(&s, minutes: 120)
        // +5 duty, +10 leader, +20 duty, +25 leader; then the two rounds are done.
        #expect(sent.map(\.person) == ["duty", "lead", "duty", "lead"])
        #expect(sent.map { Int($0.sentAt.timeIntervalSince(t0) / 60) } == [5, 10, 20, 25])
        #expect(sent.first?.role == .dutyOfficer)
    }

    @Test func acknowledgingTheIncidentStopsIt() {
        var s = reported()
        _ = tick(&s, minutes: 7)
        s.run(.incident(.acknowledge(IncidentID(1))))
        #expect(tick(&s, minutes: 120).isEmpty)
    }

    @Test func anAcknowledgedPageHoldsUntilItsTimeout() throws {
        var s = reported()
        let first = tick(&s, minutes: 5)
        let page = try #require(first.first)
        s.run(.paging(.acknowledge(page.id)))
        // Acknowledged at +5 with no progress: held until +20, then the leader is paged.
        let next = tick(&s, minutes: 30)
        #expect(next.map { Int($0.sentAt.timeIntervalSince(t0) / 60) }.first == 20)
        #expect(next.first?.person == "lead")
        #expect(s.trying(.paging(.acknowledge(page.id))).rejection == .pageAlreadyAcknowledged(page.id))
    }

    @Test func declaringLevelIIPagesTheCommanderAtOnceUntilAcknowledged() throws {
        var s = reported()
        s.run(.incident(.acknowledge(IncidentID(1))), .incident(.setLevel(IncidentID(1), .ii, reason: "12 dead")))
        let sent = tick(&s, minutes: 1)
        #expect(sent.map(\.person) == ["boss"])
        s.run(.paging(.acknowledge(try #require(sent.first).id)))
        #expect(tick(&s, minutes: 60).isEmpty, "an acknowledged page stops it")
    }

    @Test func aSuggestionAboveTheLevelPagesTheLeaderUntilTheLevelIsRaised() {
        var s = reported()
        s.run(.incident(.acknowledge(IncidentID(1))), .incident(.setLevel(IncidentID(1), .iv, reason: "initial")))
        #expect(tick(&s, minutes: 10).isEmpty)
        s.run(.incident(.updateFigures(IncidentID(1), FigureUpdate([.deaths: 4]))))  // Decree 493: III
        let sent = tick(&s, minutes: 1)
        #expect(sent.map(\.person) == ["lead"])
        #expect(sent.first?.trigger == .suggestionAbove)
        s.run(.incident(.setLevel(IncidentID(1), .iii, reason: "4 dead")))
        #expect(tick(&s, minutes: 60).isEmpty)
    }

    @Test func aReportingDeadlineAboutToPassPagesUntilTheReportIsFiled() {
        let yaml =
            Self.yaml + """

                  - name: deadline
                    trigger: deadline
                    after-minutes: 10
                    steps:
                      - {page: duty-officer, wait-minutes: 60}
                """
        let (r, issues) = Roster.load(yaml, file: "roster.yaml")
        #expect(issues.isEmpty, "\(issues)")
        var s = reported()
        s.run(.incident(.acknowledge(IncidentID(1))))  // no unacknowledged pages
        let policies = r.escalation.filter { $0.name == "deadline" }
        func due(at minutes: Double) -> [Command] { s.state.duePages(policies: policies, roster: r, plans: s.plans, now: t0.addingTimeInterval(minutes * 60)) }
        // A fire (Decree 493): report to the district within 60 min; paged 10 min before.
        #expect(due(at: 49).isEmpty)
        let first = due(at: 50)
        #expect(first.count == 1)
        s.now = t0.addingTimeInterval(50 * 60)
        for c in first { s.run(c) }
        #expect(s.state.pages.keys.sorted() == ["INC-0001/deadline@district/0/duty"])
        s.run(.incident(.fileReport(IncidentID(1), stage: "district")))
        // The next stage (city, 180 min) is an escalation of its own: paged 10 min before it,
        // although the one step of the district's escalation was used up.
        #expect(due(at: 60).isEmpty)
        let second = due(at: 170)
        #expect(second.count == 1)
        s.now = t0.addingTimeInterval(170 * 60)
        for c in second { s.run(c) }
        #expect(s.state.pages["INC-0001/deadline@city/0/duty"] != nil)
        #expect(due(at: 175).isEmpty, "one page per step and stage")
    }

    @Test func anUnresolvedIncidentPagesUntilContained() {
        let policy = EscalationPolicy(
            name: "unresolved", trigger: .unresolved, levels: [], categories: [], afterMinutes: 60, steps: [EscalationStep(target: .role(.commander), waitMinutes: 30)], repeats: 3,
            ackTimeoutMinutes: nil)
        var s = reported()
        s.run(.incident(.acknowledge(IncidentID(1))), .incident(.setStatus(IncidentID(1), .responding)))
        var sent: [Page] = []
        for minute in 1...200 {
            s.now = t0.addingTimeInterval(Double(minute) * 60)
            if minute == 100 { s.run(.incident(.setStatus(IncidentID(1), .contained))) }
            for c in s.state.duePages(policies: [policy], roster: roster, plans: s.plans, now: s.now) { s.run(c) }
        }
        sent = Array(s.state.pages.values)
        #expect(sent.map { Int($0.sentAt.timeIntervalSince(t0) / 60) }.sorted() == [60, 90], "paged at 60 and 90 min, then contained at 100")
    }

    @Test func nobodyOnCallIsRecordedAndTheEscalationMovesOn() {
        var s = reported()
        var r = roster
        r.overrides.append(Override(role: .dutyOfficer, person: nil, from: t0, to: t0.addingTimeInterval(3600), reason: "leave"))
        var sent: [Page] = []
        for _ in 0..<11 {
            s.now += 60
            for c in s.state.duePages(policies: r.escalation, roster: r, plans: s.plans, now: s.now) {
                if case let .success(events) = s.when(c) { for case let .pageSent(p) in events { sent.append(Page(p)) } }
            }
        }
        #expect(sent.map(\.person) == ["", "lead"])
    }

    @Test func duePagesAreIdempotent() {
        var s = reported()
        s.now += 5 * 60
        let due = s.state.duePages(policies: roster.escalation, roster: roster, plans: s.plans, now: s.now)
        #expect(due.count == 1)
        s.run(due[0])
        // A second console deciding the same page is refused.
        #expect(s.trying(due[0]).rejection == .pageAlreadySent("INC-0001/unacked/0/duty"))
        #expect(s.state.duePages(policies: roster.escalation, roster: roster, plans: s.plans, now: s.now).isEmpty)
    }
}
