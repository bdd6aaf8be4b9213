import ArgumentParser
import CommandModel
import EventLog
import Foundation

@main
struct DecisionHub: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "decision-hub",
        abstract: "Decision Hub 决策中枢: the emergency command console (应急一张图).",
        discussion: """
            The store is an SQLite file chosen by --store or DECISION_HUB_STORE; the default,
            ~/.local/share/decision-hub/store.sqlite, is created on first use. A centre's store in
            PostgreSQL is named by a URL: postgresql://USER@HOST/DB?centre=NAME (password in PGPASSWORD).
            存储为 SQLite 文件，由 --store 或 DECISION_HUB_STORE 指定；也可为 PostgreSQL 地址。
            """,
        version: version,
        subcommands: [
            Console.self, Demo.self, Snapshot.self, Init.self, Exec.self, Log.self, Verify.self, City.self, RosterCLI.self, MapCommand.self, OnCall.self, Drill.self, Doctor.self, Debug.self,
            SitrepCLI.self, HandoverCLI.self, DutyLogCLI.self,
            StoreCommand.self,
            FeedCLI.self, CAPCLI.self, Relay.self, Board.self,
        ],
        defaultSubcommand: Console.self
    )
}

extension DecisionHub {
    /// Parses and runs as swift-argument-parser does, except that a mistyped subcommand
    /// (`decision-hub exce`, `decision-hub drill strat`) is named with the nearest real one,
    /// instead of being read as an argument of the console and answered with its usage.
    static func main() {
        // `exec` is what scripts call in a loop: its plain forms are read by a short parse of its
        // own, without the argument parser's reflection (several milliseconds of every call).
        // Anything the short parse does not take (help, a mistake) goes the usual way, so its
        // messages are the usual ones.
        if let exec = ExecCall.parse(Array(CommandLine.arguments.dropFirst())) {
            do {
                try exec.run()
            } catch {
                DecisionHub.exit(withError: error)
            }
            Foundation.exit(0)
        }
        let args = optionsAfterSubcommand(Array(CommandLine.arguments.dropFirst()))
        if let message = unknownSubcommand(args) {
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(64)  // EX_USAGE, as the parser's own usage errors
        }
        main(args)
    }

    /// Options written before the subcommand (`decision-hub --store X exec …`) moved after it,
    /// where the subcommand reads them: the shared options (`--store`, `--lang`, `--operator`,
    /// `--roster`) belong to every subcommand, not to the bare command.
    static func optionsAfterSubcommand(_ args: [String]) -> [String] {
        let withValue: Set<String> = ["--store", "--lang", "--operator", "--roster"]
        var lead: [String] = []
        var k = 0
        while k < args.count, withValue.contains(args[k]), k + 1 < args.count {
            lead += [args[k], args[k + 1]]
            k += 2
        }
        guard !lead.isEmpty, k < args.count, !args[k].hasPrefix("-"),
            DecisionHub.configuration.subcommands.contains(where: { $0._commandName == args[k] })
        else { return args }
        return [args[k]] + lead + args[(k + 1)...]
    }

    /// The complaint about the first word that stands where a subcommand must and is none, or
    /// nil. Only words straight after the command (before any option) are looked at: after an
    /// option, a word may be the option's value.
    static func unknownSubcommand(_ args: [String]) -> String? {
        var command: any ParsableCommand.Type = DecisionHub.self
        var path = [DecisionHub._commandName]
        for arg in args {
            let subs = command.configuration.subcommands
            guard !subs.isEmpty, !arg.hasPrefix("-"), arg != "help" else { return nil }
            if let next = subs.first(where: { $0._commandName == arg || $0.configuration.aliases.contains(arg) }) {
                command = next
                path.append(arg)
                continue
            }
            let shown = subs.filter { $0.configuration.shouldDisplay }.map { $0._commandName }
            let near = Grammar.closest(arg, among: shown)
            let usage = path.joined(separator: " ")
            return [
                "Error: '\(arg)' is not a command of \(usage)" + (near.map { "; did you mean '\($0)'?" } ?? ""),
                "错误：“\(arg)”不是 \(usage) 的子命令" + (near.map { "；是否要输入“\($0)”？" } ?? ""),
                "Commands · 子命令: " + shown.joined(separator: ", ") + " (\(usage) --help)",
            ].joined(separator: "\n")
        }
        return nil
    }
}
