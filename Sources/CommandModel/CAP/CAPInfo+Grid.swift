import Foundation

/// Where an alert's areas fall on the one-map: the cells its polygons and circles cover and the
/// districts its geocodes name, with what could not be placed said, not dropped.
public struct CAPFootprint: Hashable, Sendable {
    /// The cells covered (polygons and circles rasterised, districts named by geocode), in
    /// row order.
    public var cells: [Cell]
    /// The districts touched (slugs), in the map's order.
    public var districts: [String]
    /// Geocodes that name no district of this map (`ADCODE 110199`).
    public var unknownCodes: [CAPValue]
    /// Whether the alert has areas and none of them lies on the map (listed, not drawn).
    public var outsideMap: Bool
}

extension CAPInfo {
    /// The alert's areas on `grid`. Shapes are given in WGS-84 and the map is in its own frame
    /// (GCJ-02 for the shipped maps): every point is converted first. A cell is covered when its
    /// centre lies in a polygon or circle; a shape smaller than a cell covers the cell it is in.
    /// A geocode whose value is a district's code (`110111`) covers the district; the city's own
    /// code (`110000`) covers every district.
    public func footprint(on grid: Grid, frame: Datum = .gcj02) -> CAPFootprint {
        var covered = [Bool](repeating: false, count: grid.width * grid.height)
        var unknown: [CAPValue] = []
        var shapes = 0
        for area in areas {
            for code in area.geocodes {
                let v = code.value.trimmingCharacters(in: .whitespaces)
                if let d = grid.districts.firstIndex(where: { $0.code == v }) {
                    let want = grid.districts[d]
                    for c in grid.cells(of: want) { covered[grid.index(c)] = true }
                } else if v.count == 6, v.hasSuffix("0000"), grid.districts.contains(where: { $0.code.hasPrefix(v.prefix(2)) }) {
                    for d in grid.districts where d.code.hasPrefix(v.prefix(2)) { for c in grid.cells(of: d) { covered[grid.index(c)] = true } }
                } else {
                    unknown.append(code)
                }
            }
            for polygon in area.polygons {
                shapes += 1
                let ring = polygon.map { Datum.wgs84.convert($0, to: frame) }
                cover(grid, &covered, near: ring) { Self.contains(ring, $0) }
            }
            for circle in area.circles {
                shapes += 1
                let centre = Datum.wgs84.convert(circle.centre, to: frame)
                let dLat = circle.radiusKm / 110.57, dLon = circle.radiusKm / (111.32 * max(0.01, cos(centre.lat * .pi / 180)))
                let box = [GeoPoint(lat: centre.lat - dLat, lon: centre.lon - dLon), GeoPoint(lat: centre.lat + dLat, lon: centre.lon + dLon)]
                cover(grid, &covered, near: box) { p in
                    let y = (p.lat - centre.lat) * 110.57, x = (p.lon - centre.lon) * 111.32 * cos(centre.lat * .pi / 180)
                    return x * x + y * y <= circle.radiusKm * circle.radiusKm
                }
                if let c = grid.cell(for: centre) { covered[grid.index(c)] = true }
            }
        }
        let cells = covered.indices.filter { covered[$0] }.map { grid.cell(at: $0) }
        let touched = Set(cells.compactMap { grid.district(at: $0)?.slug })
        let placed = !cells.isEmpty
        return CAPFootprint(
            cells: cells, districts: grid.districts.map(\.slug).filter { touched.contains($0) }, unknownCodes: unknown,
            outsideMap: !placed && (shapes > 0 || !unknown.isEmpty))
    }

    /// Marks the cells within the points' bounding box whose centres pass `inside`; a shape
    /// within one cell marks that cell.
    private func cover(_ grid: Grid, _ covered: inout [Bool], near points: [GeoPoint], inside: (GeoPoint) -> Bool) {
        guard let south = points.map(\.lat).min(), let north = points.map(\.lat).max(), let west = points.map(\.lon).min(), let east = points.map(\.lon).max() else { return }
        guard north >= grid.box.south, south <= grid.box.north, east >= grid.box.west, west <= grid.box.east else { return }
        let a = grid.nearestCell(to: GeoPoint(lat: north, lon: west)), b = grid.nearestCell(to: GeoPoint(lat: south, lon: east))
        var any = false
        for y in a.y...b.y {
            for x in a.x...b.x {
                let c = Cell(x: x, y: y)
                if inside(grid.centre(of: c)) {
                    covered[grid.index(c)] = true
                    any = true
                }
            }
        }
        if !any, let c = grid.cell(for: GeoPoint(lat: (north + south) / 2, lon: (east + west) / 2)) { covered[grid.index(c)] = true }
    }

    /// Ray casting: whether a point lies inside a closed ring.
    static func contains(_ ring: [GeoPoint], _ p: GeoPoint) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in ring.indices {
            let a = ring[i], b = ring[j]
            if (a.lat > p.lat) != (b.lat > p.lat), p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon { inside.toggle() }
            j = i
        }
        return inside
    }
}
