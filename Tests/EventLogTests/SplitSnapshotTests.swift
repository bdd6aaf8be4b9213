import CommandModel
import EventLog
import Foundation
import Testing

/// A year's store holds tens of thousands of closed incidents that most commands never touch:
/// its snapshots keep them in an archive of their own, read only when one is asked for.
@Suite("Split snapshots: closed incidents read on demand")
struct SplitSnapshotTests {
    /// A store of six incidents, four of them closed, and a snapshot that archives those four.
    func store(_ dir: TempDir) throws -> String {
        let path = dir.path("s.sqlite")
        let store = try SQLiteEventStore.create(path: path)
        store.archiveAfter = 3
        let ledger = try Ledger(store: store, newID: FixedIDs().next)
        for n in 1...6 { try run(ledger, "report fire at cell:\(n),4 title \"Fire \(n)\"") }
        for n in 1...4 { try run(ledger, "ack INC-\(n)"); try run(ledger, "status INC-\(n) responding"); try run(ledger, "status INC-\(n) contained"); try run(ledger, "close INC-\(n) put out") }
        try store.saveSnapshot(ledger.state)
        return path
    }

    @discardableResult
    func run(_ ledger: Ledger, _ line: String) throws -> [RecordedEvent] { try runLine(ledger, line) }

    func replayed(_ path: String) throws -> CommandState { try replayedState(path) }

    @Test func aStoreOpensWithoutItsClosedIncidentsAndDecidesAsTheWholeState() throws {
        let dir = TempDir()
        let path = try store(dir)
        let ledger = try Ledger(store: SQLiteEventStore(path: path))
        let archive = try #require(ledger.state.incidents.archive, "opened from a split snapshot")
        #expect(archive.count == 4 && archive.highest == 4 && !archive.isLoaded)
        #expect(ledger.state.incidents.unarchived.count == 2 && ledger.state.incidents.count == 6 && ledger.state.activeIDs.count == 2)

        // Work on open incidents never reads the archive, and numbers go on after it.
        let reported = try run(ledger, "report flood at cell:9,9")
        #expect(reported.first?.event.incident == IncidentID(7))
        try run(ledger, "ack INC-5")
        #expect(!archive.isLoaded, "nothing asked for a closed incident")

        // A closed incident is there when asked for: reopened, it is live again.
        try run(ledger, "reopen INC-2 smoke again")
        #expect(archive.isLoaded)
        #expect(ledger.state.incidents[IncidentID(2)]?.isActive == true && ledger.state.activeIDs.contains(IncidentID(2)))
        #expect(ledger.state == (try replayed(path)), "the same state as the whole log folded")

        // Saved again (INC-2's newer copy hides the archived one) and opened again: still equal.
        let store = try SQLiteEventStore(path: path)
        store.archiveAfter = 3
        try store.saveSnapshot(ledger.state)
        let again = try Ledger(store: SQLiteEventStore(path: path))
        #expect(again.state.incidents.shadowed == [IncidentID(2)] || again.state.incidents.archive?.sequence != archive.sequence)
        #expect(again.state.incidents.count == 7)
        #expect(again.state == (try replayed(path)))
    }

