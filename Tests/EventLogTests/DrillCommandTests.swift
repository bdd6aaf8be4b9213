import CommandModel
import EventLog
import Foundation
import Testing

/// A blind drill through the command line, as a coordinator and as players see it.
@Suite("Drills from the command line", .serialized)
struct DrillCommandTests {
    static let roster = """
        allow-operator: true
        people:
          - {id: li-na, name: {en: Li Na, zh: 李娜}, logins: [li.na], roles: [duty-officer]}
          - {id: he-ping, name: {en: He Ping, zh: 何平}, logins: [he.ping], roles: [drill-coordinator]}
        """

    static let scenario = """
        name: {en: Night flood drill, zh: 夜间洪水演练}
        disclosure: blind
        operator: 12345-hotline
        end: +90m
        objectives:
          - {id: ack, text: {en: Acknowledge within 5 minutes, zh: 5 分钟内确认}}
        injects:
          - id: flood
            at: +0m
            do: report flood at fangshan title "Water in the Dashi river valley" deaths=1
            expect: {acknowledge-within: 5m, objective: ack}
          - id: later
            at: +80m
            do: figures {flood} deaths=3
        """

    struct Setup {
        let dir = TempDir()
        var store: String { dir.path("s.sqlite") }
        var env: [String: String] { ["DECISION_HUB_ROSTER": dir.path("roster.yaml")] }
        /// The drill key's file (written by drill keygen --out).
        var key: String { dir.path("drill.key") }

        init() throws {
            try DrillCommandTests.roster.write(toFile: dir.path("roster.yaml"), atomically: true, encoding: .utf8)
            try DrillCommandTests.scenario.write(toFile: dir.path("drill.yaml"), atomically: true, encoding: .utf8)
            _ = try SQLiteEventStore.create(path: dir.path("s.sqlite"))
            #expect(try runHub(["drill", "keygen", "--out", dir.path("drill.key")]).status == 0)
            let sealed = try runHub(["drill", "seal", dir.path("drill.yaml"), "--key-file", dir.path("drill.key"), "--out", dir.path("drill.sealed"), "--operator", "he.ping"], env: env)
            #expect(sealed.status == 0, "\(sealed.stderr)")
        }

        func hub(_ args: [String], as who: String) throws -> ProcessResult {
            try runHub(args + ["--store", store, "--operator", who], env: env)
        }
    }

