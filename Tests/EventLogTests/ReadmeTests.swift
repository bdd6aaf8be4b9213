import Foundation
import Testing

/// README's command-line path runs as written on a fresh store: a newcomer copies it line by
/// line, so every line of it must work.
@Suite("README, as a newcomer runs it")
struct ReadmeTests {
    /// The shell block under "One grammar, two front doors".
    static func commandLinePath() throws -> [String] {
        let readme = try String(contentsOf: repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "## One grammar, two front doors"))
        let rest = readme[section.upperBound...]
        let open = try #require(rest.range(of: "```sh\n"))
        let close = try #require(rest[open.upperBound...].range(of: "```"))
        return rest[open.upperBound..<close.lowerBound].split(separator: "\n").map(String.init)
    }

    @Test func theCommandLinePathWorksOnAFreshStore() throws {
        let dir = TempDir()
        let lines = try Self.commandLinePath()
        #expect(lines.first?.hasPrefix("export DECISION_HUB_STORE=") == true, "the block says which store it uses first")
        // Every command that writes or checks the record, as written (only the store's path and
        // the checkout's folder differ); the live and interactive ones are left out.
        let runnable = lines.filter { $0.hasPrefix("decision-hub ") && !$0.contains("--follow") && !$0.hasPrefix("decision-hub doctor") }
        #expect(runnable.contains { $0.hasPrefix("decision-hub exec 'assign") }, "README dispatches teams: they must be on the record")
        for line in runnable {
            let result = try runProcess(
                "/bin/sh", ["-c", line],
                env: ["PATH": repoRoot.appendingPathComponent(".build/debug").path + ":/usr/bin:/bin", "DECISION_HUB_STORE": dir.path("hub.sqlite"), "HOME": dir.url.path])
            #expect(result.status == 0, "\(line)\n\(result.stderr)")
        }
    }
}

extension ReadmeTests {
    /// The demo's scripted night: every line lands (none refers to an incident before it exists),
    /// and a refused line would be said, not dropped.
    @Test func theDemoScriptPlaysWithoutARefusal() throws {
        let dir = TempDir()
        let script = try String(contentsOf: repoRoot.appendingPathComponent("Resources/sample/rainstorm-night.txt"), encoding: .utf8)
        let lines = script.split(separator: "\n").filter { $0.hasPrefix("+") }.count
        let result = try runHub(["demo", "--feed-only", "--pace", "1000", "--store", dir.path("demo.sqlite")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("✗ refused"), "\(result.stdout)")
        #expect(result.stdout.contains("caused by INC-0005") && result.stdout.contains("caused by INC-0006"), "the substation and the hospital are tied to their causes")
        #expect(result.stdout.split(separator: "\n").count >= lines, "every scripted line recorded at least one event")
    }

    /// An officer reports first: the script's INC-0003 is the feed's third incident, not the
    /// store's (found by a newcomer: a waterlogging got the flood's dead and missing).
    @Test func theDemoScriptNamesItsOwnIncidentsWhoeverReportedFirst() throws {
        let dir = TempDir()
        let store = dir.path("demo.sqlite")
        #expect(try runHub(["init", "--store", store]).status == 0)
        #expect(try runHub(["exec", "--store", store, "report fire at chaoyang title \"An officer's own\""]).status == 0)
        let result = try runHub(["demo", "--feed-only", "--pace", "1000", "--store", store])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("✗ refused"), "\(result.stdout)")
        #expect(result.stdout.contains("caused by INC-0006") && result.stdout.contains("caused by INC-0007"), "\(result.stdout)")
        let log = try runHub(["log", "--store", store, "--incident", "INC-0001"])
        #expect(!log.stdout.contains("deaths"), "the officer's fire was given the flood's figures:\n\(log.stdout)")
    }
}

/// `exec --stdin`: one store opened, one answer per line, a refused line never stops the rest.
@Suite("exec --stdin")
struct ExecStdinTests {
    @Test func eachLineIsAnsweredOnItsOwnLineAndARefusalDoesNotStopTheRest() throws {
        let dir = TempDir()
        let store = dir.path("s.sqlite")
        #expect(try runHub(["init", "--store", store]).status == 0)
        let lines = ["report flood at mentougou title \"a\"", "ack INC-0001", "ack INC-0001", "# a comment", "level INC-0001 V oops", "note INC-0001 road cut"]
        let result = try runHub(["exec", "--stdin", "--store", store], input: lines.joined(separator: "\n") + "\n")
        let answers = result.stdout.split(separator: "\n").map(String.init)
        #expect(answers.count == 5, "\(answers)")
        #expect(answers[0].contains("INC-0001 reported") && answers[1].contains("acknowledged"))
        #expect(answers[2].hasPrefix("✗ line 3: INC-0001 is already acknowledged"))
        #expect(answers[3].hasPrefix("✗ line 5: column 16"))
        #expect(answers[4].contains("note: road cut"))
        #expect(result.status == 1, "a refused line shows in the exit status")
        let log = try runHub(["log", "--store", store]).stdout
        #expect(log.contains("road cut"), "every accepted line is on the record")
    }

    /// Lines that arrive together share a transaction, yet each keeps its own answer, in order,
    /// and a refused one in the middle of a batch takes nothing with it.
    @Test func manyLinesAtOnceAreAnsweredInOrderAndAllRecorded() throws {
        let dir = TempDir()
        let store = dir.path("s.sqlite")
        #expect(try runHub(["init", "--store", store]).status == 0)
        var lines = (1...600).map { "report fire at cell:\(10 + $0 % 50),\(20 + $0 % 30) title \"fire \($0)\"" }
        lines.insert("ack INC-9999", at: 300)
        lines.insert("report nonsense", at: 100)
        let result = try runHub(["exec", "--stdin", "--store", store], input: lines.joined(separator: "\n"))  // the last line without its newline
        let answers = result.stdout.split(separator: "\n").map(String.init)
        #expect(answers.count == 602, "one answer a line")
        #expect(answers[100].hasPrefix("✗ line 101:"), "\(answers[100])")
        #expect(answers[301].hasPrefix("✗ line 302:") && answers[301].contains("INC-9999"), "\(answers[301])")
        #expect(answers[0].contains("INC-0001 reported") && answers[101].contains("INC-0101 reported") && answers[601].contains("INC-0600 reported"), "in order")
        let log = try runHub(["log", "--store", store]).stdout
        #expect(log.components(separatedBy: " reported: ").count - 1 == 600, "every accepted line is on the record")
        #expect(try runHub(["verify", "--store", store]).status == 0)
    }
}
