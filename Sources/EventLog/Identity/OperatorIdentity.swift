import CommandModel
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who acts: the operating-system account of the process, and the name it acts under.
///
/// The account comes from the kernel (`geteuid`, then the password database), never from
/// `$USER` or `$LOGNAME`, which any caller sets at will. `--operator` may name someone else only
/// without a roster, or when the roster lets this account act for others (a person's
/// `act-for-others: true`, or the roster-wide `allow-operator: true`); the record then names
/// both, as `ACCOUNT as NAME` (``recordedName``), so acting for another is never invisible.
public struct OperatorIdentity: Hashable, Sendable {
    /// The operating-system account of the process.
    public let account: String
    /// The name it acts under: the account, or the name given with `--operator`.
    public let name: String

    /// The longest name `--operator` accepts.
    public static let maxNameLength = 64

    /// Who acts, from the process's account and the name asked for (nil or empty: the account).
    public init(account: String, requested: String? = nil) {
        self.account = account
        self.name = requested.flatMap { $0.isEmpty ? nil : $0 } ?? account
    }

    /// The identity of this process: its effective user's account, with `--operator` if given.
    public static func ofProcess(requested: String?) -> OperatorIdentity {
        OperatorIdentity(account: processAccount(), requested: requested)
    }

    /// Whether the name is someone else's than the account's.
    public var actsForAnother: Bool { name != account }

    /// The name on the record (the events' operator column): the account, or `ACCOUNT as NAME`
    /// when acting for another. Names hold no spaces, so the two parts never blur.
    public var recordedName: String { actsForAnother ? "\(account) as \(name)" : name }

    /// The roster login an operator name given to the ledger stands for: this identity's name
    /// when it is the identity's name or its recorded name, else the name itself.
    public func login(for operatorName: String) -> String {
        operatorName == recordedName ? name : operatorName
    }

    /// The name to record for an operator name given to the ledger: the recorded name when it is
    /// this identity acting, else the name itself (the system, a drill's scenario).
    public func recorded(for operatorName: String) -> String {
        operatorName == name || operatorName == recordedName ? recordedName : operatorName
    }

    /// Checks the identity against the roster (nil: no roster, everyone may act as anyone, but
    /// on the record as themselves too). Returns why it is refused, or nil when it may act.
    public func refusal(roster: Roster?, rosterFile: String? = nil) -> Refusal? {
        guard actsForAnother else { return nil }
        if name.count > Self.maxNameLength || name.unicodeScalars.contains(where: { CharacterSet.whitespacesAndNewlines.contains($0) || CharacterSet.controlCharacters.contains($0) }) {
            return .badName(name)
        }
        guard let roster else { return nil }
        // The same person under another login is acting as oneself.
        if let me = roster.person(login: account), roster.person(login: name) == me { return nil }
        guard roster.allowsActingForOthers(account: account) else { return .notAllowed(account: account, name: name, rosterFile: rosterFile) }
        return nil
    }

    /// Why an identity is refused; the refusal is itself recorded.
    public enum Refusal: Error, Hashable, Sendable {
        /// `--operator` names another person, and the roster does not let this account do that.
        case notAllowed(account: String, name: String, rosterFile: String?)
        /// `--operator` is not a name (spaces, control characters, or too long).
        case badName(String)

        /// The action as recorded in the refusal.
        public var action: String {
            switch self {
            case let .notAllowed(_, name, _): "act as \(name) (--operator)"
            case .badName: "act under another name (--operator)"
            }
        }

        public var message: Bilingual {
            switch self {
            case let .notAllowed(account, name, file):
                let place = file.map { " in \($0)" } ?? ""
                let placeZh = file.map { "在 \($0) 中" } ?? ""
                return Bilingual(
                    "the operating-system account \(account) may not act as \(name): the roster does not let it act for others. Run as \(name)'s own account, or drop --operator; a shared console account needs act-for-others: true on its person\(place)",
                    "操作系统账号 \(account) 不能以 \(name) 的身份操作：值班表不允许其代他人操作。请使用 \(name) 本人的账号，或去掉 --operator；共用控制台账号需\(placeZh)为其人员设置 act-for-others: true")
            case let .badName(name):
                let shown = String(name.unicodeScalars.prefix(Self.shownLength).map { CharacterSet.controlCharacters.contains($0) ? "?" : Character($0) })
                return Bilingual(
                    "--operator '\(shown)' is not a name: give a login-like name without spaces or control characters, at most \(OperatorIdentity.maxNameLength) characters",
                    "--operator “\(shown)”不是有效名称：请使用不含空格和控制字符的登录名，最多 \(OperatorIdentity.maxNameLength) 个字符")
            }
        }

        private static let shownLength = 80
    }

    /// The effective user's account name from the password database; `uid-N` when the user has
    /// no entry (a container started with a bare uid).
    public static func processAccount() -> String {
        let uid = geteuid()
        var buffer = [CChar](repeating: 0, count: 16_384)
        // The entry's strings point into the buffer: read them while it is held.
        let found: String? = buffer.withUnsafeMutableBufferPointer { storage in
            var entry = passwd()
            var result: UnsafeMutablePointer<passwd>?
            guard let base = storage.baseAddress, getpwuid_r(uid, &entry, base, storage.count, &result) == 0, result != nil, let name = entry.pw_name else { return nil }
            let text = String(cString: name)
            return text.isEmpty ? nil : text
        }
        if let found { return found }
        return "uid-\(uid)"
    }
}
