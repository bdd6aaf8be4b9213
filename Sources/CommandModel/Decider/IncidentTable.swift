import Foundation
import Synchronization

/// Every incident of the state, by id: the ones in memory (`live`), and, after a start from a
/// snapshot, the ones it saved: its records (``IncidentRecords``, decoded one by one on first
/// use) and, for a split snapshot, the closed ones kept aside in an ``IncidentArchive`` until
/// something asks for one. A year's store holds 75,000 closed incidents that most commands never
/// touch, and 10,000 open ones of which a command touches a few; a command that names one (a
/// note on a closed incident, a report caused by it) reads it then.
///
/// Reads and writes look the same as on a dictionary: a write to a saved incident first copies
/// it into `live`, where the newer copy hides the saved one. Incidents are never removed.
public struct IncidentTable: Sendable {
    /// The incidents in memory: those changed or added since the start, and those read from
    /// the snapshot's records or archive to be changed.
    public private(set) var live: [IncidentID: Incident]
    /// The incidents a snapshot held in memory, decoded on first use.
    public private(set) var records: IncidentRecords?
    /// The closed incidents kept aside, if this state was opened from a split snapshot.
    public private(set) var archive: IncidentArchive?
    /// Archived incidents whose newer copy is in `live` or in `records`.
    public private(set) var shadowed: Set<IncidentID>
    /// Ids of `records` taken into `live` (to change them): the records' copies no longer count.
    private var taken: Set<IncidentID> = []

    public init(_ live: [IncidentID: Incident] = [:], records: IncidentRecords? = nil, archive: IncidentArchive? = nil, shadowed: Set<IncidentID> = []) {
        self.live = live
        self.records = records
        self.archive = archive
        self.shadowed = shadowed
        if let records { taken = Set(live.keys.filter(records.contains)) }
    }

    public subscript(id: IncidentID) -> Incident? {
        get {
            if let i = live[id] { return i }
            if let records, records.contains(id) { return taken.contains(id) ? nil : records.incident(id) }
            return archive?.incident(id)
        }
        set {
            pull(id)
            live[id] = newValue
        }
        _modify {
            pull(id)
            yield &live[id]
        }
    }

    /// Copies a saved incident into `live` before it changes.
    private mutating func pull(_ id: IncidentID) {
        guard live[id] == nil else { return }
        if let records, records.contains(id) {
            // A record's id never falls through to the archive's older copy, even when the
            // record cannot be read (then neither the snapshot nor the log has it).
            if taken.insert(id).inserted { live[id] = records.incident(id) }
        } else if let archive, let i = archive.incident(id) {
            live[id] = i
            shadowed.insert(id)
        }
    }

    /// Changes an incident in place; false when there is none with this id.
    @discardableResult
    public mutating func update(_ id: IncidentID, _ change: (inout Incident) -> Void) -> Bool {
        pull(id)
        guard let i = live.index(forKey: id) else { return false }
        change(&live.values[i])
        return true
    }

    /// How many incidents there are, saved ones included (without reading any).
    public var count: Int { live.count + (records?.count ?? 0) - taken.count + (archive?.count ?? 0) - shadowed.count }
    public var isEmpty: Bool { count == 0 }

    /// The highest id in use (without reading any saved incident).
    public var highestID: IncidentID? {
        let a = archive.flatMap { $0.count > 0 ? IncidentID($0.highest) : nil }
        return [a, records?.highest, live.keys.max()].compactMap { $0 }.max()
    }

    /// Every incident, in no particular order; reads every saved one.
    public var values: [Incident] { Array(all.values) }
    /// Every id; reads every saved one.
    public var keys: [IncidentID] { Array(all.keys) }

    /// Every incident by id, the saved ones included (read once, then kept).
    public var all: [IncidentID: Incident] {
        guard let archive, archive.count > 0 else { return unarchived }
        var everything = archive.incidents
        everything.reserveCapacity(count)
        if let records { everything.merge(records.incidents.filter { !taken.contains($0.key) }) { _, newer in newer } }
        for (id, i) in live { everything[id] = i }
        return everything
    }

    /// Every incident but the archived ones: what a snapshot keeps besides its archive.
    public var unarchived: [IncidentID: Incident] {
        guard let records, records.count > 0 else { return live }
        var out = records.incidents.filter { !taken.contains($0.key) }
        for (id, i) in live { out[id] = i }
        return out
    }

    /// The incidents that pass `isIncluded`, in memory (reads every saved one).
    public func filter(_ isIncluded: ((key: IncidentID, value: Incident)) -> Bool) -> IncidentTable {
        IncidentTable(all.filter(isIncluded))
    }

    /// The same incidents, all in memory: what a snapshot splits anew.
    public func materialized() -> IncidentTable { IncidentTable(all) }

    /// The snapshot's records decoded and moved into `live` (the archive stays aside): for a
    /// state that lives long and reads every open incident often (a console), where a lookup
    /// in one dictionary beats a search of the records.
    public mutating func settleRecords() {
        guard let records else { return }
        for (id, i) in records.incidents where live[id] == nil && !taken.contains(id) { live[id] = i }
        self.records = nil
        taken = []
    }
}

