/// An incident id, read aloud on a radio as "INC-0042".
public struct IncidentID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let number: Int

    public init(_ number: Int) {
        precondition(number > 0, "incident numbers start at 1, got \(number)")
        self.number = number
    }

    /// Parses `INC-0042`, `inc-42` or `42`.
    public init?(parsing text: String) {
        var digits = Substring(text)
        if digits.uppercased().hasPrefix("INC-") { digits = digits.dropFirst(4) }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let n = Int(digits), n > 0 else { return nil }
        self.number = n
    }

    public var description: String {
        let digits = String(number)
        return "INC-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    public static func < (a: IncidentID, b: IncidentID) -> Bool { a.number < b.number }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = IncidentID(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an incident id: \(text)"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// A team id such as `FR-07`, upper-case letters, digits and dashes.
public struct TeamID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let raw: String

    public init(_ raw: String) { self.raw = raw.uppercased() }

    public var description: String { raw }
    public static func < (a: TeamID, b: TeamID) -> Bool { a.raw < b.raw }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(raw)
    }
}

/// The id of a city-wide emergency response, e.g. `RSP-3`.
public struct ResponseID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let number: Int
    public init(_ number: Int) { self.number = number }
    public init?(parsing text: String) {
        let t = text.uppercased()
        guard t.hasPrefix("RSP-"), let n = Int(t.dropFirst(4)), n > 0 else { return nil }
        number = n
    }
    public var description: String { "RSP-\(number)" }
    public static func < (a: ResponseID, b: ResponseID) -> Bool { a.number < b.number }
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = ResponseID(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a response id: \(text)"))
        }
        self = id
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// The id of a warning, e.g. `WRN-5`.
public struct WarningID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let number: Int
    public init(_ number: Int) { self.number = number }
    public init?(parsing text: String) {
        let t = text.uppercased()
        guard t.hasPrefix("WRN-"), let n = Int(t.dropFirst(4)), n > 0 else { return nil }
        number = n
    }
    public var description: String { "WRN-\(number)" }
    public static func < (a: WarningID, b: WarningID) -> Bool { a.number < b.number }
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = WarningID(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a warning id: \(text)"))
        }
        self = id
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
