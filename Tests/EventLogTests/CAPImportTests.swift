import CommandModel
import Foundation
import Testing

@testable import EventLog

/// The Beijing CAP fixtures with their times moved to around `now`: the cancel sent a minute
/// ago, the alert four hours before it, the expiries still ahead.
enum CAPFixture {
    static func text(_ name: String, now: Date, _ edit: (String) -> String = { $0 }) throws -> String {
        var s = String(decoding: try Data(contentsOf: repoRoot.appendingPathComponent("Tests/Fixtures/cap/\(name).xml")), as: UTF8.self)
        // 2026-07-31T06:00:00+08:00 (the cancel) becomes a minute ago.
        let cancel = Date(timeIntervalSince1970: 1_785_448_800)
        let shift = now.addingTimeInterval(-60).timeIntervalSince(cancel).rounded()
        for hour in ["02", "04", "06", "08", "12"] {
            let fixed = "2026-07-31T\(hour):00:00+08:00"
            guard let h = Double(hour) else { continue }
            let t = Date(timeIntervalSince1970: 1_785_434_400 + (h - 2) * 3600 + shift)
            s = s.replacingOccurrences(of: fixed, with: CAPExport.time(t))
        }
        return edit(s)
    }

    static func write(_ name: String, to path: String, now: Date, _ edit: (String) -> String = { $0 }) throws {
        try Data(try text(name, now: now, edit).utf8).write(to: URL(fileURLWithPath: path))
    }
}

let capColours: CAPColourTable = {
    do { return try ResourceFiles(root: repoRoot.appendingPathComponent("Resources")).capColours() } catch {
        Issue.record("the shipped colour ladder: \(error)")
        return CAPColourTable(rows: [])
    }
}()

@Suite("CAP 1.2: imported into the store")
struct CAPImportTests {
    let now = Date()

    func ledger(_ path: String) throws -> Ledger {
        let r = Resources.shared
        let ledger = try Ledger(store: try SQLiteEventStore(path: path, create: true), plans: r.plans, grid: r.grid)
        ledger.places = r.places
        return ledger
    }

    func importer(_ l: Ledger) -> CAPImport { CAPImport(ledger: l, operatorName: "cap", colours: capColours) }

    @Test func analertItsUpdateAndItsCancelFromAFolderThenTheFolderAgainChangesNothing() throws {
        let dir = TempDir()
        let inbox = dir.path("inbox")
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        try CAPFixture.write("beijing-red-rainstorm", to: inbox + "/1-alert.xml", now: now)
        try CAPFixture.write("beijing-red-rainstorm-update", to: inbox + "/2-update.xml", now: now)
        try CAPFixture.write("beijing-red-rainstorm-cancel", to: inbox + "/3-cancel.xml", now: now)
        try Data("not an alert".utf8).write(to: URL(fileURLWithPath: inbox + "/notes.txt"))
        let l = try ledger(dir.path("s.sqlite"))
        let cap = importer(l)
        let files = try CAPImport.files(in: inbox)
        #expect(files.map { ($0 as NSString).lastPathComponent } == ["1-alert.xml", "2-update.xml", "3-cancel.xml"])
        let outcomes = try files.map { try cap.importFile($0) }
        #expect(outcomes.allSatisfy { $0.applied }, "\(outcomes.map { $0.text(.en) })")
        #expect(outcomes[1].text(.en).contains("issued WRN-2, replacing WRN-1"), "\(outcomes[1].text(.en))")
        #expect(outcomes[2].text(.zh).contains("已解除 WRN-2"), "\(outcomes[2].text(.zh))")
        #expect(l.state.warningsInForce(at: Date()).isEmpty)
        let head = try l.store.head()
        let again = try files.map { try importer(try ledger(dir.path("s.sqlite"))).importFile($0) }
        #expect(again.allSatisfy { if case .alreadyOnRecord = $0.result { true } else { false } }, "\(again.map { $0.text(.en) })")
        #expect(again[0].text(.en).hasSuffix("already on record; nothing changed"))
        #expect(try l.store.head() == head, "nothing appended")
        // The record reads back, and its snapshot too.
        let reopened = try ledger(dir.path("s.sqlite"))
        #expect(reopened.state.cap == l.state.cap)
        #expect(reopened.state.capState(of: WarningID(2), at: Date()) == .cancelled(by: "11000041600000_20260731060000"))
        #expect(SnapshotCodec.decode(SnapshotCodec.encode(reopened.state)) == reopened.state)
    }

