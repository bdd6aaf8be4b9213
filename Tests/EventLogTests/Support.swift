import CommandModel
@_exported import DecisionHubTestSupport
import EventLog
import Foundation
import Testing

let t0 = Date(timeIntervalSince1970: 1_785_000_000)

/// One command line run on a ledger as li.na at `t0`.
@discardableResult
func runLine(_ ledger: Ledger, _ line: String) throws -> [RecordedEvent] {
    try ledger.execute(try Grammar.parse(line, now: t0), operatorName: "li.na", now: { t0 })
}

/// The fold of a store's whole log from scratch: what every state opened on it must equal.
func replayedState(_ path: String) throws -> CommandState {
    CommandState.replay(try SQLiteEventStore(path: path, readOnly: true).events(after: 0, limit: 10_000))
}

/// A counter clock and id source, so tests are deterministic.
final class FixedIDs: @unchecked Sendable {
    private var n = 0
    func next() -> String {
        n += 1
        return "id-\(n)"
    }
}
