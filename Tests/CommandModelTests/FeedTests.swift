import CommandModel
import Foundation
import Testing

/// Feeds, given/when/then: a report's key makes an incident once; a newer version changes its
/// figures and notes; the same version again, or an older one, changes nothing.
@Suite("Feeds: one incident per (source, id)")
struct FeedTests {
    func report(_ id: String, minutes: Double = 0, evacuated: Int = 0, text: String? = nil, causedBy: String? = nil, district: String = "west") -> Command {
        .feed(
            .receive(
                FeedReport(
                    key: FeedKey(source: "12345", external: id), time: t0.addingTimeInterval(minutes * 60), type: .flood, place: .district(district),
                    figures: Figures(evacuated: evacuated), text: text, causedBy: causedBy)))
    }

    @Test func aNewKeyIsANewIncidentWithItsReceipt() throws {
        var s = Scenario()
        let events = try #require(s.when(report("A-1", evacuated: 3, text: "water in the yard")).events)
        #expect(events.map(\.kind) == [.incidentReported, .feedReceived])
        guard case let .incidentReported(r) = events[0] else { Issue.record("not a report"); return }
        #expect(r.reporter == "12345")
        #expect(r.figures.evacuated == 3)
        #expect(r.district == "west")
        #expect(s.state.feeds.sources[r.id] == "12345")
        #expect(s.state.feeds.receipts[FeedKey(source: "12345", external: "A-1")]?.incident == r.id)
    }

    @Test func theSameReportAgainChangesNothing() {
        var s = Scenario()
        s.run(report("A-1", evacuated: 3, text: "t"))
        #expect(s.when(report("A-1", evacuated: 3, text: "t")).rejection == .feedAlreadyApplied(FeedKey(source: "12345", external: "A-1"), incident: IncidentID(1), older: false))
        #expect(s.state.incidents.count == 1)
    }

    @Test func aNewerVersionBecomesFiguresAndANote() throws {
        var s = Scenario()
        s.run(report("A-1", evacuated: 3, text: "water in the yard"))
        let events = try #require(s.when(report("A-1", minutes: 10, evacuated: 12, text: "water rising")).events)
        #expect(
            events == [
                .figuresUpdated(incident: IncidentID(1), figures: Figures(evacuated: 12)), .noteAdded(incident: IncidentID(1), text: "water rising"),
                .feedReceived(
                    receipt: FeedReceipt(
                        source: "12345", external: "A-1", incident: IncidentID(1), time: t0.addingTimeInterval(600), figures: Figures(evacuated: 12), text: FeedReport.digest("water rising"))),
            ])
        #expect(s.state.incidents.count == 1)
    }

    @Test func anOlderVersionArrivingLateChangesNothing() {
        var s = Scenario()
        s.run(report("A-1", minutes: 10, evacuated: 12))
        #expect(s.when(report("A-1", minutes: 0, evacuated: 3)).rejection == .feedAlreadyApplied(FeedKey(source: "12345", external: "A-1"), incident: IncidentID(1), older: true))
        #expect(s.state.incidents[IncidentID(1)]?.figures.evacuated == 12)
    }

    @Test func theSameIdFromAnotherSourceIsAnotherReport() {
        var s = Scenario()
        s.run(report("A-1"))
        s.run(.feed(.receive(FeedReport(key: FeedKey(source: "110", external: "A-1"), time: t0, type: .fire, place: .district("east")))))
        #expect(s.state.incidents.count == 2)
    }

    @Test func aCauseIsLinkedByItsExternalIdAndAMissingOneIsSaid() throws {
        var s = Scenario()
        s.run(report("A-1"), report("A-2", causedBy: "A-1"))
        #expect(s.state.incidents[IncidentID(2)]?.causedBy == IncidentID(1))
        s.run(report("A-3", causedBy: "A-99"))
        #expect(s.state.incidents[IncidentID(3)]?.causedBy == nil)
        #expect(s.state.incidents[IncidentID(3)]?.notes.joined().contains("A-99") == true)
    }

    @Test func aClosedIncidentsFiguresStayAndTheFeedsWordIsANote() throws {
        var s = Scenario()
        s.run(report("A-1", evacuated: 3), .incident(.markFalseAlarm(IncidentID(1), reason: "prank")))
        let events = try #require(s.when(report("A-1", minutes: 5, evacuated: 30)).events)
        #expect(events.map(\.kind) == [.noteAdded, .feedReceived])
        #expect(s.state.incidents[IncidentID(1)]?.figures.evacuated == 3)
    }

    @Test func aReportOutsideTheMapIsRefusedAsAnyReportIs() {
        let s = Scenario()
        #expect(s.trying(report("A-1", district: "atlantis")).rejection == .unknownDistrict("atlantis"))
    }

    @Test func valuesAreBoundedWhereTheyAreDecided() {
        let s = Scenario()
        let long = String(repeating: "x", count: Limits.name + 1)
        let r = s.trying(.feed(.receive(FeedReport(key: FeedKey(source: long, external: "1"), time: t0, type: .flood, place: .district("west")))))
        guard case .outOfBounds? = r.rejection else {
            Issue.record("a source of \(Limits.name + 1) characters was not refused as out of bounds: \(r)")
            return
        }
        let late = s.trying(.feed(.receive(FeedReport(key: FeedKey(source: "12345", external: "1"), time: t0.addingTimeInterval(400 * 86_400), type: .flood, place: .district("west")))))
        guard case .outOfBounds? = late.rejection else {
            Issue.record("a time 400 days away was not refused: \(late)")
            return
        }
    }

    @Test func theFeedsPositionIsOnTheRecord() {
        var s = Scenario()
        s.run(.feed(.advance(FeedPosition(feed: "/f.jsonl", offset: 300, line: 3, applied: 2, rejected: 1))))
        #expect(s.state.feeds.positions["/f.jsonl"] == FeedPosition(feed: "/f.jsonl", offset: 300, line: 3, applied: 2, rejected: 1))
    }

    @Test func aDrillsInjectCannotTakeInAFeed() {
        var s = Scenario()
        s.exercise = "DRL-1"
        #expect(s.trying(report("A-1")).rejection == .notInDrill(Bilingual("take in a feed", "接入数据源")))
    }
}

