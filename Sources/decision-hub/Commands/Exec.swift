import ArgumentParser
import CommandModel
import EventLog
import Foundation

struct Exec: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run one console command, as typed in the command bar. 执行一条控制台命令。",
        discussion: "Example: decision-hub exec 'report flood at mentougou deaths=2'\nExit status: 0 done, 1 refused or store failure, 2 the line does not parse.\n\n"
            + Grammar.helpText(.en) + "\n\n" + Grammar.helpText(.zh))

    @OptionGroup var options: StoreOptions

    @Flag(name: .long, help: "Print the recorded events as JSON lines. 以 JSON 行输出事件。")
    var json = false

    @Flag(name: .long, help: "Times in UTC instead of the centre's time. 以 UTC 显示时间。")
    var utc = false

    @Flag(
        name: .long,
        help:
            "Read one command per line from standard input and answer each on its own line (ok: the events; refused: ✗ and why), each durable before it is answered: a door for scripts and feeds that opens the store once. 从标准输入逐行读取命令并逐行应答，每条在应答前已持久化。"
    )
    var stdin = false

    @Argument(help: "The command line, e.g. 'ack INC-0042'. 命令行，例如 'ack INC-0042'。")
    var line: [String] = []

    func validate() throws {
        if stdin && !line.isEmpty { throw ValidationError("give a command line or --stdin, not both · 命令行与 --stdin 只能二选一") }
        if !stdin && line.isEmpty { throw ValidationError("give a command line, e.g. 'ack INC-0042', or --stdin · 请给出命令行（如 'ack INC-0042'）或 --stdin") }
    }

    func run() throws {
        let values = StoreValues(store: options.store, operator: options.operator, lang: options.lang, roster: options.roster)
        try ExecCall(options: values, json: json, utc: utc, stdin: stdin, line: line).run()
    }

    /// The last state of a one-shot `exec`, held so that it is not torn down before the exit.
    /// Nothing may read it: its store is closed by then, and an incident or archive not yet read
    /// from the snapshot would be sought there.
    nonisolated(unsafe) static var keptUntilExit: CommandState?
}

/// One `exec`, however its arguments were read: by the argument parser (`Exec`), or by
/// ``ExecCall/parse(_:)``, the short parse a script's loop of calls takes.
struct ExecCall {
    var options: StoreValues
    var json = false
    var utc = false
    var stdin = false
    var line: [String] = []

    /// `exec`'s arguments read without the argument parser, whose reflection over the command
    /// costs several milliseconds of every call (its type lookups scan the whole binary). Only the
    /// plain forms are taken: `[--store S] [--lang L] [--operator O] [--roster R] exec [those,
    /// --json, --utc, --stdin] WORDS…`, each option at most once, as `--opt V` or `--opt=V`.
    /// Anything else (help, `--`, an unknown option, a word starting with `-`, a mistake) gives
    /// nil, and the argument parser reads the arguments with its usual messages.
    static func parse(_ args: [String]) -> ExecCall? {
        var call = ExecCall(options: StoreValues())
        // (An array: a set's type would be made at run time, a scan of the binary's conformances.)
        var seen: [String] = []
        var k = 0
        var inExec = false
        func value(_ name: String, _ arg: String) -> String?? {
            guard arg == "--" + name || arg.hasPrefix("--" + name + "=") else { return .none }
            guard !seen.contains(name) else { return .some(nil) }
            seen.append(name)
            // `--opt=V` only after `exec`: before it, the parser would not move it (the usual way
            // then says so).
            if arg.count > name.count + 2 { return .some(inExec ? String(arg.dropFirst(name.count + 3)) : nil) }
            k += 1
            // A value that looks like an option is what the parser refuses ("missing value").
            guard k < args.count, !args[k].hasPrefix("-") else { return .some(nil) }
            return .some(args[k])
        }
        while k < args.count {
            let arg = args[k]
            if !arg.hasPrefix("-") {
                if inExec { call.line.append(arg) } else if arg == "exec" { inExec = true } else { return nil }
            } else if case let .some(v) = value("store", arg) {
                guard let v else { return nil }
                call.options.store = v
            } else if case let .some(v) = value("operator", arg) {
                guard let v else { return nil }
                call.options.operator = v
            } else if case let .some(v) = value("roster", arg) {
                guard let v else { return nil }
                call.options.roster = v
            } else if case let .some(v) = value("lang", arg) {
                guard let v, let l = Language(rawValue: v) else { return nil }
                call.options.lang = l
            } else if inExec, arg == "--json" || arg == "--utc" || arg == "--stdin", !seen.contains(arg) {
                seen.append(arg)
                switch arg {
                case "--json": call.json = true
                case "--utc": call.utc = true
                default: call.stdin = true
                }
            } else {
                return nil
            }
            k += 1
        }
        // What `Exec.validate` refuses goes to the parser, which says so.
        guard inExec, call.stdin == call.line.isEmpty else { return nil }
        return call
    }

