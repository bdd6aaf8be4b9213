import Foundation
import Testing

/// A mistyped subcommand is named with the nearest real one, not read as an argument of the
/// console (whose usage would then be printed).
@Suite("Subcommand typos on the command line")
struct CommandLineTypoTests {
    @Test(arguments: [(["exce"], "exec", "decision-hub"), (["drill", "strat"], "start", "decision-hub drill"), (["oncall", "nwo"], "now", "decision-hub oncall")])
    func aTypoIsAnsweredWithTheNearestSubcommand(args: [String], meant: String, of group: String) throws {
        let r = try runHub(args)
        #expect(r.status == 64)
        #expect(r.stderr.contains("'\(args.last ?? "")' is not a command of \(group); did you mean '\(meant)'?"), "\(r.stderr)")
        #expect(r.stderr.contains("是否要输入“\(meant)”"))
        #expect(!r.stderr.contains("Usage: decision-hub console"), "not the console's usage")
    }

    @Test func aWordNearNothingListsTheCommandsAndRealOnesStillRun() throws {
        let r = try runHub(["xyzzy"])
        #expect(r.status == 64)
        #expect(!r.stderr.contains("did you mean"))
        #expect(r.stderr.contains("Commands · 子命令: console, demo"))
        // Real subcommands, help and options before any subcommand are untouched.
        #expect(try runHub(["help", "exec"]).status == 0)
        #expect(try runHub(["exec", "--help"]).stdout.contains("Commands"))
        #expect(try runHub(["--version"]).status == 0)
    }

    /// A shared option written before the subcommand is read by the subcommand (it used to be
    /// taken for the console's, which then complained of unexpected arguments).
    @Test func aStoreGivenBeforeTheSubcommandIsTheSubcommands() throws {
        let dir = TempDir()
        let store = dir.path("s.sqlite")
        #expect(try runHub(["--store", store, "init"]).status == 0)
        let r = try runHub(["--store", store, "exec", "report fire at chaoyang title \"early option\""])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try runHub(["log", "--store", store]).stdout.contains("early option"))
    }
}