/// The JSON Lines schema (docs/FEEDS.md): what a line must say, and where a bad one goes wrong.
@Suite("Feeds: reading a line")
struct FeedLineTests {
    @Test func aFullLineReads() throws {
        let r = try FeedLine.parse(
            #"{"source":"12345","id":"A-7","time":"2026-07-31T02:14:00+08:00","type":"flood","lat":39.73,"lon":115.98,"datum":"gcj02","address":"房山区城关街道","title":"积水","figures":{"evacuated":12,"injured":1},"text":"水漫进院子","caused_by":"A-1"}"#
        )
        #expect(r.key == FeedKey(source: "12345", external: "A-7"))
        #expect(r.time == Date(timeIntervalSince1970: 1_785_435_240))
        #expect(r.type == .flood)
        #expect(r.place == .point(GeoPoint(lat: 39.73, lon: 115.98), datum: .gcj02))
        #expect(r.figures == Figures(injured: 1, evacuated: 12))
        #expect(r.text == "@ 房山区城关街道\n水漫进院子")
        #expect(r.causedBy == "A-1")
        #expect(r.title == "积水")
    }

    @Test func aDistrictIsAPlace() throws {
        let r = try FeedLine.parse(#"{"source":"110","id":"9","time":"2026-07-31T02:14:00.250Z","type":"fire","district":"chaoyang"}"#)
        #expect(r.place == .district("chaoyang"))
        #expect(r.time == Date(timeIntervalSince1970: 1_785_464_040.25))
    }

    @Test(arguments: [
        (#"not json"#, 2, "not valid JSON"),
        (#"{"source":"西城","id":x}"#, 21, "not valid JSON"),
        (#"[1,2]"#, 1, "one JSON object"),
        (#"{"id":"1","time":"2026-07-31T02:14:00+08:00","type":"fire","district":"x"}"#, 1, "\"source\" is missing"),
        (#"{"source":"1","id":"1","time":"yesterday","type":"fire","district":"x"}"#, 24, "ISO 8601"),
        (#"{"source":"1","id":"1","time":"2026-07-31T02:14:00","type":"fire","district":"x"}"#, 24, "ISO 8601"),
        (#"{"source":"1","id":"1","time":"2026-07-31T02:14:00Z","type":"flod","district":"x"}"#, 54, "unknown type"),
        (#"{"source":"1","id":"1","time":"2026-07-31T02:14:00Z","type":"fire"}"#, 1, "no place"),
        (#"{"source":"1","id":"1","time":"2026-07-31T02:14:00Z","type":"fire","lat":39.9}"#, 68, "go together"),
        (#"{"source":"1","id":"1","time":"2026-07-31T02:14:00Z","type":"fire","lat":99,"lon":116}"#, 68, "no place on earth"),
        (#"{"source":"1","id":"1","time":"2026-07-31T02:14:00Z","type":"fire","district":"x","figures":{"dead":-1}}"#, 94, "whole number"),
        (#"{"source":"1","id":"1","time":"2026-07-31T02:14:00Z","type":"fire","district":"x","figures":{"cats":1}}"#, 94, "unknown figure"),
        (#"{"source":"1","id":"1","time":"2026-07-31T02:14:00Z","type":"fire","district":"x","figur":{}}"#, 83, "unknown key"),
        (#"{"source":1,"id":"1","time":"2026-07-31T02:14:00Z","type":"fire","district":"x"}"#, 2, "must be a string"),
    ])
    func aBadLineSaysWhereAndWhy(line: String, column: Int, reason: String) {
        do throws(FeedLineError) {
            let r = try FeedLine.parse(line)
            Issue.record("\(line) was read as \(r)")
        } catch {
            #expect(error.column == column, "\(line): \(error.reason.en)")
            #expect(error.reason.en.contains(reason), "\(error.reason.en)")
            #expect(!error.reason.zh.isEmpty)
        }
    }

    @Test func aLineTooLongIsRefusedBeforeItIsRead() {
        let line = #"{"source":"1","text":""# + String(repeating: "x", count: FeedLine.maxBytes) + #""}"#
        #expect(throws: FeedLineError.self) { try FeedLine.parse(line) }
    }
}
