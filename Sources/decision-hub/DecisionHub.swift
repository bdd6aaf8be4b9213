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
            ~/.local/share/decision-hub/store.sqlite, is created on first use.
            存储为 SQLite 文件，由 --store 或 DECISION_HUB_STORE 指定。
            """,
        version: version,
        subcommands: [
            Console.self, Demo.self, Snapshot.self, Init.self, Exec.self, Log.self, Verify.self, City.self, RosterCLI.self, MapCommand.self, OnCall.self, Drill.self, Doctor.self, Debug.self,
        ],
        defaultSubcommand: Console.self
    )
}
