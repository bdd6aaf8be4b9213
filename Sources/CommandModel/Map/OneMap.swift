import Foundation

/// The one-map (应急一张图) as read from a map file: header, legend, labels and one character
/// per cell in each layer, plus the model's `Grid` derived from it.
public struct OneMap: Sendable, Equatable {
    /// Which layer a legend entry or a character belongs to.
    public enum Layer: String, Sendable, CaseIterable, Hashable {
        case districts, terrain, water, roads
    }

    /// One legend line: a character's meaning in a layer.
    public struct LegendEntry: Sendable, Hashable {
        public var layer: Layer
        public var symbol: Character
        /// The kind: for districts the administrative code; else mountain, river, ring, …
        public var kind: String
        /// For districts, the slug to type (`chaoyang`); else the kind again.
        public var slug: String
        public var name: Bilingual
    }

    /// A named place drawn on the map (a reservoir, a river, a ring road).
    public struct Label: Sendable, Hashable {
        public var point: GeoPoint
        public var name: Bilingual
    }

    public static let formatLine = "decision-hub-map 1"

    public var name: Bilingual
    public var box: GeoBox
    public var width: Int
    public var height: Int
    public var source: String
    public var legend: [LegendEntry]
    public var labels: [Label]
    /// Per layer, per cell: the legend symbol, or a space for none.
    public var cells: [Layer: [Character]]

    public init(name: Bilingual, box: GeoBox, width: Int, height: Int, source: String, legend: [LegendEntry], labels: [Label], cells: [Layer: [Character]]) {
        self.name = name
        self.box = box
        self.width = width
        self.height = height
        self.source = source
        self.legend = legend
        self.labels = labels
        self.cells = cells
    }

    public func symbol(_ layer: Layer, _ c: Cell) -> Character {
        guard c.x >= 0, c.y >= 0, c.x < width, c.y < height, let l = cells[layer] else { return " " }
        return l[c.y * width + c.x]
    }

    public func entry(_ layer: Layer, _ symbol: Character) -> LegendEntry? {
        legend.first { $0.layer == layer && $0.symbol == symbol }
    }

    /// The districts in legend order.
    public var districts: [District] {
        legend.filter { $0.layer == .districts }.map { District(code: $0.kind, slug: $0.slug, name: $0.name) }
    }

    /// The model's grid: districts, terrain (water where the water layer has any), roads.
    public func grid() -> Grid {
        let ds = legend.filter { $0.layer == .districts }
        var g = Grid(width: width, height: height, box: box, districts: districts, fill: .outside)
        var districtIndex: [Character: Int] = [:]
        for (k, e) in ds.enumerated() { districtIndex[e.symbol] = k + 1 }
        var terrainOf: [Character: Terrain] = [:]
        for e in legend where e.layer == .terrain { terrainOf[e.symbol] = Terrain(kind: e.kind) }
        var roadOf: [Character: RoadClass] = [:]
        for e in legend where e.layer == .roads { roadOf[e.symbol] = e.kind == "road" ? .road : .expressway }
        for y in 0..<height {
            for x in 0..<width {
                let c = Cell(x: x, y: y)
                if let k = districtIndex[symbol(.districts, c)] { g.set(c, district: k) }
                if let t = terrainOf[symbol(.terrain, c)] { g.set(c, terrain: t) }
                if symbol(.water, c) != " " { g.set(c, terrain: .water) }
                if let r = roadOf[symbol(.roads, c)] { g.set(c, road: r) }
            }
        }
        return g
    }
}

extension Terrain {
    /// The terrain a legend kind names; unknown kinds are plain.
    init(kind: String) {
        switch kind {
        case "mountain": self = .mountain
        case "hill": self = .hill
        case "urban": self = .urban
        case "water": self = .water
        case "outside": self = .outside
        default: self = .plain
        }
    }
}
