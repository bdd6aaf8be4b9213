import CommandModel
import EventLog
import Foundation

/// The shipped plans, Beijing map and sample city, loaded once.
public struct Resources: @unchecked Sendable {
    // @unchecked: immutable values, loaded once.
    public let plans: PlanBook
    public let map: OneMap
    public let grid: Grid
    public let places: Places
    public let city: CityData

    public static let shared: Resources = {
        let files = ResourceFiles(root: repoRoot.appendingPathComponent("Resources"))
        let (plans, issues) = files.plans()
        precondition(issues.isEmpty, "\(issues)")
        let text = (try? String(contentsOf: files.url("maps/beijing.map"), encoding: .utf8)) ?? ""
        guard let map = OneMap.parse(text, file: "beijing.map").map else { preconditionFailure("beijing.map does not parse") }
        let grid = map.grid()
        let placesText = (try? String(contentsOf: files.url("maps/beijing.places"), encoding: .utf8)) ?? ""
        guard let places = Places.parse(placesText, file: "beijing.places").places else { preconditionFailure("beijing.places does not parse") }
        let cityText = (try? String(contentsOf: files.url("sample/beijing.yaml"), encoding: .utf8)) ?? ""
        let (city, cityIssues) = CityData.load(cityText, file: "beijing.yaml", grid: grid)
        precondition(cityIssues.isEmpty, "\(cityIssues)")
        return Resources(plans: plans, map: map, grid: grid, places: places, city: city)
    }()
}

/// A store made by the code of 2026-12-06 (before the house was renovated), kept under
/// `Tests/Fixtures/golden.sqlite`: every event kind, a marked drill run to its end with its
/// journal, pages through their whole life, a refusal on the record, and a snapshot. Every later
/// build must open it, verify it, fold it to the same state (`golden-state.txt`) and render the
/// same screens.
public enum GoldenStore {
    public static let fixture = repoRoot.appendingPathComponent("Tests/Fixtures/golden.sqlite")
    public static let stateFixture = repoRoot.appendingPathComponent("Tests/Fixtures/golden-state.txt")
    /// 2026-07-31 08:00 in Beijing.
    public static let start = Date(timeIntervalSince1970: 1_785_456_000)
    /// When the golden record ends (screens are rendered at this time).
    public static let end = start.addingTimeInterval(3 * 3600)

    /// A copy of the fixture in `dir` (opening a store may migrate it: never open the original).
    public static func copy(into dir: TempDir) throws -> String {
        let path = dir.path("golden.sqlite")
        try FileManager.default.copyItem(at: fixture, to: URL(fileURLWithPath: path))
        return path
    }

    public static let rosterYAML = """
        people:
          - {id: li-na, name: {en: Li Na, zh: 李娜}, logins: [li.na], roles: [duty-officer], contact: "+86 10 5555 0101", notify: "/bin/true"}
          - {id: liu-yang, name: {en: Liu Yang, zh: 刘洋}, logins: [liu.yang], roles: [commander]}
          - {id: he-ping, name: {en: He Ping, zh: 何平}, logins: [he.ping], roles: [drill-coordinator]}
        rotations:
          - {role: duty-officer, handoff: daily 00:00, start: 2026-01-01, members: [li-na]}
        escalation:
          - {name: unacked, trigger: unacknowledged, after-minutes: 5, steps: [{page: duty-officer, wait-minutes: 60}]}
        """

    static let drillYAML = """
        name: {en: Valley flood, zh: 山谷洪水}
        disclosure: marked
        operator: 12345-hotline
        end: +60m
        objectives:
          - {id: ack, text: {en: Acknowledge within 5 minutes, zh: 5 分钟内确认}}
          - {id: dispatch, text: {en: Dispatch flood rescue within 15 minutes, zh: 15 分钟内派出防汛队伍}}
        injects:
          - id: flood
            at: +0m
            do: report flood at mentougou title "Drill - valley flood" deaths=2
            expect: {acknowledge-within: 5m, dispatch: [flood-rescue], dispatch-within: 15m, objective: dispatch}
          - id: ring-back
            after: flood 12m
            if-missed: flood
            do: note {flood} The caller rings back - nobody has come
          - id: barn
            at: +30m
            do: report fire at mentougou title "Drill - barn fire" caused-by {flood}
            expect: {acknowledge-within: 5m, objective: ack}
          - id: barn-ring
            after: barn 8m
            if-missed: barn
            do: note {barn} The neighbour calls again
        """

