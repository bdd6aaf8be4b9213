import Foundation

/// The bounds every accepted value lies within, decided in one place.
///
/// Everything the decider accepts is written to the log, read back by every console and folded
/// for years: a time past the year 9999 has no timestamp, a count near `Int.max` overflows the
/// first sum, and a megabyte of note text slows every reader. The decider refuses values outside
/// these bounds (``Rejection/outOfBounds(_:)``), the grammar and file readers refuse them earlier
/// with a position, and the store refuses to append anything it cannot read back.
public enum Limits {
    /// How far from now a time in a command may lie (a warning's expiry, a drill's start and
    /// end): 366 days either way.
    public static let horizon: TimeInterval = 366 * 86_400
    /// The longest a drill may run, and the latest offset an inject may have: 7 days.
    public static let drillMinutes = 7 * 24 * 60
    /// The largest figure a report may carry (people, or a loss in CNY): 10^13, so that a sum of
    /// every figure stays far inside a 64-bit integer.
    public static let figure = 10_000_000_000_000
    /// The longest text (a title, a note, a reason, a summary), in characters.
    public static let text = 4_000
    /// The longest situation report's text (a version on the record), in characters: a
    /// statutory report runs to a few pages; a year of them stays a small part of the log.
    public static let reportText = 32_000
    /// The longest name (a district, an id, a person, a policy), in characters, and the most
    /// items in a list (districts of a warning or a response).
    public static let name = 64, list = 64
    /// The largest grid coordinate either way: far beyond any map, far from any overflow.
    public static let coordinate = 1_000_000
    /// The first and last instants the log's timestamps can hold (four-digit years, UTC).
    public static let earliest = Date(timeIntervalSince1970: 0)
    public static let latest = Date(timeIntervalSince1970: 253_402_300_799.999)

    /// Whether a time lies within the horizon around `now` (and so in the log's range).
    public static func isNear(_ date: Date, to now: Date) -> Bool {
        date.timeIntervalSince1970.isFinite && abs(date.timeIntervalSince(now)) <= horizon && date >= earliest && date <= latest
    }
}

/// A value outside ``Limits``: what it is, the value as given, and the bound it broke.
public struct BoundViolation: Hashable, Sendable {
    public var what: Bilingual
    public var value: String
    public var bound: Bilingual

    public init(_ what: Bilingual, value: String, bound: Bilingual) {
        self.what = what
        self.value = value
        self.bound = bound
    }

    public static func time(_ what: Bilingual, _ date: Date) -> BoundViolation {
        let shown = date.timeIntervalSince1970.isFinite && abs(date.timeIntervalSince1970) < 1e12 ? ISO8601DateFormatter().string(from: date) : "\(date.timeIntervalSince1970)"
        return BoundViolation(what, value: shown, bound: Bilingual("within 366 days of now", "须在当前时间前后 366 天以内"))
    }

    public static func figure(_ field: Figures.Field, _ value: Int) -> BoundViolation {
        BoundViolation(field.name, value: String(value), bound: Bilingual("at most \(Limits.figure)", "不超过 \(Limits.figure)"))
    }

    /// A count of things or people (stock, a shelter's places, people checked in) out of range.
    public static func count(_ what: Bilingual, _ value: Int) -> BoundViolation {
        BoundViolation(what, value: String(value), bound: Bilingual("from 0 to \(Limits.figure)", "须在 0 到 \(Limits.figure) 之间"))
    }

    public static func name(_ what: Bilingual, _ count: Int) -> BoundViolation {
        BoundViolation(what, value: "\(count) characters", bound: Bilingual("at most \(Limits.name) characters", "不超过 \(Limits.name) 个字符"))
    }

    public static func list(_ what: Bilingual, _ count: Int) -> BoundViolation {
        BoundViolation(what, value: "\(count) items", bound: Bilingual("at most \(Limits.list) items", "不超过 \(Limits.list) 项"))
    }

    public static func cell(_ c: Cell) -> BoundViolation {
        BoundViolation(Bilingual("the cell", "格子"), value: "\(c.x),\(c.y)", bound: Bilingual("within ±\(Limits.coordinate)", "在 ±\(Limits.coordinate) 以内"))
    }

    public static func text(_ what: Bilingual, _ count: Int) -> BoundViolation {
        BoundViolation(what, value: "\(count) characters", bound: Bilingual("at most \(Limits.text) characters", "不超过 \(Limits.text) 个字符"))
    }
}

extension BoundViolation {
    /// A text longer than ``Limits/text``, if it is.
    static func text(_ text: String?, _ what: Bilingual) -> BoundViolation? {
        guard let text, text.count > Limits.text else { return nil }
        return .text(what, text.count)
    }

    /// A name longer than ``Limits/name``, if it is.
    static func name(_ text: String?, _ what: Bilingual) -> BoundViolation? {
        guard let text, text.count > Limits.name else { return nil }
        return .name(what, text.count)
    }

    /// A list of names (districts) too long, or with a name too long.
    static func names(_ list: [String], _ what: Bilingual) -> BoundViolation? {
        if list.count > Limits.list { return .list(what, list.count) }
        return list.lazy.compactMap { name($0, what) }.first
    }

    /// A cell outside ±``Limits/coordinate``.
    static func cell(_ c: Cell) -> BoundViolation? {
        if abs(c.x) <= Limits.coordinate && abs(c.y) <= Limits.coordinate { return nil }
        // Typed out: a bare `.cell(c)` here called this very function (the grammar fuzzer found
        // the endless loop: `report flood at cell:81793070273,0` overflowed the stack).
        let outside: BoundViolation = BoundViolation.cell(c)
        return outside
    }

    /// The first violation among several checks.
    static func first(_ checks: BoundViolation?...) -> BoundViolation? { checks.lazy.compactMap { $0 }.first }
}

extension Figures {
    /// The first figure above ``Limits/figure``, if any.
    public var violation: BoundViolation? {
        for field in Field.allCases where self[field] > Limits.figure { return .figure(field, self[field]) }
        return nil
    }
}

extension Bilingual {
    static let reason = Bilingual("reason", "理由")
}
