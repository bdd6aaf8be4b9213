import Foundation

/// A CAP 1.2 alert (OASIS Common Alerting Protocol), as read: the message, and its `<info>`
/// blocks (one per language). Only what the centre uses is kept; everything read is checked.
public struct CAPAlert: Hashable, Sendable {
    public enum Status: String, Hashable, Sendable, CaseIterable { case actual = "Actual", exercise = "Exercise", system = "System", test = "Test", draft = "Draft" }
    public enum MessageType: String, Hashable, Sendable, CaseIterable { case alert = "Alert", update = "Update", cancel = "Cancel", ack = "Ack", error = "Error" }

    /// An earlier alert this one updates or cancels (`sender,identifier,sent`).
    public struct Reference: Hashable, Sendable, Codable {
        public var sender: String
        public var identifier: String
        public var sent: Date

        public init(sender: String, identifier: String, sent: Date) {
            self.sender = sender
            self.identifier = identifier
            self.sent = sent
        }
    }

    public var identifier: String
    public var sender: String
    public var sent: Date
    public var status: Status
    public var msgType: MessageType
    public var scope: String
    public var references: [Reference]
    public var infos: [CAPInfo]

    /// Whether the alert may ever become a real warning: `Exercise`, `Test`, `System` and
    /// `Draft` never do.
    public var isReal: Bool { status == .actual }
}

/// One `<info>` block: the alert in one language.
public struct CAPInfo: Hashable, Sendable {
    public var language: String
    public var categories: [String]
    public var event: String
    public var urgency: String
    public var severity: String
    public var certainty: String
    public var senderName: String?
    public var headline: String?
    public var description: String?
    public var instruction: String?
    public var effective: Date?
    public var onset: Date?
    public var expires: Date?
    public var eventCodes: [CAPValue]
    public var parameters: [CAPValue]
    public var areas: [CAPArea]
}

/// A `valueName`/`value` pair (`eventCode`, `parameter`, `geocode`).
public struct CAPValue: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// An `<area>`: its description and its shapes, points as given (WGS-84).
public struct CAPArea: Hashable, Sendable {
    public struct Circle: Hashable, Sendable {
        public var centre: GeoPoint
        public var radiusKm: Double

        public init(centre: GeoPoint, radiusKm: Double) {
            self.centre = centre
            self.radiusKm = radiusKm
        }
    }
    public var description: String
    public var polygons: [[GeoPoint]]
    public var circles: [Circle]
    public var geocodes: [CAPValue]
}

extension CAPAlert {
    /// Reads an alert from a document: refused with the line and column of the first thing
    /// missing or wrong.
    public static func read(_ bytes: [UInt8]) throws(XMLError) -> CAPAlert {
        try read(XMLReader.parse(bytes))
    }

    public static func read(_ root: XMLNode) throws(XMLError) -> CAPAlert {
        guard root.name == "alert" else { throw at(root, "the root element is <\(root.name)>, not a CAP <alert>", "根元素为 <\(root.name)>，不是 CAP 的 <alert>") }
        if let ns = root.attributes["xmlns"], ns != "urn:oasis:names:tc:emergency:cap:1.2" {
            throw at(root, "namespace \(ns) is not CAP 1.2 (urn:oasis:names:tc:emergency:cap:1.2)", "命名空间 \(ns) 不是 CAP 1.2")
        }
        let status = try enumerated(root, "status", Status.self)
        let msgType = try enumerated(root, "msgType", MessageType.self)
        let references = try (root.value("references") ?? "").split(whereSeparator: \.isWhitespace).map { (r: Substring) throws(XMLError) -> Reference in
            let parts = r.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, let sent = capTime(parts[2]) else {
                throw at(root.child("references") ?? root, "reference \(r) is not sender,identifier,sent", "引用 \(r) 不是 sender,identifier,sent 格式")
            }
            return Reference(sender: parts[0], identifier: parts[1], sent: sent)
        }
        if (msgType == .update || msgType == .cancel) && references.isEmpty {
            throw at(root, "an \(msgType.rawValue) must name the alerts it changes in <references>", "\(msgType.rawValue) 须在 <references> 中列出所更改的警报")
        }
        return CAPAlert(
            identifier: try required(root, "identifier"), sender: try required(root, "sender"), sent: try time(root, "sent"), status: status, msgType: msgType,
            scope: try required(root, "scope"), references: references, infos: try root.children("info").map { (n: XMLNode) throws(XMLError) -> CAPInfo in try CAPInfo.read(n) })
    }

    static func at(_ node: XMLNode, _ en: String, _ zh: String) -> XMLError { XMLError(line: node.line, column: node.column, Bilingual(en, zh)) }

