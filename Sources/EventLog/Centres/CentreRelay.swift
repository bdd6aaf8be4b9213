import CommandModel
import Foundation

/// Carries this centre's mutual-aid messages to the other centres' stores, with receipts:
/// each message is appended to the receiver's record through its decider
/// (`aidMessageReceived`, holding our chain hash), then the receiving event's place and hash are
/// recorded in ours (`aidMessageDelivered`).
///
/// Everything it does is decided from the two records, as the drill runner's is: the outbox is
/// our events addressed to a centre without a receipt (`CentreLinks.outbox`), the receiver
/// refuses a message it holds or one out of order. So a relay restarted after a crash between
/// the two appends finds the message held, and records the receipt with the event that holds
/// it: exactly once, in order. A centre it cannot reach is recorded unreachable once per outage
/// (`centreUnreachable`, then `centreReachable`); its messages wait.
///
/// Not thread-safe: one relay per store (the command line holds a lock).
public final class CentreRelay {
    public let ledger: Ledger
    public let network: CentreNetwork
    /// The name the relay's events are recorded under, in both records.
    public let operatorName: String
    private var neighbours: [String: Ledger] = [:]
    /// When each neighbour was last reached (this process's knowledge; the record keeps it in
    /// `centreUnreachable`).
    private var lastContact: [String: Date] = [:]

    /// What a round did or found, centre by centre.
    public struct Note: Sendable, Hashable {
        public var centre: String
        public var text: Bilingual
        /// A problem someone must look at (a refusal, a receipt that does not match).
        public var isProblem: Bool
    }

    public init(ledger: Ledger, network: CentreNetwork, operatorName: String = "relay") {
        self.ledger = ledger
        self.network = network
        self.operatorName = operatorName
    }

    /// One round: every neighbour reached (or recorded unreachable) and its waiting messages
    /// delivered, in order.
    public func round(now: Date) -> [Note] {
        var notes: [Note] = []
        do { try ledger.refresh() } catch {
            return [Note(centre: network.me, text: error.message, isProblem: true)]
        }
        for c in ledger.state.centres.outbox.keys.sorted() where network.locations[c] == nil {
            let n = ledger.state.centres.outbox[c]?.count ?? 0
            notes.append(
                Note(
                    centre: c,
                    text: Bilingual(
                        "\(n) messages wait for \(c), which is not in the centres file \(network.directory.file)", "\(n) 条消息等待发往 \(c)，但其不在中心配置文件 \(network.directory.file) 中"),
                    isProblem: false))
        }
        for c in network.neighbours {
            guard let neighbour = reach(c, now: now, notes: &notes) else { continue }
            deliverWaiting(to: c, via: neighbour, now: now, notes: &notes)
        }
        notes += boardHints()
        return notes
    }

    /// The neighbour's ledger, opened (or refreshed); records an outage's start or end.
    private func reach(_ c: String, now: Date, notes: inout [Note]) -> Ledger? {
        do throws(CentreError) {
            let n = try neighbour(c)
            lastContact[c] = now
            if ledger.state.centres.contacts[c]?.unreachableSince != nil {
                if record(.reachable(c), now: now, notes: &notes, centre: c) {
                    notes.append(Note(centre: c, text: Bilingual("\(c) is reachable again", "已恢复联系 \(c)"), isProblem: false))
                }
            }
            return n
        } catch {
            neighbours[c] = nil
            markUnreachable(c, why: error.message, now: now, notes: &notes)
            return nil
        }
    }

    private func markUnreachable(_ c: String, why: Bilingual, now: Date, notes: inout [Note]) {
        if let since = ledger.state.centres.contacts[c]?.unreachableSince {
            notes.append(Note(centre: c, text: Bilingual("\(c) still unreachable (since \(CentreTime.format(since)))", "仍无法联系 \(c)（自 \(CentreTime.format(since)) 起）"), isProblem: false))
            return
        }
        // A contact too long ago to be a time the record takes is left out, not refused.
        let last = (lastContact[c] ?? recordedContact(c)).flatMap { Limits.isNear($0, to: now) ? $0 : nil }
        if record(.unreachable(c, lastContact: last, reason: String(why.en.prefix(Limits.text))), now: now, notes: &notes, centre: c) {
            notes.append(Note(centre: c, text: Bilingual("\(c) unreachable: \(why.en)", "无法联系 \(c)：\(why.zh)"), isProblem: false))
        }
    }

