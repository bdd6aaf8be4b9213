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
    }

    public var stage: ReportingStage
    public var due: Date
    public var standing: Standing
    public var source: String
}

extension Incident {
    /// Every reporting deadline of the incident and whether it is filed, pending, due within
    /// `soon` minutes, or overdue at `now`.
    public func deadlines(at now: Date, plans: PlanBook, soon: Int = 15) -> [Deadline] {
        guard let rule = plans.reportingStages(for: category) else { return [] }
        return rule.stages.map { stage in
            let due = reportedAt.addingTimeInterval(wallSeconds(minutes: stage.withinMinutes))
            let standing: Deadline.Standing
            if let filed = reportsFiled[stage.id] {
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
            return Deadline(stage: stage, due: due, standing: standing, source: rule.source)
        }
    }
}
