import Foundation

/// Escalation pages: sent by the system, acknowledged by their person, notified by the notifier.
public enum PagingCommand: Hashable, Sendable {
    /// Pages one person as a step of an escalation (`person` empty: nobody was on call).
    case send(incident: IncidentID, policy: String, trigger: EscalationTrigger, index: Int, person: String, role: DutyRole?)
    case acknowledge(String)
    /// Records how a notify attempt went (sent by the notifier, not by people).
    case recordNotify(page: String, attempt: Int, error: String?)
}

extension PagingCommand: DomainCommand {
    public var incident: IncidentID? {
        switch self {
        case let .send(i, _, _, _, _, _): i
        case .acknowledge, .recordNotify: nil
        }
    }

    func boundViolation(now: Date) -> BoundViolation? {
        switch self {
        case let .send(_, policy, _, _, person, _): .first(.name(policy, Bilingual("policy", "策略")), .name(person, Bilingual("person", "人员")))
        case let .acknowledge(page): .text(page, Bilingual("page id", "寻呼编号"))
        case let .recordNotify(_, _, error): .text(error, Bilingual("notify error", "通知错误"))
        }
    }

    func requirement(in state: CommandState) -> Requirement {
        switch self {
        // Escalation pages and notify outcomes are recorded by the system on everyone's behalf.
        case .send, .recordNotify: .system
        case .acknowledge: .anyRole
        }
    }
}

extension Decision {
    mutating func decide(_ command: PagingCommand) throws(Rejection) -> [Event] {
        switch command {
        case let .send(id, policy, trigger, index, person, role):
            _ = try incident(id)
            let pageID = "\(id)/\(policy)/\(index)/\(person)"
            if state.pages[pageID] != nil { throw .pageAlreadySent(pageID) }
            return [.pageSent(page: PageSent(id: pageID, incident: id, policy: policy, trigger: trigger, index: index, person: person, role: role, sentAt: context.now))]

        case let .acknowledge(pageID):
            guard let page = state.pages[pageID] else { throw .unknownPage(pageID) }
            if page.acknowledgedAt != nil { throw .pageAlreadyAcknowledged(pageID) }
            return [.pageAcknowledged(page: pageID, incident: page.incident)]

        case let .recordNotify(pageID, attempt, error):
            guard let page = state.pages[pageID] else { throw .unknownPage(pageID) }
            if let error { return [.pageNotifyFailed(page: pageID, incident: page.incident, attempt: attempt, error: error)] }
            return [.pageNotified(page: pageID, incident: page.incident, attempt: attempt)]
        }
    }
}
