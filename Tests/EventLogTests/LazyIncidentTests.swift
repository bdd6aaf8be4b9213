import CommandModel
import DecisionHubTestSupport
import Foundation
import Testing

@testable import EventLog

/// A state opened from a snapshot keeps the snapshot's incidents as records and decodes each on
/// first use: `exec` on a store of 10,000 open incidents decodes the few its command touches.
@Suite("Incidents decoded on first use")
struct LazyIncidentTests {
    /// A store of six open incidents and a snapshot of them.
    func store(_ dir: TempDir) throws -> String {
        let path = dir.path("s.sqlite")
        let store = try SQLiteEventStore.create(path: path)
        let ledger = try Ledger(store: store, newID: FixedIDs().next)
        for n in 1...6 { try run(ledger, "report fire at cell:\(n),4 title \"Fire \(n)\"") }
        try run(ledger, "ack INC-2")
        try store.saveSnapshot(ledger.state)
        return path
    }

    @discardableResult
    func run(_ ledger: Ledger, _ line: String) throws -> [RecordedEvent] { try runLine(ledger, line) }

    func replayed(_ path: String) throws -> CommandState { try replayedState(path) }

    @Test func anOpenedStateDecodesOnlyTheIncidentsACommandTouches() throws {
        let dir = TempDir()
        let path = try store(dir)
        let ledger = try Ledger(store: SQLiteEventStore(path: path))
        let records = try #require(ledger.state.incidents.records, "opened from the snapshot's records")
        #expect(records.count == 6 && records.decodedCount == 0)
        #expect(ledger.state.incidents.count == 6 && ledger.state.activeIDs.count == 6 && ledger.state.incidents.highestID == IncidentID(6))

        try run(ledger, "report flood at cell:9,9")
        #expect(records.decodedCount == 0, "a new report reads no other incident")
        try run(ledger, "ack INC-4")
        #expect(records.decodedCount == 1, "the acknowledged one only")
        #expect(ledger.state.incidents.count == 7)
        #expect(ledger.state.incidents[IncidentID(4)]?.status == .acknowledged)
        #expect(ledger.state == (try replayed(path)), "the same state as the whole log folded")

        // Saved again from the records and opened again: still the fold of the log.
        try SQLiteEventStore(path: path).saveSnapshot(ledger.state)
        let again = try Ledger(store: SQLiteEventStore(path: path))
        #expect(again.state.incidents.records?.count == 7)
        #expect(again.state == (try replayed(path)))

        // Settled (a console), the same incidents live in memory.
        var settled = again.state.incidents
        settled.settleRecords()
        #expect(settled.records == nil && settled.live.count == 7 && settled == again.state.incidents)
    }

    /// A snapshot whose record was altered and its digest recomputed passes the opening checks;
    /// the record fails when first read, and the incident comes from the log instead.
    @Test func aForgedRecordIsTakenFromTheLogAndVerifyNamesIt() throws {
        let dir = TempDir()
        let path = try store(dir)
        let hex = try sqlite(path, "SELECT seq, hex(state) FROM snapshots ORDER BY seq DESC LIMIT 1").trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = hex.split(separator: "|")
        let seq = try #require(Int(parts[0]))
        var bytes = try #require(Data(hexString: String(parts[1])))
        // INC-3's type, just before its title: "fire" becomes "fyre", which no record decodes as.
        let title = Data([12] + Array("Fire 3".utf8))  // its length, zig-zag: 6 → 12
        let at = try #require(bytes.range(of: title)).lowerBound
        #expect(bytes[(at - 4)..<at] == Data("fire".utf8))
        bytes[at - 3] = UInt8(ascii: "y")
        _ = try sqlite(path, "UPDATE snapshots SET state = X'\(bytes.map { String(format: "%02X", $0) }.joined())', digest = '\(SQLiteEventStore.digest(bytes))' WHERE seq = \(seq)")

        let ledger = try Ledger(store: SQLiteEventStore(path: path))
        #expect(ledger.snapshotWarnings.isEmpty, "its digest matches: the opening cannot tell")
        let records = try #require(ledger.state.incidents.records)
        #expect(ledger.state.incidents[IncidentID(3)]?.type == .fire, "read back from the log")
        #expect(ledger.state.incidents[IncidentID(3)]?.title == "Fire 3")
        #expect(ledger.state == (try replayed(path)))
        #expect(records.decodedCount == 6)
        let report = try SQLiteEventStore(path: path, readOnly: true).verify { _, _ in }
        #expect(report.problems.contains { $0.en.contains("does not decode") }, "verify names it: \(report.problems)")
    }

    /// Lazily or at once, a snapshot reads back as the state it was taken from.
    @Test func recordsReadBackAsTheWholeState() throws {
        let dir = TempDir()
        let path = try store(dir)
        let state = try replayed(path)
        let data = SnapshotCodec.encode(state)
        let eager = try #require(SnapshotCodec.decode(data))
        let nothing: @Sendable (Int64, Int64) -> [IncidentID: Incident] = { _, _ in [:] }
        let lazy = try #require(SnapshotCodec.decode(data, rebuild: nothing))
        #expect(eager.incidents.records == nil && lazy.incidents.records?.count == 6)
        #expect(eager == state && lazy == state)
        #expect(lazy.activeIDs == state.activeIDs && lazy.incidents.highestID == state.incidents.highestID)
    }
}

extension Data {
    init?(hexString: String) {
        var out = [UInt8]()
        var chars = hexString.makeIterator()
        while let a = chars.next() {
            guard let b = chars.next(), let v = UInt8(String([a, b]), radix: 16) else { return nil }
            out.append(v)
        }
        self.init(out)
    }
}