    func run() throws {
        let lang = options.language
        if stdin { return try runLines(lang) }
        // (By hand: `joined(separator:)`'s first use looks its types up at run time.)
        var text = ""
        for k in line.indices {
            if k > line.startIndex { text += " " }
            text += line[k]
        }
        let commands: [Command]
        do {
            commands = try Grammar.parse(text, now: Date())
        } catch {
            printError(text)
            printError(String(repeating: " ", count: max(0, error.column - 1)) + "^")
            throw fail(error.text(lang), code: 2)
        }
        // The boundary polygons are read only when the line has a point to attribute.
        let points = commands.contains { $0.hasPoint }
        try options.withLedger(roster: try options.loadRoster(), resources: true, places: points, oneShot: true) { ledger in
            let recorded = try ledger.execute(commands, operatorName: options.operatorName)
            let shown = answer(recorded, ledger, lang)
            for text in shown { print(text) }
            // Only journal entries (an evaluator's notes): say they were recorded, not what.
            if shown.isEmpty && !recorded.isEmpty {
                print(Bilingual("ok: \(recorded.count) entries in the drill journal", "已记入演练日志 \(recorded.count) 条")(lang))
            }
            // A one-shot process: its state is left for the system to reclaim at exit rather than
            // freed object by object (10,000 open incidents: milliseconds of every call).
            Exec.keptUntilExit = ledger.state
        }
    }

    /// The recorded events as this reader may see them (a player working a blind drill's
    /// incident sees it as real).
    func answer(_ recorded: [RecordedEvent], _ ledger: Ledger, _ lang: Language) -> [String] {
        let codec = EventCodec()
        let visibility = DrillVisibility(state: ledger.state, reveal: false)
        return recorded.compactMap { r in
            visibility.shown(r).map { json ? LogFormat.json($0, codec: codec) : LogFormat.line($0, lang, zone: utc ? nil : CentreTime.zone) }
        }
    }

