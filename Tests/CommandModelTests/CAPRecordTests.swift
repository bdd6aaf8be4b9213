import CommandModel
import Foundation
import Testing

/// CAP alerts on the record, given/when/then on the shipped Beijing map: an alert issues a
/// warning that keeps its CAP identity; an update replaces the warnings of all its references;
/// a cancel lifts them; the same alert twice changes nothing.
@Suite("CAP 1.2: alerts on the record")
struct CAPRecordTests {
    /// 2026-07-31 02:05 +08:00, five minutes after the red rainstorm alert was sent.
    static let now = Date(timeIntervalSince1970: 1_785_434_700)
    let colours: CAPColourTable = {
        let text = (try? String(contentsOf: repoRoot.appendingPathComponent("Resources/cap/colour-ladder.txt"), encoding: .utf8)) ?? ""
        return CAPColourTable.parse(text, file: "colour-ladder.txt").table ?? CAPColourTable(rows: [])
    }()

    func fixture(_ name: String, _ edit: (String) -> String = { $0 }) throws -> CAPAlert {
        let text = String(decoding: try Data(contentsOf: repoRoot.appendingPathComponent("Tests/Fixtures/cap/\(name).xml")), as: UTF8.self)
        return try CAPAlert.read(Array(edit(text).utf8))
    }

    func receive(_ alert: CAPAlert) -> Command { .cap(.receive(alert.message(on: shippedMap.grid, colours: colours))) }

    func scenario() -> Scenario {
        var s = Scenario()
        s.grid = shippedMap.grid
        s.now = Self.now
        return s
    }

    static let alertKey = CAPKey(sender: "110000000000@bjmb.gov.cn", identifier: "11000041600000_20260731020000")

    @Test func anAlertIsAWarningThatKeepsItsCAPIdentityAndBothLanguages() throws {
        var s = scenario()
        let events = try #require(s.when(receive(try fixture("beijing-red-rainstorm"))).events)
        #expect(events.map(\.kind) == [.warningIssued, .capAlertReceived])
        let w = try #require(s.state.warnings[WarningID(1)])
        #expect(w.color == .red && w.hazard == .rainstorm)
        #expect(w.districts == ["mentougou", "fangshan"] || w.districts == ["fangshan", "mentougou"])
        #expect(w.expires == Date(timeIntervalSince1970: 1_785_456_000))
        let r = try #require(s.state.cap.receipts[Self.alertKey])
        #expect(r.sent == Date(timeIntervalSince1970: 1_785_434_400))
        #expect(r.warning == WarningID(1))
        #expect(s.state.cap.source(of: WarningID(1))?.identifier == Self.alertKey.identifier)
        #expect(r.text(in: .zh)?.headline == "北京市气象台发布暴雨红色预警信号")
        #expect(r.text(in: .en)?.headline == "Red rainstorm warning")
        #expect(r.text(in: .en)?.description == "Over 100 mm within 3 hours in Fangshan & Mentougou <with thunder>.")
        #expect(s.state.capState(of: WarningID(1), at: Self.now) == .active)
    }

    @Test func anAlertInOneLanguageIsShownInItToEveryConsole() throws {
        var s = scenario()
        // The English block only: a Chinese console falls back to it.
        let english = try fixture("beijing-red-rainstorm") { text in
            guard let a = text.range(of: "  <info>\n    <language>zh-CN"), let b = text.range(of: "  </info>\n", range: a.upperBound..<text.endIndex) else { return text }
            return text.replacingCharacters(in: a.lowerBound..<b.upperBound, with: "")
        }
        #expect(english.infos.map(\.language) == ["en-US"])
        s.run(receive(english))
        let r = try #require(s.state.cap.source(of: WarningID(1)))
        #expect(r.text(in: .zh)?.headline == "Red rainstorm warning")
        #expect(r.text(in: .en)?.headline == "Red rainstorm warning")
    }

    @Test func theSameAlertTwiceIsAlreadyOnRecord() throws {
        var s = scenario()
        s.run(receive(try fixture("beijing-red-rainstorm")))
        #expect(s.when(receive(try fixture("beijing-red-rainstorm"))).rejection == .capAlreadyOnRecord(Self.alertKey))
        #expect(s.state.warnings.count == 1)
    }

    @Test func anUpdateReplacesTheWarningItReferencesWithItsNewColourDistrictsAndExpiry() throws {
        var s = scenario()
        s.run(receive(try fixture("beijing-red-rainstorm")))
        let events = try #require(s.when(receive(try fixture("beijing-red-rainstorm-update"))).events)
        #expect(events.map(\.kind) == [.warningIssued, .capAlertReceived])
        let new = try #require(s.state.warnings[WarningID(2)])
        #expect(new.color == .orange)
        #expect(new.districts == ["fangshan"])
        #expect(new.expires == Date(timeIntervalSince1970: 1_785_470_400))
        #expect(s.state.capState(of: WarningID(1), at: Self.now) == .superseded(by: "11000041600000_20260731040000"))
        #expect(s.state.capState(of: WarningID(2), at: Self.now) == .active)
        #expect(s.state.warningsInForce(at: Self.now).map(\.id) == [WarningID(2)])
        #expect(s.state.cap.source(of: WarningID(2))?.text(in: .en)?.headline == "Orange rainstorm warning")
    }