    /// A long-lived process saves a snapshot after 2,000 events past the newest; a one-shot
    /// `exec` after 250, so that a script's next call folds at most that many at its start.
    @Test func aOneShotExecSavesASnapshotAfterTheShorterInterval() throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        #expect(try runHub(["init", "--store", path]).status == 0)
        let newest = { Int64(try sqlite(path, "SELECT coalesce(max(seq), 0) FROM snapshots"))! }
        let head = { Int64(try sqlite(path, "SELECT seq FROM head"))! }
        // Reports (one event each) up to one short of the interval past the newest snapshot,
        // through --stdin: one long-lived ledger, which saves no snapshot for so few.
        let short = Int(Ledger.oneShotSnapshotEvery - 1 - (try head() - newest()))
        let lines = (0..<short).map { "report fire at cell:\(10 + $0 % 50),\(10 + $0 / 50)" }.joined(separator: "\n") + "\n"
        #expect(try runHub(["exec", "--stdin", "--store", path], input: lines).status == 0)
        let before = try newest()
        #expect(try head() - before == Ledger.oneShotSnapshotEvery - 1)
        // One short of the interval: the exec folds it and saves nothing.
        #expect(try runHub(["exec", "--store", path, "ack INC-0001"]).status == 0)
        #expect(try newest() == before)
        // A long-lived ledger's interval is the longer one.
        _ = try Ledger(store: SQLiteEventStore(path: path))
        #expect(try newest() == before)
        // The next exec finds the tail at the interval and saves at the head it opened on.
        #expect(try runHub(["exec", "--store", path, "verify INC-0001"]).status == 0)
        // (Before sqlite3 below, which removes the log's files when it closes.)
        #expect((try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.intValue == 0, "the one-shot call closed the file last, its log emptied")
        #expect(try newest() == before + Ledger.oneShotSnapshotEvery, "saved at the head the call opened on")
        #expect(try head() == before + Ledger.oneShotSnapshotEvery + 1)
        #expect(try Ledger(store: SQLiteEventStore(path: path)).state == (try replayedState(path)))
    }

    /// An event on a closed incident after the snapshot makes every later opening read the
    /// archive to fold it; the first opening that does saves a snapshot, and the next need not.
    @Test func aNoteOnAClosedIncidentIsFoldedFromTheArchiveOnceThenFoundLive() throws {
        let dir = TempDir()
        let path = try store(dir)
        let writer = try Ledger(store: SQLiteEventStore(path: path))
        try run(writer, "note INC-2 a late word")
        let first = try Ledger(store: SQLiteEventStore(path: path))
        #expect(first.state.incidents.archive?.isLoaded == true, "folding the note read the archive")
        let next = try Ledger(store: SQLiteEventStore(path: path))
        let archive = try #require(next.state.incidents.archive)
        #expect(next.state.incidents[IncidentID(2)]?.notes.last == "a late word")
        #expect(!archive.isLoaded, "INC-2 was saved live by the opening before")
        #expect(next.state == (try replayed(path)))
    }

    @Test func aCommandNamingAClosedIncidentIsRefusedAsWithTheWholeState() throws {
        let dir = TempDir()
        let path = try store(dir)
        let split = try Ledger(store: SQLiteEventStore(path: path))
        let whole = try Ledger(store: InMemoryEventStore(), newID: FixedIDs().next)
        for n in 1...6 { try run(whole, "report fire at cell:\(n),4 title \"Fire \(n)\"") }
        for n in 1...4 { try run(whole, "ack INC-\(n)"); try run(whole, "status INC-\(n) responding"); try run(whole, "status INC-\(n) contained"); try run(whole, "close INC-\(n) put out") }
        for line in ["close INC-3 again", "ack INC-1", "level INC-4 II worse", "note INC-99 nowhere"] {
            func outcome(_ l: Ledger) -> String {
                do { return "ok \(try run(l, line).map(\.event))" } catch { return "\(error)" }
            }
            #expect(outcome(split) == outcome(whole), "\(line)")
        }
    }

    @Test func anAlteredArchiveIsRebuiltFromTheLog() throws {
        let dir = TempDir()
        let path = try store(dir)
        try sqlite(path, "UPDATE snapshot_archives SET data = X'0102'")
        let ledger = try Ledger(store: SQLiteEventStore(path: path))
        #expect(ledger.state.incidents.archive != nil, "the snapshot itself is intact")
        #expect(ledger.state.incidents[IncidentID(3)]?.title == "Fire 3", "read back from the log")
        #expect(ledger.state == (try replayed(path)))
        let report = try SQLiteEventStore(path: path, readOnly: true).verify { _, _ in }
        #expect(report.problems.contains { $0.en.contains("missing or altered") }, "verify names it: \(report.problems)")
    }

    @Test func aSnapshotWhoseArchiveIsGoneIsSetAsideAndSaid() throws {
        let dir = TempDir()
        let path = try store(dir)
        try sqlite(path, "DELETE FROM snapshot_archives")
        let load = try SQLiteEventStore(path: path).loadSnapshot(atMost: 100)
        #expect(load.state == nil)
        #expect(load.warnings.contains { $0.en.contains("closed incidents") && $0.en.contains("missing or altered") }, "\(load.warnings)")
        let ledger = try Ledger(store: SQLiteEventStore(path: path))
        #expect(ledger.state == (try replayed(path)))
    }

    @Test func deepVerifyComparesASplitSnapshotWhole() throws {
        let dir = TempDir()
        let path = try store(dir)
        let report = try SQLiteEventStore(path: path).verify(options: VerifyOptions(deep: true)) { _, _ in }
        #expect(report.ok, "\(report.problems)")
    }
}
