import ArgumentParser
import CommandModel
import EventLog
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

struct FeedCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed",
        abstract: "Apply a JSON Lines feed of reports (docs/FEEDS.md). 接入 JSON Lines 报告数据源。",
        discussion:
            "Example: decision-hub feed hotline-12345.jsonl\nIdempotent by (source, id); resumes after the last line on the record; refused lines go to the rejects file with their line, column and reason.\nExit status: 0 every line applied or a duplicate, 1 some line refused (see the rejects file) or the store failed.\n幂等（按 source 与 id）；从记录中的位置继续；拒收的行连同行号、列号和原因写入拒收文件。"
    )

    @OptionGroup var options: StoreOptions

    @Flag(name: .long, help: "Keep reading as the file grows (or until the pipe closes). 持续读取增长中的文件（或直至管道关闭）。")
    var follow = false

    @Option(name: .long, help: "The feed's name on the record (default: the file's absolute path; stdin: 'stdin'). 数据源在记录中的名称。")
    var name: String?

    @Option(name: .long, help: "Where refused lines go (default: FILE.rejects; stdin: feed-stdin.rejects). 拒收行写入的文件。")
    var rejects: String?

    @Option(name: .long, help: "Lines per transaction (1 to 10000). 每个事务的行数。")
    var batch = 500

    @Argument(help: "The feed file, or - for standard input. 数据源文件，或 - 表示标准输入。")
    var file: String

    func validate() throws {
        guard (1...10_000).contains(batch) else { throw ValidationError("--batch must be from 1 to 10000 · --batch 须在 1 到 10000 之间") }
    }

    func run() throws {
        let lang = options.language
        let stdin = file == "-"
        let path = stdin ? nil : URL(fileURLWithPath: file).standardizedFileURL.path
        let feedName = name ?? path ?? "stdin"
        let rejectsPath = rejects ?? (path.map { $0 + ".rejects" } ?? "feed-stdin.rejects")
        var total = FeedSummary()
        try options.withLedger(roster: try options.loadRoster(), resources: true) { ledger in
            let rejectsFile = FeedRejectsFile(path: rejectsPath)
            let ingest = FeedIngest(
                ledger: ledger, feed: feedName, operatorName: options.operatorName,
                reject: { r in
                    do { try rejectsFile.write(r) } catch {
                        // Nothing of the batch is lost (it is on the record); its refused lines would be.
                        throw fail(Bilingual("\(rejectsPath): cannot write the rejects file (\(error.localizedDescription))", "\(rejectsPath)：无法写入拒收文件（\(error.localizedDescription)）")(lang))
                    }
                })
            ingest.flush = { try rejectsFile.sync() }
            ingest.batchLines = batch
            let reader: FeedReader
            if let path {
                var start = ingest.resume
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
                if let s = start, let size, size < s.offset {
                    printError(
                        Bilingual(
                            "\(path) is shorter than the \(s.offset) bytes the record read: read again from the top (lines already applied are duplicates)",
                            "\(path) 短于记录中已读的 \(s.offset) 字节：从头重新读取（已应用的行按重复处理）")(lang))
                    ingest.restartFromTop()
                    start = nil
                }
                do { reader = try FeedReader.open(path, offset: start?.offset ?? 0, line: start?.line ?? 0, follow: follow) } catch {
                    throw fail(Bilingual("\(path): cannot read (\(error.localizedDescription))", "\(path)：无法读取（\(error.localizedDescription)）")(lang))
                }
                if let s = start {
                    printError(Bilingual("\(feedName): resuming after line \(s.line) (on the record)", "\(feedName)：从记录中的第 \(s.line) 行之后继续")(lang))
                    ingest.alreadyRejected = FeedRejectsFile.linesAfter(s.line, in: rejectsPath)
                }
            } else {
                // A pipe cannot be sought: every line is read, and the keys keep the ones already
                // applied from being applied again.
                ingest.restartFromTop()
                reader = FeedReader(fd: STDIN_FILENO, offset: 0, line: 0, follow: follow)
            }
            let tty = isatty(STDERR_FILENO) == 1
            var outage = OutageWait(say: { printError((tty ? "\r\u{1B}[K" : "") + $0(lang)) })
            var shown = Date()
            reading: while true {
                switch try reader.next(limit: batch) {
                case let .lines(lines):
                    if follow {
                        // Followed, a store that is busy, full or cannot be reached is waited
                        // out and the same lines applied again (a batch is all or nothing, and
                        // lines already applied are known by their keys).
                        let first = lines.first?.number ?? 0, last = lines.last?.number ?? 0
                        let n = first == last ? "\(first)" : "\(first)–\(last)"
                        let what = Bilingual("\(feedName) line\(first == last ? "" : "s") \(n)", "\(feedName) 第 \(n) 行")
                        try outage.attempt(what) { try ingest.apply(lines) }
                    } else {
                        try ingest.apply(lines)
                    }
                    if Date().timeIntervalSince(shown) >= 1 {
                        shown = Date()
                        let s = ingest.summary
                        let share = reader.size.flatMap { $0 > 0 ? " · \(s.offset * 100 / $0)%" : nil } ?? ""
                        let text = Bilingual("line \(s.resumedAfter + s.lines)\(share) · ", "第 \(s.resumedAfter + s.lines) 行\(share) · ")(lang) + s.text(lang)
                        FileHandle.standardError.write(Data((tty ? "\r\u{1B}[K" + text : text + "\n").utf8))
                    }
                case .idle:
                    usleep(200_000)
                case .end:
                    break reading
                }
            }
            if tty { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            total = ingest.summary
        }
        print("\(feedName): " + total.text(lang))
        if total.rejected > 0 {
            print(Bilingual("refused lines: \(rejectsPath)", "拒收的行：\(rejectsPath)")(lang))
            throw ExitCode(1)
        }
    }
}