extension IncidentTable: Equatable {
    /// Equal when they hold the same incidents, wherever each is kept.
    public static func == (a: IncidentTable, b: IncidentTable) -> Bool {
        if a.archive == nil && b.archive == nil && a.records == nil && b.records == nil { return a.live == b.live }
        return a.count == b.count && a.all == b.all
    }
}

/// Closed incidents saved aside by a snapshot, read on first use. The loader is the store's
/// (it reads and checks the saved bytes, or rebuilds them from the log); once read, they stay.
public final class IncidentArchive: Sendable {
    /// The event the archive was folded up to.
    public let sequence: Int64
    /// How many incidents it holds, and the highest id among them.
    public let count: Int
    public let highest: Int
    /// The digest of its saved bytes, as the snapshot that refers to it recorded it.
    public let digest: String
    private let loader: @Sendable () -> [IncidentID: Incident]
    private let loaded = Mutex<[IncidentID: Incident]?>(nil)

    public init(sequence: Int64, count: Int, highest: Int, digest: String, loader: @escaping @Sendable () -> [IncidentID: Incident]) {
        precondition(count >= 0 && (count == 0 || highest > 0), "an archive of \(count) incidents up to \(highest)")
        self.sequence = sequence
        self.count = count
        self.highest = highest
        self.digest = digest
        self.loader = loader
    }

    /// An archive already in memory (tests, and a snapshot just split).
    public convenience init(sequence: Int64, incidents: [IncidentID: Incident], digest: String) {
        self.init(sequence: sequence, count: incidents.count, highest: incidents.keys.max()?.number ?? 0, digest: digest, loader: { incidents })
        loaded.withLock { $0 = incidents }
    }

    /// Whether its incidents have been read.
    public var isLoaded: Bool { loaded.withLock { $0 != nil } }

    /// One incident; ids above the highest archived one are answered without reading.
    public func incident(_ id: IncidentID) -> Incident? {
        guard count > 0, id.number <= highest else { return nil }
        return incidents[id]
    }

    /// Every archived incident (read on first use).
    public var incidents: [IncidentID: Incident] {
        loaded.withLock { cached in
            if let cached { return cached }
            let read = loader()
            precondition(read.count == count, "the archive of closed incidents at event \(sequence) holds \(read.count), not \(count)")
            cached = read
            return read
        }
    }
}

/// The incidents a snapshot held in memory, kept as the snapshot's bytes and decoded one at a
/// time on first use: a command that touches three of 10,000 open incidents decodes three.
///
/// The codec is the store's (`read`); a record that does not decode as the incident its header
/// names (a snapshot forged with a matching digest) is never trusted: its incidents are then
/// folded again from the log (`rebuild`), as an archive's are.
public final class IncidentRecords: Sendable {
    /// Their ids, ascending.
    public let ids: [IncidentID]
    private let read: @Sendable (Int) -> Incident?
    private let rebuild: @Sendable () -> [IncidentID: Incident]
    private let decoded = Mutex<[Int: Incident]>([:])
    private let rebuilt = Mutex<[IncidentID: Incident]?>(nil)

    /// `read(k)`: the `k`th record, or nil when it does not decode as the incident `ids[k]`.
    public init(ids: [IncidentID], read: @escaping @Sendable (Int) -> Incident?, rebuild: @escaping @Sendable () -> [IncidentID: Incident]) {
        precondition(zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 }, "record ids must ascend")
        self.ids = ids
        self.read = read
        self.rebuild = rebuild
    }

    public var count: Int { ids.count }
    public var highest: IncidentID? { ids.last }
    /// How many have been decoded so far.
    public var decodedCount: Int { decoded.withLock { $0.count } }

    /// Where an id's record is.
    private func index(of id: IncidentID) -> Int? { ids.index(ofSorted: id) }

    public func contains(_ id: IncidentID) -> Bool { index(of: id) != nil }

    /// One incident, decoded on first use.
    public func incident(_ id: IncidentID) -> Incident? {
        guard let k = index(of: id) else { return nil }
        return incident(at: k)
    }

    private func incident(at k: Int) -> Incident? {
        if let i = decoded.withLock({ $0[k] }) { return i }
        guard let i = read(k) ?? refolded(ids[k]) else { return nil }
        decoded.withLock { $0[k] = i }
        return i
    }

    /// An incident as the log gives it, when its record cannot be trusted.
    private func refolded(_ id: IncidentID) -> Incident? {
        rebuilt.withLock { cached in
            if cached == nil { cached = rebuild() }
            return cached?[id]
        }
    }

    /// Every record, decoded.
    public var incidents: [IncidentID: Incident] {
        var out: [IncidentID: Incident] = [:]
        out.reserveCapacity(ids.count)
        for k in ids.indices {
            if let i = incident(at: k) { out[ids[k]] = i }
        }
        return out
    }
}

extension Array where Element == IncidentID {
    /// Where `id` is in these ascending ids, by binary search; nil when it is not there.
    public func index(ofSorted id: IncidentID) -> Int? {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if self[mid] < id { low = mid + 1 } else { high = mid }
        }
        return low < count && self[low] == id ? low : nil
    }
}
