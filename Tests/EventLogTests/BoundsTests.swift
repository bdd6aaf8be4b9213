import CommandModel
import Foundation
import PropertyBased
import Testing

@testable import EventLog

/// Nothing accepted can brick a store: every value is bounded where it is decided, the store
/// refuses what it could not read back, and a store that already holds an unreadable event
/// opens read-only with that event named.
@Suite("Bounds: everything accepted reads back")
struct BoundsTests {
    static let now = Date(timeIntervalSince1970: 1_785_465_720)

    /// Values at and beyond every bound, and the ordinary ones between.
    static let numbers = [0, 1, 7, 12_345, Limits.figure, Limits.figure + 1, Int.max, Int.min, -1]
    static let offsets: [TimeInterval] = [60, 3600, Limits.horizon, Limits.horizon + 1, -Limits.horizon - 1, 70_000_000 * 3600, 2_600_000_000_000 * 3600, 1e300, .infinity, .nan]

    static func command(_ pick: Int, _ a: Int, _ b: Int, _ text: String) -> Command {
        let n = numbers[a % numbers.count]
        let offset = offsets[b % offsets.count]
        let later = now.addingTimeInterval(offset)
        let long = String(repeating: text.isEmpty ? "x" : text, count: b % 3 == 0 ? Limits.text + 1 : 1)
        let id = IncidentID(a % 3 + 1)
        switch pick % 17 {
        case 0:
            var figures = Figures()
            figures[Figures.Field.allCases[b % Figures.Field.allCases.count]] = n
            return .incident(.report(NewIncident(type: .flood, title: text, place: .cell(Cell(x: a % 50, y: b % 50)), figures: figures, notes: long)))
        case 1: return .incident(.updateFigures(id, FigureUpdate([Figures.Field.allCases[b % 6]: n])))
        case 2: return .area(.issueWarning(hazard: .rainstorm, color: .blue, districts: [], authority: text.isEmpty ? "BMO" : text, expires: later))
        case 3: return .incident(.addNote(id, text: long))
        case 4: return .incident(.setLevel(id, [.iv, .iii, .ii, .i][b % 4], reason: long))
        case 5: return .incident(.acknowledge(id))
        case 6: return .incident(.close(id, summary: long))
        case 7: return .team(.register(TeamProfile(id: TeamID("T-\(a % 5)"), name: Bilingual(long, text), capabilities: [.medical], base: Cell(x: a % 9, y: b % 9))))
        case 8:
            let info = DrillInfo(
                name: Bilingual(text, text), disclosure: .marked, startsAt: now.addingTimeInterval(offsets[a % offsets.count]), endsAt: later, seed: UInt64(truncatingIfNeeded: n),
                digest: "d\(a)", sealed: "", operatorName: "drill", objectives: [], injects: [])
            return .drill(.schedule(info))
        case 9: return .incident(.reopen(id, reason: long))
        case 10: return .incident(.cancel(id, reason: long))
        case 11:
            // A situation report up to its own bound (and one beyond), or drafted from the record.
            let unit = text.isEmpty ? "x" : text
            let report = String(repeating: unit, count: Limits.reportText / unit.count + (b % 3 == 0 ? 1 : 0))
            return .report(.draftSitrep(id, stage: SitrepStage.allCases[b % 3], language: b % 2 == 0 ? .zh : .en, text: b % 4 == 0 ? nil : report))
        case 12: return .report(.approveSitrep(id, version: b % 2 == 0 ? nil : n))
        case 13: return .report(.fileSitrep(id, stage: b % 2 == 0 ? nil : text))
        case 14:
            // An inject with a manual expectation (its id or text at and beyond their bounds).
            let manual = DrillScenario.ManualExpectation(
                id: b % 5 == 0 ? String(repeating: "m", count: Limits.name + 1) : "m\(a % 2)", text: Bilingual(long, text.isEmpty ? "人工" : text), withinMinutes: a % 3 == 0 ? nil : a % 90)
            return .drill(.fireInject(drill: "DRL-\(a % 2 + 1)", inject: "i\(b % 3)", commands: [], line: "x", expect: .init(manual: [manual]), contingency: false))
        case 15:
            let outcome = [DrillEvaluation.Outcome.met, .late, .missed][b % 3]
            return .evaluator(.score(drill: "DRL-\(a % 2 + 1)", inject: "i\(b % 3)", expectation: "m\(a % 2)", outcome: outcome, note: b % 2 == 0 ? long : text))
        default: return .incident(.fileReport(id, stage: text))
        }
    }

