import Foundation

/// A CAP alert as the decider takes it: read, checked and placed on the map by the caller
/// (``CAPAlert/message(on:colours:)``: the map and the colour table are files), so deciding
/// needs nothing but the record.
public struct CAPMessage: Hashable, Sendable {
    public var sender: String
    public var identifier: String
    public var sent: Date
    public var status: CAPAlert.Status
    public var msgType: CAPAlert.MessageType
    public var references: [CAPAlert.Reference]
    public var texts: [CAPText]
    public var hazard: IncidentType
    public var color: WarningColor
    /// District slugs its areas cover; empty: the whole city.
    public var districts: [String]
    /// Whether no area of the alert lies on the map (listed, never drawn).
    public var outsideMap: Bool
    public var expires: Date?
    /// Who issued it (its `senderName`, else its sender).
    public var authority: String
    public var unknownCodes: [String]

    public init(
        sender: String, identifier: String, sent: Date, status: CAPAlert.Status = .actual, msgType: CAPAlert.MessageType = .alert, references: [CAPAlert.Reference] = [],
        texts: [CAPText], hazard: IncidentType, color: WarningColor, districts: [String], outsideMap: Bool = false, expires: Date?, authority: String, unknownCodes: [String] = []
    ) {
        self.sender = sender
        self.identifier = identifier
        self.sent = sent
        self.status = status
        self.msgType = msgType
        self.references = references
        self.texts = texts
        self.hazard = hazard
        self.color = color
        self.districts = districts
        self.outsideMap = outsideMap
        self.expires = expires
        self.authority = authority
        self.unknownCodes = unknownCodes
    }

    public var key: CAPKey { CAPKey(sender: sender, identifier: identifier) }
}

/// What a CAP 1.2 feed asks of the record.
public enum CAPCommand: Hashable, Sendable {
    /// An alert: a new warning (`Alert`), a change of the warnings its references made
    /// (`Update`), or their lifting (`Cancel`). Refused when already on the record, not
    /// `Actual`, an `Ack`/`Error`, wholly outside the map, or already expired.
    case receive(CAPMessage)
}

extension CAPCommand: DomainCommand {
    public var incident: IncidentID? { nil }

    func boundViolation(now: Date) -> BoundViolation? {
        switch self {
        case let .receive(m):
            if m.texts.count > Limits.list { return .list(Bilingual("info blocks", "信息块"), m.texts.count) }
            if m.references.count > Limits.list { return .list(Bilingual("references", "引用"), m.references.count) }
            if m.unknownCodes.count > Limits.list { return .list(Bilingual("unknown geocodes", "未知地理编码"), m.unknownCodes.count) }
            for t in [m.sent] + (m.expires.map { [$0] } ?? []) + m.references.map(\.sent) where !Limits.isNear(t, to: now) {
                return .time(Bilingual("the alert's time", "警报时间"), t)
            }
            let what = Bilingual("CAP sender or identifier", "CAP 发送者或标识符")
            let names = [m.sender, m.identifier, m.authority] + m.references.flatMap { [$0.sender, $0.identifier] } + m.unknownCodes
            let texts = m.texts.flatMap { [$0.event, $0.headline, $0.description, $0.instruction] }
            return .first(
                .names(names, what), .names(m.districts, Bilingual("districts", "区")), .names(m.texts.map(\.language), Bilingual("language", "语言")),
                texts.lazy.compactMap { BoundViolation.text($0, Bilingual("alert text", "警报文字")) }.first)
        }
    }

    func requirement(in state: CommandState) -> Requirement { .anyRole }
}

extension Decision {
    mutating func decide(_ command: CAPCommand) throws(Rejection) -> [Event] {
        switch command {
        case let .receive(m):
            if state.cap.receipts[m.key] != nil { throw .capAlreadyOnRecord(m.key) }
            guard m.status == .actual else { throw .capNotActual(m.identifier, status: m.status.rawValue) }
            if let expires = m.expires, expires <= context.now { throw .capExpired(m.identifier, expires) }
            // The warnings the references made, as they stand now; the rest are reported.
            var known: [WarningID] = []
            var unknown: [CAPAlert.Reference] = []
            for r in m.references {
                if state.cap.receipts[r.key] == nil {
                    unknown.append(r)
                } else if let w = state.currentWarning(of: r.key), let warning = state.warnings[w], warning.isActive(at: context.now), !known.contains(w) {
                    known.append(w)
                }
            }
            var receipt = CAPReceipt(
                sender: m.sender, identifier: m.identifier, sent: m.sent, msgType: m.msgType, references: m.references, texts: m.texts, warning: nil, changed: [],
                unknownReferences: unknown, unknownCodes: m.unknownCodes)
            switch m.msgType {
            case .ack, .error:
                throw .capNotAWarning(m.identifier, msgType: m.msgType.rawValue)
            case .cancel:
                // Every warning its references made is lifted; a cancel of alerts never
                // received is still kept (and so reported), lifting nothing.
                let reason = "CAP Cancel \(m.identifier)" + (m.texts.first?.headline.map { ": " + $0 } ?? "")
                receipt.changed = known
                return known.map { .warningLifted(warning: $0, reason: String(reason.prefix(Limits.text))) } + [.capAlertReceived(receipt: receipt)]
            case .alert, .update:
                // What it would change was already replaced or cancelled by a later alert that
                // arrived first: kept on the record, issuing nothing.
                if let later = state.cap.referencedBy[m.key]?.sorted().first {
                    receipt.overtakenBy = later.identifier
                    return [.capAlertReceived(receipt: receipt)]
                }
                if m.outsideMap {
                    // An update that moves the warning off the map lifts what it replaced.
                    guard m.msgType == .update, !known.isEmpty else { throw .capOutsideMap(m.identifier) }
                    receipt.changed = known
                    return known.map { .warningLifted(warning: $0, reason: "CAP Update \(m.identifier): outside the map") } + [.capAlertReceived(receipt: receipt)]
                }
                let slugs = try districtSlugs(m.districts)
                var w = WarningIssued(
                    id: WarningID(state.nextWarning), hazard: m.hazard, color: m.color, districts: slugs, authority: m.authority, issued: context.now, expires: m.expires)
                // What its references made, and (as for any new warning) what it covers of the
                // same hazard.
                let replaced = Set(known).union(state.warningsSuperseded(by: w, exercise: context.exercise, at: context.now)).sorted()
                if !replaced.isEmpty { w.supersedes = replaced }
                receipt.warning = w.id
                receipt.changed = known
                return [.warningIssued(warning: w), .capAlertReceived(receipt: receipt)]
            }
        }
    }
}
