/// The two languages every user-facing string exists in.
public enum Language: String, Sendable, Codable, CaseIterable, Hashable {
    case en
    case zh

    /// Picks a language from a POSIX locale name such as `zh_CN.UTF-8`.
    public static func fromLocale(_ name: String?) -> Language {
        guard let name, name.lowercased().hasPrefix("zh") else { return .en }
        return .zh
    }
}

/// A piece of user-facing text in English and Simplified Chinese.
///
/// Guarantees both languages are present: there is no initialiser that takes only one.
public struct Bilingual: Hashable, Sendable, Codable, CustomStringConvertible {
    public var en: String
    public var zh: String

    public init(_ en: String, _ zh: String) {
        self.en = en
        self.zh = zh
    }

    public func callAsFunction(_ language: Language) -> String {
        switch language {
        case .en: en
        case .zh: zh
        }
    }

    public var description: String { en }
}