    /// `--stdin`: one ledger, one line in, one answer out (the events, or "✗ …" and why), each
    /// durable before its answer, in the order the lines came. Lines that arrive together (up
    /// to 500) share one transaction and one fsync: each one-command line is decided on its own
    /// against the state the ones before it left, and a refused one never stops the others
    /// (`Ledger.executeEach`). A line of several commands (all or none), a drill's own command
    /// and a line that does not parse are answered in their place, through `execute`. A refusal beyond one's authority is put on the record
    /// as from `exec` with one line. The exit status says whether any line was refused.
    func runLines(_ lang: Language) throws {
        var refused = 0
        try options.withLedger(roster: try options.loadRoster(), resources: true) { ledger in
            var number = 0
            var singles: [(number: Int, command: Command)] = []
            func refusal(_ n: Int, _ text: String) {
                refused += 1
                print("✗ " + Bilingual("line \(n): ", "第 \(n) 行：")(lang) + text)
            }
            /// Runs the one-command lines gathered so far in one transaction, and answers them.
            func flush() throws {
                guard !singles.isEmpty else { return }
                defer { singles = [] }
                let results: [Result<[RecordedEvent], Rejection>]
                do {
                    try ledger.refresh()
                    results = try ledger.executeEach(singles.map(\.command), operatorName: options.operatorName)
                } catch let e as StoreError {
                    refusal(singles[0].number, e.text(lang))
                    throw e  // the store itself failed: stop, say so
                } catch let e as ExecutionError {
                    refusal(singles[0].number, e.text(lang))
                    throw e
                }
                for (line, result) in zip(singles, results) {
                    switch result {
                    case let .success(recorded):
                        let shown = answer(recorded, ledger, lang)
                        print(shown.isEmpty ? "ok" : shown.joined(separator: "\n"))
                    case let .failure(rejection):
                        // Beyond one's authority: the attempt is on the record, as from a line alone.
                        try ledger.recordIfBeyondAuthority(rejection, operatorName: options.operatorName)
                        refusal(line.number, rejection.message(lang))
                    }
                }
            }
            var input = LineBatches(fd: 0, limit: 500)
            while let batch = input.next() {
                for raw in batch {
                    number += 1
                    let text = raw.trimmingCharacters(in: .whitespaces)
                    if text.isEmpty || text.hasPrefix("#") { continue }
                    let parsed = Result { () throws(GrammarError) -> [Command] in try Grammar.parse(text, now: Date()) }
                    guard case let .success(commands) = parsed else {
                        try flush()
                        if case let .failure(e) = parsed { refusal(number, e.text(lang)) }
                        continue
                    }
                    // A drill's own commands act within their drill: `execute` decides them so.
                    if commands.count == 1, commands[0].drill == nil {
                        singles.append((number, commands[0]))
                        continue
                    }
                    try flush()
                    do {
                        let recorded = try ledger.execute(commands, operatorName: options.operatorName)
                        let shown = answer(recorded, ledger, lang)
                        print(shown.isEmpty ? "ok" : shown.joined(separator: "\n"))
                    } catch let e as ExecutionError {
                        refusal(number, e.text(lang))
                        if case .store = e { throw e }
                    }
                }
                try flush()
                fflush(nil)  // every stream: the answers reach a pipe at once
            }
        }
        if refused > 0 { throw ExitCode(1) }
    }
}

/// Standard input as batches of whole lines: the first line waited for, then every line that
/// is already there (up to `limit`). A last line without its newline counts at the end.
struct LineBatches {
    let fd: Int32
    let limit: Int
    private var pending: [UInt8] = []
    private var ended = false

    init(fd: Int32, limit: Int) {
        self.fd = fd
        self.limit = limit
    }

    /// Reads what is there; waits only when `wait` and nothing is.
    private mutating func fill(wait: Bool) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard wait || poll(&p, 1, 0) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n <= 0 {
            if n < 0 && errno == EINTR { return true }
            ended = true
            return false
        }
        pending += buffer[0..<n]
        return true
    }

    private mutating func takeLine() -> String? {
        guard let newline = pending.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        var line = Array(pending[..<newline])
        pending.removeSubrange(...newline)
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return String(decoding: line, as: UTF8.self)
    }

    mutating func next() -> [String]? {
        var lines: [String] = []
        while lines.isEmpty {
            if let line = takeLine() {
                lines.append(line)
            } else if ended || !fill(wait: true) {
                guard ended else { continue }
                if pending.isEmpty { return nil }
                defer { pending = [] }
                return [String(decoding: pending, as: UTF8.self)]
            }
        }
        while lines.count < limit {
            if let line = takeLine() {
                lines.append(line)
            } else if ended || !fill(wait: false) {
                break
            }
        }
        return lines
    }
}
