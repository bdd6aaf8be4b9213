import Foundation

/// A named area with its boundary: a district of the map, or a neighbour's county, district or
/// prefecture (for naming where a report outside the city is).
public struct Place: Sendable, Hashable {
    /// A ring of the boundary: an outline, or a hole in one. Closed implicitly.
    public struct Ring: Sendable, Hashable {
        public var hole: Bool
        public var points: [GeoPoint]
        /// The ring's extent: north, south, west, east.
        public var north: Double, south: Double, west: Double, east: Double

        public init(hole: Bool, points: [GeoPoint]) {
            self.hole = hole
            self.points = points
            var (n, s, w, e) = (-Double.infinity, Double.infinity, Double.infinity, -Double.infinity)
            for p in points {
                n = max(n, p.lat)
                s = min(s, p.lat)
                w = min(w, p.lon)
                e = max(e, p.lon)
            }
            (north, south, west, east) = points.isEmpty ? (0, 0, 0, 0) : (n, s, w, e)
        }

        /// Even-odd crossing test (a point on the boundary may fall either way).
        func crosses(_ p: GeoPoint) -> Bool {
            guard p.lat <= north, p.lat >= south, p.lon >= west, p.lon <= east else { return false }
            var inside = false
            var j = points.count - 1
            for i in points.indices {
                let a = points[i], b = points[j]
                if (a.lat > p.lat) != (b.lat > p.lat) {
                    let lonAt = a.lon + (p.lat - a.lat) / (b.lat - a.lat) * (b.lon - a.lon)
                    if p.lon < lonAt { inside.toggle() }
                }
                j = i
            }
            return inside
        }
    }

    /// The administrative code (`110101`, `130681`).
    public var code: String
    public var slug: String
    public var province: Bilingual
    /// The prefecture a county is named with; nil for a county-level city, a municipality's
    /// district or a prefecture itself.
    public var prefecture: Bilingual?
    public var name: Bilingual
    public var rings: [Ring]

    public init(code: String, slug: String, province: Bilingual, prefecture: Bilingual?, name: Bilingual, rings: [Ring]) {
        self.code = code
        self.slug = slug
        self.province = province
        self.prefecture = prefecture
        self.name = name
        self.rings = rings
    }

    /// Province, prefecture (if any) and name: "Hebei · Zhuozhou", "河北省 · 涿州市".
    public var fullName: Bilingual {
        let parts = [province, prefecture, name].compactMap { $0 }
        return Bilingual(parts.map(\.en).joined(separator: " · "), parts.map(\.zh).joined(separator: " · "))
    }

    /// Whether the point (in the places' frame) lies inside: an odd number of ring crossings,
    /// so a point in a hole is outside.
    public func contains(_ p: GeoPoint) -> Bool {
        var inside = false
        for r in rings where r.crosses(p) { inside.toggle() }
        return inside
    }
}

/// The boundary polygons a point is attributed by (`Resources/maps/beijing.places`, format in
/// `docs/MAP-FORMAT.md`): the map's districts and the places around them, all in one frame.
///
/// Finer places come first in the file; the first place containing a point is where it is.
public struct Places: Sendable, Hashable {
    public var frame: Datum
    public var source: String
    public var places: [Place]

    public init(frame: Datum, source: String, places: [Place]) {
        self.frame = frame
        self.source = source
        self.places = places
    }

    /// The place a point lies in, the point written in `datum` (converted to the places'
    /// frame first); nil where no boundary is known.
    public func place(at point: GeoPoint, datum: Datum) -> Place? {
        let p = datum.convert(point, to: frame)
        return places.first { $0.contains(p) }
    }
}

/// Where an incident outside the city's districts is, as recorded: the place's code and name.
public struct OutsidePlace: Hashable, Sendable, Codable {
    /// The administrative code, or nil where no boundary in the places file holds the point.
    public var code: String?
    /// "Hebei · Zhuozhou", or the point itself where no boundary is known.
    public var name: Bilingual

    public init(code: String?, name: Bilingual) {
        self.code = code
        self.name = name
    }
}
