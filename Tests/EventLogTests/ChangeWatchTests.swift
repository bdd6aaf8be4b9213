import CommandModel
import Foundation
import Testing

@testable import EventLog

/// A following console asks the store's files before it reads the head: only a write to the
/// store (or its WAL) makes it read, and never less than once a `fallback`.
@Suite("Following a store by its files")
struct ChangeWatchTests {
    @Test func aFollowerReadsWhenTheStoreWasWrittenAndOnlyThen() throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        let writer = try SQLiteEventStore.create(path: path)
        let watch = try #require(ChangeWatch(store: path, fallback: 60))
        let t = Date()
        #expect(watch.mayHaveChanged(now: t), "the first ask reads")
        #expect(!watch.mayHaveChanged(now: t + 1), "nothing written since")

        try "unrelated".write(toFile: dir.path("notes.txt"), atomically: false, encoding: .utf8)
        #expect(!watch.mayHaveChanged(now: t + 2), "another file in the folder is not the store")

        _ = try writer.append([PendingEvent(id: "e1", at: t0, by: "x", exercise: nil, event: .noteAdded(incident: IncidentID(1), text: "n"))], expectedHead: 0)
        #expect(watch.mayHaveChanged(now: t + 3), "an append is seen")
        #expect(watch.mayHaveChanged(now: t + 3.2), "and read again while it settles (its commit may not be published yet)")
        #expect(!watch.mayHaveChanged(now: t + 4), "then quiet again")
        #expect(watch.mayHaveChanged(now: t + 70), "never quiet for longer than the fallback")
    }

    @Test func aLedgerFollowingAStoreFoldsAnotherWritersEvent() throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        let follower = try Ledger(store: SQLiteEventStore(path: path, create: true))
        #expect(try follower.follow().isEmpty)
        let writer = try Ledger(store: SQLiteEventStore(path: path))
        try writer.execute(try Grammar.parse("report fire at cell:3,4", now: t0), operatorName: "li.na", now: { t0 })
        #expect(try follower.follow().count == 1, "the other writer's report, at the next ask")
    }
}
