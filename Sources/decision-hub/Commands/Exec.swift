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
        let lang = options.language
        if stdin { return try runLines(lang) }
        let text = line.joined(separator: " ")
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
        try options.withLedger(roster: try options.loadRoster(), resources: true, places: points) { ledger in
            let recorded = try ledger.execute(commands, operatorName: options.operatorName)
            let shown = answer(recorded, ledger, lang)
            for text in shown { print(text) }
            // Only journal entries (an evaluator's notes): say they were recorded, not what.
            if shown.isEmpty && !recorded.isEmpty {
                print(Bilingual("ok: \(recorded.count) entries in the drill journal", "已记入演练日志 \(recorded.count) 条")(lang))
            }
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
    /// durable before its answer. A refused or unparsable line never stops the ones after it;
    /// the exit status says whether any was refused.
    func runLines(_ lang: Language) throws {
        var refused = 0
        try options.withLedger(roster: try options.loadRoster(), resources: true) { ledger in
            var number = 0
            while let raw = readLine(strippingNewline: true) {
                number += 1
                let text = raw.trimmingCharacters(in: .whitespaces)
                if text.isEmpty || text.hasPrefix("#") { continue }
                do {
                    let commands = try Grammar.parse(text, now: Date())
                    let recorded = try ledger.execute(commands, operatorName: options.operatorName)
                    let shown = answer(recorded, ledger, lang)
                    print(shown.isEmpty ? "ok" : shown.joined(separator: "\n"))
                } catch let e as GrammarError {
                    refused += 1
                    print("✗ " + Bilingual("line \(number): ", "第 \(number) 行：")(lang) + e.text(lang))
                } catch let e as ExecutionError {
                    refused += 1
                    print("✗ " + Bilingual("line \(number): ", "第 \(number) 行：")(lang) + e.text(lang))
                    if case .store = e { throw e }  // the store itself failed: stop, say so
                }
                fflush(nil)  // every stream: the answer reaches a pipe at once
            }
        }
        if refused > 0 { throw ExitCode(1) }
    }
}
