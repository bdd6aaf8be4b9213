import CommandModel
import Foundation
import Testing

@Suite("Rasteriser on known shapes")
struct RasterizerTests {
    /// A 10x10 grid over 0..10 degrees each way: cell (x, y) centres at (x + 0.5, 9.5 - y).
    let r = Rasterizer(width: 10, height: 10, box: GeoBox(north: 10, south: 0, west: 0, east: 10))

    func p(_ lon: Double, _ lat: Double) -> GeoPoint { GeoPoint(lat: lat, lon: lon) }

    func picture(_ cells: [Cell]) -> [String] {
        var rows = Array(repeating: Array(repeating: Character("."), count: 10), count: 10)
        for c in cells { rows[c.y][c.x] = "#" }
        return rows.map { String($0) }
    }

    @Test func square() {
        let cells = r.fill([[[p(2, 2), p(6, 2), p(6, 6), p(2, 6), p(2, 2)]]])
        #expect(cells.count == 16)
        #expect(picture(cells)[4] == "..####....")
    }

    @Test func concavePolygon() {
        // An L: the notch at the top right stays empty.
        let cells = r.fill([[[p(1, 1), p(9, 1), p(9, 5), p(5, 5), p(5, 9), p(1, 9), p(1, 1)]]])
        let pic = picture(cells)
        #expect(pic[1] == ".####.....")
        #expect(pic[7] == ".########.")
        #expect(cells.count == 4 * 8 + 4 * 4)
    }

    @Test func polygonWithAHole() {
        let outer = [p(1, 1), p(9, 1), p(9, 9), p(1, 9), p(1, 1)]
        let hole = [p(3, 3), p(7, 3), p(7, 7), p(3, 7), p(3, 3)]
        let cells = r.fill([[outer, hole]])
        #expect(cells.count == 64 - 16)
        #expect(picture(cells)[4] == ".##....##.")
    }

    @Test func multiPolygon() {
        let a = [[p(0, 0), p(2, 0), p(2, 2), p(0, 2), p(0, 0)]]
        let b = [[p(8, 8), p(10, 8), p(10, 10), p(8, 10), p(8, 8)]]
        let cells = Set(r.fill([a, b]))
        #expect(cells == [Cell(x: 0, y: 8), Cell(x: 1, y: 8), Cell(x: 0, y: 9), Cell(x: 1, y: 9), Cell(x: 8, y: 0), Cell(x: 9, y: 0), Cell(x: 8, y: 1), Cell(x: 9, y: 1)])
    }

    @Test func polygonCrossingTheBoxEdge() {
        // Half of it lies west of the box: only the inside half is drawn, nothing wraps.
        let cells = r.fill([[[p(-4, 4), p(2, 4), p(2, 6), p(-4, 6), p(-4, 4)]]])
        #expect(Set(cells) == [Cell(x: 0, y: 4), Cell(x: 1, y: 4), Cell(x: 0, y: 5), Cell(x: 1, y: 5)])
    }

    @Test func linesPassThroughEveryCellOnTheirWay() {
        let cells = r.stroke([p(0.5, 0.5), p(9.5, 0.5)])
        #expect(cells.count == 10)
        #expect(Set(cells.map(\.y)) == [9])
    }

    @Test func geoJSONErrorsNameTheField() {
        let bad = Data(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[1,"x"]]]}}]}"#.utf8)
        #expect(throws: FileIssues.self) { try GeoJSON.features(from: bad, file: "bad.geojson") }
        do { _ = try GeoJSON.features(from: bad, file: "bad.geojson") } catch {
            #expect(error.issues.first?.field == "features[0].geometry.coordinates[0][0]")
        }
    }
}

@Suite("The Beijing one-map")
struct BeijingMapTests {
    static let map: OneMap = {
        let url = repoRoot.appendingPathComponent("Resources/maps/beijing.map")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let (map, issues) = OneMap.parse(text, file: url.path)
        precondition(issues.isEmpty, "beijing.map has issues: \(issues)")
        guard let map else { preconditionFailure("beijing.map did not load") }
        return map
    }()
    let grid = BeijingMapTests.map.grid()

    @Test func allSixteenDistrictsArePresent() {
        #expect(grid.districts.count == 16)
        #expect(
            grid.districts.map(\.code) == [
                "110101", "110102", "110105", "110106", "110107", "110108", "110109", "110111", "110112", "110113", "110114", "110115", "110116", "110117", "110118", "110119",
            ])
        for d in grid.districts { #expect(!grid.cells(of: d).isEmpty, "\(d.slug) has no cells") }
        #expect(grid.district(named: "朝阳")?.slug == "chaoyang")
        #expect(grid.district(named: "Dongcheng")?.code == "110101")
    }

