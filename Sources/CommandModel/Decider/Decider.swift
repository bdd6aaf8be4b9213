import Foundation

/// Decides a command against the state: the events it causes, or why it is refused.
///
/// Pure: everything it depends on (time, operator, plans, map) arrives in the context, so
/// the same inputs always give the same answer.
public func decide(_ command: Command, _ state: CommandState, _ context: DecisionContext) throws(Rejection) -> [Event] {
    var d = Decision(state: state, context: context)
    return try d.decide(command)
}

struct Decision {
    let state: CommandState
    let context: DecisionContext

    /// Checks the command's bounds and authority, then routes it to its domain's decider.
    mutating func decide(_ command: Command) throws(Rejection) -> [Event] {
        // Nothing goes on the record that cannot be read back for years.
        if let violation = command.boundViolation(now: context.now) { throw .outOfBounds(violation) }
        try authorize(command)
        // A drill's injects act only on the drill's own objects.
        if let exercise = context.exercise { try confine(command, to: exercise) }
        switch command {
        case let .incident(c): return try decide(c)
        case let .team(c): return try decide(c)
        case let .area(c): return try decide(c)
        case let .paging(c): return try decide(c)
        case let .drill(c): return try decide(c)
        case let .roster(c): return try decide(c)
        case let .facility(c): return try decide(c)
        case let .shelter(c): return try decide(c)
        case let .supply(c): return try decide(c)
        case let .aid(c): return try decide(c)
        case let .report(c): return try decide(c)
        case let .handover(c): return try decide(c)
        case let .evaluator(c): return try decide(c)
        case let .improvement(c): return try decide(c)
        case let .feed(c): return try decide(c)
        case let .cap(c): return try decide(c)
        case let .centre(c): return try decide(c)
        }
    }

    // MARK: Look-ups that reject

    func incident(_ id: IncidentID) throws(Rejection) -> Incident {
        guard let i = state.incidents[id] else { throw .unknownIncident(id) }
        // A drill's own actions never touch a real incident (or another drill's).
        if let ex = context.exercise, i.exercise != ex { throw .exerciseMismatch(id, exercise: i.exercise) }
        return i
    }

    func activeIncident(_ id: IncidentID) throws(Rejection) -> Incident {
        let i = try incident(id)
        guard i.isActive else { throw .incidentOver(id, i.status) }
        return i
    }

    func required(_ text: String, what: Bilingual? = nil) throws(Rejection) -> String {
        // Nothing to trim (the usual case): no trip through Foundation.
        if let first = text.unicodeScalars.first, let last = text.unicodeScalars.last, !first.properties.isWhitespace, !last.properties.isWhitespace { return text }
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.isEmpty {
            if let what { throw .emptyText(what.en) }
            throw .reasonRequired
        }
        return t
    }
}
