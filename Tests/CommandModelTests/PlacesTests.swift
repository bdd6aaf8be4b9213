import Foundation
import Testing

@testable import CommandModel

/// Coordinates in one named frame, attributed by the boundary polygons, and a report outside
/// the city said, not swallowed.
@Suite("Places: frames, borders and the city's edge")
struct PlacesTests {
    /// A scenario over the shipped map, its polygons and plans (outside: as asked).
    static func beijing(outside: CentreRules.Outside = .refuse) -> Scenario {
        var s = Scenario()
        s.grid = shippedMap.grid
        s.places = shippedMap.places
        s.plans = plans(outside: outside)
        return s
    }

    static func reported(_ line: String, outside: CentreRules.Outside = .refuse) -> Result<[Event], Rejection> {
        let s = beijing(outside: outside)
        do {
            let commands = try Grammar.parse(line, now: t0)
            return s.trying(commands[0])
        } catch {
            Issue.record("\(line) does not parse: \(error)")
            return .failure(.noMap)
        }
    }

    static func report(_ result: Result<[Event], Rejection>) -> IncidentReport? {
        guard case let .incidentReported(r)? = result.events?.first else { return nil }
        return r
    }

    // MARK: Frames

    /// The published GCJ-02 offset at Tiananmen (the value an independent Python rendering of
    /// the same public formulae gives): the two frames are some 600 m apart here, and the
    /// inverse comes back to within a millimetre.
    @Test func gcj02IsTheStandardOffsetAndItsInverseReturns() {
        let wgs = GeoPoint(lat: 39.9033, lon: 116.3917)
        let gcj = Datum.wgs84.convert(wgs, to: .gcj02)
        #expect(abs(gcj.lat - 39.904_701_28) < 1e-7 && abs(gcj.lon - 116.397_940_85) < 1e-7, "\(gcj)")
        let back = Datum.gcj02.convert(gcj, to: .wgs84)
        #expect(abs(back.lat - wgs.lat) < 1e-8 && abs(back.lon - wgs.lon) < 1e-8)
        // Outside China the frames agree.
        let paris = GeoPoint(lat: 48.8584, lon: 2.2945)
        #expect(Datum.wgs84.convert(paris, to: .gcj02) == paris)
    }

    /// The Monument to the People's Heroes, WGS-84 as a GPS gives it, is in Dongcheng; the
    /// same numbers read as GCJ-02 would be 600 m west, in Xicheng.
    @Test func theMonumentOnTiananmenSquareIsInDongcheng() throws {
        let r = try #require(Self.report(Self.reported("report fire at 39.9033,116.3917")))
        #expect(r.district == "dongcheng")
        #expect(r.given == GivenPoint(GeoPoint(lat: 39.9033, lon: 116.3917), datum: .wgs84))
        let p = try #require(r.location.point)
        #expect(abs(p.lon - 116.397_940_85) < 1e-7, "stored in the map's frame: \(p)")
        #expect(Self.report(Self.reported("report fire at 39.9033,116.3917 datum wgs84"))?.district == "dongcheng")
        #expect(Self.report(Self.reported("report fire at gcj02:39.9033,116.3917"))?.district == "xicheng")
        #expect(Self.report(Self.reported("report fire at 39.9033,116.3917 datum gcj02"))?.district == "xicheng")
    }

    /// Points 300 m either side of district borders (and of the city's own border), WGS-84,
    /// placed from the unsimplified AMap boundaries (not the shipped, simplified ones) and
    /// converted to WGS-84 by an independent rendering of the formulae: each lands on its side.
    @Test(arguments: [
        (39.90917, 116.38303, "xicheng"), (39.91047, 116.38985, "dongcheng"),
        (39.93573, 116.44136, "chaoyang"), (39.93729, 116.43462, "dongcheng"),
        (39.92761, 116.32433, "haidian"), (39.92802, 116.33133, "xicheng"),
        (39.87240, 116.31992, "fengtai"), (39.87750, 116.31761, "xicheng"),
        (39.79366, 116.27348, "daxing"), (39.79903, 116.27411, "fengtai"),
        (40.10707, 116.26066, "changping"), (40.10396, 116.25491, "haidian"),
        (39.82407, 116.57445, "tongzhou"), (39.82369, 116.58146, "chaoyang"),
        (39.77424, 116.12201, "fengtai"), (39.77956, 116.12313, "fangshan"),
        (40.02967, 116.57579, "shunyi"), (40.02850, 116.56891, "chaoyang"),
        (39.89941, 116.24347, "shijingshan"), (39.89939, 116.25050, "haidian"),
        (39.57350, 115.94605, "fangshan"), (39.45451, 116.34228, "daxing"), (39.97585, 116.75695, "tongzhou"),
    ])
    func pointsNearABorderLandOnTheirSide(lat: Double, lon: Double, district: String) throws {
        let r = try #require(Self.report(Self.reported("report fire at \(lat),\(lon)")))
        #expect(r.district == district)
        #expect(r.outside == nil)
    }