    @Test func anUpdateChangesTheWarningsOfAllItsReferences() throws {
        var s = scenario()
        // Two alerts, one per district, then one update naming both.
        let fangshan = try fixture("beijing-red-rainstorm-update") {
            $0.replacingOccurrences(of: "<msgType>Update</msgType>", with: "<msgType>Alert</msgType>").replacingOccurrences(of: "_20260731040000", with: "_A")
                .replacingOccurrences(of: "  <references>110000000000@bjmb.gov.cn,11000041600000_20260731020000,2026-07-31T02:00:00+08:00</references>\n", with: "")
                .replacingOccurrences(of: "orange", with: "yellow")
        }
        let mentougou = try fixture("beijing-red-rainstorm") {
            $0.replacingOccurrences(of: "_20260731020000", with: "_B").replacingOccurrences(of: "<value>110111</value>", with: "<value>110109</value>")
                .replacingOccurrences(of: "      <polygon>39.80,115.70 39.80,116.10 39.55,116.10 39.55,115.70 39.80,115.70</polygon>\n      <circle>39.94,116.10 12.5</circle>\n", with: "")
                .replacingOccurrences(of: ">red<", with: ">yellow<")
        }
        s.run(receive(fangshan), receive(mentougou))
        #expect(s.state.warningsInForce(at: Self.now).count == 2)
        let update = try fixture("beijing-red-rainstorm") {
            $0.replacingOccurrences(of: "<identifier>11000041600000_20260731020000</identifier>", with: "<identifier>11000041600000_C</identifier>")
                .replacingOccurrences(of: "<msgType>Alert</msgType>", with: "<msgType>Update</msgType>")
                .replacingOccurrences(
                    of: "<scope>Public</scope>",
                    with:
                        "<scope>Public</scope><references>110000000000@bjmb.gov.cn,11000041600000_A,2026-07-31T04:00:00+08:00 110000000000@bjmb.gov.cn,11000041600000_B,2026-07-31T02:00:00+08:00</references>"
                )
        }
        let events = try #require(s.when(receive(update)).events)
        guard case let .warningIssued(w) = events.first else {
            Issue.record("no warning: \(events)")
            return
        }
        #expect(w.supersedes == [WarningID(1), WarningID(2)])
        #expect(s.state.warningsInForce(at: Self.now).map(\.id) == [WarningID(3)])
        #expect(s.state.warnings[WarningID(3)]?.color == .red)
    }

