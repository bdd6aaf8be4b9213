import CommandModel
import Foundation

/// The open incidents in the order an officer works them, kept up to date event by event: only
/// the incidents an event touched are looked up again and moved, so a change costs in proportion
/// to what changed, not to what is open.
///
/// Guarantees: after `advance(to:through:)` the list equals `ConsoleWorld.workOrder(state)`, values
/// included (a property test checks it after random event sequences). When the events given do
/// not account for every step from the state it last saw (they came another way, or not at all),
/// it sorts again from scratch.
public struct WorkOrder: Sendable {
    /// The open incidents, in work order.
    public private(set) var incidents: [Incident] = []
    /// The state's sequence number the list reflects (-1: none yet).
    public private(set) var sequence: Int64 = -1
    /// Where each listed incident sorts.
    private var keys: [IncidentID: Key] = [:]
    /// The listed incident each team serves: an event about a team can change that incident.
    private var teamOn: [TeamID: IncidentID] = [:]

    public init() {}

    public init(_ state: CommandState) { rebuild(state) }

    /// What the order sorts by: highest level first, then unacknowledged, then oldest, then id.
    struct Key: Comparable, Sendable {
        var level: ResponseLevel
        var unacknowledged: Bool
        var reportedAt: Date
        var id: IncidentID

        init(_ i: Incident) {
            level = i.level
            unacknowledged = i.status == .reported
            reportedAt = i.reportedAt
            id = i.id
        }

        static func < (a: Key, b: Key) -> Bool {
            if a.level != b.level { return a.level > b.level }
            if a.unacknowledged != b.unacknowledged { return a.unacknowledged }
            if a.reportedAt != b.reportedAt { return a.reportedAt < b.reportedAt }
            return a.id < b.id
        }
    }

    /// Whether `a` comes before `b` on the work list.
    public static func precedes(_ a: Incident, _ b: Incident) -> Bool { Key(a) < Key(b) }

    /// Sorts every open incident from scratch.
    public mutating func rebuild(_ state: CommandState) {
        var entries = state.activeIDs.compactMap { id in state.incidents[id].map { (Key($0), id) } }
        entries.sort { $0.0 < $1.0 }
        incidents = entries.compactMap { state.incidents[$0.1] }
        keys = Dictionary(uniqueKeysWithValues: entries.map { ($0.1, $0.0) })
        teamOn = [:]
        for i in incidents { for t in i.teams { teamOn[t] = i.id } }
        sequence = state.sequence
    }

    /// Brings the list to `state`, given the events folded since the state it last saw (events
    /// already reflected are skipped; a gap means a sort from scratch). Returns whether any team
    /// may have changed on the way (an event about a team, or a gap).
    @discardableResult
    public mutating func advance(to state: CommandState, through events: [RecordedEvent]) -> Bool {
        guard state.sequence != sequence else { return false }
        let fresh = events.filter { $0.journal == nil && $0.sequence > sequence }
        var expected = sequence + 1
        for e in fresh {
            guard e.sequence == expected else { break }
            expected += 1
        }
        guard sequence >= 0, expected - 1 == state.sequence, fresh.count == Int(state.sequence - sequence) else {
            rebuild(state)
            return true
        }
        var touched = Set<IncidentID>()
        for e in fresh {
            if let id = e.event.incident { touched.insert(id) }
            // A team leaving work leaves the incident it served (an event that does not name it).
            if let team = e.event.team, let id = teamOn[team] { touched.insert(id) }
        }
        for id in touched.sorted() { refresh(id, in: state) }
        sequence = state.sequence
        return fresh.contains { $0.event.changesTeams }
    }

    /// Looks one incident up again: in place when its place holds, else out and back in.
    private mutating func refresh(_ id: IncidentID, in state: CommandState) {
        let now = state.activeIDs.contains(id) ? state.incidents[id] : nil
        let newKey = now.map(Key.init)
        if let old = keys[id] {
            let at = position(of: old)
            guard at < incidents.count, incidents[at].id == id else { preconditionFailure("work order lost \(id): key \(old) at \(at) of \(incidents.count)") }
            for t in incidents[at].teams where teamOn[t] == id { teamOn[t] = nil }
            if let now, let newKey, newKey == old {
                incidents[at] = now
                for t in now.teams { teamOn[t] = id }
                return
            }
            incidents.remove(at: at)
            keys[id] = nil
        }
        guard let now, let newKey else { return }
        incidents.insert(now, at: position(of: newKey))
        keys[id] = newKey
        for t in now.teams { teamOn[t] = id }
    }

    /// The first index whose incident does not sort before `key`.
    private func position(of key: Key) -> Int {
        var lo = 0, hi = incidents.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Key(incidents[mid]) < key { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