    @Test func anExerciseAlertIsIgnoredAndAnAlertElsewhereRefused() throws {
        let dir = TempDir()
        let l = try ledger(dir.path("s.sqlite"))
        let exercise = try CAPFixture.text("beijing-red-rainstorm", now: now) { $0.replacingOccurrences(of: "<status>Actual</status>", with: "<status>Exercise</status>") }
        let o = try importer(l).importBytes(Array(exercise.utf8), name: "x.xml")
        guard case .ignored = o.result else {
            Issue.record("\(o)")
            return
        }
        #expect(o.text(.en).contains("only Actual alerts become warnings"))
        #expect(l.state.warnings.isEmpty)
        #expect(try l.store.head() == 0)
        let california = try Data(contentsOf: repoRoot.appendingPathComponent("Tests/Fixtures/cap/oasis-example2.xml"))
        let text = String(decoding: california, as: UTF8.self).replacingOccurrences(of: "2003-06-17T14:57:00-07:00", with: CAPExport.time(now))
            .replacingOccurrences(of: "2003-06-17T16:00:00-07:00", with: CAPExport.time(now.addingTimeInterval(3600)))
        let c = try importer(l).importBytes(Array(text.utf8), name: "ca.xml")
        #expect(c.text(.en).contains("no area of it lies on this map"), "\(c.text(.en))")
    }

    /// Hostile and broken documents: refused with line and column, nothing applied.
    @Test(arguments: [
        ("<?xml version=\"1.0\"?>\n<!DOCTYPE alert [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<alert>&x;</alert>", 2),
        ("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\n<alert>&lol2;</alert>", 2),
        ("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n  <identifier>x</identifier>\n  <sender>", 3),
    ])
    func aHostileOrTruncatedFileIsRefusedAtItsPlaceAndNothingApplied(text: String, line: Int) throws {
        let dir = TempDir()
        let l = try ledger(dir.path("s.sqlite"))
        let path = dir.path("bad.xml")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let o = try importer(l).importFile(path)
        guard case let .malformed(e) = o.result else {
            Issue.record("accepted: \(o)")
            return
        }
        #expect(e.line == line)
        #expect(o.text(.en).hasPrefix("\(path):\(e.line):\(e.column): refused, nothing applied"))
        #expect(o.failed)
        #expect(try l.store.head() == 0)
    }

    @Test func aFiftyMegabyteFileIsRefusedWithoutBeingReadWhole() throws {
        let dir = TempDir()
        let l = try ledger(dir.path("s.sqlite"))
        let path = dir.path("huge.xml")
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try h.write(contentsOf: Data("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><note>".utf8))
        let block = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
        for _ in 0..<50 { try h.write(contentsOf: block) }
        try h.close()
        let o = try importer(l).importFile(path)
        guard case let .malformed(e) = o.result else {
            Issue.record("accepted: \(o)")
            return
        }
        #expect(e.reason.en.contains("52428858 bytes, more than"), "\(e.reason.en)")
        #expect(try l.store.head() == 0)
    }

