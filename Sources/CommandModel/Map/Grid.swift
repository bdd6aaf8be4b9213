import Foundation

/// The ground a cell stands on. Decides how fast teams cross it.
public enum Terrain: UInt8, Sendable, Codable, CaseIterable, Hashable {
    case outside = 0
    case plain
    case urban
    case hill
    case mountain
    case water

    public var name: Bilingual {
        switch self {
        case .outside: Bilingual("outside", "界外")
        case .plain: Bilingual("plain", "平原")
        case .urban: Bilingual("urban core", "城区")
        case .hill: Bilingual("hill", "丘陵")
        case .mountain: Bilingual("mountain", "山区")
        case .water: Bilingual("water", "水域")
        }
    }

    /// Minutes to cross one kilometre off-road; nil where teams cannot pass.
    public var minutesPerKm: Double? {
        switch self {
        case .outside, .plain: 1.5
        case .urban: 2.0
        case .hill: 3.0
        case .mountain: 6.0
        case .water: nil
        }
    }
}

/// Roads make cells faster and carry teams across water (bridges).
public enum RoadClass: UInt8, Sendable, Codable, CaseIterable, Hashable {
    case none = 0
    case road
    case expressway

    public var minutesPerKm: Double? {
        switch self {
        case .none: nil
        case .road: 1.2
        case .expressway: 0.75
        }
    }
}

/// A district of the city, as the map's legend names it.
public struct District: Hashable, Sendable, Codable {
    /// The administrative code, e.g. `110105` for Chaoyang.
    public var code: String
    /// A lower-case ASCII name to type: `chaoyang`.
    public var slug: String
    public var name: Bilingual

    public init(code: String, slug: String, name: Bilingual) {
        self.code = code
        self.slug = slug
        self.name = name
    }
}

/// The latitude/longitude box a grid covers.
public struct GeoBox: Hashable, Sendable, Codable {
    public var north: Double
    public var south: Double
    public var west: Double
    public var east: Double

    public init(north: Double, south: Double, west: Double, east: Double) {
        precondition(north > south && east > west, "empty box \(north) \(south) \(west) \(east)")
        self.north = north
        self.south = south
        self.west = west
        self.east = east
    }
}

