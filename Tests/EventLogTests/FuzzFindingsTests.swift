import CommandModel
import Foundation
import Testing

@testable import EventLog

/// Inputs the fuzzers (tools/fuzz, docs/FUZZING.md) found, kept as regression tests.
@Suite("Fuzzing findings")
struct FuzzFindingsTests {
    let codec = EventCodec()

    /// tools/fuzz/event-decoder: a repeated key made the fast path keep the last value and the
    /// reference the first, so the console and any other reader saw different text.
    @Test func aPayloadWithARepeatedKeyReadsAlikeOnBothPaths() throws {
        let payload = #"{"noteAdded":{"incident":"INC-0002","text":"first","text":"second"}}"#
        #expect(FastEventDecoder.decode(payload) == nil, "the fast path steps aside")
        let read = try codec.event(from: payload)
        #expect(read == (try codec.decode(Event.self, from: Data(payload.utf8))))
        // Ordinary payloads still take the fast path.
        let plain = codec.payload(.noteAdded(incident: IncidentID(2), text: "first"))
        #expect(FastEventDecoder.decode(plain) == .noteAdded(incident: IncidentID(2), text: "first"))
    }

    /// tools/fuzz/snapshot: a negative count trapped ("Range requires lowerBound <= upperBound")
    /// on every start; a huge one asked for an impossible allocation. Both are refused (nil: the
    /// snapshot is ignored and the state replayed).
    @Test func aSnapshotWithAnImpossibleCountIsRefusedNotATrap() {
        let good = SnapshotCodec.encode(CommandState())
        #expect(SnapshotCodec.decode(good) != nil)
        // The header: seq, journal seq, next incident, response, warning, then the incident count.
        var w = BinaryWriter()
        for v in [0, 0, 1, 1, 1] { w.int(v) }
        for count in [-1, Int(Int32.max), Int.max / 2] {
            var bytes = w
            bytes.int(count)
            #expect(SnapshotCodec.decode(Data(bytes.bytes)) == nil, "count \(count)")
        }
        // The crash the fuzzer saved: the incident count is fine, a later one is negative.
        var later = BinaryWriter()
        for v in [0, 0, 1, 1, 1, 0] { later.int(v) }
        later.int(0)  // teams
        later.int(-3)  // responses
        #expect(SnapshotCodec.decode(Data(later.bytes)) == nil)
    }
}