    @Test func aWatchedFolderHandsOutAFileOnceItStoppedChangingAndOnlyOnce() throws {
        let dir = TempDir()
        let inbox = dir.path("inbox")
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let watch = CAPFolderWatch(folder: inbox)
        try CAPFixture.write("beijing-red-rainstorm", to: inbox + "/a.xml", now: now)
        try Data("partial".utf8).write(to: URL(fileURLWithPath: inbox + "/.b.xml.part"))
        #expect(try watch.ready().isEmpty, "first seen: not yet known to be complete")
        #expect(try watch.ready() == [inbox + "/a.xml"])
        #expect(try watch.ready().isEmpty, "handed out once")
        // A file still growing is held back until it stops.
        let path = inbox + "/c.xml"
        try Data("<alert".utf8).write(to: URL(fileURLWithPath: path))
        _ = try watch.ready()
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try h.seekToEnd()
        try h.write(contentsOf: Data(" xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">".utf8))
        try h.close()
        #expect(try watch.ready().isEmpty, "changed since the last look")
        #expect(try watch.ready() == [path])
    }

    @Test func importWatchAppliesANewFileWithinASecondAndARestartAppliesNothingTwice() throws {
        let dir = TempDir()
        let store = dir.path("s.sqlite"), inbox = dir.path("inbox")
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        _ = try runHub(["init", "--store", store])
        func watcher() throws -> (Process, Pipe) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: hubBinary)
            p.arguments = ["cap", "import", "--store", store, "--watch", inbox]
            var env = ProcessInfo.processInfo.environment
            env["DECISION_HUB_RESOURCES"] = repoRoot.appendingPathComponent("Resources").path
            env["XDG_DATA_HOME"] = testDataHome
            p.environment = env
            let out = Pipe(), err = Pipe()
            p.standardOutput = out
            p.standardError = err
            try p.run()
            // Timed from when it watches (opening the store and the map is not the watch's time).
            var said = ""
            while !said.contains("watching") {
                let chunk = err.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                said += String(decoding: chunk, as: UTF8.self)
            }
            return (p, out)
        }
        var (p, out) = try watcher()
        // Written aside, renamed into place: the watcher never sees half a file.
        try CAPFixture.write("beijing-red-rainstorm", to: inbox + "/.alert.xml.part", now: now)
        let placed = Date()
        try FileManager.default.moveItem(atPath: inbox + "/.alert.xml.part", toPath: inbox + "/alert.xml")
        var applied: Date?
        while Date().timeIntervalSince(placed) < 10 {
            if try sqlite(store, "SELECT count(*) FROM events WHERE kind = 'capAlertReceived'").trimmingCharacters(in: .whitespacesAndNewlines) == "1" {
                applied = Date()
                break
            }
            usleep(50_000)
        }
        let took = try #require(applied).timeIntervalSince(placed)
        // Two looks half a second apart that see the file unchanged, then the import: about a
        // second at most by design; the bound leaves room for a loaded test machine, and a
        // watcher that looked only every few seconds would still fail it.
        #expect(took < 2.5, "applied \(took) s after it was placed")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        _ = out.fileHandleForReading.readDataToEndOfFile()
        // A restart reads the folder again: the record remembers.
        (p, out) = try watcher()
        try CAPFixture.write("beijing-red-rainstorm-update", to: inbox + "/update.xml", now: now)
        var said = ""
        let start = Date()
        while Date().timeIntervalSince(start) < 10 {
            if try sqlite(store, "SELECT count(*) FROM events WHERE kind = 'capAlertReceived'").trimmingCharacters(in: .whitespacesAndNewlines) == "2" { break }
            usleep(50_000)
        }
        usleep(300_000)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        said = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(said.contains("alert.xml: 11000041600000_20260731020000 already on record"), "\(said)")
        #expect(said.contains("update.xml: Update 11000041600000_20260731040000 issued WRN-2, replacing WRN-1"), "\(said)")
        #expect(try sqlite(store, "SELECT count(*) FROM events WHERE kind = 'warningIssued'").trimmingCharacters(in: .whitespacesAndNewlines) == "2")
    }

    @Test func theCommandLineSaysWhatEachFileDidAndRefusesAMalformedOne() throws {
        let dir = TempDir()
        let store = dir.path("s.sqlite")
        _ = try runHub(["init", "--store", store])
        try CAPFixture.write("beijing-red-rainstorm", to: dir.path("a.xml"), now: now)
        try Data("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n<identifier>x".utf8).write(to: URL(fileURLWithPath: dir.path("bad.xml")))
        let r = try runHub(["cap", "import", "--store", store, dir.path("a.xml"), dir.path("bad.xml")])
        #expect(r.status == 1)
        #expect(r.stdout.contains("a.xml: Alert 11000041600000_20260731020000 issued WRN-1"), "\(r.stdout)")
        #expect(r.stdout.contains("bad.xml:2:"), "\(r.stdout)")
        let zh = try runHub(["cap", "import", "--store", store, "--lang", "zh", dir.path("a.xml")])
        #expect(zh.status == 0)
        #expect(zh.stdout.contains("已在记录中"), "\(zh.stdout)")
    }
}
