import CommandModel
import Foundation
import Testing

/// Duty logs per position (ICS 214): each person's actions in the period, their position from the
/// roster, drills as the reader may see them, exportable as CSV.
@Suite("Duty logs")
struct DutyLogTests {
    static let roster: Roster = {
        let yaml = """
            timezone: Asia/Shanghai
            people:
              - {id: duty, name: {en: Li Na, zh: 李娜}, logins: [li.na], roles: [duty-officer]}
              - {id: lead, name: {en: Zhao Min, zh: 赵敏}, logins: [zhao.min], roles: [oncall-leader]}
            rotations:
              - {role: duty-officer, handoff: daily 00:00, start: 2026-01-01, members: [duty]}
              - {role: oncall-leader, handoff: daily 00:00, start: 2026-01-01, members: [lead]}
            """
        let (r, issues) = Roster.load(yaml, file: "roster.yaml")
        precondition(issues.isEmpty, "\(issues)")
        return r
    }()

    /// Li Na reports and works a flood; Zhao Min raises it; a blind drill's incident is reported.
    func night() throws -> (Scenario, [RecordedEvent]) {
        var s = Scenario()
        var log: [RecordedEvent] = []
        func record(_ who: String, _ c: Command) throws {
            s.operatorName = who
            for e in try #require(s.when(c).events, "\(c)") {
                log.append(RecordedEvent(sequence: Int64(log.count + 1), id: "e\(log.count + 1)", at: s.now, by: who, exercise: s.exercise, event: e))
            }
            s.now += 60
        }
        try record("li.na", try line("report flood at cell:4,4 deaths=1 title \"Flash flood, Yanchi\""))
        try record("li.na", .incident(.acknowledge(IncidentID(1))))
        try record("zhao.min", try line("level INC-0001 III one dead, rising"))
        try record("hotline", .drill(.schedule(drillInfo(.blind, start: t0))))
        s.exercise = "DRL-1"
        try record("li.na", try line("report landslide at cell:5,5 title \"G108 slope\""))
        s.exercise = nil
        return (s, log)
    }

    @Test func eachPersonGetsTheirActionsAndPosition() throws {
        let (s, log) = try night()
        let logs = DutyLog.build(events: log, state: s.state, roster: Self.roster, from: t0, to: s.now, coordinator: false)
        // The coordinator's scheduling is drill control (the journal): no player sees it
        #expect(logs.map(\.name) == ["li.na", "zhao.min"])
        let li = try #require(logs.first { $0.name == "li.na" })
        #expect(li.roles == [.dutyOfficer] && li.person == Bilingual("Li Na", "李娜"))
        #expect(li.entries.map(\.incident) == [IncidentID(1), IncidentID(1), IncidentID(2)])
        #expect(!li.markdown(.en).contains("EXERCISE"), "a blind drill running looks real to a player")
        #expect(li.markdown(.en).contains("- Position: duty officer"))
        #expect(li.markdown(.zh).hasPrefix("# 值班日志（ICS 214） · 李娜 (li.na)"))
        let zhao = try #require(logs.first { $0.name == "zhao.min" })
        #expect(zhao.entries.map(\.activity.en) == ["INC-0001 level raised - → III: one dead, rising"])
        // The coordinator sees the drill's mark, and the drill's control events stay in the journal
        let revealed = DutyLog.build(events: log, state: s.state, roster: Self.roster, from: t0, to: s.now, only: "li.na", coordinator: true)
        #expect(revealed.count == 1 && revealed[0].entries.last?.activity.en.hasPrefix("[EXERCISE DRL-1] INC-0002 reported") == true)
    }

    @Test func theCSVExportQuotesWhatNeedsQuoting() throws {
        let (s, log) = try night()
        let csv = DutyLog.csv(DutyLog.build(events: log, state: s.state, roster: nil, from: t0, to: s.now, only: "li.na", coordinator: false), .en)
        let rows = csv.components(separatedBy: "\r\n")
        #expect(rows[0] == "time,operator,position,incident,activity")
        #expect(rows[1] == "2026-07-26 01:20:00 +08:00,li.na,,INC-0001,\"INC-0001 reported: flood in west \"\"Flash flood, Yanchi\"\"\"", "\(rows[1])")
        #expect(rows.count == 5 && rows[4].isEmpty)
    }
}
