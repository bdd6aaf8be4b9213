import CommandModel
import Foundation

/// The receipts between centres checked against the other centres' records (`verify
/// --centres`): for each message we received, the sender's chain at that place has that hash and
/// is that step, addressed to us; for each delivery receipt, the receiver's chain at that place
/// has that hash and holds our message, with our hash.
///
/// A neighbour that cannot be reached is said, and its receipts left unchecked: that is not a
/// fault of our own chain.
public struct CentreReceipts: Sendable {
    /// How many receipts were checked against a neighbour's record.
    public var checked = 0
    /// Receipts that do not match: each names our event and the neighbour's.
    public var problems: [Bilingual] = []
    /// Neighbours that could not be read, and receipts left unchecked.
    public var notes: [Bilingual] = []

    public var ok: Bool { problems.isEmpty }

    /// Checks every receipt in `store` (this centre's) against its neighbours' records.
    public static func check(_ store: any EventStore, network: CentreNetwork) throws(StoreError) -> CentreReceipts {
        var out = CentreReceipts()
        var opened: [String: (any EventStore)?] = [:]
        var unchecked: [String: Int] = [:]
        func neighbour(_ c: String) -> (any EventStore)? {
            if let known = opened[c] { return known }
            do throws(CentreError) {
                let s = try network.store(of: c, readOnly: true)
                opened[c] = s
                return s
            } catch {
                opened[c] = .some(nil)
                out.notes.append(error.message)
                return nil
            }
        }
        let me = network.me
        var after: Int64 = 0
        while true {
            let batch = try store.events(after: after, limit: 5_000)
            guard let last = batch.last else { break }
            after = last.sequence
            for e in batch {
                // Only these two kinds hold receipts.
                if case let .aidMessageReceived(m) = e.event {
                    guard let theirs = neighbour(m.from) else {
                        unchecked[m.from, default: 0] += 1
                        continue
                    }
                    out.checked += 1
                    if let why = Self.problem(received: m, at: e.sequence, me: me, in: theirs) { out.problems.append(why) }
                } else if case let .aidMessageDelivered(to, seq, receipt) = e.event {
                    guard let theirs = neighbour(to) else {
                        unchecked[to, default: 0] += 1
                        continue
                    }
                    out.checked += 1
                    let ours = try store.chainHash(at: seq)
                    if let why = Self.problem(delivered: seq, ourHash: ours, receipt: receipt, at: e.sequence, me: me, to: to, in: theirs) { out.problems.append(why) }
                }
            }
        }
        for (c, n) in unchecked.sorted(by: { $0.key < $1.key }) {
            out.notes.append(Bilingual("\(n) receipts with \(c) not checked: \(c) could not be read", "与 \(c) 的 \(n) 份回执未核对：无法读取 \(c)"))
        }
        return out
    }

    /// What is wrong with a message we hold at `at`, judged by the sender's record; nil if right.
    static func problem(received m: AidMessage, at: Int64, me: String, in theirs: any EventStore) -> Bilingual? {
        let head = Bilingual("our event \(at) (\(m.step.name.en) from \(m.from), its event \(m.seq))", "本中心第 \(at) 条事件（来自 \(m.from) 的\(m.step.name.zh)，其第 \(m.seq) 条事件）")
        if m.to != me { return Bilingual("\(head.en) is addressed to \(m.to), not to \(me)", "\(head.zh)收件方为 \(m.to)，而非 \(me)") }
        do throws(StoreError) {
            guard let hash = try theirs.chainHash(at: m.seq), let event = try theirs.events(after: m.seq - 1, limit: 1).first, event.sequence == m.seq else {
                return Bilingual("\(head.en): \(m.from)'s chain has no event \(m.seq)", "\(head.zh)：\(m.from) 的链中没有第 \(m.seq) 条事件")
            }
            if hash != m.hash {
                return Bilingual(
                    "\(head.en): \(m.from)'s chain has another hash there (\(hash.prefix(12)), we hold \(m.hash.prefix(12))): one of the two records was altered",
                    "\(head.zh)：\(m.from) 链中该处哈希不同（\(hash.prefix(12))，本中心持有 \(m.hash.prefix(12))）：双方记录之一被改动")
            }
            if !m.step.isCarried(by: event.event, to: me) || event.exercise != nil {
                return Bilingual("\(head.en): \(m.from)'s event \(m.seq) is not that \(m.step.name.en)", "\(head.zh)：\(m.from) 的第 \(m.seq) 条事件并非该\(m.step.name.zh)")
            }
            return nil
        } catch {
            return Bilingual("\(head.en): \(m.from)'s record cannot be read: \(error.message.en)", "\(head.zh)：无法读取 \(m.from) 的记录：\(error.message.zh)")
        }
    }