    @Test func aBlindDrillIsInvisibleToPlayersUntilItEndsAndThenReported() throws {
        let s = try Setup()
        // Players can neither start nor look at drills.
        let refused = try s.hub(["drill", "start", s.dir.path("drill.sealed"), "--key-file", s.key, "--at", "now", "--once"], as: "li.na")
        #expect(refused.status != 0 && refused.stderr.contains("only drill coordinators"), "\(refused.stderr)")
        // The attempt is on the record (#1), in the player's own words only.
        let attempt = try s.hub(["log"], as: "he.ping").stdout
        #expect(attempt.hasPrefix("#1 ") && attempt.contains("as li.na · REFUSED: drill start — only drill coordinators may see, seal or run drills"), "\(attempt)")

        let started = try s.hub(["drill", "start", s.dir.path("drill.sealed"), "--key-file", s.key, "--at", "now", "--once"], as: "he.ping")
        #expect(started.status == 0, "\(started.stderr)")
        #expect(started.stdout.contains("drill DRL-1 scheduled: Night flood drill"))
        #expect(started.stdout.contains("inject flood fired on INC-0001"), "\(started.stdout)")
        // Started again (a crash, a reboot): the same drill resumes, nothing fires twice.
        let again = try s.hub(["drill", "start", s.dir.path("drill.sealed"), "--key-file", s.key, "--once"], as: "he.ping")
        #expect(again.stdout.contains("resuming drill DRL-1: 1 injects fired so far"), "\(again.stdout)")
        #expect(!again.stdout.contains("fired on"))

        // To a player, the report is real: no mark, no drill, no schedule.
        for args in [["log"], ["log", "--json"]] {
            let log = try s.hub(args, as: "li.na")
            #expect(log.status == 0)
            #expect(log.stdout.contains("INC-0001"))
            // Besides the player's own refused attempt ("drill start", nothing of the drill's).
            let shown = log.stdout.split(separator: "\n").filter { !$0.contains("REFUSED: drill start") && !$0.contains("\"action\":\"drill start\"") }.joined(separator: "\n")
            for secret in ["EXERCISE", "exercise", "DRL-1", "drill", "sealed", "Night flood"] { #expect(!shown.contains(secret), "\(args) shows \(secret):\n\(log.stdout)") }
        }
        // Not even a gap in the numbering: the drill's own records are in its journal, not the log.
        let numbers = try s.hub(["log"], as: "li.na").stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.flatMap { Int($0.dropFirst()) } }
        #expect(numbers == Array(1...numbers.count), "\(numbers)")
        let ack = try s.hub(["exec", "ack INC-0001"], as: "li.na")
        #expect(ack.status == 0 && ack.stdout.contains("li.na · INC-0001 acknowledged") && !ack.stdout.contains("EXERCISE"), "\(ack.stdout)")
        for args in [["drill", "status"], ["drill", "status", "DRL-1"], ["drill", "report", "DRL-1"], ["log", "--drills"], ["drill", "end", "DRL-1"]] {
            let r = try s.hub(args, as: "li.na")
            #expect(r.status != 0 && r.stderr.contains("only drill coordinators"), "\(args): \(r.stdout)\(r.stderr)")
            #expect(!r.stdout.contains("DRL-1"))
        }

        // A running drill and no drill at all look the same to a player.
        let running = try s.hub(["drill", "report", "DRL-1"], as: "li.na")
        let none = try s.hub(["drill", "report", "DRL-9"], as: "li.na")
        #expect(running.stderr.replacingOccurrences(of: "DRL-1", with: "DRL-9") == none.stderr, "\(running.stderr) / \(none.stderr)")

        // The coordinator sees everything, including what is next (with the key).
        let status = try s.hub(["drill", "status", "DRL-1", "--key-file", s.key], as: "he.ping")
        #expect(status.stdout.contains("flood → INC-0001  [acknowledge met]"), "\(status.stdout)")
        #expect(status.stdout.contains("later: figures {flood} deaths=3"))
        #expect(status.stdout.contains("li.na: 1 actions"))
        let coordinatorLog = try s.hub(["log", "--drills"], as: "he.ping")
        #expect(coordinatorLog.stdout.split(separator: "\n").dropFirst().first?.hasPrefix("#1.j1 ") == true, "\(coordinatorLog.stdout)")
        #expect(coordinatorLog.stdout.contains("[EXERCISE DRL-1] · drill DRL-1 scheduled (blind)"), "\(coordinatorLog.stdout)")
        #expect(coordinatorLog.stdout.contains("#2.j2 "), "the inject's record follows the report it made: \(coordinatorLog.stdout)")
        // Sealed to the drill's key: the entry says what it is only to the key's holder.
        #expect(coordinatorLog.stdout.contains("DRL-1 journal entry, sealed to the drill's key") && !coordinatorLog.stdout.contains("inject flood fired"), "\(coordinatorLog.stdout)")
        let opened = try s.hub(["log", "--drills", "--key-file", s.key], as: "he.ping")
        #expect(opened.stdout.contains("drill DRL-1 scheduled (blind): Night flood drill") && opened.stdout.contains("inject flood fired on INC-0001"), "\(opened.stdout)")

        // The end: everything stood down, and the drill is disclosed to everyone.
        let end = try s.hub(["drill", "abort", "DRL-1", "real", "emergency"], as: "he.ping")
        #expect(end.stdout.contains("drill DRL-1 aborted: 1 exercise incidents closed"), "\(end.stdout)\(end.stderr)")
        let after = try s.hub(["log"], as: "li.na")
        #expect(after.stdout.contains("12345-hotline [EXERCISE DRL-1] · INC-0001 reported"), "\(after.stdout)")
        #expect(!after.stdout.contains("scheduled"), "control events stay with coordinators")
        let real = try s.hub(["log", "--real"], as: "li.na")
        #expect(!real.stdout.contains("INC-0001"), "exercise data never counts in real exports: \(real.stdout)")

        // The evaluation, from the record, read with the drill's key (its journal is sealed to
        // it): without the key, only that it is sealed.
        let sealed = try s.hub(["drill", "report", "DRL-1"], as: "li.na")
        #expect(sealed.status != 0 && sealed.stderr.contains("DRL-1's journal is sealed to its drill key"), "\(sealed.stdout)\(sealed.stderr)")
        #expect(!sealed.stdout.contains("Night flood"))
        // With it: the acknowledgement's time, in both formats.
        let md = try s.hub(["drill", "report", "DRL-1", "--key-file", s.key], as: "li.na")
        #expect(md.status == 0, "\(md.stderr)")
        #expect(md.stdout.hasPrefix("# After-action report: Night flood drill"))
        #expect(md.stdout.contains("aborted: real emergency"))
        #expect(md.stdout.contains("| later | not fired: the drill ended first"), "\(md.stdout)")
        let json = try s.hub(["drill", "report", "DRL-1", "--format", "json", "--key-file", s.key], as: "li.na")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let injects = try #require(object["injects"] as? [[String: Any]])
        #expect(injects.first?["inject"] as? String == "flood")
        #expect((injects.first?["acknowledgeSeconds"] as? Double).map { $0 >= 0 && $0 < 60 } == true)
        let zh = try s.hub(["drill", "report", "DRL-1", "--lang", "zh", "--key-file", s.key], as: "li.na")
        #expect(zh.stdout.hasPrefix("# 演练评估报告：夜间洪水演练"))
        #expect(try SQLiteEventStore(path: s.store).verify { _, _ in }.ok)

        // The journal is as tamper-evident as the log: an entry rewritten behind the
        // application's back (triggers dropped) is found.
        // (Sealed, an entry says nothing to search for: the last one is changed by a byte.)
        let seq = try sqlite(s.store, "SELECT MAX(seq) FROM journal")
        #expect(!seq.isEmpty)
        let edited = try sqlite(s.store, "DROP TRIGGER journal_no_update; UPDATE journal SET payload = payload || ' ' WHERE seq = \(seq); SELECT changes();")
        #expect(edited == "1", "sqlite3 said: \(edited)")
        let report = try SQLiteEventStore(path: s.store).verify { _, _ in }
        #expect(!report.ok)
        #expect(report.problems.contains { $0.en == "drill journal entry \(seq) was altered after it was written (hash mismatch)" }, "\(report.problems)")
    }

