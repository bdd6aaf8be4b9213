import CommandModel
import DecisionHubTestSupport
import Foundation
import Testing

@testable import EventLog

/// Compatibility is proven, not hoped: a store written by the code of 2026-12-06 opens,
/// verifies and folds to the same state with every later build. Re-record (only when the
/// generator itself changes, never to make a failing build pass) with
/// DECISION_HUB_RECORD_GOLDEN=1.
@Suite("The golden store from before the renovation", .serialized)
struct GoldenStoreTests {
    @Test func recordWhenAsked() throws {
        guard ProcessInfo.processInfo.environment["DECISION_HUB_RECORD_GOLDEN"] == "1" else { return }
        let dir = TempDir()
        let path = dir.path("golden.sqlite")
        try GoldenStore.write(to: path)
        _ = try sqlite(path, "PRAGMA wal_checkpoint(TRUNCATE);")
        try? FileManager.default.removeItem(at: GoldenStore.fixture)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: path), to: GoldenStore.fixture)
        let state = try Ledger(store: SQLiteEventStore(path: path)).state
        try GoldenStore.describe(state).write(to: GoldenStore.stateFixture, atomically: true, encoding: .utf8)
    }

    @Test func itVerifies() throws {
        let dir = TempDir()
        let store = try SQLiteEventStore(path: try GoldenStore.copy(into: dir))
        let report = try store.verify(progress: { _, _ in })
        #expect(report.ok, "\(report.problems.map(\.en))")
    }

    @Test func itFoldsToTheRecordedStateFromItsSnapshotAndFromScratch() throws {
        let dir = TempDir()
        let store = try SQLiteEventStore(path: try GoldenStore.copy(into: dir))
        let ledger = try Ledger(store: store)
        #expect(ledger.damage == nil)
        let expected = try String(contentsOf: GoldenStore.stateFixture, encoding: .utf8)
        let described = GoldenStore.describe(ledger.state)
        #expect(described == expected, "the fold differs from golden-state.txt:\n\(lineDiff(expected, described))")
        // From scratch, every event decoded and folded in record order, ignoring the snapshot.
        var replayed = CommandState()
        let log = try store.events(after: 0, limit: 1_000_000)
        for e in SQLiteEventStore.merged(log, try store.journal(after: 0, upTo: Int64.max)) { replayed.apply(e) }
        #expect(GoldenStore.describe(replayed) == expected, "\(lineDiff(expected, GoldenStore.describe(replayed)))")
    }

    @Test func itHoldsEveryEventKind() throws {
        let dir = TempDir()
        let path = try GoldenStore.copy(into: dir)
        let kinds = Set(try sqlite(path, "SELECT DISTINCT kind FROM events UNION SELECT DISTINCT kind FROM journal").split(separator: "\n").map(String.init))
        // Kinds added after the golden store was written cannot be in it (StoreTests.everyKind
        // holds an example of each).
        let addedSince: Set<Event.Kind> = [
            .rosterAdopted, .teamUpdated, .teamRetired, .facilityRegistered, .facilityUpdated, .facilityRetired, .shelterOpened, .shelterClosed, .sheltered, .shelterLeft,
            .stockReceived, .stockIssued, .stockMinimumSet, .supplyRequested, .supplyApproved, .supplyCommitted, .supplyDispatched, .supplyDelivered,
            .aidRequested, .aidOffered, .aidAccepted, .aidReleased, .sitrepDrafted, .sitrepApproved, .sitrepFiled, .handoverAccepted, .drillObserved, .drillObjectiveJudged, .correctiveActionRaised,
            .correctiveActionUpdated,
            .aidRequested, .aidOffered, .aidAccepted, .aidReleased, .feedReceived, .feedAdvanced, .journalSealed, .drillExpectationScored, .capAlertReceived,
            .aidArrived, .aidMessageReceived, .aidMessageDelivered, .centreUnreachable, .centreReachable, .boardShared, .boardUnshared,
        ]
        let every = Set(Event.Kind.allCases.filter { !addedSince.contains($0) }.map(\.rawValue))
        #expect(every.subtracting(kinds).isEmpty, "missing from the golden store: \(every.subtracting(kinds).sorted())")
    }
}

/// The lines that differ between two texts, numbered.
func lineDiff(_ a: String, _ b: String) -> String {
    let x = a.split(separator: "\n", omittingEmptySubsequences: false), y = b.split(separator: "\n", omittingEmptySubsequences: false)
    var out: [String] = []
    for k in 0..<max(x.count, y.count) where (k < x.count ? x[k] : "") != (k < y.count ? y[k] : "") {
        out.append("line \(k + 1):\n- \(k < x.count ? x[k] : "")\n+ \(k < y.count ? y[k] : "")")
    }
    return out.prefix(10).joined(separator: "\n")
}

/// The snapshot codec keeps every stored property of the state: a field added to
/// `CommandState` fails here until the codec writes it (and `modelVersion` is bumped).
@Suite("The snapshot codec covers the state")
struct SnapshotCoverageTests {
    /// The state's stored properties the codec writes, in declaration order.
    static let covered = [
        "incidents", "teams", "responses", "warnings", "pages", "drills", "nextDrill", "activeIDs", "sequence", "journalSequence", "nextIncident", "nextResponse", "nextWarning", "roster",
        "facilities", "shelters", "stock", "supplyRequests", "nextSupplyRequest", "aidRequests", "nextAidRequest", "sitreps", "lastHandover", "evaluators", "correctiveActions", "feeds", "cap",
        "centres",
    ]

    @Test func everyStoredPropertyIsCovered() {
        let names = Mirror(reflecting: CommandState()).children.compactMap(\.label)
        #expect(names == Self.covered, "CommandState's stored properties changed: teach SnapshotCodec the new ones, bump modelVersion, then update this list")
    }

    @Test func theGoldenStoreFoldsToTheSameStateFromItsSnapshotAsFromScratch() throws {
        let dir = TempDir()
        let store = try SQLiteEventStore(path: try GoldenStore.copy(into: dir))
        let ledger = try Ledger(store: store)
        try store.saveSnapshot(ledger.state)
        let fromSnapshot = try Ledger(store: store).state
        var replayed = CommandState()
        for e in SQLiteEventStore.merged(try store.events(after: 0, limit: 1_000_000), try store.journal(after: 0, upTo: Int64.max)) { replayed.apply(e) }
        #expect(fromSnapshot == replayed)
        #expect(ledger.state == replayed)
    }
}
