import Foundation

/// An incoming officer's acknowledgement of the shift handover: a frozen payload (fields are only
/// ever added).
public struct HandoverAccepted: Hashable, Sendable, Codable {
    /// The outgoing officer, as named (nil: not named).
    public var from: String?
    /// The start of the shift the brief covered.
    public var since: Date
    /// SHA-256 of the brief as it was shown (nil: accepted from the command bar, without one).
    public var sha256: String?
    /// Open incidents when it was accepted.
    public var openIncidents: Int

    public init(from: String?, since: Date, sha256: String?, openIncidents: Int) {
        self.from = from
        self.since = since
        self.sha256 = sha256
        self.openIncidents = openIncidents
    }
}

/// The last handover on the record: when, and who took over.
public struct HandoverRecord: Hashable, Sendable, Codable {
    public var accepted: HandoverAccepted
    public var at: Date
    public var by: String
}

/// Shift handovers.
public enum HandoverCommand: Hashable, Sendable {
    /// The incoming officer acknowledges the brief. `since` nil: since the last handover (or
    /// 12 hours); `sha256`: the brief as shown, when a front door showed one.
    case accept(from: String?, since: Date?, sha256: String?)
}

extension HandoverCommand: DomainCommand {
    public var incident: IncidentID? {
        switch self {
        case .accept: nil
        }
    }

    func boundViolation(now: Date) -> BoundViolation? {
        switch self {
        case let .accept(from, since, sha256):
            if let since, !Limits.isNear(since, to: now) { return .time(Bilingual("start of the shift", "班次开始时间"), since) }
            return .first(.name(from, Bilingual("outgoing officer", "交班人")), .name(sha256, Bilingual("brief hash", "简报哈希")))
        }
    }

    func requirement(in state: CommandState) -> Requirement {
        switch self {
        case .accept: .anyRole
        }
    }
}

extension CommandState {
    /// Restores the last handover a snapshot held.
    public mutating func restoreHandover(_ record: HandoverRecord?) { lastHandover = record }

    /// The shift a handover now would cover: since the last one, else the last 12 hours.
    public func shiftStart(now: Date) -> Date {
        lastHandover.map(\.at) ?? now.addingTimeInterval(-12 * 3600)
    }
}

extension Decision {
    mutating func decide(_ command: HandoverCommand) throws(Rejection) -> [Event] {
        switch command {
        case let .accept(from, since, sha256):
            let from = try from.map { (t: String) throws(Rejection) -> String in try required(t, what: Bilingual("outgoing officer", "交班人")) }
            if let sha256, sha256.count != 64 || !sha256.allSatisfy(\.isHexDigit) { throw .badBriefHash(sha256) }
            let start = since ?? state.shiftStart(now: context.now)
            if start > context.now { throw .shiftStartsLater(CentreTime.format(start)) }
            return [.handoverAccepted(handover: HandoverAccepted(from: from, since: start, sha256: sha256?.lowercased(), openIncidents: state.activeIDs.count))]
        }
    }
}