    /// The last contact with a centre the record shows: a receipt, a message received, or the
    /// end of an outage.
    func recordedContact(_ c: String) -> Date? {
        let links = ledger.state.centres
        return [links.contacts[c]?.lastContact, links.delivered[c]?.at, links.inbox[c]?.lastAt].compactMap { $0 }.max()
    }

    private func neighbour(_ c: String) throws(CentreError) -> Ledger {
        if let cached = neighbours[c] {
            // A file removed or replaced under an open connection would still answer: look.
            let location = network.locations[c] ?? ""
            if StoreLocation.isPostgres(location) || FileManager.default.isReadableFile(atPath: location) {
                do {
                    try cached.refresh()
                    return cached
                } catch {
                    neighbours[c] = nil
                    throw CentreError(Bilingual("\(c) cannot be reached: \(error.message.en)", "无法联系 \(c)：\(error.message.zh)"))
                }
            }
            neighbours[c] = nil
        }
        let store = try network.store(of: c, readOnly: false)
        do {
            let opened = try Ledger(store: store)
            neighbours[c] = opened
            return opened
        } catch {
            throw CentreError(Bilingual("\(c) cannot be reached: \(error.message.en)", "无法联系 \(c)：\(error.message.zh)"))
        }
    }

    /// Records a centre command in our own record; false (with a note) when it could not be.
    @discardableResult
    private func record(_ command: CentreCommand, now: Date, notes: inout [Note], centre: String) -> Bool {
        do {
            try ledger.execute([.centre(command)], operatorName: operatorName, now: { now })
            return true
        } catch {
            notes.append(Note(centre: centre, text: Bilingual(error.text(.en), error.text(.zh)), isProblem: true))
            return false
        }
    }

    /// Delivers the messages waiting for `c`, first to last, each with its receipt recorded;
    /// stops at the first that cannot be (it stays first in the queue).
    private func deliverWaiting(to c: String, via n: Ledger, now: Date, notes: inout [Note]) {
        while let entry = ledger.state.centres.outbox[c]?.first {
            let receipt: AidReceipt
            switch deliver(entry, to: c, via: n, now: now) {
            case let .success(r): receipt = r
            case let .failure(failure):
                switch failure {
                case let .unreachable(why):
                    // Reached, but the write failed (a store refusing writes, a full disk, a role
                    // without INSERT): a problem to look at, not an outage, which `reach` alone
                    // records (else every round would record an outage and its end).
                    neighbours[c] = nil
                    notes.append(Note(centre: c, text: Bilingual("could not write to \(c): \(why.en)", "无法写入 \(c)：\(why.zh)"), isProblem: true))
                case let .problem(why):
                    notes.append(Note(centre: c, text: why, isProblem: true))
                }
                return
            }
            guard record(.delivered(to: c, seq: entry.seq, receipt: receipt), now: now, notes: &notes, centre: c) else { return }
            notes.append(
                Note(
                    centre: c,
                    text: Bilingual(
                        "event \(entry.seq) (\(entry.step.name.en) \(entry.step.request)) delivered to \(c): its event \(receipt.seq)",
                        "第 \(entry.seq) 条事件（\(entry.step.request) \(entry.step.name.zh)）已送达 \(c)：其第 \(receipt.seq) 条事件"),
                    isProblem: false))
        }
    }

    /// Why a message could not be delivered.
    public enum Failure: Error, Sendable {
        /// The neighbour's store failed (it stays queued; the centre is recorded unreachable).
        case unreachable(Bilingual)
        /// The neighbour refused it, or holds something else under it: someone must look.
        case problem(Bilingual)
    }

