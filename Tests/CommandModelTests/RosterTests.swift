import CommandModel
import Foundation
import Testing

@Suite("On-call roster and schedules (Asia/Shanghai)")
struct RosterTests {
    static let yaml = """
        version: 1
        timezone: Asia/Shanghai
        people:
          - {id: a, name: {en: A, zh: 甲}, logins: [a.login]}
          - {id: b, name: {en: B, zh: 乙}}
          - {id: c, name: {en: C, zh: 丙}, roles: [commander]}
          - {id: d, name: {en: D, zh: 丁}, roles: [commander]}
        rotations:
          - {role: oncall-leader, handoff: daily 00:00, start: 2026-11-02, members: [a, b]}
          - {role: commander, handoff: weekly monday 09:00, start: 2026-11-02, members: [c, d]}
        overrides:
          - {role: oncall-leader, person: b, from: 2026-11-04T08:00, to: 2026-11-04T20:00, reason: swap}
          - {role: oncall-leader, person: ~, from: 2026-11-06T22:00, to: 2026-11-07T02:00, reason: leave}
        """

    let roster: Roster = {
        let (r, issues) = Roster.load(yaml, file: "roster.yaml")
        precondition(issues.isEmpty, "\(issues)")
        return r
    }()

    /// A local time in Beijing.
    func bj(_ text: String) -> Date {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.date(from: text)!
    }

    func leader(_ t: String) -> [String] { roster.holders(of: .onCallLeader, at: bj(t)).map(\.id) }

    @Test func dailyHandOffsAtMidnight() {
        #expect(leader("2026-11-02 00:00") == ["a"])
        #expect(leader("2026-11-02 23:59") == ["a"])
        #expect(leader("2026-11-03 00:00") == ["b"])
        #expect(leader("2026-11-05 12:00") == ["b"])
        #expect(leader("2026-11-01 23:59") == [], "before the first hand-off nobody is on call")
    }

    @Test func weeklyHandOffsOnMondayMorning() {
        let commander = { (t: String) in self.roster.holders(of: .commander, at: self.bj(t)).map(\.id) }
        #expect(commander("2026-11-09 08:59") == ["c"])
        #expect(commander("2026-11-09 09:00") == ["d"])
        #expect(commander("2026-11-16 09:00") == ["c"])
    }

    @Test func overridesSwapAndLeave() {
        #expect(leader("2026-11-04 07:59") == ["a"])
        #expect(leader("2026-11-04 08:00") == ["b"], "the swap")
        #expect(leader("2026-11-04 20:00") == ["a"])
        #expect(leader("2026-11-06 23:00") == [], "leave without cover")
    }

    @Test func theScheduleMergesAndTheGapsShow() {
        let s = roster.schedule(of: .onCallLeader, from: bj("2026-11-04 00:00"), to: bj("2026-11-05 00:00"))
        #expect(s.map { $0.people.map(\.id) } == [["a"], ["b"], ["a"]])
        #expect(s.map(\.from) == [bj("2026-11-04 00:00"), bj("2026-11-04 08:00"), bj("2026-11-04 20:00")])
        let gaps = roster.gaps(from: bj("2026-11-02 00:00"), to: bj("2026-11-10 00:00"), roles: [.onCallLeader])
        #expect(gaps.map(\.from) == [bj("2026-11-06 22:00")])
        #expect(gaps.map(\.to) == [bj("2026-11-07 02:00")])
        // Duty officers have no rotation at all: the whole span is one gap.
        #expect(roster.gaps(from: bj("2026-11-02 00:00"), to: bj("2026-11-03 00:00"), roles: [.dutyOfficer]).count == 1)
    }

    @Test func theAuthorityMatrixIsConfigurable() {
        let yaml = """
            people: []
            authority:
              levels: {III: [duty-officer, oncall-leader, commander]}
              close: {III: [oncall-leader, commander]}
            shifts: []
            """
        let (r, issues) = Roster.load(yaml, file: "r.yaml")
        #expect(r.authority.levels[.iii] == [.dutyOfficer, .onCallLeader, .commander])
        #expect(r.authority.levels[.ii] == [.commander], "levels not named keep the standard rule")
        #expect(r.authority.close[.iii] == [.onCallLeader, .commander])
        #expect(issues.map(\.field) == ["shifts"])
    }

    @Test func identityFromLoginNames() {
        #expect(roster.person(login: "A.LOGIN")?.id == "a")
        #expect(roster.person(login: "b")?.id == "b")
        #expect(roster.person(login: "mallory") == nil)
    }

    @Test func mistakesNameTheLineAndKeepTheRest() {
        let bad = """
            people:
              - {id: a, name: {en: A, zh: 甲}}
            rotations:
              - {role: duty-officer, handoff: hourly, start: 2026-11-02, members: [a]}
              - {role: commander, handoff: weekly monday 09:00, start: 2026-11-03, members: [a]}
              - {role: oncall-leader, handoff: daily 08:00, start: 2026-11-02, members: [a, zed]}
              - {role: janitor, handoff: daily 08:00, start: 2026-11-02, members: [a]}
              - {role: duty-officer, handoff: daily 08:30, start: 2026-11-02, members: [a]}
            """
        let (r, issues) = Roster.load(bad, file: "r.yaml")
        #expect(issues.map(\.line) == [4, 5, 6, 7])
        #expect(issues[0].message.en.contains("'daily 08:30' or 'weekly monday 09:00'"))
        #expect(issues[1].message.en.contains("weekday (monday)"))
        #expect(issues[2].message.en == "no person 'zed' in people")
        #expect(issues[3].message.en.hasPrefix("unknown role 'janitor'"))
        #expect(r.rotations.count == 1, "the good rotation is kept")
    }
}
