import CommandModel
import Foundation

/// One line as read from a feed: its number, its text, and the byte offset just after it.
public struct FeedInputLine: Hashable, Sendable {
    public var number: Int
    public var text: String
    public var end: Int64
    /// Where the line stops being UTF-8 (its first bad byte, 1-based), if it does.
    public var badByte: Int?
    /// Longer than ``FeedReader/maxLine``: `text` holds only its start.
    public var overlong = false

    public init(number: Int, text: String, end: Int64, badByte: Int? = nil) {
        self.number = number
        self.text = text
        self.end = end
        self.badByte = badByte
    }
}

/// A line refused: where, why, and the line itself, as the rejects file holds it.
public struct FeedReject: Hashable, Sendable {
    public var line: Int
    public var column: Int
    public var reason: Bilingual
    public var text: String

    /// `line 17, column 9: reason · 理由<TAB>the line as given`.
    public var formatted: String { "line \(line), column \(column): \(reason.en) · \(reason.zh)\t\(text)" }

    /// The line number of a formatted reject, if it is one.
    public static func lineNumber(of formatted: Substring) -> Int? {
        guard formatted.hasPrefix("line ") else { return nil }
        return Int(formatted.dropFirst(5).prefix { $0.isNumber })
    }
}

/// What a run of a feed did (this run's lines; the record's position holds the running totals).
public struct FeedSummary: Hashable, Sendable {
    /// The line the run started after (0: from the start).
    public var resumedAfter = 0
    public var lines = 0
    public var applied = 0
    public var duplicates = 0
    public var updated = 0
    public var rejected = 0
    /// Bytes read so far, from the start of the file.
    public var offset: Int64 = 0

    public init() {}

    public var text: Bilingual {
        Bilingual(
            "\(lines) lines: \(applied) applied, \(duplicates) duplicates, \(updated) updated, \(rejected) rejected",
            "\(lines) 行：应用 \(applied)，重复 \(duplicates)，更新 \(updated)，拒收 \(rejected)")
    }
}

/// Applies a JSON Lines feed to the record, a batch of lines per transaction: each line through
/// ``FeedLine`` and the decider (``FeedCommand``), the batch's events and the feed's new
/// position appended together, so a feed killed at any moment resumes right after the last
/// batch on the record and applies nothing twice.
///
/// Bad lines never stop the feed: each goes to `reject`, written and flushed before its batch is
/// appended (lines refused before a crash are not repeated, see `alreadyRejected`).
public final class FeedIngest {
    public let ledger: Ledger
    /// The feed's name on the record (its position is kept under it).
    public let feed: String
    public let operatorName: String
    /// Lines per transaction.
    public var batchLines = 500
    /// Where refused lines go (the rejects file).
    public var reject: (FeedReject) throws -> Void
    /// Makes the refused lines written so far durable (before their batch is appended).
    public var flush: () throws -> Void = {}
    /// Lines already in the rejects file after the resume point (a run that stopped between
    /// writing its rejects and recording its batch): not written again.
    public var alreadyRejected: Set<Int> = []
    public private(set) var summary = FeedSummary()
    private var totals: FeedPosition

    public init(ledger: Ledger, feed: String, operatorName: String, reject: @escaping (FeedReject) throws -> Void) {
        self.ledger = ledger
        self.feed = feed
        self.operatorName = operatorName
        self.reject = reject
        totals = ledger.state.feeds.positions[feed] ?? FeedPosition(feed: feed, offset: 0, line: 0)
        summary.resumedAfter = totals.line
        summary.offset = totals.offset
    }

    /// Where the record says this feed stopped (nil: never read).
    public var resume: FeedPosition? { ledger.state.feeds.positions[feed] }

    /// Starts over from the first line (the file was replaced by a shorter one): the counts
    /// go on, the keys keep every line already applied from being applied again.
    public func restartFromTop() {
        totals.offset = 0
        totals.line = 0
        summary.resumedAfter = 0
        summary.offset = 0
    }

    /// Applies one batch of lines (in order, numbered by the reader) in one transaction.
    public func apply(_ lines: [FeedInputLine]) throws {
        guard let last = lines.last else { return }
        var rejects: [FeedReject] = []
        var commands: [Command] = []
        var sources: [FeedInputLine] = []
        for line in lines {
            if line.overlong {
                rejects.append(FeedReject(line: line.number, column: 1, reason: Bilingual("the line is longer than \(FeedReader.maxLine) bytes", "该行超过 \(FeedReader.maxLine) 字节"), text: line.text))
                continue
            }
            if let bad = line.badByte {
                rejects.append(FeedReject(line: line.number, column: bad, reason: Bilingual("byte \(bad) is not UTF-8", "第 \(bad) 字节不是 UTF-8"), text: line.text))
                continue
            }
            let text = line.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty || text.hasPrefix("#") { continue }
            do {
                commands.append(.feed(.receive(try FeedLine.parse(text))))
                sources.append(line)
            } catch {
                rejects.append(FeedReject(line: line.number, column: error.column, reason: error.reason, text: line.text))
            }
        }
        var position = totals
        var written: (any Error)?
        let results = try ledger.executeEach(
            commands, operatorName: operatorName,
            trailer: { decided in
                position = self.totals
                var refused = rejects
                for (d, line) in zip(decided, sources) {
                    switch d {
                    case let .success(events):
                        if events.contains(where: { $0.kind == .incidentReported }) { position.applied += 1 } else { position.updated += 1 }
                    case .failure(.feedAlreadyApplied): position.duplicates += 1
                    case let .failure(refusal):
                        refused.append(FeedReject(line: line.number, column: FeedIngest.column(of: refusal, in: line.text), reason: refusal.message, text: line.text))
                    }
                }
                position.rejected += refused.count
                position.offset = last.end
                position.line = last.number
                // The refused lines are written (and synced) before the batch is appended: a
                // crash in between leaves them in the file, and the resumed run does not write
                // them again (a decision made again after a conflict does not either).
                do {
                    for r in refused.sorted(by: { $0.line < $1.line }) where !self.alreadyRejected.contains(r.line) {
                        try self.reject(r)
                        self.alreadyRejected.insert(r.line)
                    }
                    try self.flush()
                } catch {
                    written = error
                }
                return .feed(.advance(position))
            })
        var applied = 0, updated = 0, duplicates = 0, refused = rejects.count
        for result in results {
            switch result {
            case let .success(events):
                if events.contains(where: { $0.event.kind == .incidentReported }) { applied += 1 } else { updated += 1 }
            case .failure(.feedAlreadyApplied): duplicates += 1
            case .failure: refused += 1
            }
        }
        totals = position
        summary.lines += lines.count
        summary.applied += applied
        summary.updated += updated
        summary.duplicates += duplicates
        summary.rejected += refused
        summary.offset = last.end
        if let written { throw written }
    }

    /// Where in the line the decider's refusal points, as near as it can say.
    static func column(of refusal: Rejection, in line: String) -> Int {
        // Only a few refusals point at one key; every other one at the line as a whole.
        var key: String?
        if case .unknownDistrict = refusal { key = "district" }
        if case .outsideMap = refusal { key = "lat" }
        if case .outsideCity = refusal { key = "lat" }
        if case .negativeFigure = refusal { key = "figures" }
        guard let key, let r = line.range(of: "\"\(key)\"") else { return 1 }
        return line.distance(from: line.startIndex, to: r.lowerBound) + 1
    }
}
