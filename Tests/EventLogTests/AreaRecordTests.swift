import CommandModel
import Foundation
import Testing

@testable import EventLog

/// Superseding warnings and clearing a response's city-wide level on the record: the payloads
/// keep their frozen shape, older ones still read, and snapshots keep the new state.
@Suite("Area records: superseded warnings and cleared levels read back")
struct AreaRecordTests {
    let codec = EventCodec()
    let issued = Date(timeIntervalSince1970: 1_785_465_720)

    /// A warning payload as builds before superseding wrote it (from the golden store).
    let oldPayload =
        #"{"warningIssued":{"warning":{"authority":"Mentougou district","color":2,"districts":["mentougou"],"expires":"2026-07-31T06:34:00.000Z","hazard":"flood","id":"WRN-2","issued":"2026-07-31T00:34:00.000Z"}}}"#

    @Test func anOlderWarningPayloadStillReads() throws {
        guard case let .warningIssued(w) = try codec.event(from: oldPayload) else {
            Issue.record("not a warning")
            return
        }
        #expect(w.supersedes == nil)
        #expect(w.districts == ["mentougou"])
    }

    @Test func aWarningThatReplacesNoneKeepsTheOldShape() {
        let w = WarningIssued(id: WarningID(1), hazard: .rainstorm, color: .yellow, districts: ["fangshan"], authority: "x", issued: issued, expires: nil)
        #expect(!codec.payload(.warningIssued(warning: w)).contains("supersedes"))
    }

    @Test func aWarningNamesTheOnesItReplacesAndReadsBack() throws {
        let w = WarningIssued(id: WarningID(3), hazard: .rainstorm, color: .red, districts: [], authority: "x", issued: issued, expires: nil, supersedes: [WarningID(1), WarningID(2)])
        let payload = codec.payload(.warningIssued(warning: w))
        #expect(payload.contains(#""supersedes":["WRN-1","WRN-2"]"#))
        #expect(try codec.event(from: payload) == .warningIssued(warning: w))
    }

    @Test func aSnapshotKeepsWhatSupersededAWarningAndAClearedCityLevel() throws {
        var state = CommandState()
        let events: [Event] = [
            .warningIssued(warning: WarningIssued(id: WarningID(1), hazard: .rainstorm, color: .yellow, districts: ["fangshan"], authority: "x", issued: issued, expires: nil)),
            .warningIssued(
                warning: WarningIssued(id: WarningID(2), hazard: .rainstorm, color: .orange, districts: ["fangshan"], authority: "x", issued: issued, expires: nil, supersedes: [WarningID(1)])),
            .responseDeclared(response: ResponseID(1), hazard: .flood, level: .i, districts: [], reason: "r"),
            .responseAdjusted(response: ResponseID(1), level: .none, districts: [EmergencyResponse.wholeCity], reason: "r"),
        ]
        for (k, e) in events.enumerated() {
            state.apply(RecordedEvent(sequence: Int64(k + 1), id: "e\(k)", at: issued, by: "x", exercise: nil, event: e))
        }
        #expect(state.warnings[WarningID(1)]?.supersededBy == WarningID(2))
        let restored = try #require(SnapshotCodec.decode(SnapshotCodec.encode(state)))
        #expect(restored == state)
        #expect(restored.warnings[WarningID(1)]?.supersededBy == WarningID(2))
    }
}