    @Test func aTamperedOrWronglyKeyedSealedFileIsRefusedAndNothingIsWritten() throws {
        let s = try Setup()
        // Flip one bit of the ciphertext, through the envelope's JSON (a character picked from
        // the raw text could be the backslash of an escaped "/").
        let sealed = try Data(contentsOf: URL(fileURLWithPath: s.dir.path("drill.sealed")))
        var envelope = try #require(try JSONSerialization.jsonObject(with: sealed) as? [String: String])
        let boxText = try #require(envelope["box"])
        var box = try #require(Data(base64Encoded: boxText))
        box[30] ^= 0x01
        envelope["box"] = box.base64EncodedString()
        try JSONSerialization.data(withJSONObject: envelope).write(to: URL(fileURLWithPath: s.dir.path("tampered.sealed")))
        let tampered = try s.hub(["drill", "start", s.dir.path("tampered.sealed"), "--key-file", s.key, "--once"], as: "he.ping")
        #expect(tampered.status != 0 && tampered.stderr.contains("it was altered, or this is not its key"), "\(tampered.stderr)")
        let wrongKey = s.dir.path("wrong.key")
        #expect(try runHub(["drill", "keygen", "--out", wrongKey]).status == 0)
        let wrong = try s.hub(["drill", "start", s.dir.path("drill.sealed"), "--key-file", wrongKey, "--once"], as: "he.ping")
        #expect(wrong.status != 0 && wrong.stderr.contains("it was altered, or this is not its key"))
        #expect(try SQLiteEventStore(path: s.store).head() == 0)
    }
}
