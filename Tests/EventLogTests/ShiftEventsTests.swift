import CommandModel
import EventLog
import Foundation
import Testing

/// A shift's events, read back from the head in chunks (what the handover brief, the duty log and
/// the console's brief read): exactly the events at or after the shift's start, in order, across
/// chunk boundaries, on both engines' contract.
@Suite("A shift's events")
struct ShiftEventsTests {
    @Test(arguments: [0, 2_000, 2_001, 4_500])
    func exactlyTheEventsSinceTheStartInOrder(from first: Int) throws {
        let store = InMemoryEventStore()
        let start = Date(timeIntervalSince1970: 1_785_000_000)
        let pending = (0..<4_500).map { k in
            PendingEvent(id: "e\(k)", at: start + Double(k) * 60, by: "li.na", exercise: nil, event: .noteAdded(incident: IncidentID(1), text: "\(k)"))
        }
        guard case .appended = try store.append(pending, expectedHead: 0) else {
            Issue.record("append failed")
            return
        }
        let shift = try store.events(since: start + Double(first) * 60)
        #expect(shift.count == 4_500 - first)
        #expect(shift.map(\.sequence) == (first..<4_500).map { Int64($0 + 1) })
    }
}
