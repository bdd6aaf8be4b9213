import Foundation

/// The roster a store is pinned to: adopting one is on the record, by a commander, with its
/// digest, so a console or `exec` started with another roster (or none) can be refused.
public enum RosterCommand: Hashable, Sendable {
    /// Pins the store to the roster whose file has this SHA-256 digest (hex); `source` names the
    /// file for people reading the record.
    case adopt(digest: String, source: String)
}

/// The roster a store is pinned to, as the record has it.
public struct AdoptedRoster: Hashable, Sendable, Codable {
    public var digest: String
    public var source: String
    public var at: Date
    public var by: String

    public init(digest: String, source: String, at: Date, by: String) {
        self.digest = digest
        self.source = source
        self.at = at
        self.by = by
    }
}

extension RosterCommand: DomainCommand {
    public var incident: IncidentID? {
        switch self {
        case .adopt: nil
        }
    }

    func boundViolation(now: Date) -> BoundViolation? {
        switch self {
        case let .adopt(digest, source):
            .first(.text(digest, Bilingual("roster digest", "值班表摘要")), .text(source, Bilingual("roster file", "值班表文件")))
        }
    }

    func requirement(in state: CommandState) -> Requirement {
        switch self {
        case .adopt: .commander(action: Bilingual("adopt a roster for this store", "为本事件库启用值班表"))
        }
    }
}

extension Decision {
    mutating func decide(_ command: RosterCommand) throws(Rejection) -> [Event] {
        switch command {
        case let .adopt(digest, source):
            let digest = digest.lowercased()
            guard digest.count == 64, digest.allSatisfy(\.isHexDigit) else { throw .badRosterDigest(digest) }
            if state.roster?.digest == digest { throw .rosterAlreadyAdopted(source) }
            return [.rosterAdopted(digest: digest, source: try required(source, what: Bilingual("roster file", "值班表文件")))]
        }
    }
}
