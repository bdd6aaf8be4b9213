import Foundation

/// A CAP alert's identity: its sender and its identifier (unique per sender, CAP 1.2 §3.2.1).
/// The record is idempotent by this pair.
public struct CAPKey: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var sender: String
    public var identifier: String

    public init(sender: String, identifier: String) {
        self.sender = sender
        self.identifier = identifier
    }

    public static func < (a: CAPKey, b: CAPKey) -> Bool { (a.sender, a.identifier) < (b.sender, b.identifier) }
    public var description: String { "\(sender),\(identifier)" }
}

/// An `<info>` block's words, in one language, as the record keeps them (each bounded by
/// ``Limits/text``, cut with "…" when longer on arrival).
public struct CAPText: Hashable, Sendable, Codable {
    /// `zh-CN`, `en-US` (RFC 3066, as the alert gives it).
    public var language: String
    public var event: String
    public var headline: String?
    public var description: String?
    public var instruction: String?

    public init(language: String, event: String, headline: String? = nil, description: String? = nil, instruction: String? = nil) {
        self.language = language
        self.event = event
        self.headline = headline
        self.description = description
        self.instruction = instruction
    }

    /// Whether the text is in `language` (its primary subtag: `zh-CN` and `zh` are Chinese).
    public func isIn(_ language: Language) -> Bool {
        let primary = self.language.lowercased().split(separator: "-").first.map(String.init) ?? ""
        switch language {
        case .en: return primary == "en"
        case .zh: return primary == "zh"
        }
    }
}

/// What the record keeps of a CAP alert once applied: its identity, what it refers to, its
/// words in every language, and what it did to the warnings (the `capAlertReceived` event's
/// payload, frozen; it follows the warning events it caused in the same command).
public struct CAPReceipt: Hashable, Sendable, Codable {
    public var sender: String
    public var identifier: String
    public var sent: Date
    public var msgType: CAPAlert.MessageType
    public var references: [CAPAlert.Reference]
    public var texts: [CAPText]
    /// The warning the alert issued (an `Alert`, or an `Update` still on the map).
    public var warning: WarningID?
    /// The warnings it replaced (an `Update`) or lifted (a `Cancel`).
    public var changed: [WarningID]
    /// References to alerts the record does not hold: reported, kept here, not dropped.
    public var unknownReferences: [CAPAlert.Reference]
    /// Geocodes that name no district of the map (`ADCODE 110199`).
    public var unknownCodes: [String]
    /// An alert or update that arrived after an alert on the record already replaced or
    /// cancelled it (that alert's identifier): kept, and it issues nothing.
    public var overtakenBy: String?

    public init(
        sender: String, identifier: String, sent: Date, msgType: CAPAlert.MessageType, references: [CAPAlert.Reference], texts: [CAPText], warning: WarningID?, changed: [WarningID],
        unknownReferences: [CAPAlert.Reference], unknownCodes: [String], overtakenBy: String? = nil
    ) {
        self.sender = sender
        self.identifier = identifier
        self.sent = sent
        self.msgType = msgType
        self.references = references
        self.texts = texts
        self.warning = warning
        self.changed = changed
        self.unknownReferences = unknownReferences
        self.unknownCodes = unknownCodes
        self.overtakenBy = overtakenBy
    }

    public var key: CAPKey { CAPKey(sender: sender, identifier: identifier) }

    /// The text in `language`, else the first one.
    public func text(in language: Language) -> CAPText? { texts.first { $0.isIn(language) } ?? texts.first }
}

extension CAPAlert.MessageType: Codable {}

extension CAPAlert.Reference {
    public init(_ key: CAPKey, sent: Date) {
        self.init(sender: key.sender, identifier: key.identifier, sent: sent)
    }

    public var key: CAPKey { CAPKey(sender: sender, identifier: identifier) }
    /// As `<references>` writes it: `sender,identifier,sent`.
    public func formatted(_ time: (Date) -> String) -> String { "\(sender),\(identifier),\(time(sent))" }
}

/// The CAP alerts on the record, by identity, and the warnings they made and cancelled.
public struct CAPIndex: Hashable, Sendable {
    public internal(set) var receipts: [CAPKey: CAPReceipt] = [:]
    /// The alert that issued each warning.
    public internal(set) var issuedBy: [WarningID: CAPKey] = [:]
    /// The alert that cancelled each warning.
    public internal(set) var cancelledBy: [WarningID: CAPKey] = [:]
    /// The alerts on the record that name each alert in their references (an update or a
    /// cancel may arrive before what it changes).
    public internal(set) var referencedBy: [CAPKey: Set<CAPKey>] = [:]

    public init() {}

    /// An index restored from a snapshot.
    public init(receipts: [CAPReceipt]) {
        for r in receipts { apply(r) }
    }

    mutating func apply(_ r: CAPReceipt) {
        receipts[r.key] = r
        if let w = r.warning { issuedBy[w] = r.key }
        for ref in r.references { referencedBy[ref.key, default: []].insert(r.key) }
        switch r.msgType {
        case .cancel: for w in r.changed { cancelledBy[w] = r.key }
        case .alert, .update, .ack, .error: break
        }
    }

    /// The alert that issued a warning, if one did.
    public func source(of warning: WarningID) -> CAPReceipt? { issuedBy[warning].flatMap { receipts[$0] } }
}

/// Where a warning made from a CAP alert stands, as CAP says it.
public enum CAPWarningState: Hashable, Sendable {
    case active
    /// Replaced by an `Update` (its identifier), or by a later warning of the centre's own.
    case superseded(by: String)
    /// Lifted by a `Cancel` (its identifier).
    case cancelled(by: String)
    /// Its expiry has passed: computed from the time, no event needed.
    case expired
    /// Lifted by an officer (`lift WRN-…`).
    case lifted

    public var name: Bilingual {
        switch self {
        case .active: Bilingual("active", "生效")
        case let .superseded(id): Bilingual("superseded by \(id)", "已被 \(id) 更新")
        case let .cancelled(id): Bilingual("cancelled by \(id)", "已被 \(id) 取消")
        case .expired: Bilingual("expired", "已过期")
        case .lifted: Bilingual("lifted", "已解除")
        }
    }
}

extension CommandState {
    /// A warning's state at `now`: replaced, cancelled, lifted, expired or in force.
    public func capState(of id: WarningID, at now: Date) -> CAPWarningState? {
        guard let w = warnings[id] else { return nil }
        if let by = w.supersededBy { return .superseded(by: cap.source(of: by)?.identifier ?? by.description) }
        if let key = cap.cancelledBy[id] { return .cancelled(by: key.identifier) }
        if let lifted = w.lifted, lifted <= now { return .lifted }
        if let e = w.expires, e <= now { return .expired }
        return w.issued <= now ? .active : nil
    }

    /// The warning an alert's reference stands for now: the one it issued, followed along its
    /// replacements to the newest (an update of an update still changes the same warning).
    func currentWarning(of key: CAPKey) -> WarningID? {
        guard var w = cap.receipts[key]?.warning else { return nil }
        var seen: Set<WarningID> = [w]
        while let next = warnings[w]?.supersededBy, !seen.contains(next) {
            w = next
            seen.insert(next)
        }
        return w
    }
}
