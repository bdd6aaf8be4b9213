import CommandModel
import Foundation
import Testing

/// CAP 1.2 alerts read by the strict XML reader: the OASIS examples, a China-profile alert for
/// Beijing, and hostile documents refused with their line and column.
@Suite("CAP 1.2: reading alerts, safely")
struct CAPReaderTests {
    func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: repoRoot.appendingPathComponent("Tests/Fixtures/cap/\(name)")))
    }

    @Test(arguments: ["oasis-example1.xml", "oasis-example2.xml", "oasis-example3.xml", "oasis-example4.xml"])
    func theOASISExamplesRead(name: String) throws {
        let alert = try CAPAlert.read(try fixture(name))
        #expect(!alert.identifier.isEmpty)
        #expect(!alert.infos.isEmpty)
    }

    @Test func anUpdateNamesWhatItUpdatesAndACircleIsRead() throws {
        let alert = try CAPAlert.read(try fixture("oasis-example3.xml"))
        #expect(alert.msgType == .update)
        #expect(alert.references.map(\.identifier) == ["TRI13970876.1"])
        #expect(alert.infos.first?.areas.first?.circles.first == CAPArea.Circle(centre: GeoPoint(lat: 32.9525, lon: -115.5527), radiusKm: 0))
    }

    @Test func aPolygonIsRead() throws {
        let alert = try CAPAlert.read(try fixture("oasis-example2.xml"))
        let polygon = try #require(alert.infos.first?.areas.first?.polygons.first)
        #expect(polygon.count == 5)
        #expect(polygon.first == GeoPoint(lat: 38.47, lon: -120.14))
    }

    @Test func theBeijingAlertKeepsBothLanguagesItsShapesAndItsGeocodes() throws {
        let alert = try CAPAlert.read(try fixture("beijing-red-rainstorm.xml"))
        #expect(alert.isReal)
        #expect(alert.sent == Date(timeIntervalSince1970: 1_785_434_400))
        #expect(alert.infos.map(\.language) == ["zh-CN", "en-US"])
        let zh = alert.infos[0], en = alert.infos[1]
        #expect(zh.event == "暴雨")
        #expect(zh.description == "预计 3 小时内房山、门头沟降雨量将达 100 毫米以上 & 局地伴有雷电。")
        #expect(en.description == "Over 100 mm within 3 hours in Fangshan & Mentougou <with thunder>.")
        #expect(zh.parameters == [CAPValue(name: "color", value: "red")])
        #expect(zh.areas.first?.geocodes.map(\.value) == ["110111", "110109"])
        #expect(zh.areas.first?.circles.first?.radiusKm == 12.5)
        #expect(zh.expires == Date(timeIntervalSince1970: 1_785_456_000))
    }

    @Test(arguments: [CAPAlert.Status.exercise, .test, .system, .draft])
    func onlyActualAlertsAreReal(status: CAPAlert.Status) throws {
        let text = String(decoding: try fixture("beijing-red-rainstorm.xml"), as: UTF8.self).replacingOccurrences(of: "<status>Actual</status>", with: "<status>\(status.rawValue)</status>")
        #expect(try !CAPAlert.read(Array(text.utf8)).isReal)
    }

    /// Hostile and broken documents: each refused, at the line and column given, with a reason.
    @Test(arguments: [
        // An external entity (XXE): the DOCTYPE itself is refused.
        ("<?xml version=\"1.0\"?>\n<!DOCTYPE alert [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<alert>&x;</alert>", 2, 1, "DOCTYPE"),
        // Billion laughs.
        ("<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]><alert>&lol2;</alert>", 1, 1, "DOCTYPE"),
        ("<alert>\n  <identifier>a &nbsp; b</identifier></alert>", 2, 17, "unknown entity"),
        ("<alert>\n  <identifier>x</identifier>\n  <sender>", 3, 11, "ends inside <sender>"),
        ("<alert><identifier>x</sender></alert>", 1, 21, "</sender> closes <identifier>"),
        ("<alert a='1' a='2'/>", 1, 14, "given twice"),
        ("<alert>&#0;</alert>", 1, 8, "not a character"),
        ("<alert/><alert/>", 1, 9, "nothing may follow"),
        ("", 1, 1, "empty"),
        ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><alert/>", 1, 1, "only UTF-8"),
        ("<alert>\u{01}</alert>", 1, 8, "control character"),
    ])
    func aHostileOrBrokenDocumentIsRefusedAtItsPlace(text: String, line: Int, column: Int, reason: String) {
        do throws(XMLError) {
            let node = try XMLReader.parse(text)
            Issue.record("read as \(node)")
        } catch {
            #expect((error.line, error.column) == (line, column), "\(error.reason.en)")
            #expect(error.reason.en.contains(reason), "\(error.reason.en)")
            #expect(!error.reason.zh.isEmpty)
        }
    }

    @Test func fiftyMegabytesAreRefusedUnread() {
        let big = [UInt8](repeating: 0x20, count: 50 * 1024 * 1024)
        #expect(throws: XMLError.self) { try XMLReader.parse(big) }
    }

    @Test func deepNestingIsRefused() {
        let deep = String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)
        do throws(XMLError) {
            _ = try XMLReader.parse(deep)
            Issue.record("10,000 levels were read")
        } catch {
            #expect(error.reason.en.contains("nest deeper"))
        }
    }

    @Test func aMissingRequiredElementIsNamedAtItsParent() {
        let text =
            "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n<identifier>1</identifier><sender>s</sender><sent>2026-07-31T02:00:00+08:00</sent><status>Actual</status><msgType>Cancel</msgType><scope>Public</scope></alert>"
        do throws(XMLError) {
            _ = try CAPAlert.read(Array(text.utf8))
            Issue.record("a cancel without references was read")
        } catch {
            #expect(error.reason.en.contains("references"))
            #expect(error.line == 1)
        }
    }
}

