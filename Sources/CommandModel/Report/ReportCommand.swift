import Foundation

/// Situation reports: a version drafted from the record (or as an officer edited it), approved
/// by a leader, filed upward, closing the reporting deadline it answers.
public enum ReportCommand: Hashable, Sendable {
    /// Puts a version of the incident's situation report on the record. `text` nil: the draft
    /// the record gives now; otherwise the officer's text (edited from a draft). `stage` nil:
    /// the first report until one is filed, then a follow-up, the final once it is over.
    case draftSitrep(IncidentID, stage: SitrepStage?, language: Language, text: String?)
    /// A leader approves the latest version for filing (`version`, when given, must be it).
    case approveSitrep(IncidentID, version: Int?)
    /// Files the latest version, approved; it closes the reporting deadline of `stage` (a stage
    /// of the plans), or, unless told, the soonest one not yet filed.
    case fileSitrep(IncidentID, stage: String?)
}

extension ReportCommand: DomainCommand {
    public var incident: IncidentID? {
        switch self {
        case let .draftSitrep(i, _, _, _), let .approveSitrep(i, _), let .fileSitrep(i, _): i
        }
    }

    func boundViolation(now: Date) -> BoundViolation? {
        switch self {
        case let .draftSitrep(_, _, _, text):
            guard let text, text.count > Limits.reportText else { return nil }
            return BoundViolation(
                Bilingual("the situation report", "信息报告"), value: "\(text.count) characters",
                bound: Bilingual("at most \(Limits.reportText) characters", "不超过 \(Limits.reportText) 个字符"))
        case let .approveSitrep(_, version):
            guard let version, version < 1 || version > Limits.figure else { return nil }
            return .count(Bilingual("version", "版本"), version)
        case let .fileSitrep(_, stage):
            return .name(stage, Bilingual("reporting stage", "报送环节"))
        }
    }

    func requirement(in state: CommandState) -> Requirement {
        switch self {
        case .draftSitrep, .fileSitrep:
            return .anyRole
        case let .approveSitrep(id, _):
            // A leader: at least an on-call leader, and the authority of the incident's level.
            let level = max(state.incidents[id]?.level ?? .iii, .iii)
            return .level(level, action: Bilingual("approve the situation report of \(id)", "审核 \(id) 的信息报告"), incident: id)
        }
    }
}

extension Decision {
    mutating func decide(_ command: ReportCommand) throws(Rejection) -> [Event] {
        switch command {
        case let .draftSitrep(id, stage, language, text):
            _ = try incident(id)
            let marked = DrillVisibility.isMarked(state.incidents[id]?.exercise, in: state, reveal: false)
            guard let draft = SituationReport.draft(id, stage: stage, state: state, plans: context.plans, grid: context.grid, now: context.now, markExercise: marked) else {
                throw .unknownIncident(id)
            }
            let drafted = draft.markdown(language)
            let final: String
            if let text {
                // Kept exactly as given (its hash is the officer's file's), but never blank.
                _ = try required(text, what: Bilingual("situation report", "信息报告"))
                final = text
            } else {
                final = drafted
            }
            // A draft from a very long record is bounded like an officer's text.
            if final.count > Limits.reportText {
                throw .outOfBounds(
                    BoundViolation(
                        Bilingual("the situation report", "信息报告"), value: "\(final.count) characters",
                        bound: Bilingual(
                            "at most \(Limits.reportText) characters; edit it shorter (decision-hub sitrep draft --edit)", "不超过 \(Limits.reportText) 个字符；请精简后留存（decision-hub sitrep draft --edit）")))
            }
            // A text the same as the draft, bar surrounding blank space, was not edited.
            let edited = final.trimmingCharacters(in: .whitespacesAndNewlines) != drafted.trimmingCharacters(in: .whitespacesAndNewlines)
            return [.sitrepDrafted(sitrep: SitrepVersion(incident: id, stage: draft.stage, version: draft.version, language: language, text: final, edited: edited))]

        case let .approveSitrep(id, version):
            _ = try incident(id)
            guard let latest = state.sitreps[id]?.latest else { throw .noSitrep(id) }
            if let version, version != latest.version { throw .sitrepNotLatest(id, version: version, latest: latest.version) }
            if latest.filedAt != nil { throw .sitrepAlreadyFiled(id, version: latest.version) }
            if latest.approvedAt != nil { throw .sitrepAlreadyApproved(id, version: latest.version) }
            return [.sitrepApproved(incident: id, version: latest.version, sha256: latest.sha256)]

        case let .fileSitrep(id, stage):
            let i = try incident(id)
            guard let latest = state.sitreps[id]?.latest else { throw .noSitrep(id) }
            if latest.filedAt != nil { throw .sitrepAlreadyFiled(id, version: latest.version) }
            if latest.approvedAt == nil { throw .sitrepNotApproved(id, version: latest.version) }
            let to: String?
            if let stage {
                to = stage
            } else {
                // The soonest deadline not yet filed, even one an incident now over left unfiled.
                to = i.deadlines(at: context.now, plans: context.plans).first { !$0.standing.isFiled && $0.inPlans }?.stage.id
            }
            var events: [Event] = []
            if let to {
                // Exactly the checks of `filed INC stage`: one path closes a deadline.
                var d = self
                events = try d.decide(IncidentCommand.fileReport(id, stage: to))
            }
            return events + [.sitrepFiled(incident: id, version: latest.version, to: to, sha256: latest.sha256)]
        }
    }
}
