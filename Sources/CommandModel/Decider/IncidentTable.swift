import Foundation
import Synchronization

/// Every incident of the state, by id: the ones in memory (`live`), and, after a start from a
/// split snapshot, the closed ones kept aside in an ``IncidentArchive`` until something asks for
/// one. A year's store holds 75,000 closed incidents that most commands never touch; a command
/// that names one (a note on a closed incident, a report caused by it) reads the archive then.
///
/// Reads and writes look the same as on a dictionary: a write to an archived incident first
/// copies it into `live`, where the newer copy hides the archived one (`shadowed`).
public struct IncidentTable: Sendable {
    /// The incidents in memory: every open one, and closed ones not (or no longer) archived.
    public private(set) var live: [IncidentID: Incident]
    /// The closed incidents kept aside, if this state was opened from a split snapshot.
    public private(set) var archive: IncidentArchive?
    /// Archived incidents whose newer copy is in `live`.
    public private(set) var shadowed: Set<IncidentID>

    public init(_ live: [IncidentID: Incident] = [:], archive: IncidentArchive? = nil, shadowed: Set<IncidentID> = []) {
        self.live = live
        self.archive = archive
        self.shadowed = shadowed
    }

    public subscript(id: IncidentID) -> Incident? {
        get {
            if let i = live[id] { return i }
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

    /// Copies an archived incident into `live` before it changes.
    private mutating func pull(_ id: IncidentID) {
        guard live[id] == nil, let archive, let i = archive.incident(id) else { return }
        live[id] = i
        shadowed.insert(id)
    }

    /// Changes an incident in place; false when there is none with this id.
    @discardableResult
    public mutating func update(_ id: IncidentID, _ change: (inout Incident) -> Void) -> Bool {
        pull(id)
        guard let i = live.index(forKey: id) else { return false }
        change(&live.values[i])
        return true
    }

    /// How many incidents there are, archived ones included (without reading the archive).
    public var count: Int { live.count + (archive?.count ?? 0) - shadowed.count }
    public var isEmpty: Bool { count == 0 }

    /// The highest id in use (without reading the archive).
    public var highestID: IncidentID? {
        let a = archive.flatMap { $0.count > 0 ? IncidentID($0.highest) : nil }
        let l = live.keys.max()
        switch (a, l) {
        case let (a?, l?): return max(a, l)
        case let (a?, nil): return a
        case let (nil, l): return l
        }
    }

    /// Every incident, in no particular order; reads the archive.
    public var values: [Incident] { Array(all.values) }
    /// Every id; reads the archive.
    public var keys: [IncidentID] { Array(all.keys) }

    /// Every incident by id, the archive's included (read once, then kept by the archive).
    public var all: [IncidentID: Incident] {
        guard let archive, archive.count > 0 else { return live }
        var everything = archive.incidents
        everything.reserveCapacity(count)
        for (id, i) in live { everything[id] = i }
        return everything
    }

    /// The incidents that pass `isIncluded`, in memory (reads the archive).
    public func filter(_ isIncluded: ((key: IncidentID, value: Incident)) -> Bool) -> IncidentTable {
        IncidentTable(all.filter(isIncluded))
    }

    /// The same incidents, all in memory: what a snapshot splits anew.
    public func materialized() -> IncidentTable { IncidentTable(all) }
}

extension IncidentTable: Equatable {
    /// Equal when they hold the same incidents, wherever each is kept.
    public static func == (a: IncidentTable, b: IncidentTable) -> Bool {
        if a.archive == nil && b.archive == nil { return a.live == b.live }
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
