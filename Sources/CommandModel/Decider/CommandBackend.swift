import Foundation

/// What a front end (the console, a wallboard) needs from the record, and nothing more: the
/// folded state, the events others wrote, commands run, an incident's history, due pages sent.
///
/// The event log's `Ledger` is the one the product wires in; a front end never knows the store
/// behind it, so it can be tested against a store in memory.
public protocol CommandBackend: AnyObject {
    /// The operational picture, folded up to the newest event read.
    var state: CommandState { get }
    var plans: PlanBook { get }
    var grid: Grid? { get }
    /// Whether a roster is in force (escalation pages are then due, and authority checked).
    var hasRoster: Bool { get }
    /// The roster in force, if any: who holds which role when (the console offers the handover
    /// brief when this operator's shift begins).
    var roster: Roster? { get }
    /// Folds in what other writers appended; returns those events.
    func catchUp() throws(BackendFailure) -> [RecordedEvent]
    /// Decides and records commands as one batch (all or none), as `operatorName`.
    func run(_ commands: [Command], operatorName: String, now: () -> Date) throws(BackendFailure) -> [RecordedEvent]
    /// Every event about one incident, in order.
    func history(of incident: IncidentID) -> [RecordedEvent]
    /// The log's events at or after `since` (a shift's), in order: read back from the newest,
    /// so the cost is the shift's events, not the store's.
    func events(since: Date) throws(BackendFailure) -> [RecordedEvent]
    /// Sends the escalation pages due at `now`; the events recorded. Throws when the store
    /// refuses to write: pages that cannot be sent must not fail in silence.
    func sendDuePages(now: Date) throws(BackendFailure) -> [RecordedEvent]
    /// A check of the whole record (chain, signatures, snapshots) that can run off the input
    /// thread on its own connection; nil where the backend has nothing to check (in memory).
    func recordChecker() -> (@Sendable () -> RecordCheck)?
}

extension CommandBackend {
    public func recordChecker() -> (@Sendable () -> RecordCheck)? { nil }
}

/// What a check of the whole record found.
public struct RecordCheck: Hashable, Sendable {
    public var ok: Bool
    /// The first event that fails, when one does.
    public var firstBad: Int64?
    /// What is wrong, when something is.
    public var problem: Bilingual?

    public init(ok: Bool, firstBad: Int64? = nil, problem: Bilingual? = nil) {
        self.ok = ok
        self.firstBad = firstBad
        self.problem = problem
    }
}

/// Why the backend could not do what was asked, in both languages: a refusal, or the store's
/// trouble (read-only, locked, damaged).
public struct BackendFailure: Error, Hashable, Sendable {
    public var message: Bilingual
    /// A refusal of the command (the store is fine), as opposed to trouble with the store.
    public var isRefusal: Bool

    public init(_ message: Bilingual, isRefusal: Bool) {
        self.message = message
        self.isRefusal = isRefusal
    }
}
