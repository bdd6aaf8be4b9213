import Foundation

/// A geometry from a GeoJSON file, in longitude/latitude degrees.
public enum Geometry: Sendable, Hashable {
    /// Polygons, each a list of rings: the first ring is the outline, the rest are holes.
    case polygons([[[GeoPoint]]])
    case lines([[GeoPoint]])
    case points([GeoPoint])
}

/// A GeoJSON feature: its geometry and its text properties.
public struct GeoFeature: Sendable, Hashable {
    public var geometry: Geometry
    public var properties: [String: String]

    public init(geometry: Geometry, properties: [String: String]) {
        self.geometry = geometry
        self.properties = properties
    }
}

/// Reads the parts of GeoJSON the map builder needs: FeatureCollection, Feature and bare
/// geometries (Polygon, MultiPolygon, LineString, MultiLineString, Point, MultiPoint).
public enum GeoJSON {
    public static func features(from data: Data, file: String) throws(FileIssues) -> [GeoFeature] {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw FileIssues([FileIssue(file: file, line: 0, column: 0, field: "", message: Bilingual("not valid JSON: \(error.localizedDescription)", "不是有效的 JSON：\(error.localizedDescription)"))])
        }
        var issues: [FileIssue] = []
        var out: [GeoFeature] = []
        func issue(_ field: String, _ en: String, _ zh: String) {
            issues.append(FileIssue(file: file, line: 0, column: 0, field: field, message: Bilingual(en, zh)))
        }
        func feature(_ obj: [String: Any], _ path: String) {
            let type = obj["type"] as? String
            if type == "Feature" {
                guard let g = obj["geometry"] as? [String: Any] else { issue(path + ".geometry", "a feature needs a geometry", "要素缺少几何"); return }
                var props: [String: String] = [:]
                for (k, v) in (obj["properties"] as? [String: Any]) ?? [:] { props[k] = "\(v)" }
                if let geometry = parse(g, path + ".geometry") { out.append(GeoFeature(geometry: geometry, properties: props)) }
            } else if let geometry = parse(obj, path) {
                var props: [String: String] = [:]
                for (k, v) in (obj["properties"] as? [String: Any]) ?? [:] { props[k] = "\(v)" }
                out.append(GeoFeature(geometry: geometry, properties: props))
            }
        }
        func point(_ any: Any, _ path: String) -> GeoPoint? {
            guard let a = any as? [Any], a.count >= 2, let lon = (a[0] as? NSNumber)?.doubleValue, let lat = (a[1] as? NSNumber)?.doubleValue else {
                issue(path, "a position must be [longitude, latitude]", "坐标应为 [经度, 纬度]")
                return nil
            }
            return GeoPoint(lat: lat, lon: lon)
        }
        func ring(_ any: Any, _ path: String) -> [GeoPoint]? {
            guard let a = any as? [Any] else { issue(path, "expected a list of positions", "此处应为坐标列表"); return nil }
            let pts = a.enumerated().compactMap { point($1, "\(path)[\($0)]") }
            return pts.count == a.count ? pts : nil
        }
        func parse(_ g: [String: Any], _ path: String) -> Geometry? {
            let coords = g["coordinates"] as? [Any] ?? []
            switch g["type"] as? String {
            case "Polygon":
                let rings = coords.enumerated().compactMap { ring($1, "\(path).coordinates[\($0)]") }
                return rings.isEmpty ? nil : .polygons([rings])
            case "MultiPolygon":
                let polys = coords.enumerated().map { k, p in ((p as? [Any]) ?? []).enumerated().compactMap { ring($1, "\(path).coordinates[\(k)][\($0)]") } }.filter { !$0.isEmpty }
                return polys.isEmpty ? nil : .polygons(polys)
            case "LineString":
                return ring(coords, path + ".coordinates").map { .lines([$0]) }
            case "MultiLineString":
                return .lines(coords.enumerated().compactMap { ring($1, "\(path).coordinates[\($0)]") })
            case "Point":
                return point(coords, path + ".coordinates").map { .points([$0]) }
            case "MultiPoint":
                return ring(coords, path + ".coordinates").map { .points($0) }
            default:
                issue(path + ".type", "unsupported geometry type '\(g["type"] ?? "none")'", "不支持的几何类型“\(g["type"] ?? "无")”")
                return nil
            }
        }
        if let obj = root as? [String: Any], obj["type"] as? String == "FeatureCollection" {
            for (k, f) in ((obj["features"] as? [Any]) ?? []).enumerated() {
                if let f = f as? [String: Any] { feature(f, "features[\(k)]") } else { issue("features[\(k)]", "a feature must be an object", "要素必须是对象") }
            }
        } else if let obj = root as? [String: Any] {
            feature(obj, "")
        } else {
            issue("", "expected a GeoJSON object", "此处应为 GeoJSON 对象")
        }
        if !issues.isEmpty { throw FileIssues(issues) }
        return out
    }
}

