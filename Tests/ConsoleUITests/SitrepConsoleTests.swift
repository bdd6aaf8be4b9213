import CommandModel
import ConsoleUI
import EventLog
import Foundation
import Testing

/// `r` in the console: the selected incident's situation report drafted from the record, the
/// terminal handed to the officer's editor, and what they save recorded as the next version
/// (the same command as `sitrep draft`); nothing recorded when the editor gives nothing back.
@Suite("Situation reports in the console", .serialized)
struct SitrepConsoleTests {
    @Test func rEditsTheDraftInTheEditorAndRecordsWhatIsSaved() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        let (runner, terminal) = makeRunner(ledger, width: 120, height: 40, script: keys("r"))
        let selected = try #require(runner.model.selected)
        var opened: (text: String, name: String, suspended: Bool)?
        runner.editor = { text, name in
            opened = (text, name, terminal.isSuspended)
            return .saved(text.replacingOccurrences(of: "not yet verified", with: "verified by phone"))
        }
        runner.run(untilScriptEnds: true)
        // The editor had the draft, with the terminal handed over, and got it back after
        let draft = try #require(opened)
        #expect(draft.suspended && terminal.suspensions == 1 && !terminal.isSuspended)
        #expect(draft.name == "\(selected)-v1.md" && draft.text.hasPrefix("# First report · \(selected) "), "\(draft.text)")
        // What was saved is the next version, on the record with its hash
        let latest = try #require(ledger.state.sitreps[selected]?.latest)
        let saved = draft.text.replacingOccurrences(of: "not yet verified", with: "verified by phone")
        #expect(latest.version == 1 && latest.edited && latest.language == .en && latest.sha256 == SHA256Hex.of(saved) && latest.by == "li.na")
        expectOnScreen(terminal.screen, "situation report v1")
        // A second edit that gives nothing back records nothing, and says why
        runner.editor = { _, _ in .nothingRecorded(Bilingual("the file was emptied: nothing was recorded", "文件已清空：未做记录")) }
        terminal.feed(keys("r"))
        runner.run(untilScriptEnds: true)
        #expect(ledger.state.sitreps[selected]?.versions.count == 1)
        expectOnScreen(terminal.screen, "the file was emptied: nothing was recorded")
    }

    @Test func withoutAnEditorItSaysWhatToDoInstead() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        let (runner, terminal) = makeRunner(ledger, width: 140, height: 40, language: .zh, script: keys("r"))
        runner.run(untilScriptEnds: true)
        #expect(terminal.suspensions == 0 && ledger.state.sitreps.isEmpty)
        expectOnScreen(terminal.screen, "此控制台无法运行编辑器")
    }
}