    /// Why polygons: without them (the grid cell alone, in the right frame) some of the same
    /// points land in the neighbouring district.
    @Test func theGridCellAloneGetsSomeBorderPointsWrong() {
        let points: [(Double, Double, String)] = [
            (39.90917, 116.38303, "xicheng"), (39.91047, 116.38985, "dongcheng"), (39.93573, 116.44136, "chaoyang"), (39.93729, 116.43462, "dongcheng"),
            (39.92761, 116.32433, "haidian"), (39.92802, 116.33133, "xicheng"), (39.87240, 116.31992, "fengtai"), (39.87750, 116.31761, "xicheng"),
            (39.79366, 116.27348, "daxing"), (39.79903, 116.27411, "fengtai"), (40.10707, 116.26066, "changping"), (40.10396, 116.25491, "haidian"),
        ]
        var s = Self.beijing()
        s.places = nil
        let wrong = points.filter { lat, lon, district in
            Self.report(s.trying(.incident(.report(NewIncident(type: .fire, place: .point(GeoPoint(lat: lat, lon: lon)))))))?.district != district
        }
        #expect(!wrong.isEmpty)
    }

    /// A city file's positions are WGS-84 unless it says `datum: gcj02`.
    @Test func aCityFileSaysItsFrame() throws {
        let body = "shelters:\n  - {id: SH-1, name: {en: Square, zh: 广场}, at: [39.9033, 116.3917], capacity: 10}\n"
        let (wgs, i1) = CityData.load("version: 1\n" + body, file: "c.yaml", grid: shippedMap.grid)
        let (gcj, i2) = CityData.load("version: 1\ndatum: gcj02\n" + body, file: "c.yaml", grid: shippedMap.grid)
        #expect(i1.isEmpty && i2.isEmpty)
        let a = try #require(wgs.facilities.first?.point), b = try #require(gcj.facilities.first?.point)
        #expect(abs(a.lon - 116.397_940_85) < 1e-7 && b == GeoPoint(lat: 39.9033, lon: 116.3917))
        let (_, bad) = CityData.load("version: 1\ndatum: bd09\n" + body, file: "c.yaml", grid: shippedMap.grid)
        #expect(bad.map { "\($0.line):\($0.column)" } == ["2:8"], "\(bad)")
    }

    /// Just across the city's border, 300 m out: Hebei, named, refused or kept as asked.
    @Test(arguments: [
        (39.57090, 115.93994, "Hebei · Zhuozhou"), (39.45279, 116.33569, "Hebei · Langfang · Gu'an"), (39.97440, 116.76373, "Hebei · Sanhe"),
    ])
    func pointsJustOutsideTheCityAreNamed(lat: Double, lon: Double, place: String) {
        guard case let .outsideCity(where_, city)? = Self.reported("report fire at \(lat),\(lon)").rejection else {
            Issue.record("not refused as outside")
            return
        }
        #expect(where_.name.en == place)
        #expect(city.en == "Beijing")
    }

    // MARK: Outside the city

    @Test func aReportInZhuozhouIsRefusedNamingHebeiWhenTheCentreRefuses() throws {
        let refusal = try #require(Self.reported("report flood at 39.4855,115.9740").rejection)
        #expect(refusal == .outsideCity(OutsidePlace(code: "130681", name: Bilingual("Hebei · Zhuozhou", "河北省 · 涿州市")), city: Bilingual("Beijing", "北京")))
        #expect(refusal.message.en.hasPrefix("Hebei · Zhuozhou, outside Beijing"))
        #expect(refusal.message.zh.hasPrefix("河北省 · 涿州市，不在北京辖区内"))
    }

    @Test func aReportInZhuozhouIsKeptAsANeighboursIncidentWhenTheCentreRecords() throws {
        var s = Self.beijing(outside: .record)
        let events = try #require(s.when(.incident(.report(NewIncident(type: .flood, place: .point(GeoPoint(lat: 39.4855, lon: 115.9740)))))).events)
        guard case let .incidentReported(r)? = events.first else {
            Issue.record("no report")
            return
        }
        #expect(r.district == nil)
        #expect(r.outside == OutsidePlace(code: "130681", name: Bilingual("Hebei · Zhuozhou", "河北省 · 涿州市")))
        #expect(r.title == "flood · Hebei · Zhuozhou")
        #expect(shippedMap.grid.contains(r.location.cell))
        #expect(s.state.incidents[r.id]?.outside == r.outside)
    }

    @Test func tianjinAndPointsBeyondEveryBoundaryAreSaid() throws {
        let tianjin = try #require(Self.reported("report fire at 39.1300,117.2000").rejection)
        #expect(tianjin.message.en.hasPrefix("Tianjin · Heping, outside Beijing"))
        // Far away: recorded at the map's nearest edge cell, with the point named.
        var s = Self.beijing(outside: .record)
        let events = try #require(s.when(.incident(.report(NewIncident(type: .fire, place: .point(GeoPoint(lat: 30, lon: 100)))))).events)
        guard case let .incidentReported(r)? = events.first else {
            Issue.record("no report")
            return
        }
        #expect(r.outside?.code == nil)
        #expect(r.outside?.name.en == "30.0000,100.0000 (beyond the known boundaries)")
        #expect(shippedMap.grid.contains(r.location.cell))
    }

