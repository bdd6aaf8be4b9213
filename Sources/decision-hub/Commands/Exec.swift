import ArgumentParser
import CommandModel
import EventLog
import Foundation

struct Exec: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run one console command, as typed in the command bar. 执行一条控制台命令。",
        discussion: "Example: decision-hub exec 'report flood at mentougou deaths=2'\nExit status: 0 done, 1 refused or store failure, 2 the line does not parse.\n\n"
            + Grammar.helpText(.en) + "\n\n" + Grammar.helpText(.zh))

    @OptionGroup var options: StoreOptions

    @Flag(name: .long, help: "Print the recorded events as JSON lines. 以 JSON 行输出事件。")
    var json = false

    @Flag(name: .long, help: "Times in UTC instead of the centre's time. 以 UTC 显示时间。")
    var utc = false

    @Argument(help: "The command line, e.g. 'ack INC-0042'. 命令行，例如 'ack INC-0042'。")
    var line: [String]

    func run() throws {
        let text = line.joined(separator: " ")
        let lang = options.language
        let commands: [Command]
        do {
            commands = try Grammar.parse(text, now: Date())
        } catch {
            printError(text)
            printError(String(repeating: " ", count: max(0, error.column - 1)) + "^")
            throw fail(error.text(lang), code: 2)
        }
        try options.withLedger(roster: try options.loadRoster(), resources: true) { ledger in
            let codec = EventCodec()
            let recorded = try ledger.execute(commands, operatorName: options.operatorName)
            // A player working a blind drill's incident sees it as real.
            let visibility = DrillVisibility(state: ledger.state, reveal: false)
            for r in recorded {
                guard let shown = visibility.shown(r) else { continue }
                print(json ? LogFormat.json(shown, codec: codec) : LogFormat.line(shown, lang, zone: utc ? nil : CentreTime.zone))
            }
        }
    }
}
