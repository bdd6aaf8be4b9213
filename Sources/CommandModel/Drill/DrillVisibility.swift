import Foundation

/// What of the drills a reader may see. Players never see drill control events (they carry the
/// schedule and the sealed scenario), and see exercise marks only once a drill is disclosed: a
/// marked drill from its first inject, a blind one when it is over (until then it looks real to
/// them, which is the point). Coordinators asking with `--drills` see everything.
public struct DrillVisibility: Sendable {
    /// Blind drills still running.
    public private(set) var hidden: Set<String> = []
    public let reveal: Bool
    /// Control events up to here (log, journal) are already accounted for.
    private var knownLog: Int64 = 0
    private var knownJournal: Int64 = 0

    /// From the record's drill control events (a reader streaming the log).
    public init(controlEvents: [RecordedEvent], reveal: Bool) {
        self.reveal = reveal
        for e in controlEvents { note(e) }
    }

    /// From the folded state (a console, `exec`).
    public init(state: CommandState, reveal: Bool) {
        self.reveal = reveal
        hidden = Set(state.runningDrills.filter { !$0.isDisclosed }.map(\.id))
    }

    /// Takes a drill control event into account (a drill scheduled or ended).
    public mutating func note(_ e: RecordedEvent) {
        if let j = e.journal {
            guard j > knownJournal else { return }
            knownJournal = j
        } else {
            guard e.sequence > knownLog else { return }
            knownLog = e.sequence
        }
        // Only a blind drill's schedule and any drill's end change who sees what.
        if case let .drillScheduled(info) = e.event, info.disclosure == .blind { hidden.insert(info.id) }
        if case let .drillEnded(id, _, _) = e.event { hidden.remove(id) }
    }

    /// The event as this reader sees it, or nil if they may not see it at all.
    public func shown(_ e: RecordedEvent) -> RecordedEvent? {
        if reveal { return e }
        if e.event.drill != nil { return nil }
        guard let ex = e.exercise, hidden.contains(ex) else { return e }
        // The drill's id is stored once, beside the payload: without it the event reads as real.
        var plain = e
        plain.exercise = nil
        return plain
    }
}

extension DrillVisibility {
    /// Whether exercise data (an incident, a warning, a response of `exercise`) carries its
    /// mark for this reader: a marked drill's always, a blind drill's once it is over, every
    /// drill's for a coordinator. Judged on the state, so a console asks it per row cheaply.
    public static func isMarked(_ exercise: String?, in state: CommandState, reveal: Bool) -> Bool {
        guard let exercise else { return false }
        return reveal || state.isDisclosed(exercise: exercise)
    }

    /// The running drills this reader may know of.
    public static func announced(in state: CommandState, reveal: Bool) -> [DrillRun] {
        state.runningDrills.filter { reveal || $0.isDisclosed }
    }
}
