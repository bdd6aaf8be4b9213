import Foundation

/// Builds a one-map from GeoJSON layers: district boundaries, then terrain areas (in file
/// order, later ones on top), water (rivers as lines, reservoirs as polygons) and roads.
///
/// District features carry `code`, `slug`, `name_en`, `name_zh`; terrain features `kind`
/// (mountain, hill, plain, urban); water `kind` (river, reservoir) and roads `kind` (ring,
/// expressway, road), each with optional `name_en`/`name_zh` for a label.
public struct MapBuilder {
    public var name: Bilingual
    public var box: GeoBox
    public var width: Int
    public var height: Int
    public var source: String

    public init(name: Bilingual, box: GeoBox, width: Int, height: Int, source: String) {
        self.name = name
        self.box = box
        self.width = width
        self.height = height
        self.source = source
    }

    static let terrainSymbols: [String: (Character, Bilingual)] = [
        "mountain": ("^", Bilingual("Mountain", "山区")), "hill": ("n", Bilingual("Hill", "丘陵")),
        "plain": (".", Bilingual("Plain", "平原")), "urban": ("#", Bilingual("Urban core", "城区")),
    ]
    static let waterSymbols: [String: (Character, Bilingual)] = [
        "river": ("~", Bilingual("River", "河流")), "reservoir": ("o", Bilingual("Reservoir", "水库")),
    ]
    static let roadSymbols: [String: (Character, Bilingual)] = [
        "ring": ("r", Bilingual("Ring road", "环路")), "expressway": ("=", Bilingual("Expressway", "高速公路")), "road": ("-", Bilingual("Road", "道路")),
    ]

    public func build(districts: [GeoFeature], terrain: [GeoFeature], water: [GeoFeature], roads: [GeoFeature]) throws(FileIssues) -> OneMap {
        let r = Rasterizer(width: width, height: height, box: box)
        var issues: [FileIssue] = []
        var legend: [OneMap.LegendEntry] = []
        var labels: [OneMap.Label] = []
        let n = width * height
        var d = [Character](repeating: " ", count: n), t = d, w = d, rd = d
        let symbols = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        for (k, f) in districts.sorted(by: { ($0.properties["code"] ?? "") < ($1.properties["code"] ?? "") }).enumerated() {
            guard k < symbols.count, let code = f.properties["code"], let slug = f.properties["slug"], let en = f.properties["name_en"], let zh = f.properties["name_zh"] else {
                issues.append(
                    FileIssue(
                        file: "districts", line: 0, column: 0, field: "features[\(k)].properties",
                        message: Bilingual("a district needs code, slug, name_en and name_zh", "区要素需要 code、slug、name_en、name_zh")))
                continue
            }
            let s = symbols[k]
            legend.append(.init(layer: .districts, symbol: s, kind: code, slug: slug, name: Bilingual(en, zh)))
            for c in r.cells(f.geometry) { d[c.y * width + c.x] = s }
        }
        func layer(_ features: [GeoFeature], _ table: [String: (Character, Bilingual)], _ kind: OneMap.Layer, into cells: inout [Character], labelled: Bool) {
            var used = Set<String>()
            for (k, f) in features.enumerated() {
                guard let kindName = f.properties["kind"], let (s, nm) = table[kindName] else {
                    issues.append(
                        FileIssue(
                            file: kind.rawValue, line: 0, column: 0, field: "features[\(k)].properties.kind",
                            message: Bilingual("kind must be one of: \(table.keys.sorted().joined(separator: ", "))", "kind 必须是：\(table.keys.sorted().joined(separator: "、"))")))
                    continue
                }
                if used.insert(kindName).inserted { legend.append(.init(layer: kind, symbol: s, kind: kindName, slug: kindName, name: nm)) }
                let cs = r.cells(f.geometry)
                for c in cs { cells[c.y * width + c.x] = s }
                // Ring roads are labelled by their own shape; a label at each would crowd the core.
                if labelled, kindName != "ring", let en = f.properties["name_en"], let zh = f.properties["name_zh"], let at = labelPoint(f.geometry) {
                    labels.append(.init(point: at, name: Bilingual(en, zh)))
                }
            }
        }
        layer(terrain, Self.terrainSymbols, .terrain, into: &t, labelled: true)
        // Inside the city, ground no terrain area names is plain.
        if !legend.contains(where: { $0.layer == .terrain && $0.symbol == "." }) {
            legend.append(.init(layer: .terrain, symbol: ".", kind: "plain", slug: "plain", name: Bilingual("Plain", "平原")))
        }
        for i in 0..<n where d[i] != " " && t[i] == " " { t[i] = "." }
        for i in 0..<n where d[i] == " " { t[i] = " " }
        layer(water, Self.waterSymbols, .water, into: &w, labelled: true)
        layer(roads, Self.roadSymbols, .roads, into: &rd, labelled: true)
        if !issues.isEmpty { throw FileIssues(issues) }
        return OneMap(name: name, box: box, width: width, height: height, source: source, legend: legend, labels: labels, cells: [.districts: d, .terrain: t, .water: w, .roads: rd])
    }

    /// Where a feature's name goes: the middle vertex of a line, the mean of a polygon's outline.
    func labelPoint(_ g: Geometry) -> GeoPoint? {
        switch g {
        case let .lines(ls): return ls.first.flatMap { $0.isEmpty ? nil : $0[$0.count / 2] }
        case let .polygons(ps):
            guard let ring = ps.first?.first, !ring.isEmpty else { return nil }
            return GeoPoint(lat: ring.map(\.lat).reduce(0, +) / Double(ring.count), lon: ring.map(\.lon).reduce(0, +) / Double(ring.count))
        case let .points(p): return p.first
        }
    }
}
