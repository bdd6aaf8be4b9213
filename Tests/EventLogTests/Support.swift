import CommandModel
@_exported import DecisionHubTestSupport
import EventLog
import Foundation
import Testing

let t0 = Date(timeIntervalSince1970: 1_785_000_000)

/// A counter clock and id source, so tests are deterministic.
final class FixedIDs: @unchecked Sendable {
    private var n = 0
    func next() -> String {
        n += 1
        return "id-\(n)"
    }
}