/// The map grid the model reasons on: per cell a district, a terrain and a road class.
///
/// Guarantees: every layer has `width * height` entries; district index 0 means "none",
/// index `k` names `districts[k - 1]`.
public struct Grid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let box: GeoBox
    public private(set) var terrain: [Terrain]
    public private(set) var road: [RoadClass]
    public private(set) var districtIndex: [UInt8]
    public let districts: [District]

    public init(width: Int, height: Int, box: GeoBox, districts: [District] = [], fill: Terrain = .plain) {
        precondition(width > 0 && height > 0, "grid must not be empty: \(width)x\(height)")
        self.width = width
        self.height = height
        self.box = box
        self.districts = districts
        terrain = Array(repeating: fill, count: width * height)
        road = Array(repeating: .none, count: width * height)
        districtIndex = Array(repeating: 0, count: width * height)
    }

    /// A grid from its layers (a cache's copy of a parsed map); nil unless every layer has
    /// `width * height` entries and every district index names a district.
    public init?(width: Int, height: Int, box: GeoBox, districts: [District], terrain: [Terrain], road: [RoadClass], districtIndex: [UInt8]) {
        let (cells, overflow) = width.multipliedReportingOverflow(by: height)
        guard width > 0, height > 0, !overflow, terrain.count == cells, road.count == cells, districtIndex.count == cells, districts.count < 256,
            districtIndex.allSatisfy({ Int($0) <= districts.count })
        else { return nil }
        self.width = width
        self.height = height
        self.box = box
        self.districts = districts
        self.terrain = terrain
        self.road = road
        self.districtIndex = districtIndex
    }

    @inlinable public func contains(_ c: Cell) -> Bool { c.x >= 0 && c.y >= 0 && c.x < width && c.y < height }
    @inlinable public func index(_ c: Cell) -> Int { c.y * width + c.x }
    @inlinable public func cell(at index: Int) -> Cell { Cell(x: index % width, y: index / width) }

    public mutating func set(_ c: Cell, terrain t: Terrain) { terrain[index(c)] = t }
    public mutating func set(_ c: Cell, road r: RoadClass) { road[index(c)] = r }
    public mutating func set(_ c: Cell, district k: Int) {
        precondition(k >= 0 && k <= districts.count, "district index \(k) out of 0...\(districts.count)")
        districtIndex[index(c)] = UInt8(k)
    }

    /// The district a cell lies in, if any.
    public func district(at c: Cell) -> District? {
        guard contains(c) else { return nil }
        let k = Int(districtIndex[index(c)])
        return k == 0 ? nil : districts[k - 1]
    }

    /// Finds a district by slug, code or either name.
    public func district(named text: String) -> District? {
        let t = text.lowercased()
        return districts.first { $0.slug == t || $0.code == text || $0.name.en.lowercased() == t || $0.name.zh == text || $0.name.zh == text + "区" }
    }

    /// The cells of a district, in row order.
    public func cells(of district: District) -> [Cell] {
        guard let k = districts.firstIndex(of: district) else { return [] }
        let want = UInt8(k + 1)
        return districtIndex.indices.filter { districtIndex[$0] == want }.map { cell(at: $0) }
    }

    /// The cell nearest the middle of a district (its centroid, moved onto the district).
    public func centre(of district: District) -> Cell? {
        let cells = cells(of: district)
        guard !cells.isEmpty else { return nil }
        let mx = Double(cells.map(\.x).reduce(0, +)) / Double(cells.count)
        let my = Double(cells.map(\.y).reduce(0, +)) / Double(cells.count)
        return cells.min { a, b in
            let da = (Double(a.x) - mx) * (Double(a.x) - mx) + (Double(a.y) - my) * (Double(a.y) - my)
            let db = (Double(b.x) - mx) * (Double(b.x) - mx) + (Double(b.y) - my) * (Double(b.y) - my)
            return da < db
        }
    }

    // MARK: Geography

    /// The cell holding a point, or nil outside the box.
    public func cell(for p: GeoPoint) -> Cell? {
        guard p.lat <= box.north, p.lat >= box.south, p.lon >= box.west, p.lon <= box.east else { return nil }
        let fx = (p.lon - box.west) / (box.east - box.west) * Double(width)
        let fy = (box.north - p.lat) / (box.north - box.south) * Double(height)
        return Cell(x: min(width - 1, Int(fx)), y: min(height - 1, Int(fy)))
    }

    /// The cell of the map nearest a point, on its edge for a point beyond the box.
    public func nearestCell(to p: GeoPoint) -> Cell {
        let lat = min(max(p.lat, box.south), box.north), lon = min(max(p.lon, box.west), box.east)
        let fx = (lon - box.west) / (box.east - box.west) * Double(width)
        let fy = (box.north - lat) / (box.north - box.south) * Double(height)
        return Cell(x: min(width - 1, max(0, Int(fx))), y: min(height - 1, max(0, Int(fy))))
    }

    /// The point at the centre of a cell.
    public func centre(of c: Cell) -> GeoPoint {
        GeoPoint(
            lat: box.north - (Double(c.y) + 0.5) / Double(height) * (box.north - box.south),
            lon: box.west + (Double(c.x) + 0.5) / Double(width) * (box.east - box.west))
    }

    /// Kilometres across one cell east-west and north-south, at the box's middle latitude.
    public var cellSizeKm: (dx: Double, dy: Double) {
        let midLat = (box.north + box.south) / 2 * .pi / 180
        let dx = (box.east - box.west) / Double(width) * 111.32 * cos(midLat)
        let dy = (box.north - box.south) / Double(height) * 110.57
        return (dx, dy)
    }

    /// Minutes to cross one kilometre of a cell, nil where impassable.
    @inlinable func minutesPerKm(_ i: Int) -> Double? {
        if let r = road[i].minutesPerKm { return r }
        return terrain[i].minutesPerKm
    }
}