    /// Writes the golden store with today's code. Deterministic: fixed clock, fixed ids.
    public static func write(to path: String) throws {
        let r = Resources.shared
        var n = 0
        let store = try SQLiteEventStore.create(path: path)
        let ledger = try Ledger(
            store: store, plans: r.plans, grid: r.grid,
            newID: {
                n += 1; return "golden-\(n)"
            })
        let (roster, issues) = Roster.load(rosterYAML, file: "roster.yaml")
        precondition(issues.isEmpty, "\(issues)")
        func at(_ minutes: Double) -> Date { start.addingTimeInterval(minutes * 60) }
        func line(_ text: String, as who: String = "li.na", _ minutes: Double) throws {
            try ledger.execute(try Grammar.parse(text, now: at(minutes)), operatorName: who, now: { at(minutes) })
        }
        try ledger.execute(r.city.teams.map { .team(.register($0)) }, operatorName: "setup", now: { at(0) })
        try line("warn rainstorm red city until +12h by Beijing Meteorological Observatory 北京市气象台", as: "met-observatory", 1)
        try line("report waterlogging at gcj02:39.8995,116.4420 title \"Guangqumen underpass flooded\" injured=1", as: "110-hotline", 2)
        try line("report flood at gcj02:39.9400,116.0400 title \"Flash flood, Yanchi 燕池山洪\" deaths=2 missing=5 evacuated=300", as: "duty-mentougou", 3)
        try line("respond flood II city red rainstorm warning and flash floods in the west", as: "liu.yang", 4)
        try line("report power-outage at gcj02:39.7350,116.1400 title \"Liangxiang substation flooded\" caused-by INC-0002", as: "state-grid", 5)
        try line("report gas-explosion at xicheng title \"Basement blast\" seriously-injured=2 injured=6", 6)
        try line("report traffic-accident at gcj02:39.8650,116.2800 title \"Bus stranded at Lize\" injured=4", 7)
        try line("ack INC-0001", 8)
        try line("ack INC-0002", 9)
        try line("verify INC-0002", 9)
        try line("figures INC-0002 deaths=11 missing=9 evacuated=800 loss=12000000", as: "duty-mentougou", 10)
        try line("level INC-0002 II eleven dead, nine missing", as: "liu.yang", 11)
        try line("assign INC-0002 FR-07", 12)
        try line("team FR-07 en-route", 13)
        try line("team FR-07 on-scene", 20)
        try line("join INC-0002 RSP-1", 22)
        try line("note INC-0002 水位上涨 water still rising", 23)
        try line("check INC-0002 notify-district", 23.5)
        try line("filed INC-0002 city-phone", 24)
        try line("level INC-0001 IV underpass closed", 25)
        try line("level INC-0002 III figures corrected by the district", as: "liu.yang", 26)
        try line("ack INC-0004", 27)
        try line("status INC-0004 responding", 27.3)
        try line("status INC-0004 contained", 27.6)
        try line("close INC-0004 fire out, gas shut", 28)
        try line("reopen INC-0004 second leak found", 29)
        try line("link INC-0005 caused-by INC-0002", 29.5)
        try line("ack INC-0005", 30)
        try line("false-alarm INC-0005 bus was empty and towed", 31)
        try line("cancel INC-0003 duplicate of a state-grid report", 32)
        try line("respond RSP-1 III fangshan,mentougou eased in the east", as: "liu.yang", 33)
        try line("warn flood yellow mentougou until +6h by Mentougou district", as: "met-observatory", 34)
        try line("respond fire IV chaoyang warehouse district on alert", as: "liu.yang", 34.2)
        try line("respond end RSP-2 fires out", as: "liu.yang", 34.5)
        try line("warn lift WRN-1 the rain has stopped", as: "met-observatory", 35)
        try line("release FR-07", 36)
        try line("team FR-07 available", 37)
        try line("status INC-0002 contained", 38)
        // Pages: a duty officer is paged for an unacknowledged report, notified (a failure,
        // then a success) and acknowledges; a refusal beyond authority goes on the record.
        ledger.roster = roster
        try line("report fire at chaoyang title \"Warehouse fire\" injured=1", 40)
        _ = try ledger.escalate(now: at(46))
        let page = ledger.state.pages.values.sorted { $0.id < $1.id }.first?.id ?? ""
        try ledger.execute([.paging(.recordNotify(page: page, attempt: 1, error: "exit 3: gateway down"))], operatorName: "notifier", now: { at(47) })
        try ledger.execute([.paging(.recordNotify(page: page, attempt: 2, error: nil))], operatorName: "notifier", now: { at(48) })
        try ledger.execute([.paging(.acknowledge(page))], operatorName: "li.na", now: { at(49) })
        _ = try? ledger.execute([.incident(.setLevel(IncidentID(6), .i, reason: "to see if I may"))], operatorName: "li.na", now: { at(50) })
        try line("ack INC-0006", 51)
        // A marked drill, run to its end by its runner: its journal, injects fired and skipped,
        // a page inside the drill withdrawn at stand-down.
        let loaded = DrillScenario.load(drillYAML, file: "drill.yaml")
        guard let scenario = loaded.scenario else { preconditionFailure("the golden drill does not load: \(loaded.issues.map { $0.text(.en) })") }
        let sealed = Data("golden-sealed-scenario".utf8)
        let drill = try DrillRunner.scheduleOrResume(
            ledger: ledger, scenario: scenario, sealed: sealed, window: nil, at: at(60), coordinator: "he.ping", now: at(55), seed: 7
        ).drill
        let runner = DrillRunner(ledger: ledger, scenario: scenario, drill: drill, coordinator: "he.ping")
        try runner.tick(now: at(60))
        _ = try ledger.escalate(now: at(66))
        try runner.tick(now: at(72))
        try line("ack INC-0007", 73)
        try line("assign INC-0007 FR-08", 74)
        try runner.tick(now: at(90))
        try line("ack INC-0008", 91)
        try runner.tick(now: at(100))
        try runner.tick(now: at(120))
        try store.saveSnapshot(ledger.state)
        try line("note INC-0002 after the snapshot: the valley road is open again", 150)
    }

