import CommandModel
import Foundation

/// The shift handover brief as the console shows it: built from the record by the runner
/// (`HandoverBrief.build` over the shift's events), read on screen, and acknowledged from the
/// console through the one grammar's `handover accept`.
public struct HandoverSheet: Hashable, Sendable {
    public var brief: HandoverBrief
    /// The outgoing officer, as the roster names them (nil: not known).
    public var from: String?
    /// Offered by the console at the start of this operator's shift (not asked for with `h`).
    public var offered: Bool

    public init(brief: HandoverBrief, from: String?, offered: Bool) {
        self.brief = brief
        self.from = from
        self.offered = offered
    }

    /// The brief's text as shown in a language: what the acknowledgement's hash covers.
    public func text(_ language: Language) -> String { brief.plainText(language) }

    /// The acknowledgement: the command line as the command bar would take it, and the command
    /// with what the console adds (the shift's start and the hash of the brief as shown).
    public func acceptance(_ language: Language) -> (line: String, command: Command) {
        let line = "handover accept" + (from.map { " from \($0)" } ?? "")
        return (line, .handover(.accept(from: from, since: brief.since, sha256: SHA256Hex.of(text(language)))))
    }
}

extension ConsoleModel {
    /// This operator's shift by the roster, when one began within the last day: the latest
    /// start of a watch role (duty officer, on-call leader, commander) they hold now that someone
    /// else held just before, and that person's login (the outgoing officer). Nil when they hold
    /// no such role now, or held it all day.
    public static func shiftChange(roster: Roster, person: String, now: Date) -> (start: Date, from: String?)? {
        var found: (start: Date, from: String?)?
        for role in DutyRole.alwaysStaffed {
            let stretches = roster.schedule(of: role, from: now.addingTimeInterval(-86_400), to: now.addingTimeInterval(1))
            guard let k = stretches.lastIndex(where: { $0.from <= now && now < $0.to }), k > 0 else { continue }
            let mine = stretches[k], before = stretches[k - 1]
            guard mine.people.contains(where: { $0.id == person }), !before.people.contains(where: { $0.id == person }) else { continue }
            if let f = found, f.start >= mine.from { continue }
            let outgoing = before.people.first
            found = (mine.from, outgoing.map { $0.logins.first ?? $0.id })
        }
        return found
    }

    /// At a change of shift, the incoming officer's console offers the brief once (not while
    /// they are typing or reading something else; checked every few seconds), unless the
    /// handover is already on the record: acknowledged since the shift began, or in the half
    /// hour before it.
    mutating func offerHandover(_ now: Date, _ world: ConsoleWorld) -> [Effect] {
        guard let roster = world.roster, let person, mode == .normal, now.timeIntervalSince(lastShiftCheck) >= 5 else { return [] }
        lastShiftCheck = now
        guard let shift = Self.shiftChange(roster: roster, person: person, now: now), handoverOfferedFor != shift.start else { return [] }
        if let last = world.state.lastHandover, last.at >= shift.start.addingTimeInterval(-1800) { return [] }
        handoverOfferedFor = shift.start
        return [.loadHandover(since: world.state.shiftStart(now: now), from: shift.from, offered: true)]
    }

    /// Keys over the brief: ↑ ↓ PgUp PgDn scroll, `a` acknowledges it (the handover goes on the
    /// record), Esc, `h` or `q` put it away (an offered brief not acknowledged says how to come
    /// back to it). Other keys do nothing: a stray key must not hide a brief being read.
    mutating func handleHandover(_ sheet: HandoverSheet, _ key: Key) -> [Effect] {
        if let step = scrollStep(key, page: overlayPage) {
            overlayOffset = max(0, min(overlayOffset + step, overlayLimit))
            return []
        }
        switch key {
        case .char("a"), .char("A"):
            mode = .normal
            let (line, command) = sheet.acceptance(language)
            return [.execute(line: line, commands: [command])]
        case .escape, .char("h"), .char("q"):
            mode = .normal
            message = (t(Bilingual("handover not acknowledged: h shows the brief again, a there acknowledges it", "尚未确认接班：按 h 再次查看简报，在简报中按 a 确认")), sheet.offered)
            return []
        default:
            return []
        }
    }
}
