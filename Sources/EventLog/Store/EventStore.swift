import CommandModel
import Foundation

/// An event on its way into the log: everything but its place in the sequence and its hash.
public struct PendingEvent: Sendable, Hashable {
    public var id: String
    public var at: Date
    public var by: String
    public var exercise: String?
    public var event: Event

    public init(id: String, at: Date, by: String, exercise: String?, event: Event) {
        self.id = id
        self.at = at
        self.by = by
        self.exercise = exercise
        self.event = event
    }
}

/// Where the store stands: the log's last sequence number and the drill journal's, read
/// together (one consistent moment).
public struct StorePosition: Hashable, Sendable {
    public var log: Int64
    public var journal: Int64

    public init(log: Int64, journal: Int64) {
        self.log = log
        self.journal = journal
    }
}

/// What an append did: the events as recorded, or the newer head that beat it.
public enum AppendOutcome: Sendable {
    case appended([RecordedEvent])
    case conflict(head: Int64)
}

/// The durable, append-only, hash-chained event log.
///
/// A small protocol so that another store (PostgreSQL for several sites) can be added without
/// touching the model or the UI. Guarantees: sequence numbers start at 1 and have no gaps; an
/// append lands whole or not at all, and only if the head is still `expectedHead`.
public protocol EventStore: Sendable {
    /// Where the store lives, for messages ("/srv/hub/store.sqlite").
    var location: String { get }
    /// The sequence number of the last event, 0 when empty.
    func head() throws(StoreError) -> Int64
    /// The log's head and the drill journal's, read at one moment.
    func position() throws(StoreError) -> StorePosition
    /// Whether anything may have been written since the last time this said so (a hint: a
    /// false "yes" costs a read, never a "no" while something is new for long).
    func mayHaveChanged() -> Bool
    /// Drill journal entries after `after`, up to `upTo`, in order (each one's `sequence` is the
    /// log event it follows, its `journal` its own number).
    func journal(after: Int64, upTo: Int64) throws(StoreError) -> [RecordedEvent]
    /// Events with sequence numbers above `after`, in order, at most `limit`.
    func events(after: Int64, limit: Int) throws(StoreError) -> [RecordedEvent]
    /// The chain hash of the log's event `sequence`, nil when there is none: what another
    /// centre's record keeps as the receipt of a message (see `decision-hub relay`).
    func chainHash(at sequence: Int64) throws(StoreError) -> String?
    /// Events about one incident, in order.
    func events(incident: IncidentID) throws(StoreError) -> [RecordedEvent]
    /// The events of one drill (its control events and its exercise data), in order.
    func events(exercise: String) throws(StoreError) -> [RecordedEvent]
    /// Appends events atomically if the head is still `expectedHead` (and the drill journal's
    /// still `expectedJournal`, when given). Drill control events go to the journal, each after
    /// the log events before it in the batch; the rest to the log.
    func append(_ events: [PendingEvent], expectedHead: Int64, expectedJournal: Int64?) throws(StoreError) -> AppendOutcome
    /// The newest saved state at or below `atMost`, if any is stored and still matches the chain.
    func latestSnapshot(atMost: Int64) throws(StoreError) -> CommandState?
    /// The same, with a warning for every newer snapshot passed over as damaged or altered.
    func loadSnapshot(atMost: Int64) throws(StoreError) -> SnapshotLoad
    /// Saves a folded state for fast start.
    func saveSnapshot(_ state: CommandState) throws(StoreError)
    /// Checks the whole chain and the file's integrity.
    func verify(progress: (Int64, Int64) -> Void) throws(StoreError) -> VerificationReport
}

extension EventStore {
    /// Whether anything may have been written since the last time this said so: a follower
    /// asks before reading the head. The default always says yes.
    public func mayHaveChanged() -> Bool { true }

    public func loadSnapshot(atMost: Int64) throws(StoreError) -> SnapshotLoad {
        SnapshotLoad(state: try latestSnapshot(atMost: atMost), warnings: [])
    }

    /// Appends events atomically if the log's head is still `expectedHead`.
    public func append(_ events: [PendingEvent], expectedHead: Int64) throws(StoreError) -> AppendOutcome {
        try append(events, expectedHead: expectedHead, expectedJournal: nil)
    }
}

/// A saved state for a fast start, if a usable one is stored, and a warning for every snapshot
/// that was passed over because it was damaged or altered (the state is then rebuilt by replay).
public struct SnapshotLoad: Sendable {
    public var state: CommandState?
    public var warnings: [Bilingual]

    public init(state: CommandState?, warnings: [Bilingual]) {
        self.state = state
        self.warnings = warnings
    }
}

/// The outcome of `verify`.
public struct VerificationReport: Sendable, Hashable {
    public var events: Int64
    /// The first sequence number where the chain breaks, or the first event after the last
    /// good checkpoint when the record no longer matches what was signed.
    public var firstBadSequence: Int64?
    public var problems: [Bilingual]
    public var integrity: String
    /// How many signed checkpoints the store holds.
    public var checkpoints = 0
    /// The newest checkpoint that verifies and still matches the record.
    public var lastGoodCheckpoint: Checkpoint?
    /// Whether the checkpoints' key was checked against one given from outside the store (the
    /// key file, or an exported head), not only the one stored in it.
    public var keyPinned = false
    /// What is worth knowing but is not a fault (no checkpoint yet, the key not pinned).
    public var notes: [Bilingual] = []

    public init(events: Int64, firstBadSequence: Int64?, problems: [Bilingual], integrity: String) {
        self.events = events
        self.firstBadSequence = firstBadSequence
        self.problems = problems
        self.integrity = integrity
    }

    /// Events after the last good checkpoint: held by the hash chain alone, not yet signed.
    public var unsignedEvents: Int64 { events - (lastGoodCheckpoint?.logSequence ?? 0) }

    public var ok: Bool { firstBadSequence == nil && problems.isEmpty && integrity == "ok" }
}
