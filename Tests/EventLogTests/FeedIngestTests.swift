import CommandModel
import EventLog
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A feed of `count` lines from source 12345: each line a new report, except every 50th (a
/// replay of the line before it), every 70th (a newer version of the report 35 lines before) and
/// every 97th (not a report at all); with what a reference model says it must do.
struct HotlineFeed {
    var lines: [String] = []
    var applied = 0, duplicates = 0, updated = 0, rejected = 0
    var badLines: [Int] = []

    init(_ count: Int) {
        let districts = ["dongcheng", "xicheng", "chaoyang", "fengtai", "haidian", "fangshan", "mentougou", "tongzhou"]
        var seen: [Int: Int] = [:]  // key → evacuated figure applied (the version)
        var previous: (key: Int, evacuated: Int)?
        for n in 1...count {
            if n % 97 == 0 {
                lines.append("{\"source\":\"12345\",\"id\":\"H-\(n)\", broken")
                rejected += 1
                badLines.append(n)
                continue
            }
            let (key, evacuated): (Int, Int) = n % 50 == 0 ? (previous ?? (n, 1)) : n % 70 == 0 ? (n - 35, 40) : (n, 1)
            let minute = evacuated == 40 ? 59 : 0
            lines.append(
                #"{"source":"12345","id":"H-\#(key)","time":"2026-07-31T02:\#(minute):00+08:00","type":"waterlogging","district":"\#(districts[key % districts.count])","figures":{"evacuated":\#(evacuated)},"text":"caller \#(key)"}"#
                    .replacingOccurrences(of: "T02:0:00", with: "T02:00:00"))
            switch seen[key] {
            case nil: applied += 1
            case evacuated?: duplicates += 1
            case .some: updated += 1
            }
            seen[key] = evacuated
            previous = (key, evacuated)
        }
    }
}

@Suite("Feeds: applied a batch at a time, resumed from the record")
struct FeedIngestTests {
    func ledger(_ path: String) throws -> Ledger {
        let r = Resources.shared
        let ledger = try Ledger(store: try SQLiteEventStore(path: path, create: true), plans: r.plans, grid: r.grid)
        ledger.places = r.places
        return ledger
    }

    func lines(_ texts: [String], from first: Int = 1) -> [FeedInputLine] {
        var end: Int64 = 0
        return texts.enumerated().map { k, t in
            end += Int64(t.utf8.count + 1)
            return FeedInputLine(number: first + k, text: t, end: end)
        }
    }

    @Test func aFeedIsCountedAndItsBadLinesKeptWithLineAndColumn() throws {
        let dir = TempDir()
        let l = try ledger(dir.path("s.sqlite"))
        var rejects: [FeedReject] = []
        let ingest = FeedIngest(ledger: l, feed: "f", operatorName: "feed", reject: { rejects.append($0) })
        let feed = HotlineFeed(200)
        let texts = feed.lines
        for batch in stride(from: 0, to: texts.count, by: 30) { try ingest.apply(Array(lines(texts)[batch..<min(batch + 30, texts.count)])) }
        let s = ingest.summary
        #expect(s.lines == 200)
        #expect((s.applied, s.duplicates, s.updated, s.rejected) == (feed.applied, feed.duplicates, feed.updated, feed.rejected))
        #expect(feed.updated == 2 && feed.duplicates == 4 && feed.rejected == 2, "the feed holds every case")
        #expect(rejects.map(\.line) == [97, 194])
        #expect(rejects.first?.column == 32, "\(rejects.first?.reason.en ?? "")")
        #expect(l.state.incidents.count == feed.applied)
        #expect(
            l.state.feeds.positions["f"]
                == FeedPosition(feed: "f", offset: lines(texts).last?.end ?? 0, line: 200, applied: feed.applied, duplicates: feed.duplicates, updated: feed.updated, rejected: feed.rejected))
        #expect(l.state.incidents[try #require(l.state.feeds.receipts[FeedKey(source: "12345", external: "H-35")]?.incident)]?.figures.evacuated == 40)
    }

    @Test func aReplayedFeedChangesNothing() throws {
        let dir = TempDir()
        let l = try ledger(dir.path("s.sqlite"))
        let texts = HotlineFeed(120).lines
        try FeedIngest(ledger: l, feed: "first", operatorName: "feed", reject: { _ in }).apply(lines(texts))
        let before = l.state.incidents
        // The same lines under another name (a copy of the file): every good line a duplicate.
        let again = FeedIngest(ledger: l, feed: "copy", operatorName: "feed", reject: { _ in })
        try again.apply(lines(texts))
        #expect(l.state.incidents == before)
        #expect(again.summary.applied == 0)
        #expect(again.summary.updated == 0)
        #expect(again.summary.duplicates == 120 - 1)  // all but the bad line 97
    }

    @Test func aReopenedLedgerResumesFromThePositionOnTheRecord() throws {
        let dir = TempDir()
        let feed = HotlineFeed(60)
        let all = lines(feed.lines)
        try FeedIngest(ledger: try ledger(dir.path("s.sqlite")), feed: "f", operatorName: "feed", reject: { _ in }).apply(Array(all[0..<40]))
        let reopened = try ledger(dir.path("s.sqlite"))
        let ingest = FeedIngest(ledger: reopened, feed: "f", operatorName: "feed", reject: { _ in })
        #expect(ingest.resume?.line == 40)
        #expect(ingest.resume?.offset == all[39].end)
        try ingest.apply(Array(all[40...]))
        #expect(reopened.state.feeds.positions["f"]?.line == 60)
        #expect(reopened.state.feeds.positions["f"]?.applied == feed.applied)
        #expect(reopened.state.incidents.count == feed.applied)
    }

    @Test func aBatchIsOneTransaction() throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        let l = try ledger(path)
        try FeedIngest(ledger: l, feed: "f", operatorName: "feed", reject: { _ in }).apply(lines(HotlineFeed(10).lines))
        // 10 reports and their receipts, then the position: the position is the batch's last event.
        let kinds = try sqlite(path, "SELECT kind FROM events ORDER BY seq").split(separator: "\n")
        #expect(kinds.count == 21)
        #expect(kinds.last == "feedAdvanced")
    }

    /// The real binary, killed with SIGKILL in the middle of a file, then run again: every line
    /// applied once, every bad line in the rejects file once.
    @Test func killedMidFileAndRestartedNothingIsAppliedTwice() throws {
        let dir = TempDir()
        let store = dir.path("s.sqlite"), feed = dir.path("hotline.jsonl")
        let total = 3_000
        let model = HotlineFeed(total)
        let texts = model.lines
        try Data((texts.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: feed))
        #expect(try runHub(["init", "--store", store]).status == 0)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: hubBinary)
        p.arguments = ["feed", "--store", store, "--batch", "50", feed]
        var env = ProcessInfo.processInfo.environment
        env["DECISION_HUB_RESOURCES"] = repoRoot.appendingPathComponent("Resources").path
        env["LANG"] = "C.UTF-8"
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Wait for a few batches on the record, then kill it without warning.
        var positions = 0
        for _ in 0..<600 where positions < 3 {
            usleep(50_000)
            positions = Int(try sqlite(store, "SELECT count(*) FROM events WHERE kind = 'feedAdvanced'").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal, "the feed ended before it was killed: make the file longer")
        let killedAt = Int(try sqlite(store, "SELECT count(*) FROM events WHERE kind = 'feedAdvanced'").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(killedAt * 50 < total, "killed in the middle")
        let again = try runHub(["feed", "--store", store, "--batch", "50", feed])
        #expect(again.status == 1, "bad lines make the exit status 1: \(again.stderr)")
        #expect(again.stderr.contains("resuming after line"), "\(again.stderr)")
        let l = try ledger(store)
        let position = try #require(l.state.feeds.positions[URL(fileURLWithPath: feed).standardizedFileURL.path])
        #expect(position.line == total)
        #expect(position.rejected == model.rejected)
        #expect(position.duplicates == model.duplicates)
        #expect(position.updated == model.updated)
        #expect(position.applied == model.applied)
        #expect(l.state.incidents.count == position.applied)
        // One receipt per key, one incident per receipt.
        #expect(Set(l.state.feeds.receipts.values.map(\.incident)).count == l.state.incidents.count)
        let rejected = try String(contentsOfFile: feed + ".rejects", encoding: .utf8).split(separator: "\n")
        #expect(rejected.compactMap { FeedReject.lineNumber(of: $0) } == model.badLines)
    }

    /// A pipe: every line read each time (it cannot be sought), the keys keeping a replay from
    /// changing anything.
    @Test func aPipeIsReadToItsEndAndAReplayedPipeChangesNothing() throws {
        let dir = TempDir()
        let store = dir.path("s.sqlite")
        #expect(try runHub(["init", "--store", store]).status == 0)
        let feed = HotlineFeed(120)
        let input = feed.lines.joined(separator: "\n") + "\n"
        let first = try runHub(["feed", "--store", store, "--rejects", dir.path("r.txt"), "-"], input: input)
        #expect(first.status == 1, "one bad line")
        #expect(first.stdout.contains("stdin: 120 lines: \(feed.applied) applied, \(feed.duplicates) duplicates, \(feed.updated) updated, 1 rejected"), "\(first.stdout)")
        let second = try runHub(["feed", "--store", store, "--rejects", dir.path("r2.txt"), "-"], input: input)
        #expect(second.stdout.contains("stdin: 120 lines: 0 applied, 119 duplicates, 0 updated, 1 rejected"), "\(second.stdout)")
        #expect(try ledger(store).state.incidents.count == feed.applied)
    }

    /// `--follow`: lines appended to the file after the start are applied as they come.
    @Test func aFollowedFileIsAppliedAsItGrows() throws {
        let dir = TempDir()
        let store = dir.path("s.sqlite"), path = dir.path("live.jsonl")
        #expect(try runHub(["init", "--store", store]).status == 0)
        let feed = HotlineFeed(30)
        try Data((feed.lines[0..<10].joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: hubBinary)
        p.arguments = ["feed", "--store", store, "--follow", "--batch", "5", path]
        var env = ProcessInfo.processInfo.environment
        env["DECISION_HUB_RESOURCES"] = repoRoot.appendingPathComponent("Resources").path
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        defer {
            if p.isRunning { kill(p.processIdentifier, SIGKILL) }
            p.waitUntilExit()
        }
        func applied() throws -> Int { Int(try sqlite(store, "SELECT count(*) FROM events WHERE kind = 'incidentReported'").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 }
        var n = 0
        for _ in 0..<200 where n < 10 {
            usleep(50_000)
            n = try applied()
        }
        #expect(n == 10)
        // The rest arrives, the last line in two writes (half a line waits for its newline).
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        let rest = feed.lines[10...].joined(separator: "\n") + "\n"
        try handle.write(contentsOf: Data(rest.utf8.dropLast(20)))
        usleep(300_000)
        try handle.write(contentsOf: Data(rest.utf8.suffix(20)))
        try handle.close()
        for _ in 0..<200 where n < feed.applied {
            usleep(50_000)
            n = try applied()
        }
        #expect(n == feed.applied)
        #expect(p.isRunning, "still following")
    }

    /// A line of megabytes without a newline is refused by its number, without being held
    /// whole; the lines around it are applied.
    @Test func anOverlongLineIsRefusedAndTheRestRead() throws {
        let dir = TempDir()
        let path = dir.path("f.jsonl")
        let feed = HotlineFeed(3)
        let text = feed.lines[0] + "\n" + String(repeating: "x", count: 3_000_000) + "\n" + feed.lines[1] + "\n" + feed.lines[2] + "\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let reader = try FeedReader.open(path, offset: 0, line: 0, follow: false)
        var lines: [FeedInputLine] = []
        while case let .lines(batch) = try reader.next(limit: 100) { lines += batch }
        #expect(lines.map(\.number) == [1, 2, 3, 4])
        #expect(lines.map(\.overlong) == [false, true, false, false])
        #expect(lines[1].end == Int64(feed.lines[0].utf8.count + 1 + 3_000_001))
        #expect(lines.last?.end == Int64(text.utf8.count))
        let l = try ledger(dir.path("s.sqlite"))
        var rejects: [FeedReject] = []
        let ingest = FeedIngest(ledger: l, feed: "f", operatorName: "feed", reject: { rejects.append($0) })
        try ingest.apply(lines)
        #expect(rejects.map(\.line) == [2])
        #expect(ingest.summary.applied == 3)
    }
}