    @Test func eachDistrictIsOnePiece() {
        for d in grid.districts {
            let cells = Set(grid.cells(of: d))
            // The largest connected piece (starting from any one cell, as this test once did,
            // failed whenever the set's random order put the start in a sliver).
            var seen: Set<Cell> = []
            var largest = 0
            for start in cells where !seen.contains(start) {
                var piece = 1
                seen.insert(start)
                var queue = [start]
                while let c = queue.popLast() {
                    for dy in -1...1 {
                        for dx in -1...1 {
                            let n = Cell(x: c.x + dx, y: c.y + dy)
                            if cells.contains(n) && seen.insert(n).inserted {
                                queue.append(n)
                                piece += 1
                            }
                        }
                    }
                }
                largest = max(largest, piece)
            }
            // Real boundaries have slivers one cell wide; the main body must hold nearly all.
            #expect(Double(largest) >= Double(cells.count) * 0.97 || largest >= cells.count - 3, "\(d.slug): \(largest) of \(cells.count) cells connected")
        }
    }

    func centre(_ slug: String) -> (x: Double, y: Double) {
        let cells = grid.cells(of: grid.district(named: slug)!)
        return (Double(cells.map(\.x).reduce(0, +)) / Double(cells.count), Double(cells.map(\.y).reduce(0, +)) / Double(cells.count))
    }

    @Test func districtsLieOnTheRightSideOfTheCity() {
        let core = centre("dongcheng")
        let yanqing = centre("yanqing"), pinggu = centre("pinggu"), fangshan = centre("fangshan"), tongzhou = centre("tongzhou")
        #expect(yanqing.x < core.x && yanqing.y < core.y, "Yanqing is north-west")
        #expect(pinggu.x > core.x && pinggu.y < core.y, "Pinggu is north-east")
        #expect(fangshan.x < core.x && fangshan.y > core.y, "Fangshan is south-west")
        #expect(tongzhou.x > core.x && abs(tongzhou.y - core.y) < 10, "Tongzhou is east")
    }

    @Test func theSecondRingSurroundsTheOldCity() {
        // Walk out from the old city's centre in four directions: each meets the 2nd Ring
        // before leaving Dongcheng or Xicheng.
        let tiananmen = grid.cell(for: GeoPoint(lat: 39.905, lon: 116.397))!
        #expect(["dongcheng", "xicheng"].contains(grid.district(at: tiananmen)?.slug ?? ""))
        for (dx, dy) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
            var c = tiananmen
            var hitRing = false
            for _ in 0..<12 {
                c = Cell(x: c.x + dx, y: c.y + dy)
                if Self.map.entry(.roads, Self.map.symbol(.roads, c))?.kind == "ring" { hitRing = true; break }
                #expect(["dongcheng", "xicheng"].contains(grid.district(at: c)?.slug ?? ""), "left the old city at \(c) before the ring")
            }
            #expect(hitRing, "no ring road met going \(dx),\(dy)")
        }
    }

    @Test func waterAndMountainsAreWhereTheyShouldBe() {
        let miyun = grid.cell(for: GeoPoint(lat: 40.52, lon: 116.97))!
        #expect(grid.terrain[grid.index(miyun)] == .water)
        let lingshan = grid.cell(for: GeoPoint(lat: 39.98, lon: 115.50))!  // Mentougou's Lingshan
        #expect(grid.terrain[grid.index(lingshan)] == .mountain)
        let tiananmen = grid.cell(for: GeoPoint(lat: 39.905, lon: 116.397))!
        #expect(grid.terrain[grid.index(tiananmen)] == .urban)
    }

    @Test func theMapFileRoundTripsAndCheckReportsLineAndColumn() {
        let text = Self.map.text()
        #expect(OneMap.parse(text, file: "x").map == Self.map)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let row = lines.firstIndex(of: "layer terrain")! + 10
        lines[row] = String(lines[row].prefix(5)) + "@" + String(lines[row].dropFirst(6))
        let (broken, issues) = OneMap.parse(lines.joined(separator: "\n"), file: "beijing.map")
        #expect(broken == nil)
        #expect(issues.count == 1)
        #expect(issues.first?.line == row + 1)
        #expect(issues.first?.column == 6)
        #expect(issues.first?.message.en == "'@' is not in the terrain legend")
    }

    @Test func recommendationOnBeijingRoutesAroundWater() {
        // A team in Miyun town reaches the reservoir's far shore only by going round.
        let times = grid.travelTimes(to: grid.cell(for: GeoPoint(lat: 40.38, lon: 116.84))!)
        let near = times.minutes(from: grid.cell(for: GeoPoint(lat: 40.40, lon: 116.85))!) ?? .infinity
        let farShore = times.minutes(from: grid.cell(for: GeoPoint(lat: 40.62, lon: 117.00))!) ?? .infinity
        #expect(near < 15)
        #expect(farShore > near)
    }
}