/// Turns geometries into cells of a grid over a box: polygons by cell centre (even-odd, so
/// holes stay empty), lines by walking each segment in small steps.
public struct Rasterizer: Sendable {
    public let width: Int
    public let height: Int
    public let box: GeoBox

    public init(width: Int, height: Int, box: GeoBox) {
        self.width = width
        self.height = height
        self.box = box
    }

    /// Cells whose centre lies inside any of the polygons (each with its holes).
    public func fill(_ polygons: [[[GeoPoint]]]) -> [Cell] {
        var out: [Cell] = []
        var inside = [Bool](repeating: false, count: width * height)
        for rings in polygons {
            for y in 0..<height {
                let lat = box.north - (Double(y) + 0.5) / Double(height) * (box.north - box.south)
                var xs: [Double] = []
                for ring in rings where ring.count >= 3 {
                    for k in 0..<ring.count {
                        let a = ring[k], b = ring[(k + 1) % ring.count]
                        if (a.lat > lat) != (b.lat > lat) {
                            let lon = a.lon + (lat - a.lat) / (b.lat - a.lat) * (b.lon - a.lon)
                            xs.append((lon - box.west) / (box.east - box.west) * Double(width) - 0.5)
                        }
                    }
                }
                xs.sort()
                var k = 0
                while k + 1 < xs.count {
                    let from = max(0, Int(xs[k].rounded(.up))), to = min(width - 1, Int(xs[k + 1].rounded(.down)))
                    if from <= to { for x in from...to { inside[y * width + x] = true } }
                    k += 2
                }
            }
        }
        for i in inside.indices where inside[i] { out.append(Cell(x: i % width, y: i / width)) }
        return out
    }

    /// Cells a line passes through (inside the box).
    public func stroke(_ line: [GeoPoint]) -> [Cell] {
        var seen = Set<Cell>()
        var out: [Cell] = []
        func fx(_ p: GeoPoint) -> (Double, Double) {
            ((p.lon - box.west) / (box.east - box.west) * Double(width), (box.north - p.lat) / (box.north - box.south) * Double(height))
        }
        for k in 0..<max(0, line.count - 1) {
            let (x0, y0) = fx(line[k]), (x1, y1) = fx(line[k + 1])
            let steps = max(1, Int((max(abs(x1 - x0), abs(y1 - y0)) * 3).rounded(.up)))
            for s in 0...steps {
                let t = Double(s) / Double(steps)
                let x = Int((x0 + (x1 - x0) * t).rounded(.down)), y = Int((y0 + (y1 - y0) * t).rounded(.down))
                guard x >= 0, y >= 0, x < width, y < height else { continue }
                let c = Cell(x: x, y: y)
                if seen.insert(c).inserted { out.append(c) }
            }
        }
        return out
    }

    public func cells(_ geometry: Geometry) -> [Cell] {
        switch geometry {
        case let .polygons(p): fill(p)
        case let .lines(ls): ls.flatMap { stroke($0) }
        case let .points(ps):
            ps.compactMap { p in
                guard p.lat <= box.north, p.lat >= box.south, p.lon >= box.west, p.lon <= box.east else { return nil }
                return Cell(x: min(width - 1, Int((p.lon - box.west) / (box.east - box.west) * Double(width))), y: min(height - 1, Int((box.north - p.lat) / (box.north - box.south) * Double(height))))
            }
        }
    }
}
