import CommandModel

/// The map's layers as small integers, built once per map, so drawing a frame compares bytes
/// rather than characters. Kinds come from the legend, not from particular symbols.
public struct MapRaster: Sendable {
    public static let none: UInt8 = 0
    /// Water: 1 river (or other water), 2 reservoir or lake.
    public let water: [UInt8]
    /// Roads: 1 road or expressway, 2 ring road.
    public let roads: [UInt8]

    public init(_ map: OneMap) {
        func layer(_ l: OneMap.Layer, _ classify: (String) -> UInt8) -> [UInt8] {
            var code: [Character: UInt8] = [:]
            for e in map.legend where e.layer == l { code[e.symbol] = classify(e.kind) }
            return (map.cells[l] ?? []).map { $0 == " " ? 0 : code[$0] ?? 1 }
        }
        water = layer(.water) { $0 == "reservoir" || $0 == "lake" ? 2 : 1 }
        roads = layer(.roads) { $0 == "ring" ? 2 : 1 }
    }
}