    static func required(_ node: XMLNode, _ name: String) throws(XMLError) -> String {
        guard let v = node.value(name) else { throw at(node, "<\(node.name)> has no <\(name)>", "<\(node.name)> 缺少 <\(name)>") }
        return v
    }

    static func enumerated<E: RawRepresentable & CaseIterable>(_ node: XMLNode, _ name: String, _: E.Type) throws(XMLError) -> E where E.RawValue == String {
        let v = try required(node, name)
        guard let e = E(rawValue: v) else {
            throw at(
                node.child(name) ?? node, "<\(name)> \(v) is not one of \(E.allCases.map(\.rawValue).joined(separator: ", "))",
                "<\(name)> \(v) 不是 \(E.allCases.map(\.rawValue).joined(separator: "、")) 之一")
        }
        return e
    }

    static func time(_ node: XMLNode, _ name: String) throws(XMLError) -> Date {
        let v = try required(node, name)
        guard let d = capTime(v) else { throw at(node.child(name) ?? node, "<\(name)> \(v) is not a CAP time (2026-07-31T08:00:00+08:00)", "<\(name)> \(v) 不是 CAP 时间格式") }
        return d
    }

    static func optionalTime(_ node: XMLNode, _ name: String) throws(XMLError) -> Date? {
        guard node.value(name) != nil else { return nil }
        return try time(node, name)
    }

    /// A CAP time: ISO 8601 with a zone offset (`-00:00` for UTC; `Z` is read too).
    static func capTime(_ text: String) -> Date? {
        if let d = try? Date(text, strategy: .iso8601) { return d }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

extension CAPInfo {
    static func read(_ n: XMLNode) throws(XMLError) -> CAPInfo {
        func values(_ name: String) throws(XMLError) -> [CAPValue] {
            try n.children(name).map { (c: XMLNode) throws(XMLError) -> CAPValue in
                CAPValue(name: try CAPAlert.required(c, "valueName"), value: c.value("value") ?? "")
            }
        }
        return CAPInfo(
            language: n.value("language") ?? "en-US", categories: n.children("category").map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) },
            event: try CAPAlert.required(n, "event"), urgency: try CAPAlert.required(n, "urgency"), severity: try CAPAlert.required(n, "severity"),
            certainty: try CAPAlert.required(n, "certainty"), senderName: n.value("senderName"), headline: n.value("headline"), description: n.value("description"),
            instruction: n.value("instruction"), effective: try CAPAlert.optionalTime(n, "effective"), onset: try CAPAlert.optionalTime(n, "onset"),
            expires: try CAPAlert.optionalTime(n, "expires"), eventCodes: try values("eventCode"), parameters: try values("parameter"),
            areas: try n.children("area").map { (a: XMLNode) throws(XMLError) -> CAPArea in try CAPArea.read(a) })
    }
}

extension CAPArea {
    static func read(_ n: XMLNode) throws(XMLError) -> CAPArea {
        let polygons = try n.children("polygon").map { (p: XMLNode) throws(XMLError) -> [GeoPoint] in
            let points = try p.text.split(whereSeparator: \.isWhitespace).map { (pair: Substring) throws(XMLError) -> GeoPoint in try point(pair, p) }
            guard points.count >= 4, points.first == points.last else {
                throw CAPAlert.at(p, "a polygon needs at least 4 points, the first repeated last", "多边形至少 4 个点，且首尾相同")
            }
            return points
        }
        let circles = try n.children("circle").map { (c: XMLNode) throws(XMLError) -> Circle in
            let parts = c.text.split(whereSeparator: \.isWhitespace)
            guard parts.count == 2, let r = Double(parts[1]), r.isFinite, r >= 0, r <= 20_000 else {
                throw CAPAlert.at(c, "a circle is \"lat,lon radius-km\"", "圆须为“纬度,经度 半径(千米)”")
            }
            return Circle(centre: try point(parts[0], c), radiusKm: r)
        }
        let geocodes = try n.children("geocode").map { (g: XMLNode) throws(XMLError) -> CAPValue in CAPValue(name: try CAPAlert.required(g, "valueName"), value: g.value("value") ?? "") }
        return CAPArea(description: try CAPAlert.required(n, "areaDesc"), polygons: polygons, circles: circles, geocodes: geocodes)
    }

    static func point(_ pair: Substring, _ node: XMLNode) throws(XMLError) -> GeoPoint {
        let xy = pair.split(separator: ",")
        guard xy.count == 2, let lat = Double(xy[0]), let lon = Double(xy[1]), abs(lat) <= 90, abs(lon) <= 180 else {
            throw CAPAlert.at(node, "\(pair) is not a point lat,lon (WGS-84)", "\(pair) 不是 纬度,经度 坐标点")
        }
        return GeoPoint(lat: lat, lon: lon)
    }
}