    /// The state as text, one line per object in id order: the fixture every later build's
    /// fold must reproduce.
    public static func describe(_ s: CommandState) -> String {
        var out: [String] = ["sequence \(s.sequence) journal \(s.journalSequence)"]
        func t(_ d: Date?) -> String { d.map { String(Int($0.timeIntervalSince(start))) } ?? "-" }
        for i in s.incidents.values.sorted(by: { $0.id < $1.id }) {
            let f = Figures.Field.allCases.map { "\($0.rawValue)=\(i.figures[$0])" }.joined(separator: ",")
            out.append(
                "incident \(i.id) \(i.type.rawValue) \(i.status.rawValue) level=\(i.level.roman) district=\(i.district ?? "-") cell=\(i.location.cell.x),\(i.location.cell.y) "
                    + "title=\(i.title) reporter=\(i.reporter) reported=\(t(i.reportedAt)) verified=\(i.verified) teams=\(i.teams.map(\.raw)) cause=\(i.causedBy?.description ?? "-") "
                    + "response=\(i.response.map(String.init) ?? "-") exercise=\(i.exercise ?? "-") figures=\(f) notes=\(i.notes) "
                    + "levels=\(i.levels.map { "\($0.from.roman)>\($0.to.roman)@\(t($0.at)) by \($0.by): \($0.reason)" }) "
                    + "statuses=\(i.statuses.map { "\($0.to.rawValue)@\(t($0.at)) by \($0.by)" }) "
                    + "checklist=\(i.checklistDone.keys.sorted()) filed=\(i.reportsFiled.keys.sorted()) summary=\(i.summary ?? "-")")
        }
        for tm in s.teams.values.sorted(by: { $0.id < $1.id }) {
            out.append("team \(tm.id) \(tm.status.rawValue) incident=\(tm.incident?.description ?? "-") since=\(t(tm.since)) base=\(tm.profile.base.x),\(tm.profile.base.y)")
        }
        for r in s.responses.values.sorted(by: { $0.id.description < $1.id.description }) {
            out.append(
                "response \(r.id) \(r.hazard.rawValue) levels=\(r.levels.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value.roman)" }) ended=\(t(r.ended)) history=\(r.history.count) exercise=\(r.exercise ?? "-")"
            )
        }
        for w in s.warnings.values.sorted(by: { $0.id.description < $1.id.description }) {
            out.append(
                "warning \(w.id) \(w.hazard.rawValue) \(w.color.rawValue) districts=\(w.districts) issued=\(t(w.issued)) expires=\(t(w.expires)) lifted=\(t(w.lifted)) exercise=\(w.exercise ?? "-")")
        }
        for p in s.pages.values.sorted(by: { $0.id < $1.id }) {
            out.append(
                "page \(p.id) to=\(p.person) sent=\(t(p.sentAt)) acknowledged=\(t(p.acknowledgedAt)) notified=\(t(p.notifiedAt)) attempts=\(p.notifyAttempts) cancelled=\(t(p.cancelledAt)) error=\(p.notifyError ?? "-")"
            )
        }
        for d in s.drills.values.sorted(by: { $0.id < $1.id }) {
            out.append(
                "drill \(d.id) \(d.info.name.en) running=\(d.isRunning) fired=\(d.fired.keys.sorted()) skipped=\(d.skipped.keys.sorted()) ended=\(t(d.ended)) reason=\(d.endReason ?? "-") returning=\(d.returning.map(\.raw).sorted())"
            )
        }
        return out.joined(separator: "\n") + "\n"
    }
}