    @Test func aCancelLiftsWhatItsReferencesMadeAndSaysSo() throws {
        var s = scenario()
        s.run(receive(try fixture("beijing-red-rainstorm")), receive(try fixture("beijing-red-rainstorm-update")))
        let events = try #require(s.when(receive(try fixture("beijing-red-rainstorm-cancel"))).events)
        // The alert's warning was replaced by the update's: only that one is still to lift.
        #expect(events.map(\.kind) == [.warningLifted, .capAlertReceived])
        #expect(s.state.warningsInForce(at: Self.now).isEmpty)
        #expect(s.state.capState(of: WarningID(2), at: Self.now) == .cancelled(by: "11000041600000_20260731060000"))
        #expect(s.state.capState(of: WarningID(1), at: Self.now) == .superseded(by: "11000041600000_20260731040000"))
        #expect(
            s.when(receive(try fixture("beijing-red-rainstorm-cancel"))).rejection
                == .capAlreadyOnRecord(CAPKey(sender: "110000000000@bjmb.gov.cn", identifier: "11000041600000_20260731060000")))
    }

    @Test func anUpdateOrCancelOfUnknownAlertsIsKeptAndItsReferencesListed() throws {
        var s = scenario()
        let events = try #require(s.when(receive(try fixture("beijing-red-rainstorm-cancel"))).events)
        #expect(events.map(\.kind) == [.capAlertReceived])
        guard case let .capAlertReceived(r) = events[0] else { return }
        #expect(r.unknownReferences.map(\.identifier) == ["11000041600000_20260731020000", "11000041600000_20260731040000"])
        #expect(r.changed.isEmpty)
        // An update of an unknown alert is still a warning (its content is whole), its
        // reference listed.
        var t = scenario()
        let update = try #require(t.when(receive(try fixture("beijing-red-rainstorm-update"))).events)
        #expect(update.map(\.kind) == [.warningIssued, .capAlertReceived])
        guard case let .capAlertReceived(u) = update[1] else { return }
        #expect(u.unknownReferences.map(\.identifier) == ["11000041600000_20260731020000"])
    }

    @Test func anAlertArrivingAfterItsCancelIsKeptAndWarnsOfNothing() throws {
        var s = scenario()
        s.run(receive(try fixture("beijing-red-rainstorm-cancel")))
        let events = try #require(s.when(receive(try fixture("beijing-red-rainstorm"))).events)
        #expect(events.map(\.kind) == [.capAlertReceived])
        #expect(s.state.warnings.isEmpty)
        #expect(s.state.cap.receipts[Self.alertKey]?.overtakenBy == "11000041600000_20260731060000")
        // Its update, late too, likewise.
        #expect(try #require(s.when(receive(try fixture("beijing-red-rainstorm-update"))).events).map(\.kind) == [.capAlertReceived])
        #expect(s.state.warnings.isEmpty)
    }

    @Test(arguments: ["Exercise", "Test", "System", "Draft"])
    func anExerciseOrTestAlertNeverBecomesARealWarning(status: String) throws {
        var s = scenario()
        let a = try fixture("beijing-red-rainstorm") { $0.replacingOccurrences(of: "<status>Actual</status>", with: "<status>\(status)</status>") }
        #expect(s.when(receive(a)).rejection == .capNotActual("11000041600000_20260731020000", status: status))
        #expect(s.state.warnings.isEmpty && s.state.cap.receipts.isEmpty)
    }

    @Test func anAlertWhollyOutsideTheMapIsRefusedAndAnUnknownCodeListed() throws {
        var s = scenario()
        let california = try CAPAlert.read(Array(try Data(contentsOf: repoRoot.appendingPathComponent("Tests/Fixtures/cap/oasis-example2.xml"))))
        s.now = california.sent.addingTimeInterval(60)
        #expect(s.when(receive(california)).rejection == .capOutsideMap(california.identifier))
        var t = scenario()
        let unknown = try fixture("beijing-red-rainstorm") {
            $0.replacingOccurrences(
                of: "<geocode><valueName>ADCODE</valueName><value>110109</value></geocode>\n    </area>\n  </info>\n</alert>",
                with:
                    "<geocode><valueName>ADCODE</valueName><value>110109</value></geocode>\n      <geocode><valueName>ADCODE</valueName><value>110199</value></geocode>\n    </area>\n  </info>\n</alert>"
            )
        }
        let events = try #require(t.when(receive(unknown)).events)
        guard case let .capAlertReceived(r) = events.last else { return }
        #expect(r.unknownCodes == ["ADCODE 110199"])
    }

    @Test func anExpiredWarningIsExpiredByTheClockAlone() throws {
        var s = scenario()
        s.run(receive(try fixture("beijing-red-rainstorm")))
        let later = Date(timeIntervalSince1970: 1_785_456_000 + 1)
        #expect(s.state.capState(of: WarningID(1), at: later) == .expired)
        // An alert already expired when it arrives warns of nothing.
        var t = scenario()
        t.now = later
        #expect(t.when(receive(try fixture("beijing-red-rainstorm"))).rejection == .capExpired("11000041600000_20260731020000", Date(timeIntervalSince1970: 1_785_456_000)))
    }

    @Test func longTextsAreCutToTheLimitOnArrival() throws {
        let long = String(repeating: "雨", count: Limits.text + 500)
        let a = try fixture("beijing-red-rainstorm") { $0.replacingOccurrences(of: "<headline>Red rainstorm warning</headline>", with: "<headline>\(long)</headline>") }
        let m = a.message(on: shippedMap.grid, colours: colours)
        #expect(m.texts[1].headline?.count == Limits.text)
        #expect(m.texts[1].headline?.hasSuffix("…") == true)
        var s = scenario()
        s.run(.cap(.receive(m)))
        // Anything longer is out of bounds.
        var over = m
        over.identifier = "other"
        over.texts[0].description = long
        guard case .outOfBounds = s.when(.cap(.receive(over))).rejection else {
            Issue.record("a text over the limit was accepted")
            return
        }
    }

    @Test func theRecordFoldsBackToTheSameState() throws {
        var s = scenario()
        var log: [RecordedEvent] = []
        for name in ["beijing-red-rainstorm", "beijing-red-rainstorm-update", "beijing-red-rainstorm-cancel"] {
            let events = try #require(s.when(receive(try fixture(name))).events)
            for e in events { log.append(RecordedEvent(sequence: Int64(log.count + 1), id: "e\(log.count + 1)", at: s.now, by: s.operatorName, exercise: nil, event: e)) }
        }
        #expect(CommandState.replay(log) == s.state)
        #expect(CommandState.replay(log).cap.cancelledBy[WarningID(2)]?.identifier == "11000041600000_20260731060000")
    }
}
