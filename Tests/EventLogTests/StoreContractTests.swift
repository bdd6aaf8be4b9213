import CommandModel
import Foundation
import Testing

@testable import EventLog

/// The in-memory store is the SQLite store's twin: the same contract, checked on both.
@Suite("Both stores keep the same contract")
struct StoreContractTests {
    enum Kind: String, CaseIterable { case sqlite, memory }

    func make(_ kind: Kind, _ dir: TempDir) throws -> any EventStore {
        switch kind {
        case .sqlite: try SQLiteEventStore.create(path: dir.path("s.sqlite"))
        case .memory: InMemoryEventStore()
        }
    }

    func pending(_ k: Int, _ event: Event, exercise: String? = nil) -> PendingEvent {
        PendingEvent(id: "e\(k)", at: t0.addingTimeInterval(Double(k)), by: "li.na", exercise: exercise, event: event)
    }

    @Test(arguments: Kind.allCases)
    func appendsAreWholeOrNothingAgainstTheExpectedHead(kind: Kind) throws {
        let dir = TempDir()
        let store = try make(kind, dir)
        let everyKind = StoreTests.everyKind
        guard case let .appended(first) = try store.append(everyKind.enumerated().map { pending($0.offset, $0.element) }, expectedHead: 0) else {
            Issue.record("the first append conflicted")
            return
        }
        #expect(first.map(\.sequence) == Array(1...Int64(everyKind.count)))
        #expect(try store.events(after: 0, limit: 1000).map(\.event) == everyKind)
        // A stale head is refused and nothing is written.
        guard case let .conflict(head) = try store.append([pending(99, .noteAdded(incident: IncidentID(1), text: "late"))], expectedHead: 3) else {
            Issue.record("a stale append landed")
            return
        }
        #expect(head == Int64(everyKind.count))
        #expect(try store.head() == Int64(everyKind.count))
        #expect(try store.events(incident: IncidentID(2)).count == 4)
        #expect(try store.verify(progress: { _, _ in }).ok)
    }

    @Test(arguments: Kind.allCases)
    func journalEntriesFollowTheLogEventsBeforeThem(kind: Kind) throws {
        let dir = TempDir()
        let store = try make(kind, dir)
        let info = DrillInfo(
            name: Bilingual("d", "d"), disclosure: .blind, startsAt: t0, endsAt: t0.addingTimeInterval(60), seed: 1, digest: "x", sealed: "", operatorName: "d", objectives: [], injects: [])
        var scheduled = info
        scheduled.id = "DRL-1"
        _ = try store.append(
            [pending(1, .noteAdded(incident: IncidentID(1), text: "a")), pending(2, .drillScheduled(drill: scheduled)), pending(3, .noteAdded(incident: IncidentID(1), text: "b"))], expectedHead: 0,
            expectedJournal: 0)
        #expect(try store.position() == StorePosition(log: 2, journal: 1))
        let journal = try store.journal(after: 0, upTo: 10)
        #expect(journal.count == 1 && journal[0].sequence == 1 && journal[0].journal == 1)
        // A stale journal head is a conflict too.
        guard case .conflict = try store.append([pending(4, .noteAdded(incident: IncidentID(1), text: "c"))], expectedHead: 2, expectedJournal: 0) else {
            Issue.record("a stale journal head was accepted")
            return
        }
        #expect(try store.events(exercise: "DRL-1").map(\.event) == [.drillScheduled(drill: scheduled)])
    }

    @Test(arguments: Kind.allCases)
    func aSnapshotCountsOnlyAtItsPlaceInTheChain(kind: Kind) throws {
        let dir = TempDir()
        let store = try make(kind, dir)
        let ledger = try Ledger(store: store)
        try ledger.execute([.incident(.report(NewIncident(type: .fire, place: .cell(Cell(x: 1, y: 1)))))], operatorName: "li.na", now: { t0 })
        try store.saveSnapshot(ledger.state)
        #expect(try store.latestSnapshot(atMost: 10) == ledger.state)
        #expect(try store.latestSnapshot(atMost: 0) == nil)
        #expect(try Ledger(store: store).state == ledger.state)
    }

    @Test(arguments: Kind.allCases)
    func aValueThatWouldNotReadBackIsRefused(kind: Kind) throws {
        let dir = TempDir()
        let store = try make(kind, dir)
        let w = WarningIssued(id: WarningID(1), hazard: .rainstorm, color: .blue, districts: [], authority: "x", issued: t0, expires: Date(timeIntervalSince1970: 1e12))
        #expect(throws: StoreError.self) { try store.append([pending(1, .warningIssued(warning: w))], expectedHead: 0) }
        #expect(try store.head() == 0)
    }
}
