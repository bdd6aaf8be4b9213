import Foundation

/// What a feed asks of the record: apply a report (new, updated, or already applied), and mark
/// how far the feed was read.
public enum FeedCommand: Hashable, Sendable {
    /// A report from a feed: a new incident the first time its key is seen, figures or a note
    /// when a newer version changes them, refused as already applied otherwise.
    case receive(FeedReport)
    /// The feed was read this far (written with the batch of lines before it).
    case advance(FeedPosition)
}

extension FeedCommand: DomainCommand {
    public var incident: IncidentID? { nil }

    func boundViolation(now: Date) -> BoundViolation? {
        switch self {
        case let .receive(r):
            let time: BoundViolation? = Limits.isNear(r.time, to: now) ? nil : .time(Bilingual("the report's time", "报告时间"), r.time)
            let asReport = IncidentCommand.report(NewIncident(type: r.type, title: r.title, place: r.place, reporter: r.key.source, figures: r.figures, notes: r.text)).boundViolation(now: now)
            return .first(
                .name(r.key.source, Bilingual("feed source", "数据源")), .name(r.key.external, Bilingual("external id", "外部编号")), .name(r.causedBy, Bilingual("caused by", "引发编号")), time, asReport)
        case let .advance(p):
            let counts = [p.line, p.applied, p.duplicates, p.updated, p.rejected]
            if let bad = counts.first(where: { $0 < 0 || $0 > Limits.figure }) { return .count(Bilingual("feed count", "数据源计数"), bad) }
            if p.offset < 0 || p.offset > Int64(Limits.figure) { return .count(Bilingual("feed offset", "数据源偏移"), Int(p.offset)) }
            return .text(p.feed, Bilingual("feed name", "数据源名称"))
        }
    }

    func requirement(in state: CommandState) -> Requirement { .anyRole }
}

extension Decision {
    mutating func decide(_ command: FeedCommand) throws(Rejection) -> [Event] {
        switch command {
        case let .receive(r):
            if let receipt = state.feeds.receipts[r.key] { return try update(receipt, with: r) }
            var cause: IncidentID?
            var notes = r.text
            if let c = r.causedBy {
                if let known = state.feeds.receipts[FeedKey(source: r.key.source, external: c)] {
                    cause = known.incident
                } else {
                    // The cause has not arrived (yet): said in the notes, not lost.
                    let said = "caused by \(r.key.source) \(c) (not received) · 由 \(r.key.source) \(c) 引发（未收到）"
                    notes = notes.map { $0 + "\n" + said } ?? said
                }
            }
            let report = try report(NewIncident(type: r.type, title: r.title, place: r.place, reporter: r.key.source, figures: r.figures, notes: notes, causedBy: cause))
            let receipt = FeedReceipt(source: r.key.source, external: r.key.external, incident: report.id, time: r.time, figures: r.figures, text: r.textDigest)
            return [.incidentReported(report: report), .feedReceived(receipt: receipt)]
        case let .advance(p):
            return [.feedAdvanced(position: p)]
        }
    }

    /// A report whose key was applied before: a newer version's changed figures and text, or
    /// refused as already applied (the same version again, or an older one arriving late).
    private func update(_ receipt: FeedReceipt, with r: FeedReport) throws(Rejection) -> [Event] {
        if r.time < receipt.time { throw .feedAlreadyApplied(r.key, incident: receipt.incident, older: true) }
        let text = r.textDigest
        if r.figures == receipt.figures && text == receipt.text { throw .feedAlreadyApplied(r.key, incident: receipt.incident, older: false) }
        for field in Figures.Field.allCases where r.figures[field] < 0 { throw .negativeFigure(field, r.figures[field]) }
        guard let incident = state.incidents[receipt.incident] else { preconditionFailure("a feed receipt for unknown incident \(receipt.incident)") }
        var events: [Event] = []
        if r.figures != receipt.figures {
            if incident.isActive {
                if r.figures != incident.figures { events.append(.figuresUpdated(incident: incident.id, figures: r.figures)) }
            } else {
                // A closed incident's figures stay as closed; the feed's word is kept as a note.
                let parts = Figures.Field.allCases.map { "\($0.rawValue)=\(r.figures[$0])" }.joined(separator: " ")
                events.append(.noteAdded(incident: incident.id, text: "\(r.key.source) \(r.key.external): \(parts)"))
            }
        }
        if text != receipt.text, let t = r.text?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty { events.append(.noteAdded(incident: incident.id, text: t)) }
        let updated = FeedReceipt(source: receipt.source, external: receipt.external, incident: receipt.incident, time: r.time, figures: r.figures, text: text)
        return events + [.feedReceived(receipt: updated)]
    }
}
