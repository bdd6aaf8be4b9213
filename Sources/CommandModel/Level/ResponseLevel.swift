import Foundation

/// An incident's or an area's emergency response level (应急响应级别).
///
/// Ordered: `.none < .iv < .iii < .ii < .i`. Never confused with ``WarningColor``:
/// the two ladders are separate types.
public enum ResponseLevel: Int, Sendable, Codable, CaseIterable, Comparable, Hashable, CustomStringConvertible {
    case none = 0
    case iv = 1
    case iii = 2
    case ii = 3
    case i = 4

    public static func < (a: ResponseLevel, b: ResponseLevel) -> Bool { a.rawValue < b.rawValue }

    /// Roman numeral as printed in plans: "I" ... "IV", or "-" for none.
    public var roman: String {
        switch self {
        case .none: "-"
        case .iv: "IV"
        case .iii: "III"
        case .ii: "II"
        case .i: "I"
        }
    }

    public var description: String { roman }

    /// How the level is written in the record: "I" … "IV", or "none". Older payloads wrote the
    /// raw number (0 none … 4 I); both read back.
    public var stored: String {
        switch self {
        case .none: "none"
        case .iv: "IV"
        case .iii: "III"
        case .ii: "II"
        case .i: "I"
        }
    }

    /// The level a stored text names, if any.
    public init?(stored text: String) {
        guard let level = Self.allCases.first(where: { $0.stored == text }) else { return nil }
        self = level
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int.self) {
            guard let level = ResponseLevel(rawValue: n) else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a level: \(n)") }
            self = level
            return
        }
        let text = try c.decode(String.self)
        guard let level = ResponseLevel(stored: text) else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a level: \(text)") }
        self = level
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(stored)
    }

    /// The statutory name: 特别重大 / 重大 / 较大 / 一般.
    public var name: Bilingual {
        switch self {
        case .none: Bilingual("no response", "未启动")
        case .iv: Bilingual("IV general", "Ⅳ级 一般")
        case .iii: Bilingual("III major", "Ⅲ级 较大")
        case .ii: Bilingual("II serious", "Ⅱ级 重大")
        case .i: Bilingual("I especially serious", "Ⅰ级 特别重大")
        }
    }

    /// The colour a response level is shown in: I red, II orange, III yellow, IV blue.
    public var colourName: Bilingual {
        switch self {
        case .none: Bilingual("none", "无")
        case .iv: Bilingual("blue", "蓝色")
        case .iii: Bilingual("yellow", "黄色")
        case .ii: Bilingual("orange", "橙色")
        case .i: Bilingual("red", "红色")
        }
    }

    /// Accepts every vocabulary users type: `I`..`IV`, `1`..`4`, `一级`..`四级`,
    /// `Ⅰ级`, the colour names in both languages, `none`/`无`.
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        switch t {
        case "none", "0", "无", "-", "未启动": self = .none
        case "iv", "4", "四级", "ⅳ", "ⅳ级", "iv级", "blue", "蓝色", "蓝": self = .iv
        case "iii", "3", "三级", "ⅲ", "ⅲ级", "iii级", "yellow", "黄色", "黄": self = .iii
        case "ii", "2", "二级", "ⅱ", "ⅱ级", "ii级", "orange", "橙色", "橙": self = .ii
        case "i", "1", "一级", "ⅰ", "ⅰ级", "i级", "red", "红色", "红": self = .i
        default: return nil
        }
    }
}

/// A warning's colour (预警: blue, yellow, orange, red), issued by an authority such as the
/// meteorological observatory. A separate ladder from ``ResponseLevel``.
public enum WarningColor: Int, Sendable, Codable, CaseIterable, Comparable, Hashable, CustomStringConvertible {
    case blue = 1
    case yellow = 2
    case orange = 3
    case red = 4

    public static func < (a: WarningColor, b: WarningColor) -> Bool { a.rawValue < b.rawValue }

    public var name: Bilingual {
        switch self {
        case .blue: Bilingual("blue", "蓝色")
        case .yellow: Bilingual("yellow", "黄色")
        case .orange: Bilingual("orange", "橙色")
        case .red: Bilingual("red", "红色")
        }
    }

    public var description: String { name.en }

    /// Accepts `red`, `红色`, `红`, `红色预警`.
    public init?(parsing text: String) {
        var t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t.hasSuffix("预警") { t = String(t.dropLast(2)) }
        switch t {
        case "blue", "蓝色", "蓝": self = .blue
        case "yellow", "黄色", "黄": self = .yellow
        case "orange", "橙色", "橙": self = .orange
        case "red", "红色", "红": self = .red
        default: return nil
        }
    }
}
