import CommandModel
import Foundation
import PropertyBased
import Testing

@testable import EventLog

/// The hand-written decoder of the common payloads must agree with the reference decoder on
/// every event, and step aside (nil) on anything it does not know.
@Suite("Fast payload coding")
struct FastDecoderTests {
    let codec = EventCodec()

    func reference(_ payload: String) throws -> Event { try codec.decode(Event.self, from: Data(payload.utf8)) }
    func referenceText(_ event: Event) throws -> String { String(decoding: try codec.encode(event), as: UTF8.self) }

    @Test func theHandWrittenPayloadsAreByteForByteTheReferenceEncodersOnes() throws {
        var handled = 0
        for event in StoreTests.everyKind {
            guard let fast = FastEventEncoder.encode(event) else { continue }
            handled += 1
            #expect(fast == (try referenceText(event)))
        }
        #expect(handled == StoreTests.everyKind.filter { Self.handled.contains($0.kind) }.count - 1, "all but the report with coordinates")
        for text in ["引号 \"quoted\" and \\ backslash / slash", "tab\tnew\nline\r\u{8}\u{C}\u{1}\u{1F}\u{7F}", "emoji 🌊 \u{2028}", ""] {
            for event in [
                Event.noteAdded(incident: IncidentID(7), text: text), .teamStatusChanged(team: TeamID("FR-\(text.count)"), from: .dispatched, to: .onScene),
                .incidentReported(
                    report: IncidentReport(
                        id: IncidentID(9), type: .gasExplosion, title: text, location: Location(cell: Cell(x: -3, y: 4)), district: "xicheng", reporter: text,
                        figures: Figures(deaths: 1, evacuated: -3), notes: text.isEmpty ? nil : text, causedBy: IncidentID(12))),
            ] {
                #expect(FastEventEncoder.encode(event) == (try referenceText(event)))
            }
        }
    }

    @Test func randomTextEncodesAsTheReferenceDoes() async {
        await propertyCheck(count: 300, input: Gen.character(in: "\u{0}"..."\u{9FFF}").string(of: 0...40), Gen.int(in: 0...1_000_000)) { text, n in
            for e in [
                Event.incidentClosed(incident: IncidentID(n + 1), summary: text), .levelRaised(incident: IncidentID(n + 1), from: .none, to: .iii, reason: text),
                .incidentReported(
                    report: IncidentReport(id: IncidentID(n + 1), type: .flood, title: text, location: Location(cell: Cell(x: n, y: -n)), reporter: text, figures: Figures(missing: n))),
            ] {
                #expect(FastEventEncoder.encode(e) == (try? referenceText(e)))
            }
        }
    }

    static let handled = FastEventDecoder.handled

    @Test func everyKindDecodesAsTheReferenceDoes() throws {
        for event in StoreTests.everyKind {
            let payload = codec.payload(event)
            let fast = FastEventDecoder.decode(payload)
            if Self.handled.contains(event.kind) {
                #expect(fast == event, "\(payload)")
            } else {
                #expect(fast == nil, "\(event.kind) should be left to the reference decoder")
            }
            #expect(try codec.event(from: payload) == reference(payload))
        }
    }

    @Test func escapesUnicodeAndOptionalsAgree() throws {
        let texts = ["plain", "引号 \"quoted\" and \\ backslash", "tab\tnew\nline", "emoji 🌊 and \u{1}", "slash / and unicode \u{2028}", ""]
        for t in texts {
            for event in [
                Event.noteAdded(incident: IncidentID(7), text: t),
                .incidentReported(
                    report: IncidentReport(
                        id: IncidentID(9), type: .fire, title: t, location: Location(cell: Cell(x: -3, y: 4), point: GeoPoint(lat: 39.123456789, lon: -116.5e-3)), district: nil, reporter: t,
                        figures: Figures(deaths: Int.max, evacuated: 3), notes: t.isEmpty ? nil : t, causedBy: IncidentID(12_345))),
                // A point as entered and a neighbour's place (2026-12-07).
                .incidentReported(
                    report: IncidentReport(
                        id: IncidentID(10), type: .flood, title: t, location: Location(cell: Cell(x: 60, y: 118), point: GeoPoint(lat: 39.4869, lon: 115.9799)), reporter: t,
                        given: GivenPoint(GeoPoint(lat: 39.4855, lon: 115.974), datum: .wgs84), outside: OutsidePlace(code: t.isEmpty ? nil : t, name: Bilingual(t, t + "省")))),
            ] {
                let payload = codec.payload(event)
                #expect(FastEventDecoder.decode(payload) == event, "\(payload)")
            }
        }
    }

