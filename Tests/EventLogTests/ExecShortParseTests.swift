import CommandModel
import DecisionHubTestSupport
import EventLog
import Foundation
import Testing

/// `exec` reads its plain arguments without the argument parser (a script's loop of calls pays
/// for nothing else); whatever that short parse does not take goes to the parser, so every
/// answer is the parser's own.
@Suite("exec's short parse")
struct ExecShortParseTests {
    let dir = TempDir()
    var store: String { dir.path("s.sqlite") }

    init() throws { _ = try SQLiteEventStore.create(path: dir.path("s.sqlite")) }

    @Test func thePlainFormsAreTakenAsTheParserTakesThem() throws {
        let before = try runHub(["--store", store, "--lang", "en", "exec", "--json", "report fire at chaoyang"])
        #expect(before.status == 0 && before.stdout.hasPrefix("{\"seq\":1,"), "\(before.stdout) \(before.stderr)")
        let after = try runHub(["exec", "--store=\(store)", "--utc", "ack", "INC-0001"])
        #expect(after.status == 0 && after.stdout.contains("INC-0001 acknowledged"), "\(after.stdout) \(after.stderr)")
    }

    @Test func whatTheParserRefusesIsStillRefused() throws {
        // A value that looks like an option: the parser's "missing value", nothing recorded.
        let missing = try runHub(["exec", "--store", store, "--operator", "--utc", "report fire at chaoyang"])
        #expect(missing.status == 64 && missing.stderr.contains("Missing value for '--operator <operator>'"), "\(missing.stderr)")
        // `--opt=V` before the subcommand is not moved after it: the parser's own answer.
        let early = try runHub(["--store=\(store)", "exec", "report fire at chaoyang"])
        #expect(early.status == 64 && early.stderr.contains("unexpected arguments"), "\(early.stderr)")
        // A line and --stdin together.
        #expect(try runHub(["exec", "--store", store, "--stdin", "ack INC-0001"]).status == 64)
        let help = try runHub(["exec", "--help"])
        #expect(help.status == 0 && help.stdout.contains("USAGE: decision-hub exec"))
        #expect(try SQLiteEventStore(path: store, readOnly: true).head() == 0, "nothing was recorded")
    }
}