    /// What is wrong with our receipt at `at` for our event `seq`, judged by the receiver's
    /// record; nil if right.
    static func problem(delivered seq: Int64, ourHash: String?, receipt: AidReceipt, at: Int64, me: String, to: String, in theirs: any EventStore) -> Bilingual? {
        let head = Bilingual("our receipt \(at) (event \(seq) to \(to), its event \(receipt.seq))", "本中心第 \(at) 条回执（发往 \(to) 的第 \(seq) 条事件，其第 \(receipt.seq) 条事件）")
        do throws(StoreError) {
            guard let hash = try theirs.chainHash(at: receipt.seq), let event = try theirs.events(after: receipt.seq - 1, limit: 1).first, event.sequence == receipt.seq else {
                return Bilingual("\(head.en): \(to)'s chain has no event \(receipt.seq)", "\(head.zh)：\(to) 的链中没有第 \(receipt.seq) 条事件")
            }
            if hash != receipt.hash {
                return Bilingual(
                    "\(head.en): \(to)'s chain has another hash there (\(hash.prefix(12)), we hold \(receipt.hash.prefix(12))): one of the two records was altered",
                    "\(head.zh)：\(to) 链中该处哈希不同（\(hash.prefix(12))，本中心持有 \(receipt.hash.prefix(12))）：双方记录之一被改动")
            }
            guard case let .aidMessageReceived(m) = event.event, m.from == me, m.to == to, m.seq == seq, let ourHash, m.hash == ourHash else {
                return Bilingual("\(head.en): \(to)'s event \(receipt.seq) does not hold our event \(seq) as we wrote it", "\(head.zh)：\(to) 的第 \(receipt.seq) 条事件与本中心第 \(seq) 条事件不符")
            }
            return nil
        } catch {
            return Bilingual("\(head.en): \(to)'s record cannot be read: \(error.message.en)", "\(head.zh)：无法读取 \(to) 的记录：\(error.message.zh)")
        }
    }
}

/// A neighbour's board, read-only: its open incidents, their levels and its responses in force,
/// when it shares its board with us (a `boardShared` event on its record).
public enum NeighbourBoard {
    /// The neighbour's state (its real part: a drill's objects never leave its centre), or why
    /// it cannot be shown.
    public static func read(_ centre: String, network: CentreNetwork) throws(CentreError) -> CommandState {
        try view(centre, network: network).state
    }

    /// The neighbour's board and the event of its record it shows (the real part alone is not a
    /// fold of that record, so it carries no position of its own).
    public static func view(_ centre: String, network: CentreNetwork) throws(CentreError) -> (state: CommandState, sequence: Int64) {
        if centre == network.me {
            throw CentreError(Bilingual("\(centre) is this centre: its board is the console's", "\(centre) 即本中心：请在控制台查看本中心态势"))
        }
        let store = try network.store(of: centre, readOnly: true)
        let state: CommandState
        do { state = try Ledger(store: store).state } catch {
            throw CentreError(Bilingual("\(centre) cannot be reached: \(error.message.en)", "无法联系 \(centre)：\(error.message.zh)"), unreachable: true)
        }
        guard state.centres.boardSharedWith.contains(network.me) else {
            throw CentreError(
                Bilingual(
                    "\(centre) does not share its board with \(network.me): its record holds no 'centre share-board with \(network.me)' (a commander of \(centre) records it)",
                    "\(centre) 未向 \(network.me) 共享态势：其记录中没有“centre share-board with \(network.me)”（须由 \(centre) 的指挥长记录）"))
        }
        return (state.real, state.sequence)
    }
}
