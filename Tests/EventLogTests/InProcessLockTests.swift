import CommandModel
import DecisionHubTestSupport
import Foundation
import Testing

@testable import EventLog

/// Found by a newcomer running a drill against the demo: opening the same store a second time in
/// one process (the demo's feed, the console's background check) read the header with a file
/// handle of its own, and closing it dropped the process's SQLite locks; another process then
/// deleted the WAL under the writer, and what it wrote after was lost.
@Suite("A second store in the same process", .serialized)
struct InProcessLockTests {
    @Test func openingTheStoreAgainInProcessKeepsTheWritersLocks() throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        let writer = try SQLiteEventStore(path: path, create: true, signingKey: .none)
        func note(_ n: Int) -> PendingEvent {
            PendingEvent(id: "n\(n)", at: Date(timeIntervalSince1970: 1_785_000_000 + Double(n)), by: "x", exercise: nil, event: .noteAdded(incident: IncidentID(1), text: "note \(n)"))
        }
        guard case .appended = try writer.append([note(1)], expectedHead: 0) else { Issue.record("first append"); return }
        // A second store on the same file, opened and dropped in this process (as a check does).
        do {
            let reader = try SQLiteEventStore(path: path, readOnly: true, signingKey: .none)
            _ = try reader.position()
        }
        // Another process opens and closes the file: with the writer's locks gone it would take
        // itself for the last connection and remove the WAL.
        _ = try sqlite(path, "SELECT count(*) FROM events;")
        guard case .appended = try writer.append([note(2)], expectedHead: 1) else { Issue.record("second append"); return }
        #expect(FileManager.default.fileExists(atPath: path + "-wal"), "the WAL was deleted under the writer")
        #expect(try sqlite(path, "SELECT count(*) FROM events;").trimmingCharacters(in: .whitespacesAndNewlines) == "2", "an acknowledged append is not in the file")
    }
}