    @Test func everyEventTheDeciderEmitsRoundTripsThroughTheStoreAndTheSnapshot() async {
        let codec = EventCodec()
        let text = Gen.character(in: "\u{0}"..."\u{9FFF}").string(of: 0...12)
        await propertyCheck(count: 300, input: Gen.int(in: 0...1_000_000).array(of: 1...40), text) { picks, text in
            var state = CommandState()
            var sequence: Int64 = 0
            for (k, p) in picks.enumerated() {
                let command = Self.command(p, p / 12, p / 144 + k, text)
                let context = DecisionContext(now: Self.now.addingTimeInterval(Double(k)), operatorName: "li.na")
                guard let events = try? decide(command, state, context) else { continue }
                for e in events {
                    let payload = codec.payload(e)
                    #expect(throws: Never.self, "\(command) emitted an event that does not read back: \(payload.prefix(200))") {
                        try SQLiteEventStore.checkReadsBack(at: Timestamp.format(context.now), payload: payload, codec: codec, path: "test")
                    }
                    sequence += 1
                    state.apply(RecordedEvent(sequence: sequence, id: "e\(sequence)", at: context.now, by: "li.na", exercise: nil, event: e))
                }
            }
            #expect(SnapshotCodec.decode(SnapshotCodec.encode(state)) == state, "the snapshot of the folded state reads back as it was")
        }
    }

    @Test(arguments: [70_000_000 * 3600.0, 2_600_000_000_000 * 3600, -Limits.horizon - 60, Limits.horizon + 60] as [TimeInterval])
    func aWarningExpiringBeyondAYearIsRefused(offset: TimeInterval) {
        let command = Command.area(.issueWarning(hazard: .rainstorm, color: .blue, districts: [], authority: "x", expires: Self.now.addingTimeInterval(offset)))
        #expect(throws: Rejection.self) { try decide(command, CommandState(), DecisionContext(now: Self.now, operatorName: "x")) }
        #expect(command.boundViolation(now: Self.now) != nil)
    }

    @Test(arguments: ["+70000000h", "+2600000000000h", "+1e300h", "+9999d", "10000-01-01T00:00"])
    func theGrammarRefusesAFarTimeWithItsColumn(time: String) {
        let line = "warn rainstorm blue city until \(time) by x"
        do {
            _ = try Grammar.parse(line, now: Self.now)
            Issue.record("'\(line)' was accepted")
        } catch {
            #expect(error.column == 32, "points at the time: \(error.text(.en))")
        }
    }

    @Test func theStoreRefusesAnEventItCouldNotReadBack() throws {
        let dir = TempDir()
        let store = try SQLiteEventStore.create(path: dir.path("s.sqlite"))
        let far = Date(timeIntervalSince1970: 1e12)  // the year 33658: no four-digit timestamp
        let warning = WarningIssued(id: WarningID(1), hazard: .rainstorm, color: .blue, districts: [], authority: "x", issued: Self.now, expires: far)
        #expect(throws: StoreError.self) {
            try store.append([PendingEvent(id: "e1", at: Self.now, by: "x", exercise: nil, event: .warningIssued(warning: warning))], expectedHead: 0, expectedJournal: 0)
        }
        #expect(try store.head() == 0, "nothing was written")
        #expect(try Ledger(store: store).state.sequence == 0)
    }

    /// A store written by an older build (or damaged) with an event this build cannot read:
    /// everything before it is readable, writes are refused naming the event.
    @Test func aStoreHoldingAnUnreadableEventOpensReadOnlyNamingIt() throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        let ledger = try Ledger(store: SQLiteEventStore.create(path: path))
        for k in 1...3 {
            try ledger.execute([.incident(.report(NewIncident(type: .flood, title: "flood \(k)", place: .cell(Cell(x: k, y: k)))))], operatorName: "li.na", now: { Self.now })
        }
        // A fourth event, chained correctly, whose expiry has a five-digit year, as the old
        // build wrote it.
        let payload =
            #"{"warningIssued":{"warning":{"authority":"x","color":"blue","districts":[],"expires":"10000-01-01T00:00:00.000Z","hazard":"rainstorm","id":"WRN-1","issued":"2026-07-31T02:42:00.000Z"}}}"#
        let head = try sqlite(path, "SELECT hash FROM head").trimmingCharacters(in: .whitespacesAndNewlines)
        let at = "2026-07-31T02:43:00.000Z"
        let hash = EventCodec.hash(sequence: 4, id: "bad", at: at, by: "x", kind: "warningIssued", incident: nil, payload: payload, exercise: nil, previous: head)
        _ = try sqlite(
            path,
            "INSERT INTO events (seq, id, at, operator, kind, incident, payload, exercise, prev_hash, hash) VALUES (4, 'bad', '\(at)', 'x', 'warningIssued', NULL, '\(payload)', NULL, '\(head)', '\(hash)'); UPDATE head SET seq = 4, hash = '\(hash)';"
        )

        let reopened = try Ledger(store: SQLiteEventStore(path: path))
        #expect(reopened.state.sequence == 3, "every event before the unreadable one is folded")
        #expect(reopened.state.incidents.count == 3)
        let damage = try #require(reopened.damage)
        #expect(damage.message.en.contains("event 4"), "\(damage.message.en)")
        #expect(damage.message.zh.contains("事件 4"))
        do throws(ExecutionError) {
            try reopened.execute([.incident(.acknowledge(IncidentID(1)))], operatorName: "li.na", now: { Self.now })
            Issue.record("a write was accepted on a damaged store")
        } catch {
            guard case let .store(e) = error else { Issue.record("\(error)"); return }
            #expect(e.message.en.contains("read-only") && e.message.en.contains("event 4"))
        }
        // The command line too: exec refuses naming the event, log shows the good events.
        let exec = try runHub(["exec", "--store", path, "ack INC-0001"])
        #expect(exec.status != 0)
        #expect(exec.stderr.contains("event 4"), "\(exec.stderr)")
    }
}

extension BoundsTests {
    /// A snapshot whose counters are not exactly one past the highest id in use is not a fold of
    /// any log: too low hands an id out twice, too high (up to the top of the range) traps the
    /// next report. Either way it is ignored and the log replayed.
    @Test(arguments: [0, 5, Int.max])
    func aSnapshotWithAnyOtherCounterIsRefused(nextIncident: Int) {
        let report = IncidentReport(id: IncidentID(1), type: .flood, title: "t", location: Location(cell: Cell(x: 1, y: 1)), reporter: "x")
        var state = CommandState()
        state.apply(RecordedEvent(sequence: 1, id: "e1", at: Self.now, by: "x", exercise: nil, event: .incidentReported(report: report)))
        #expect(SnapshotCodec.decode(SnapshotCodec.encode(state)) == state, "the true counter (2) reads back")
        let forged = CommandState(
            restoring: state.incidents.live, teams: [:], responses: [:], warnings: [:], sequence: 1, nextIncident: nextIncident, nextResponse: 1, nextWarning: 1)
        #expect(SnapshotCodec.decode(SnapshotCodec.encode(forged)) == nil)
    }
}
