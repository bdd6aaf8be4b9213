import Foundation

/// The geodetic frame a coordinate is written in.
///
/// A GPS fix, a 110 caller's location and a CAP alert are WGS-84; maps published in China
/// (AMap, and so the one-map's boundaries) are GCJ-02, about 500 m away in Beijing. A coordinate
/// entering the program says its frame or is WGS-84, and is converted to the map's frame before
/// anything is attributed to it.
public enum Datum: String, Sendable, Hashable, Codable, CaseIterable {
    case wgs84
    case gcj02

    public var name: String {
        switch self {
        case .wgs84: "WGS-84"
        case .gcj02: "GCJ-02"
        }
    }

    /// Accepts `wgs84`, `wgs-84`, `gps`, `gcj02`, `gcj-02`, `amap`, `火星`.
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "wgs84", "wgs-84", "gps", "wgs": self = .wgs84
        case "gcj02", "gcj-02", "gcj", "amap", "火星", "火星坐标": self = .gcj02
        default: return nil
        }
    }

    /// The frame a place token names with a prefix (`gcj02:39.9,116.4`), and the prefix's
    /// length in characters.
    public static func prefix(of token: String) -> (datum: Datum, length: Int)? {
        guard let colon = token.firstIndex(of: ":") else { return nil }
        guard let d = Datum(parsing: String(token[..<colon])) else { return nil }
        return (d, token.distance(from: token.startIndex, to: colon) + 1)
    }

    /// `p`, written in this frame, written in `target`. Outside China's mainland the two frames
    /// agree (GCJ-02 leaves such points as they are).
    public func convert(_ p: GeoPoint, to target: Datum) -> GeoPoint {
        switch (self, target) {
        case (.wgs84, .wgs84), (.gcj02, .gcj02): p
        case (.wgs84, .gcj02): GCJ02.fromWGS84(p)
        case (.gcj02, .wgs84): GCJ02.toWGS84(p)
        }
    }
}

/// The published GCJ-02 obfuscation (the open "eviltransform" formulae, Krasovsky 1940
/// ellipsoid), accurate to well under a metre against the official offsets; its inverse by
/// fixed-point iteration, to a millimetre.
enum GCJ02 {
    static let a = 6_378_245.0
    static let ee = 0.006_693_421_622_965_943_23

    /// Whether the offset applies: the published rough box around China's mainland.
    static func applies(_ p: GeoPoint) -> Bool {
        p.lon >= 72.004 && p.lon <= 137.8347 && p.lat >= 0.8293 && p.lat <= 55.8271
    }

    static func fromWGS84(_ p: GeoPoint) -> GeoPoint {
        guard applies(p) else { return p }
        let (dLat, dLon) = delta(p)
        return GeoPoint(lat: p.lat + dLat, lon: p.lon + dLon)
    }

    static func toWGS84(_ p: GeoPoint) -> GeoPoint {
        guard applies(p) else { return p }
        var w = p
        for _ in 0..<10 {
            let g = fromWGS84(w)
            let eLat = g.lat - p.lat, eLon = g.lon - p.lon
            w = GeoPoint(lat: w.lat - eLat, lon: w.lon - eLon)
            if abs(eLat) < 1e-9 && abs(eLon) < 1e-9 { break }
        }
        return w
    }

    private static func delta(_ p: GeoPoint) -> (Double, Double) {
        let x = p.lon - 105.0, y = p.lat - 35.0
        var dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt(abs(x))
        dLat += (20.0 * sin(6.0 * x * .pi) + 20.0 * sin(2.0 * x * .pi)) * 2.0 / 3.0
        dLat += (20.0 * sin(y * .pi) + 40.0 * sin(y / 3.0 * .pi)) * 2.0 / 3.0
        dLat += (160.0 * sin(y / 12.0 * .pi) + 320 * sin(y * .pi / 30.0)) * 2.0 / 3.0
        var dLon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt(abs(x))
        dLon += (20.0 * sin(6.0 * x * .pi) + 20.0 * sin(2.0 * x * .pi)) * 2.0 / 3.0
        dLon += (20.0 * sin(x * .pi) + 40.0 * sin(x / 3.0 * .pi)) * 2.0 / 3.0
        dLon += (150.0 * sin(x / 12.0 * .pi) + 300.0 * sin(x / 30.0 * .pi)) * 2.0 / 3.0
        let radLat = p.lat / 180.0 * .pi
        var magic = sin(radLat)
        magic = 1 - ee * magic * magic
        let sqrtMagic = sqrt(magic)
        dLat = (dLat * 180.0) / ((a * (1 - ee)) / (magic * sqrtMagic) * .pi)
        dLon = (dLon * 180.0) / (a / sqrtMagic * cos(radLat) * .pi)
        return (dLat, dLon)
    }
}
