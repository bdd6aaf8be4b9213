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

    /// An id already in upper case (as stored in the log): no copy is made to upper-case it.
    public init(alreadyUppercased raw: String) {
        assert(raw == raw.uppercased(), "not upper-case: \(raw)")
        self.raw = raw
    }

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

/// An id written as a prefix and a number (`RSP-3`, `WRN-5`): parsing, printing and coding
/// are shared; each id type names only its prefix.
public protocol NumberedID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    static var prefix: String { get }
    var number: Int { get }
    init(_ number: Int)
}

extension NumberedID {
    public init?(parsing text: String) {
        let t = text.uppercased()
        guard t.hasPrefix(Self.prefix), let n = Int(t.dropFirst(Self.prefix.count)), n > 0 else { return nil }
        self.init(n)
    }

    public var description: String { Self.prefix + String(number) }
    public static func < (a: Self, b: Self) -> Bool { a.number < b.number }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = Self(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a \(Self.prefix) id: \(text)"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// The id of a city-wide emergency response, e.g. `RSP-3`.
public struct ResponseID: NumberedID {
    public static let prefix = "RSP-"
    public let number: Int
    public init(_ number: Int) { self.number = number }
}

/// The id of a warning, e.g. `WRN-5`.
public struct WarningID: NumberedID {
    public static let prefix = "WRN-"
    public let number: Int
    public init(_ number: Int) { self.number = number }
}
