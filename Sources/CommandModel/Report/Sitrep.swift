import Foundation

/// The statutory shape of a situation report (突发事件信息报告): the first report (首报), a
/// follow-up as things change (续报), and the final report when the response is over (终报).
public enum SitrepStage: String, Hashable, Sendable, Codable, CaseIterable {
    case first, followup, final

    public var name: Bilingual {
        switch self {
        case .first: Bilingual("First report", "首报")
        case .followup: Bilingual("Follow-up report", "续报")
        case .final: Bilingual("Final report", "终报")
        }
    }

    /// `first`, `followup` (or `follow-up`), `final`, or their Chinese names.
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "first", "首报": self = .first
        case "followup", "follow-up", "续报": self = .followup
        case "final", "终报": self = .final
        default: return nil
        }
    }
}

/// One version of an incident's situation report as it went on the record: its full text (the
/// Markdown the officer saw or edited), in one language, with the text's SHA-256. A frozen
/// payload: fields are only ever added.
public struct SitrepVersion: Hashable, Sendable, Codable {
    public var incident: IncidentID
    public var stage: SitrepStage
    /// 1, 2, 3 … per incident, across stages.
    public var version: Int
    public var language: Language
    public var text: String
    /// SHA-256 of `text`'s UTF-8 bytes, lowercase hexadecimal.
    public var sha256: String
    /// False for the draft exactly as the record gave it; true when an officer changed it.
    public var edited: Bool

    public init(incident: IncidentID, stage: SitrepStage, version: Int, language: Language, text: String, edited: Bool) {
        self.incident = incident
        self.stage = stage
        self.version = version
        self.language = language
        self.text = text
        self.sha256 = SHA256Hex.of(text)
        self.edited = edited
    }
}

/// What the state keeps of one version: everything but the text (the text is in the log, in
/// its `sitrepDrafted` event; the hash ties the two).
public struct SitrepEntry: Hashable, Sendable, Codable {
    public var version: Int
    public var stage: SitrepStage
    public var language: Language
    public var sha256: String
    public var edited: Bool
    public var at: Date
    public var by: String
    public var approvedAt: Date?
    public var approvedBy: String?
    public var filedAt: Date?
    public var filedBy: String?
    /// The reporting stage of the plans whose deadline the filing closed (nil: none was owed).
    public var filedTo: String?
    /// The incident's figures and level when the version was filed: what the next report's
    /// "since the last report" is counted from.
    public var figuresFiled: Figures?
    public var levelFiled: ResponseLevel?
}

/// An incident's situation reports, every version in order.
public struct SitrepHistory: Hashable, Sendable, Codable {
    public var incident: IncidentID
    public var versions: [SitrepEntry] = []

    public init(incident: IncidentID) { self.incident = incident }

    public var latest: SitrepEntry? { versions.last }
    /// The last version filed, if any.
    public var lastFiled: SitrepEntry? { versions.last { $0.filedAt != nil } }

    /// The version a version is compared with by default: the last one filed before it (what
    /// its readers last received), else the one just before it; nil for the first.
    public func baseline(of version: Int) -> Int? {
        versions.last { $0.version < version && $0.filedAt != nil }?.version ?? versions.last { $0.version < version }?.version
    }
}

extension CommandState {
    /// Folds the situation-report events in (called from `apply`).
    mutating func applySitrep(_ event: Event, at: Date, by: String) {
        switch event {
        case let .sitrepDrafted(v):
            var h = sitreps[v.incident] ?? SitrepHistory(incident: v.incident)
            h.versions.append(SitrepEntry(version: v.version, stage: v.stage, language: v.language, sha256: v.sha256, edited: v.edited, at: at, by: by))
            sitreps[v.incident] = h
        case let .sitrepApproved(id, version, _):
            guard let i = sitreps[id]?.versions.firstIndex(where: { $0.version == version }) else { preconditionFailure("approving unknown sitrep \(id) v\(version)") }
            sitreps[id]?.versions[i].approvedAt = at
            sitreps[id]?.versions[i].approvedBy = by
        case let .sitrepFiled(id, version, to, _):
            guard let i = sitreps[id]?.versions.firstIndex(where: { $0.version == version }) else { preconditionFailure("filing unknown sitrep \(id) v\(version)") }
            sitreps[id]?.versions[i].filedAt = at
            sitreps[id]?.versions[i].filedBy = by
            sitreps[id]?.versions[i].filedTo = to
            sitreps[id]?.versions[i].figuresFiled = incidents[id]?.figures
            sitreps[id]?.versions[i].levelFiled = incidents[id]?.level
        case .incidentReported, .incidentAcknowledged, .incidentVerified, .figuresUpdated, .levelRaised, .levelLowered, .statusChanged, .incidentCancelled, .incidentMarkedFalseAlarm,
            .incidentClosed, .incidentReopened, .causeLinked, .checklistItemDone, .noteAdded, .reportFiled, .teamRegistered, .teamUpdated, .teamRetired, .teamAssigned, .teamStatusChanged,
            .teamReleased, .responseDeclared, .responseAdjusted, .responseEnded, .incidentJoinedResponse, .warningIssued, .warningLifted, .actionRefused, .pageSent, .pageAcknowledged,
            .pageNotified, .pageNotifyFailed, .pageCancelled, .drillScheduled, .injectFired, .injectSkipped, .drillEnded, .rosterAdopted, .facilityRegistered, .facilityUpdated,
            .facilityRetired, .shelterOpened, .shelterClosed, .sheltered, .shelterLeft, .stockReceived, .stockIssued, .stockMinimumSet, .supplyRequested, .supplyApproved, .supplyCommitted,
            .supplyDispatched, .supplyDelivered, .aidRequested, .aidOffered, .aidAccepted, .aidReleased, .handoverAccepted, .drillObserved, .drillObjectiveJudged, .correctiveActionRaised,
            .correctiveActionUpdated, .feedReceived, .feedAdvanced, .journalSealed, .drillExpectationScored, .capAlertReceived, .aidArrived, .aidMessageReceived, .aidMessageDelivered,
            .centreUnreachable, .centreReachable, .boardShared, .boardUnshared:
            preconditionFailure("not a situation-report event: \(event.kind)")
        }
    }

    /// Restores the situation reports a snapshot held (the snapshot codec's counterpart of
    /// `applySitrep`).
    public mutating func restoreSitreps(_ histories: [SitrepHistory]) {
        sitreps = Dictionary(histories.map { ($0.incident, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