/// An alert's areas on the shipped Beijing map: geocodes by ADCODE, shapes rasterised, what
/// cannot be placed listed.
@Suite("CAP 1.2: areas onto the one-map")
struct CAPFootprintTests {
    func beijingAlert() throws -> CAPAlert {
        try CAPAlert.read(Array(try Data(contentsOf: repoRoot.appendingPathComponent("Tests/Fixtures/cap/beijing-red-rainstorm.xml"))))
    }

    @Test func geocodesCoverExactlyTheirDistricts() throws {
        let en = try beijingAlert().infos[1]
        let f = en.footprint(on: shippedMap.grid)
        #expect(Set(f.districts) == ["fangshan", "mentougou"])
        #expect(f.unknownCodes.isEmpty)
        #expect(!f.outsideMap)
        let grid = shippedMap.grid
        let expected = grid.districts.filter { ["fangshan", "mentougou"].contains($0.slug) }.flatMap { grid.cells(of: $0) }
        #expect(Set(f.cells) == Set(expected))
    }

    @Test func aPolygonAndACircleAloneAreRasterisedWhereTheyLie() throws {
        var zh = try beijingAlert().infos[0]
        for k in zh.areas.indices { zh.areas[k].geocodes = [] }
        let f = zh.footprint(on: shippedMap.grid)
        #expect(!f.cells.isEmpty)
        #expect(f.districts.contains("fangshan"), "\(f.districts)")
        // Every covered cell lies within the polygon's box or the circle's reach (loosely: a
        // degree around them), never across the city.
        #expect(
            f.cells.allSatisfy { c in
                let p = shippedMap.grid.centre(of: c)
                return p.lat > 39.4 && p.lat < 40.1 && p.lon > 115.5 && p.lon < 116.35
            })
    }

    @Test func anUnknownCodeIsListedAndAnAlertElsewhereIsOutside() throws {
        var info = try beijingAlert().infos[1]
        info.areas[0].geocodes.append(CAPValue(name: "ADCODE", value: "110199"))
        #expect(info.footprint(on: shippedMap.grid).unknownCodes == [CAPValue(name: "ADCODE", value: "110199")])
        let california = try CAPAlert.read(Array(try Data(contentsOf: repoRoot.appendingPathComponent("Tests/Fixtures/cap/oasis-example2.xml"))))
        let f = try #require(california.infos.first).footprint(on: shippedMap.grid)
        #expect(f.outsideMap)
        #expect(f.cells.isEmpty)
    }

    @Test func theCitysOwnCodeCoversEveryDistrict() throws {
        var info = try beijingAlert().infos[1]
        info.areas[0].geocodes = [CAPValue(name: "ADCODE", value: "110000")]
        #expect(info.footprint(on: shippedMap.grid).districts.count == shippedMap.grid.districts.count)
    }
}

/// The colour of an alert: as it says it, else from the shipped table.
@Suite("CAP 1.2: the colour ladder")
struct CAPColourTests {
    func table() throws -> CAPColourTable {
        let text = try String(contentsOf: repoRoot.appendingPathComponent("Resources/cap/colour-ladder.txt"), encoding: .utf8)
        let (table, issues) = CAPColourTable.parse(text, file: "colour-ladder.txt")
        #expect(issues.isEmpty, "\(issues)")
        return try #require(table)
    }

