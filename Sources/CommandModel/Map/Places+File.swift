import Foundation

extension Places {
    public static let formatLine = "decision-hub-places 1"

    /// Reads a places file. Every problem is reported with its line and column; a file with any
    /// problem is not returned (a district border read half-way would put reports on the wrong
    /// side).
    public static func parse(_ text: String, file: String) -> (places: Places?, issues: [FileIssue]) {
        var issues = FileIssue.controlCharacters(in: text, file: file)
        guard issues.isEmpty else { return (nil, issues) }
        func fail(_ line: Int, _ column: Int, _ field: String, _ message: Bilingual) {
            if issues.count < FileIssue.reportedPerFile { issues.append(FileIssue(file: file, line: line, column: column, field: field, message: message)) }
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard lines.first.map({ $0.hasSuffix("\r") ? $0.dropLast() : $0 }) == Substring(formatLine) else {
            fail(1, 1, "format", Bilingual("the first line must be '\(formatLine)'", "第一行必须是“\(formatLine)”"))
            return (nil, issues)
        }
        var frame: Datum?
        var source = ""
        var places: [Place] = []
        var current: Place?
        func close(_ line: Int) {
            guard let p = current else { return }
            if !p.rings.contains(where: { !$0.hole }) { fail(line, 1, "place \(p.code)", Bilingual("place \(p.code) has no ring", "地点 \(p.code) 没有边界环")) }
            places.append(p)
            current = nil
        }
        for (k, raw) in lines.enumerated().dropFirst() {
            let n = k + 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.isEmpty || line.hasPrefix("#") { continue }
            let space = line.firstIndex(of: " ") ?? line.endIndex
            let key = line[..<space]
            let rest = space < line.endIndex ? line[line.index(after: space)...] : ""
            switch key {
            case "frame:":
                frame = Datum(parsing: String(rest))
                if frame == nil { fail(n, 8, "frame", Bilingual("unknown frame '\(rest)'; expected wgs84 or gcj02", "未知坐标系“\(rest)”；可选：wgs84、gcj02")) }
            case "source:": source = String(rest)
            case "place":
                close(n)
                let fields = rest.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                let head = fields.first?.split(separator: " ") ?? []
                guard fields.count == 7, head.count == 2, fields.dropFirst().allSatisfy({ !$0.isEmpty }) else {
                    fail(
                        n, 7, "place",
                        Bilingual(
                            "write a place as 'place CODE SLUG | Province | 省 | Prefecture | 地市 | Name | 名称' ('- | -' for no prefecture)",
                            "地点应写作“place 代码 拼音 | Province | 省 | Prefecture | 地市 | Name | 名称”（无地市写“- | -”）"))
                    continue
                }
                let prefecture = fields[3] == "-" ? nil : Bilingual(fields[3], fields[4])
                current = Place(
                    code: String(head[0]), slug: String(head[1]), province: Bilingual(fields[1], fields[2]), prefecture: prefecture, name: Bilingual(fields[5], fields[6]),
                    rings: [])
            case "ring", "hole":
                guard current != nil else {
                    fail(n, 1, String(key), Bilingual("a \(key) must follow a 'place' line", "“\(key)”必须在“place”行之后"))
                    continue
                }
                // The usual case, fast (every exec with a point reads ~16,000 of these): the
                // bytes of a well-formed line; anything else takes the careful path below, which
                // names the column.
                if let fast = Self.points(rest), fast.count >= 3 {
                    current?.rings.append(Place.Ring(hole: key == "hole", points: fast))
                    continue
                }
                var points: [GeoPoint] = []
                var column = key.count + 2
                var bad = false
                for pair in rest.split(separator: " ", omittingEmptySubsequences: false) {
                    let comma = pair.firstIndex(of: ",")
                    if let comma, let lat = Double(pair[..<comma]), let lon = Double(pair[pair.index(after: comma)...]), (-90...90).contains(lat), (-180...180).contains(lon) {
                        points.append(GeoPoint(lat: lat, lon: lon))
                    } else {
                        fail(n, column, String(key), Bilingual("'\(pair)' is not latitude,longitude", "“\(pair)”不是 纬度,经度"))
                        bad = true
                        break
                    }
                    column += pair.count + 1
                }
                if bad { continue }
                if points.count < 3 {
                    fail(n, 1, String(key), Bilingual("a ring needs at least 3 points, has \(points.count)", "边界环至少需要 3 个点，现有 \(points.count) 个"))
                    continue
                }
                current?.rings.append(Place.Ring(hole: key == "hole", points: points))
            default:
                fail(n, 1, String(key), Bilingual("unknown line '\(key)'; expected frame:, source:, place, ring or hole", "未知的行“\(key)”；可选：frame:、source:、place、ring、hole"))
            }
        }
        close(lines.count)
        if frame == nil && !issues.contains(where: { $0.field == "frame" }) {
            fail(1, 1, "frame", Bilingual("missing 'frame:' line (wgs84 or gcj02)", "缺少“frame:”行（wgs84 或 gcj02）"))
        }
        guard issues.isEmpty, let frame else { return (nil, issues) }
        return (Places(frame: frame, source: source, places: places), [])
    }

    /// `lat,lon lat,lon …` read from the bytes: plain decimals (`-`, digits, one `.`), one
    /// space between pairs, within ±90 and ±180. Nil for anything else (the caller then finds
    /// the problem's column).
    static func points(_ text: Substring) -> [GeoPoint]? {
        var copy = String(text)
        return copy.withUTF8 { bytes -> [GeoPoint]? in
            var points: [GeoPoint] = []
            points.reserveCapacity(bytes.count / 16)
            var i = 0
            let n = bytes.count
            func number() -> Double? {
                var negative = false
                if i < n && bytes[i] == UInt8(ascii: "-") {
                    negative = true
                    i += 1
                }
                var whole = 0, digits = 0
                while i < n, bytes[i] >= 48, bytes[i] <= 57, digits < 4 {
                    whole = whole * 10 + Int(bytes[i] - 48)
                    i += 1
                    digits += 1
                }
                guard digits > 0 else { return nil }
                var fraction = 0, scale = 1
                if i < n && bytes[i] == UInt8(ascii: ".") {
                    i += 1
                    var any = false
                    while i < n, bytes[i] >= 48, bytes[i] <= 57, scale < 1_000_000_000_000 {
                        fraction = fraction * 10 + Int(bytes[i] - 48)
                        scale *= 10
                        i += 1
                        any = true
                    }
                    guard any else { return nil }
                }
                let value = Double(whole) + Double(fraction) / Double(scale)
                return negative ? -value : value
            }
            while i < n {
                guard let lat = number(), i < n, bytes[i] == UInt8(ascii: ","), abs(lat) <= 90 else { return nil }
                i += 1
                guard let lon = number(), abs(lon) <= 180 else { return nil }
                points.append(GeoPoint(lat: lat, lon: lon))
                if i == n { break }
                guard bytes[i] == UInt8(ascii: " "), i + 1 < n else { return nil }
                i += 1
            }
            return points
        }
    }
}
