import Foundation

/// What passes between this centre and the others: mutual-aid messages received and delivered
/// (the relay's, `decision-hub relay`), centres the relay could or could not reach, and whom
/// the centre shares its board with (an officer's).
public enum CentreCommand: Hashable, Sendable {
    /// Another centre's message, read from its store by the relay: held if it is the next one
    /// from that centre, refused if it is held already or one before it is missing.
    case receive(AidMessage)
    /// Our message `seq` was received by `to`, at `receipt` in its chain.
    case delivered(to: String, seq: Int64, receipt: AidReceipt)
    /// The relay could not reach a centre (once per outage).
    case unreachable(String, lastContact: Date?, reason: String)
    /// The relay reached a centre again.
    case reachable(String)
    /// Lets a neighbour read our board (open incidents, levels, responses).
    case shareBoard(with: String)
    case unshareBoard(with: String)
}

extension CentreCommand: DomainCommand {
    public var incident: IncidentID? { nil }

    func boundViolation(now: Date) -> BoundViolation? {
        let centre = Bilingual("centre", "中心")
        switch self {
        case let .receive(m):
            if m.seq < 1 || m.previous < 0 || m.previous >= m.seq { return .count(Bilingual("message sequence", "消息序号"), Int(clamping: m.seq)) }
            return .first(.name(m.from, centre), .name(m.to, centre), .name(m.hash, Bilingual("chain hash", "链哈希")), m.step.boundViolation(now: now))
        case let .delivered(to, seq, receipt):
            if seq < 1 || receipt.seq < 1 { return .count(Bilingual("message sequence", "消息序号"), Int(clamping: min(seq, receipt.seq))) }
            return .first(.name(to, centre), .name(receipt.hash, Bilingual("chain hash", "链哈希")))
        case let .unreachable(c, lastContact, reason):
            if let t = lastContact, !Limits.isNear(t, to: now) { return .time(Bilingual("last contact", "上次联系"), t) }
            return .first(.name(c, centre), .text(reason, .reason))
        case let .reachable(c), let .shareBoard(c), let .unshareBoard(c):
            return .name(c, centre)
        }
    }

    func requirement(in state: CommandState) -> Requirement {
        switch self {
        case .receive, .delivered, .unreachable, .reachable: .system
        case let .shareBoard(c): .commander(action: Bilingual("share the board with \(c)", "向\(c)共享态势"))
        case let .unshareBoard(c): .commander(action: Bilingual("stop sharing the board with \(c)", "停止向\(c)共享态势"))
        }
    }
}

extension Decision {
    mutating func decide(_ command: CentreCommand) throws(Rejection) -> [Event] {
        switch command {
        case let .receive(m):
            for c in [m.from, m.to] where !CentreName.isValid(c) { throw .badCentreName(c) }
            guard CentreName.isHash(m.hash) else { throw .badChainHash(m.hash) }
            if m.from == m.to { throw .messageNotForUs(from: m.from, to: m.to, us: m.from) }
            if let us = state.centres.name, us != m.to { throw .messageNotForUs(from: m.from, to: m.to, us: us) }
            if case let .request(r) = m.step, r.to != m.to { throw .messageNotForUs(from: m.from, to: r.to, us: m.to) }
            let position = state.centres.inbox[m.from] ?? InboxPosition()
            if let at = position.held[m.seq] { throw .messageAlreadyHeld(from: m.from, seq: m.seq, at: at) }
            if m.seq <= position.last { throw .messageAlreadyHeld(from: m.from, seq: m.seq, at: nil) }
            if m.previous != position.last { throw .messageOutOfOrder(from: m.from, seq: m.seq, previous: m.previous, last: position.last) }
            return [.aidMessageReceived(message: m)]

        case let .delivered(to, seq, receipt):
            guard CentreName.isHash(receipt.hash) else { throw .badChainHash(receipt.hash) }
            let waiting = state.centres.outbox[to] ?? []
            guard let first = waiting.first, waiting.contains(where: { $0.seq == seq }) else { throw .noMessageWaiting(to: to, seq: seq) }
            // Receipts in the order the messages were sent: the receiver holds them in that order.
            if first.seq != seq { throw .receiptOutOfOrder(to: to, seq: seq, first: first.seq) }
            return [.aidMessageDelivered(to: to, seq: seq, receipt: receipt)]

        case let .unreachable(c, lastContact, reason):
            guard CentreName.isValid(c) else { throw .badCentreName(c) }
            if state.centres.contacts[c]?.unreachableSince != nil { throw .centreAlreadyUnreachable(c) }
            return [.centreUnreachable(centre: c, lastContact: lastContact, reason: try required(reason))]

        case let .reachable(c):
            guard state.centres.contacts[c]?.unreachableSince != nil else { throw .centreNotUnreachable(c) }
            return [.centreReachable(centre: c)]

        case let .shareBoard(c):
            let centre = c.lowercased()
            guard CentreName.isValid(centre) else { throw .badCentreName(c) }
            if state.centres.boardSharedWith.contains(centre) { throw .boardAlreadyShared(centre) }
            return [.boardShared(with: centre)]

        case let .unshareBoard(c):
            let centre = c.lowercased()
            guard state.centres.boardSharedWith.contains(centre) else { throw .boardNotShared(centre) }
            return [.boardUnshared(with: centre)]
        }
    }
}