    /// A cell or a district name is attributed as before (no polygon needed).
    @Test func cellsAndDistrictNamesAreUnchanged() {
        #expect(Self.report(Self.reported("report fire at chaoyang"))?.district == "chaoyang")
    }

    // MARK: The places file

    @Test func theShippedPlacesFileHoldsEveryDistrictOfTheMapAndItsNeighbours() {
        let codes = Set(shippedMap.places.places.map(\.code))
        for d in shippedMap.grid.districts { #expect(codes.contains(d.code), "\(d.slug) has no polygon") }
        #expect(codes.contains("130681") && codes.contains("120000") && codes.contains("131000"))
        #expect(shippedMap.places.frame == .gcj02)
    }

    @Test func aBrokenPlacesFileNamesLineAndColumn() {
        let text = """
            decision-hub-places 1
            frame: gcj02
            place 110101 dongcheng | Beijing | 北京市 | - | - | Dongcheng | 东城区
            ring 39.9,116.4 39.91,116.4 39.91,x 39.9,116.41
            place 1 bad | only | three
            hole 39.9,116.4 39.91,116.4 39.91,116.41
            """
        let (places, issues) = Places.parse(text, file: "p.places")
        #expect(places == nil)
        #expect(issues.map { "\($0.line):\($0.column)" } == ["4:29", "5:1", "5:7", "6:1"], "\(issues)")
    }

    @Test func theGrammarNamesTheFrame() throws {
        #expect(try Grammar.parse("report fire at gcj02:39.9,116.4", now: t0) == [.incident(.report(NewIncident(type: .fire, place: .point(GeoPoint(lat: 39.9, lon: 116.4), datum: .gcj02))))])
        #expect(throws: GrammarError.self) { try Grammar.parse("report fire at gcj02:39.9,116.4 datum wgs84", now: t0) }
        #expect(throws: GrammarError.self) { try Grammar.parse("report fire at chaoyang datum wgs84", now: t0) }
        #expect(throws: GrammarError.self) { try Grammar.parse("report fire at 39.9,116.4 datum bd09", now: t0) }
    }
}

/// The places file's fast path (bytes) against its reference (`Double` over each pair).
@Suite("Places file: the fast reader agrees with the careful one")
struct PlacesFastReaderTests {
    @Test func everyShippedRingReadsTheSameBothWays() throws {
        let text = try String(contentsOf: repoRoot.appendingPathComponent("Resources/maps/beijing.places"), encoding: .utf8)
        var rings = 0
        for line in text.split(separator: "\n") where line.hasPrefix("ring ") || line.hasPrefix("hole ") {
            let rest = line.dropFirst(5)
            let reference = rest.split(separator: " ").map { pair -> GeoPoint in
                let xy = pair.split(separator: ",")
                return GeoPoint(lat: Double(xy[0]) ?? .nan, lon: Double(xy[1]) ?? .nan)
            }
            let fast = try #require(Places.points(rest))
            #expect(fast.count == reference.count)
            for (a, b) in zip(fast, reference) { #expect(abs(a.lat - b.lat) < 1e-12 && abs(a.lon - b.lon) < 1e-12) }
            rings += 1
        }
        #expect(rings > 78)
    }

    @Test(arguments: ["", "39.9", "39.9,", "39.9,116.4 ", "39.9, 116.4", "39.9,116.4  1,2", "91,116", "39.9,181", "1e3,2", "39.,116", "+39,116", "39.9,116.4,1"])
    func malformedLinesLeaveTheFastPath(line: String) {
        #expect(Places.points(Substring(line)) == nil || line.isEmpty)
    }
}

/// Until the `places` fuzz target has run: every one-byte change of a small file is read
/// without a trap, refused with a position, or read and answers a look-up.
@Suite("Places file: one-byte changes")
struct PlacesMutationTests {
    @Test func everyOneByteChangeIsReadOrRefusedWithAPosition() {
        let seed = Array("decision-hub-places 1\nframe: wgs84\nplace 1 a | P | 省 | - | - | A | 甲\nring 0,0 0,1 1,1 1,0\nhole 0.2,0.2 0.2,0.8 0.8,0.8\n".utf8)
        let replacements: [UInt8] = [0x0A, 0x20, 0x2C, 0x2D, 0x2E, 0x39, 0x7C, 0x78, 0x00, 0xFF]
        var read = 0
        for k in seed.indices {
            for b in replacements where seed[k] != b {
                var bytes = seed
                bytes[k] = b
                let (text, decodeIssues) = FileIssue.decode(bytes, file: "m.places")
                guard let text else {
                    #expect(decodeIssues.allSatisfy { $0.line >= 1 && $0.column >= 1 })
                    continue
                }
                let (places, issues) = Places.parse(text, file: "m.places")
                if let places {
                    read += 1
                    _ = places.place(at: GeoPoint(lat: 0.5, lon: 0.1), datum: .wgs84)
                } else {
                    #expect(!issues.isEmpty && issues.allSatisfy { $0.line >= 1 && $0.column >= 1 }, "\(issues)")
                }
            }
        }
        #expect(read > 0)
    }
}
