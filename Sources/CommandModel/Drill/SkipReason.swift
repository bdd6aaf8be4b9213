import Foundation

/// Why an inject did not fire.
public enum SkipReason: Hashable, Sendable, Codable {
    /// A contingency not needed: the inject it watches met its expectations in time.
    case notNeeded(watching: String)
    /// What it follows or names never fired.
    case didNotFire(String)
    /// An incident it names was never reported.
    case neverReported
    /// Its action does not parse any more (the grammar's message).
    case unparsable(Bilingual)
    /// The decider refused its action (the players changed the picture first).
    case refused(Bilingual)

    public var text: Bilingual {
        switch self {
        case let .notNeeded(other): Bilingual("not needed: \(other) met its expectations in time", "无需触发：\(other) 已按时达标")
        case let .didNotFire(other): Bilingual("\(other) did not fire", "\(other) 未触发")
        case .neverReported: Bilingual("an incident it names was never reported", "其引用的事件未被上报")
        case let .unparsable(why): Bilingual("its action does not parse: \(why.en)", "其动作无法解析：\(why.zh)")
        case let .refused(why): Bilingual("refused: \(why.en)", "被拒绝：\(why.zh)")
        }
    }
}
