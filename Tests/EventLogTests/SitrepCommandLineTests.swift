import CommandModel
import EventLog
import Foundation
import Testing

/// `decision-hub sitrep` as an officer uses it: read the draft, edit it in `$EDITOR` (or find
/// out that there is none), have it approved and filed through `exec`, read the filed text back.
@Suite("Situation reports at the command line", .serialized)
struct SitrepCommandLineTests {
    let dir = TempDir()
    var store: String { dir.path("s.sqlite") }

    init() throws {
        _ = try SQLiteEventStore.create(path: dir.path("s.sqlite"))
        for line in ["report flood at mentougou deaths=2 missing=5 title \"Flash flood, Yanchi\"", "ack INC-0001", "level INC-0001 II 7 dead or missing"] {
            let r = try runHub(["exec", "--store", store, line])
            #expect(r.status == 0, "\(line): \(r.stderr)")
        }
    }

    func hub(_ args: [String], env: [String: String] = [:]) throws -> ProcessResult {
        try runHub(["sitrep"] + args + ["--store", store], env: ["EDITOR": "", "VISUAL": ""].merging(env) { _, new in new })
    }

    @Test func anOfficerEditsApprovesFilesAndReadsBackTheFiledText() throws {
        // The draft, printed, records nothing
        let draft = try hub(["draft", "INC-0001", "--lang", "en"])
        #expect(draft.status == 0 && draft.stdout.hasPrefix("# First report · INC-0001 Flash flood, Yanchi\n"), "\(draft.stdout)\(draft.stderr)")
        #expect(draft.stdout.contains("- Deaths: 2") && draft.stdout.contains("- Where: Mentougou"))
        #expect(try hub(["draft", "INC-0001", "--text", "--lang", "zh"]).stdout.hasPrefix("首报 · INC-0001"))
        // No editor: said, nothing recorded
        let none = try hub(["draft", "INC-0001", "--edit"])
        #expect(none.status == 1 && none.stderr.contains("set EDITOR"), "\(none.stderr)")
        let missing = try hub(["draft", "INC-0001", "--edit"], env: ["EDITOR": "no-such-editor-here"])
        #expect(missing.status == 1 && missing.stderr.contains("not found"), "\(missing.stderr)")
        #expect(try hub(["show", "INC-0001"]).status == 1, "nothing on the record yet")
        // An editor that changes a line: the saved text is the version
        let edited = try hub(["draft", "INC-0001", "--edit", "--lang", "en"], env: ["EDITOR": "sed -i 's/not yet verified/verified by phone/'"])
        #expect(edited.status == 0 && edited.stdout.contains("situation report v1 (First report, edited"), "\(edited.stdout)\(edited.stderr)")
        // Filed only once a leader approved it
        #expect(try runHub(["exec", "--store", store, "sitrep file INC-0001"]).stderr.contains("not approved yet"))
        #expect(try runHub(["exec", "--store", store, "sitrep approve INC-0001"]).status == 0)
        let filed = try runHub(["exec", "--store", store, "sitrep file INC-0001"])
        #expect(filed.status == 0 && filed.stdout.contains("report filed to city-phone") && filed.stdout.contains("v1 filed to city-phone"), "\(filed.stdout)\(filed.stderr)")
        // Read back: the edited text, checked against its hash
        let shown = try hub(["show", "INC-0001"])
        #expect(shown.status == 0 && shown.stdout.contains("- Status: acknowledged, verified by phone\n"), "\(shown.stdout)\(shown.stderr)")
        #expect(shown.stderr.contains("filed to city-phone") && shown.stderr.contains("sha256 \(SHA256Hex.of(shown.stdout))"), "\(shown.stderr)")
    }

    @Test func twoVersionsAreComparedLineByLine() throws {
        func exec(_ line: String) throws {
            let r = try runHub(["exec", "--store", store, line])
            #expect(r.status == 0, "\(line): \(r.stderr)")
        }
        #expect(try hub(["diff", "INC-0001"]).stderr.contains("has no situation report yet"))
        try exec("sitrep draft INC-0001 en")
        #expect(try hub(["diff", "INC-0001"]).stderr.contains("version 1 of INC-0001 is the first"))
        try exec("sitrep approve INC-0001")
        try exec("sitrep file INC-0001")
        // Given the night goes on after the first report was filed
        try exec("figures INC-0001 deaths=3")
        try exec("sitrep draft INC-0001 en")
        // When the latest is compared (by default with the last one filed)
        let d = try hub(["diff", "INC-0001", "--lang", "en"])
        #expect(d.status == 0, "\(d.stderr)")
        let lines = d.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("--- INC-0001 v1 First report (en) · drafted by ") == true && lines.first?.contains("filed to city-phone") == true, "\(d.stdout)")
        #expect(lines.dropFirst().first?.hasPrefix("+++ INC-0001 v2 Follow-up report (en) · drafted by ") == true, "\(d.stdout)")
        // Then the changed lines show, the new one marked as the draft marks it
        #expect(lines.contains("- - Deaths: 2") && lines.contains("+ - ▲ Deaths: 2 → 3 (+1)"), "\(d.stdout)")
        #expect(lines.contains("- # First report · INC-0001 Flash flood, Yanchi") && lines.contains("+ # Follow-up report · INC-0001 Flash flood, Yanchi"), "\(d.stdout)")
        #expect(try hub(["show", "INC-0001", "--diff", "--lang", "en"]).stdout == d.stdout, "show --diff is the same comparison")
        #expect(try hub(["diff", "INC-0001", "2", "2", "--lang", "en"]).stdout.hasSuffix("(no difference)\n"))
        let zh = try hub(["diff", "INC-0001", "1", "2", "--lang", "zh", "--text"])
        #expect(zh.status == 0 && zh.stdout.contains("+   · ▲ Deaths: 2 → 3 (+1)") && zh.stdout.contains("删除 "), "\(zh.stdout)\(zh.stderr)")
        #expect(try hub(["diff", "INC-0001", "1", "7"]).stderr.contains("INC-0001 has no version 7"))
    }

    @Test func theHandoverBriefIsPrintedAndAcceptedOnTheRecord() throws {
        let brief = try runHub(["handover", "--store", store, "--lang", "en"])
        #expect(brief.status == 0 && brief.stdout.contains("- INC-0001 level II · Flash flood, Yanchi (flood, acknowledged)"), "\(brief.stdout)\(brief.stderr)")
        let accepted = try runHub(["handover", "--store", store, "--lang", "en", "--accept", "--from", "li.na"])
        #expect(accepted.status == 0 && accepted.stderr.contains("shift handover accepted from li.na: 1 open incidents"), "\(accepted.stderr)")
        #expect(accepted.stderr.contains("brief sha256 \(SHA256Hex.of(accepted.stdout).prefix(12))"))
        let log = try runHub(["log", "--store", store])
        #expect(log.stdout.contains("shift handover accepted from li.na"), "\(log.stdout)")
    }
}
