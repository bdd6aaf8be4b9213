import ArgumentParser
import CommandModel
import ConsoleUI
import EventLog
import Foundation

/// Tools for tests and benchmarks; not shown in help.
struct Debug: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debug",
        abstract: "Test and benchmark helpers.", shouldDisplay: false,
        subcommands: [AppendLoop.self, Bench.self, OpenBench.self, MapBench.self, FrameBytes.self, CrashInConsole.self, GrammarReference.self, ExportPlan.self, SolvePlan.self, AssignBench.self])

    /// Prints the grammar reference that `docs/GRAMMAR.md` holds.
    struct GrammarReference: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "grammar", abstract: "Print docs/GRAMMAR.md from the verb table.")
        func run() throws { print(Grammar.markdown(), terminator: "") }
    }

    /// Starts curses mode, draws, then traps like a Swift runtime error would: the end-to-end
    /// test checks the terminal is restored all the same.
    struct CrashInConsole: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "crash-in-console")
        func run() throws {
            guard let terminal = NcursesTerminal() else { throw ExitCode(2) }
            var screen = Screen(width: terminal.size.width, height: terminal.size.height)
            screen.put("about to trap", x: 0, y: 0)
            terminal.draw(screen)
            Thread.sleep(forTimeInterval: 0.3)
            let values: [Int] = []
            print(values[Int(getpid()) % 7 + 1])  // out of range: a Swift trap (SIGILL)
        }
    }

    /// Appends a note event after event, printing each sequence number once its commit has
    /// returned: the crash-safety test kills it at random moments.
    struct AppendLoop: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "append-loop")
        @OptionGroup var options: StoreOptions
        @Option var count: Int = 1_000_000

        func run() throws {
            do {
                let store = try options.openStore()
                let ledger = try Ledger(store: store)
                if ledger.state.incidents.isEmpty {
                    try ledger.execute([.incident(.report(NewIncident(type: .other, title: "crash test", place: .cell(Cell(x: 0, y: 0)))))], operatorName: "crash-test")
                }
                let id = ledger.state.incidents.keys.min() ?? IncidentID(1)
                for n in 0..<count {
                    let r = try ledger.execute([.incident(.addNote(id, text: "note \(n)"))], operatorName: "crash-test")
                    for e in r { print(e.sequence) }
                    fflush(nil)
                }
            } catch let e as StoreError {
                throw fail(e.text(options.language))
            } catch let e as ExecutionError {
                throw fail(e.text(options.language))
            }
        }
    }
}