    @Test func idsWrittenByHandReadAsTheModelReadsThem() throws {
        for payload in [
            #"{"teamAssigned":{"incident":"INC-42","team":"fr-07"}}"#, #"{"teamAssigned":{"incident":"inc-0042","team":"FR-07"}}"#,
            #"{"teamAssigned":{"incident":"42","team":"队伍-1"}}"#, #"{ "teamAssigned" : { "team" : "FR-07" , "incident" : "INC-0042" } }"#,
        ] {
            let fast = try #require(FastEventDecoder.decode(payload), "\(payload)")
            #expect(fast == (try reference(payload)), "\(payload)")
        }
        #expect(FastEventDecoder.decode(#"{"teamAssigned":{"incident":"INC-0","team":"FR-07"}}"#) == nil)
    }

    @Test func oddPayloadsAreLeftToTheReference() throws {
        // Unknown fields, fractions where integers belong, nulls where values are required,
        // trailing bytes: the fast decoder steps aside rather than guess.
        for payload in [
            #"{"incidentAcknowledged":{"incident":"INC-0001","extra":1}}"#,
            #"{"figuresUpdated":{"incident":"INC-0001","figures":{"deaths":1.5,"directLossCNY":0,"evacuated":0,"injured":0,"missing":0,"seriouslyInjured":0}}}"#,
            #"{"noteAdded":{"incident":"INC-0001","text":null}}"#,
            #"{"noteAdded":{"incident":"INC-0001","text":"x"}} trailing"#,
            #"{"noteAdded":{"incident":"INC-0001","text":"x"},"teamReleased":{}}"#,
            #"{"levelRaised":{"incident":"INC-0001","from":0,"to":9,"reason":"x"}}"#,
        ] {
            #expect(FastEventDecoder.decode(payload) == nil, "\(payload)")
        }
    }

    @Test func randomTextAndFiguresAgree() async {
        // Any text from control characters to CJK, quotes and backslashes included.
        await propertyCheck(count: 300, input: Gen.character(in: "\u{1}"..."\u{9FFF}").string(of: 0...40), Gen.int(in: 0...1_000_000)) { text, n in
            let events: [Event] = [
                .incidentClosed(incident: IncidentID(n + 1), summary: text),
                .figuresUpdated(incident: IncidentID(n + 1), figures: Figures(deaths: n, missing: n / 2, directLossCNY: n * 1000)),
                .teamStatusChanged(team: TeamID(text.isEmpty ? "T-1" : "T-\(n)"), from: .dispatched, to: .enRoute),
            ]
            for e in events {
                let payload = codec.payload(e)
                #expect(FastEventDecoder.decode(payload) == e, "\(payload)")
            }
        }
    }
}

extension FastDecoderTests {
    /// Levels are written "I" … "IV" (and "none"), readable in `sqlite3` and `log --json` and
    /// independent of the enum's order; older payloads wrote numbers, and both read back alike.
    @Test func levelsAreWrittenAsRomanNumeralsAndOlderNumbersStillRead() throws {
        let event = Event.levelRaised(incident: IncidentID(1), from: .none, to: .ii, reason: "12 dead")
        let payload = codec.payload(event)
        #expect(payload == #"{"levelRaised":{"from":"none","incident":"INC-0001","reason":"12 dead","to":"II"}}"#)
        let old = #"{"levelRaised":{"from":0,"incident":"INC-0001","reason":"12 dead","to":3}}"#
        #expect(FastEventDecoder.decode(old) == event)
        #expect(try reference(old) == event)
        #expect(try reference(payload) == event)
        let drillExpectation = #"{"level":2}"#
        #expect(try codec.decode(DrillScenario.Expectation.self, from: Data(drillExpectation.utf8)).level == .iii)
    }
}