    /// Appends one message to the neighbour's record, or finds it held there already (a relay
    /// that stopped before recording the receipt): the receipt, not yet recorded in ours.
    public func deliver(_ entry: OutgoingAid, to c: String, via n: Ledger, now: Date) -> Result<AidReceipt, Failure> {
        let hash: String
        do {
            guard let h = try ledger.store.chainHash(at: entry.seq) else {
                return .failure(.problem(Bilingual("our event \(entry.seq) is not in our chain: run decision-hub verify", "本中心第 \(entry.seq) 条事件不在链中：请运行 decision-hub verify")))
            }
            hash = h
        } catch {
            return .failure(.problem(error.message))
        }
        let message = AidMessage(from: network.me, to: c, seq: entry.seq, previous: entry.previous, hash: hash, step: entry.step)
        do throws(ExecutionError) {
            let recorded = try n.execute([.centre(.receive(message))], operatorName: operatorName, now: { now })
            guard let event = recorded.first else { return .failure(.problem(Bilingual("\(c) recorded nothing for event \(entry.seq)", "\(c) 未记录第 \(entry.seq) 条事件"))) }
            return receipt(at: event.sequence, in: n, for: message, centre: c)
        } catch {
            switch error {
            case let .rejected(.messageAlreadyHeld(_, _, at?)):
                // Received before the receipt was recorded (a crash between the two appends).
                return receipt(at: at, in: n, for: message, centre: c)
            case let .rejected(r):
                return .failure(
                    .problem(Bilingual("\(c) refused our event \(entry.seq): \(r.message.en)", "\(c) 拒收本中心第 \(entry.seq) 条事件：\(r.message.zh)")))
            case let .store(e):
                return .failure(.unreachable(e.message))
            case .contention:
                return .failure(.problem(Bilingual(error.text(.en), error.text(.zh))))
            }
        }
    }

    /// The receipt of a message held at `seq` in the neighbour's chain, checked: the event there
    /// must hold this very message (from us, this sequence, our hash).
    private func receipt(at seq: Int64, in n: Ledger, for message: AidMessage, centre c: String) -> Result<AidReceipt, Failure> {
        do throws(StoreError) {
            guard let hash = try n.store.chainHash(at: seq), let held = try n.store.events(after: seq - 1, limit: 1).first, held.sequence == seq,
                case let .aidMessageReceived(m) = held.event, m == message
            else {
                return .failure(
                    .problem(
                        Bilingual(
                            "\(c)'s event \(seq) does not hold our event \(message.seq) as we sent it: compare the two records (decision-hub verify --centres)",
                            "\(c) 的第 \(seq) 条事件与本中心发出的第 \(message.seq) 条事件不符：请核对双方记录（decision-hub verify --centres）")))
            }
            return .success(AidReceipt(seq: seq, hash: hash))
        } catch {
            return .failure(.unreachable(error.message))
        }
    }

    /// Where the centres file and the record disagree on whom the board is shared with: said,
    /// not changed (sharing is a commander's decision on the record).
    func boardHints() -> [Note] {
        guard let planned = network.directory.entries[network.me]?.shareBoard else { return [] }
        let shared = ledger.state.centres.boardSharedWith
        var notes: [Note] = []
        for c in planned.sorted() where !shared.contains(c) {
            notes.append(
                Note(
                    centre: c,
                    text: Bilingual(
                        "the centres file says \(network.me) shares its board with \(c), the record does not: a commander records it with 'centre share-board with \(c)'",
                        "中心配置文件称 \(network.me) 向 \(c) 共享态势，但记录中没有：须由指挥长执行“centre share-board with \(c)”"),
                    isProblem: false))
        }
        for c in shared.sorted() where !planned.contains(c) {
            notes.append(
                Note(
                    centre: c,
                    text: Bilingual(
                        "the record shares the board with \(c), the centres file does not say so", "记录中已向 \(c) 共享态势，但中心配置文件未列出"),
                    isProblem: false))
        }
        return notes
    }
}