    @Test func theShippedTableReadsAndGradesBySeverity() throws {
        let t = try table()
        #expect(t.colour(severity: "Extreme", urgency: "Immediate", certainty: "Possible") == .red)
        #expect(t.colour(severity: "Extreme", urgency: "Future", certainty: "Possible") == .orange)
        #expect(t.colour(severity: "Severe", urgency: "Immediate", certainty: "Likely") == .orange)
        #expect(t.colour(severity: "Moderate", urgency: "Expected", certainty: "Likely") == .yellow)
        #expect(t.colour(severity: "Minor", urgency: "Immediate", certainty: "Observed") == .blue)
        #expect(t.colour(severity: "Unknown", urgency: "Unknown", certainty: "Unknown") == .blue)
    }

    @Test func theAlertsOwnColourComesFirst() throws {
        let t = try table()
        let alert = try CAPAlert.read(Array(try Data(contentsOf: repoRoot.appendingPathComponent("Tests/Fixtures/cap/beijing-red-rainstorm.xml"))))
        var info = alert.infos[0]
        #expect(t.colour(of: info) == (.red, .parameter))
        info.parameters = []
        info.event = "暴雨橙色预警"
        #expect(t.colour(of: info) == (.orange, .text))
        info.event = "Rainstorm"
        info.headline = "Yellow rainstorm warning"
        #expect(t.colour(of: info) == (.yellow, .text))
        info.headline = "Rainstorm warning"
        info.severity = "Severe"
        info.urgency = "Expected"
        info.certainty = "Likely"
        #expect(t.colour(of: info) == (.orange, .table))
        // "blue" inside another word is not the colour.
        info.headline = "Bluebell park flooding"
        #expect(t.colour(of: info).1 == .table)
    }

    @Test func aTableWithoutACatchAllOrWithABadRowIsRefusedAtItsLine() {
        let (table, issues) = CAPColourTable.parse("Extreme * * red\nSevere * * purple\n", file: "t.txt")
        #expect(table == nil)
        #expect(issues.map(\.line) == [2, 1])
    }
}

/// A CAP alert as the warning it would issue.
@Suite("CAP 1.2: an alert as a warning")
struct CAPWarningPlanTests {
    let colours: CAPColourTable = {
        let text = (try? String(contentsOf: repoRoot.appendingPathComponent("Resources/cap/colour-ladder.txt"), encoding: .utf8)) ?? ""
        return CAPColourTable.parse(text, file: "colour-ladder.txt").table ?? CAPColourTable(rows: [])
    }()

    func alert(_ edit: (String) -> String = { $0 }) throws -> CAPAlert {
        let text = String(decoding: try Data(contentsOf: repoRoot.appendingPathComponent("Tests/Fixtures/cap/beijing-red-rainstorm.xml")), as: UTF8.self)
        return try CAPAlert.read(Array(edit(text).utf8))
    }

    @Test func theRedRainstormAlertIsARedRainstormWarningForItsDistricts() throws {
        let plan = try alert().warningPlan(on: shippedMap.grid, colours: colours)
        guard case let .area(.issueWarning(hazard, color, districts, authority, expires)) = plan.command else {
            Issue.record("not a warning: \(plan.command)")
            return
        }
        #expect(hazard == .rainstorm)
        #expect(color == .red)
        #expect(plan.colourSource == .parameter)
        #expect(Set(districts).isSuperset(of: ["fangshan", "mentougou"]))
        #expect(authority == "北京市气象台")
        #expect(expires == Date(timeIntervalSince1970: 1_785_456_000))
        #expect(plan.headlines["zh-CN"] == "北京市气象台发布暴雨红色预警信号")
        #expect(plan.headlines["en-US"] == "Red rainstorm warning")
        // Decided like any warning: the decider accepts it on the shipped map.
        let context = DecisionContext(now: Date(timeIntervalSince1970: 1_785_434_400), operatorName: "cap", plans: shippedPlans, grid: shippedMap.grid)
        let events = try decide(plan.command, CommandState(), context)
        #expect(events.map(\.kind) == [.warningIssued])
    }

    @Test(arguments: ["Exercise", "Test", "System", "Draft"])
    func anExerciseOrTestAlertNeverBecomesARealWarning(status: String) throws {
        let a = try alert { $0.replacingOccurrences(of: "<status>Actual</status>", with: "<status>\(status)</status>") }
        #expect(throws: CAPRefusal.self) { try a.warningPlan(on: shippedMap.grid, colours: colours) }
    }

    @Test func anAlertElsewhereIsRefusedNotDrawn() throws {
        let california = try CAPAlert.read(Array(try Data(contentsOf: repoRoot.appendingPathComponent("Tests/Fixtures/cap/oasis-example2.xml"))))
        do throws(CAPRefusal) {
            _ = try california.warningPlan(on: shippedMap.grid, colours: colours)
            Issue.record("an alert in California was placed on Beijing's map")
        } catch {
            #expect(error.reason.en.contains("no area of the alert lies on this map"))
        }
    }
}
