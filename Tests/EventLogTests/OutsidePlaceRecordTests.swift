import CommandModel
import Foundation
import Testing

@testable import EventLog

/// A report's frame and its place outside the city go on the record and read back: through
/// the event codec (the fast path steps aside for them), the fold and the snapshot.
@Suite("Outside places and given points on the record")
struct OutsidePlaceRecordTests {
    static let report = IncidentReport(
        id: IncidentID(7), type: .flood, title: "flood · Hebei · Zhuozhou", location: Location(cell: Cell(x: 60, y: 118), point: GeoPoint(lat: 39.4869, lon: 115.9799)),
        reporter: "110-hotline", figures: Figures(deaths: 1, missing: 2), given: GivenPoint(GeoPoint(lat: 39.4855, lon: 115.974), datum: .wgs84),
        outside: OutsidePlace(code: "130681", name: Bilingual("Hebei · Zhuozhou", "河北省 · 涿州市")))

    @Test func aNeighboursIncidentReadsBackFromItsPayload() throws {
        let codec = EventCodec()
        let event = Event.incidentReported(report: Self.report)
        let payload = codec.payload(event)
        #expect(payload.contains("\"outside\"") && payload.contains("\"datum\":\"wgs84\""), "\(payload)")
        #expect(try codec.event(from: payload) == event)
    }

    /// A payload written before frames and outside places were recorded reads as it did.
    @Test func anOlderReportWithoutThemStillReads() throws {
        let old =
            #"{"incidentReported":{"report":{"id":"INC-0003","type":"flood","title":"t","location":{"cell":{"x":1,"y":2},"point":{"lat":39.94,"lon":116.04}},"district":"mentougou","reporter":"r","figures":{"deaths":2,"directLossCNY":0,"evacuated":0,"injured":0,"missing":5,"seriouslyInjured":0}}}}"#
        let codec = EventCodec()
        guard case let .incidentReported(r) = try codec.event(from: old) else {
            Issue.record("not a report")
            return
        }
        #expect(r.given == nil && r.outside == nil && r.district == "mentougou")
        // And it is written back byte for byte as the reference encoder would.
        #expect(try codec.event(from: codec.payload(.incidentReported(report: r))) == .incidentReported(report: r))
    }

    @Test func theFoldKeepsTheOutsidePlaceAndTheSnapshotToo() {
        var state = CommandState()
        state.apply(RecordedEvent(sequence: 1, id: "e1", at: Date(timeIntervalSince1970: 1_785_000_000), by: "li.na", exercise: nil, event: .incidentReported(report: Self.report)))
        #expect(state.incidents[IncidentID(7)]?.outside == Self.report.outside)
        #expect(SnapshotCodec.decode(SnapshotCodec.encode(state)) == state)
    }
}
