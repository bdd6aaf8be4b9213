import Foundation

/// Why a feed line was refused: the column it went wrong at (1-based, in characters) and what
/// is wrong, in both languages. The line number is the reader's.
public struct FeedLineError: Error, Hashable, Sendable {
    public var column: Int
    public var reason: Bilingual

    public init(column: Int, _ reason: Bilingual) {
        self.column = column
        self.reason = reason
    }
}

/// Reads one line of a JSON Lines feed (`docs/FEEDS.md`) into a ``FeedReport``, or says where
/// and why it cannot. Pure: no clock, no file, no store.
public enum FeedLine {
    /// The longest line read, in bytes: a report is a few hundred; a megabyte is not a report.
    public static let maxBytes = 64 * 1024

    /// The keys a line may hold; any other key is refused (a misspelt `figures` must not pass
    /// silently as a report without them).
    public static let keys: Set<String> = ["source", "id", "time", "type", "lat", "lon", "datum", "district", "address", "title", "figures", "text", "caused_by"]

    public static func parse(_ line: String) throws(FeedLineError) -> FeedReport {
        if line.utf8.count > maxBytes {
            throw FeedLineError(column: 1, Bilingual("the line is \(line.utf8.count) bytes, more than \(maxBytes)", "该行 \(line.utf8.count) 字节，超过 \(maxBytes)"))
        }
        let object: [String: Any]
        do {
            guard let o = try JSONSerialization.jsonObject(with: Data(line.utf8), options: []) as? [String: Any] else {
                throw FeedLineError(column: 1, Bilingual("a line must be one JSON object {…}", "每行须为一个 JSON 对象 {…}"))
            }
            object = o
        } catch let e as FeedLineError {
            throw e
        } catch {
            throw FeedLineError(column: syntaxColumn(error, in: line), Bilingual("not valid JSON", "不是有效的 JSON"))
        }
        func at(_ key: String) -> Int {
            guard let r = line.range(of: "\"\(key)\"") else { return 1 }
            return line.distance(from: line.startIndex, to: r.lowerBound) + 1
        }
        if let unknown = object.keys.sorted().first(where: { !keys.contains($0) }) {
            throw FeedLineError(
                column: at(unknown), Bilingual("unknown key \"\(unknown)\" (known: \(keys.sorted().joined(separator: ", ")))", "未知字段“\(unknown)”（可用：\(keys.sorted().joined(separator: ", "))）"))
        }
        func string(_ key: String, required: Bool = false) throws(FeedLineError) -> String? {
            guard let v = object[key], !(v is NSNull) else {
                if required { throw FeedLineError(column: 1, Bilingual("\"\(key)\" is missing", "缺少“\(key)”")) }
                return nil
            }
            guard let s = v as? String else { throw FeedLineError(column: at(key), Bilingual("\"\(key)\" must be a string", "“\(key)”须为字符串")) }
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
            if t.isEmpty {
                if required { throw FeedLineError(column: at(key), Bilingual("\"\(key)\" is empty", "“\(key)”为空")) }
                return nil
            }
            return t
        }
        func number(_ key: String) throws(FeedLineError) -> Double? {
            guard let v = object[key], !(v is NSNull) else { return nil }
            guard let n = FeedLine.number(v), n.doubleValue.isFinite else {
                throw FeedLineError(column: at(key), Bilingual("\"\(key)\" must be a number", "“\(key)”须为数字"))
            }
            return n.doubleValue
        }
        guard let source = try string("source", required: true), let external = try string("id", required: true), let timeText = try string("time", required: true),
            let typeText = try string("type", required: true)
        else { preconditionFailure("a required string came back nil") }
        guard let time = parseTime(timeText) else {
            throw FeedLineError(
                column: at("time"),
                Bilingual("\"time\" \(timeText) is not an ISO 8601 time with a zone (2026-07-31T02:14:00+08:00)", "“time” \(timeText) 不是带时区的 ISO 8601 时间（2026-07-31T02:14:00+08:00）"))
        }
        guard let type = IncidentType(parsing: typeText) else {
            throw FeedLineError(
                column: at("type"),
                Bilingual(
                    "unknown type \"\(typeText)\" (known: \(IncidentType.allCases.map(\.rawValue).joined(separator: ", ")))",
                    "未知类型“\(typeText)”（可用：\(IncidentType.allCases.map(\.rawValue).joined(separator: ", "))）"))
        }
        let lat = try number("lat"), lon = try number("lon")
        let district = try string("district"), address = try string("address")
        let place: PlaceInput
        switch (lat, lon) {
        case let (lat?, lon?):
            guard abs(lat) <= 90, abs(lon) <= 180 else {
                throw FeedLineError(column: at("lat"), Bilingual("\(lat),\(lon) is no place on earth", "\(lat),\(lon) 不是地球上的位置"))
            }
            let datum: Datum
            if let d = try string("datum") {
                guard let known = Datum(rawValue: d.lowercased().replacingOccurrences(of: "-", with: "")) else {
                    throw FeedLineError(column: at("datum"), Bilingual("unknown datum \"\(d)\" (wgs84 or gcj02)", "未知坐标系“\(d)”（wgs84 或 gcj02）"))
                }
                datum = known
            } else {
                datum = .wgs84
            }
            place = .point(GeoPoint(lat: lat, lon: lon), datum: datum)
        case (nil, nil):
            guard let district else {
                throw FeedLineError(column: 1, Bilingual("no place: give \"lat\" and \"lon\", or \"district\"", "缺少位置：请给出“lat”和“lon”，或“district”"))
            }
            place = .district(district)
        case (.some, nil), (nil, .some):
            throw FeedLineError(column: at(lat == nil ? "lon" : "lat"), Bilingual("\"lat\" and \"lon\" go together", "“lat”与“lon”须同时给出"))
        }
        var figures = Figures.zero
        if let f = object["figures"], !(f is NSNull) {
            guard let fields = f as? [String: Any] else { throw FeedLineError(column: at("figures"), Bilingual("\"figures\" must be an object", "“figures”须为对象")) }
            for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
                guard let field = Figures.Field(parsing: name) else {
                    throw FeedLineError(column: at(name), Bilingual("unknown figure \"\(name)\"", "未知数据项“\(name)”"))
                }
                guard let n = FeedLine.number(value), let v = Int(exactly: n.doubleValue), v >= 0, v <= Limits.figure else {
                    throw FeedLineError(column: at(name), Bilingual("figure \"\(name)\" must be a whole number from 0 to \(Limits.figure)", "数据项“\(name)”须为 0 到 \(Limits.figure) 的整数"))
                }
                figures[field] = v
            }
        }
        // The address is kept with the text: the map places the report by its point or district.
        let words = [address.map { "@ \($0)" }, try string("text")].compactMap { $0 }
        return FeedReport(
            key: FeedKey(source: source, external: external), time: time, type: type, place: place, title: try string("title"), figures: figures,
            text: words.isEmpty ? nil : words.joined(separator: "\n"), causedBy: try string("caused_by"))
    }

    /// A JSON number, not a boolean: Foundation gives both as `NSNumber` (and `1 is Bool` is
    /// true through bridging), so a boolean is told by its type code.
    static func number(_ value: Any) -> NSNumber? {
        guard let n = value as? NSNumber, String(cString: n.objCType) != "c" else { return nil }
        return n
    }

    /// An ISO 8601 time with a zone, with or without fractional seconds.
    static func parseTime(_ text: String) -> Date? {
        if let d = try? Date(text, strategy: .iso8601) { return d }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// The column where Foundation's JSON reader stopped: its message names the byte ("Invalid
    /// value around character 31."), counted from 0; the column counts characters from 1.
    static func syntaxColumn(_ error: any Error, in line: String) -> Int {
        let text = "\((error as NSError).userInfo)"
        guard let r = text.range(of: "character ") else { return 1 }
        guard let byte = Int(text[r.upperBound...].prefix { $0.isNumber }) else { return 1 }
        let prefix = line.utf8.prefix(max(0, byte))
        return String(decoding: prefix, as: UTF8.self).count + 1
    }
}
