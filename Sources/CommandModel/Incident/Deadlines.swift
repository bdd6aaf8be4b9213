import Foundation

/// A reporting deadline on an incident and where it stands at a given time.
public struct Deadline: Hashable, Sendable {
    public enum Standing: Hashable, Sendable {
        case filed(Date)
        case pending(minutesLeft: Int)
        case dueSoon(minutesLeft: Int)
        case overdue(minutesLate: Int)
        /// The incident is over (closed, cancelled, a false alarm) and this report was never
        /// filed: nothing is pending any more, and the record says what was left undone.
        case leftUnfiled

        /// Filed already.
        public var isFiled: Bool {
            switch self {
            case .filed: true
            case .pending, .dueSoon, .overdue, .leftUnfiled: false
            }
        }
    }

    public var stage: ReportingStage
    public var due: Date
    public var standing: Standing
    /// The rule that asks for the stage.
    public var source: String
    /// False for a report on the record to a stage the plans no longer name (an older plan
    /// book): it is shown as filed, under its id, never dropped.
    public var inPlans: Bool = true
}

extension Incident {
    /// The reporting deadlines the incident owes at its current level, and every report already
    /// filed (a stage filed stays filed when the level changes), each filed, pending, due within
    /// `soon` minutes, or overdue at `now`; soonest due first.
    ///
    /// A stage owed only at some levels (Decree 493 art. 10 sends only especially serious and
    /// serious accidents to the State Council) runs from the level change that made it owed.
    public func deadlines(at now: Date, plans: PlanBook, soon: Int = 15) -> [Deadline] {
        let stages = plans.reportingStages(for: category)
        var out: [Deadline] = []
        for cited in stages {
            let stage = cited.stage
            let filed = reportsFiled[stage.id]
            guard filed != nil || stage.applies(at: level) else { continue }
            let due = owedSince(stage).addingTimeInterval(wallSeconds(minutes: stage.withinMinutes))
            let standing: Deadline.Standing
            if let filed {
                standing = .filed(filed)
            } else if !isActive {
                standing = .leftUnfiled
            } else {
                // In the incident's own minutes (a sped-up drill counts scenario minutes).
                let left = due.timeIntervalSince(now) * pace / 60
                if left < 0 {
                    standing = .overdue(minutesLate: Int((-left).rounded(.up)))
                } else if left <= Double(soon) {
                    standing = .dueSoon(minutesLeft: Int(left.rounded(.down)))
                } else {
                    standing = .pending(minutesLeft: Int(left.rounded(.down)))
                }
            }
            out.append(Deadline(stage: stage, due: due, standing: standing, source: cited.source))
        }
        for (id, at) in reportsFiled.sorted(by: { $0.key < $1.key }) where !stages.contains(where: { $0.stage.id == id }) {
            out.append(Deadline(stage: ReportingStage(id: id, name: Bilingual(id, id), withinMinutes: 0), due: at, standing: .filed(at), source: "", inPlans: false))
        }
        return out.sorted { ($0.due, $0.stage.id) < ($1.due, $1.stage.id) }
    }

    /// When a stage became owed: at the report, or, for a stage owed only at some levels, at the
    /// latest level change into them.
    func owedSince(_ stage: ReportingStage) -> Date {
        guard stage.levels != nil else { return reportedAt }
        return levels.last { stage.applies(at: $0.to) && !stage.applies(at: $0.from) }?.at ?? reportedAt
    }

    /// The stages a report may be filed to: those owed at any level the incident has held
    /// (a report owed while it was level II may still be filed after it was lowered).
    public func reportableStages(plans: PlanBook) -> [String] {
        let held = Set(levels.map(\.to)).union([level])
        return plans.reportingStages(for: category).filter { c in held.contains { c.stage.applies(at: $0) } }.map(\.stage.id)
    }
}
