import CommandModel
import EventLog
import Foundation
import Testing

/// Drives the real binary in a real terminal (tmux): keys in, screen out, and the terminal's
/// state after the console exits.
@Suite("End to end in tmux", .serialized)
struct EndToEndTests {
    var hub: String { repoRoot.appendingPathComponent(".build/debug/decision-hub").path }

    final class Tmux {
        let socket = "dh-test-\(UUID().uuidString.prefix(8))"
        let dir = TempDir()

        @discardableResult
        func run(_ args: [String]) throws -> String {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
            p.arguments = ["-L", socket] + args
            let out = Pipe()
            p.standardOutput = out
            p.standardError = out
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }

        /// Starts the session with posix_spawn and waitpid: Foundation's Process would wait for
        /// ever, since the tmux server the client forks keeps its bookkeeping descriptors open.
        func start(_ command: String, width: Int = 120, height: Int = 36) throws {
            let argv = ["/usr/bin/tmux", "-L", socket, "new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "\(height)", command]
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
            defer { for a in cargs { free(a) } }
            // Test threads run with signals blocked; the terminal under test must not inherit that.
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var empty = sigset_t()
            sigemptyset(&empty)
            posix_spawnattr_setsigmask(&attributes, &empty)
            // ...nor any signal the test process ignores.
            var all = sigset_t()
            sigfillset(&all)
            posix_spawnattr_setsigdefault(&attributes, &all)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
            var pid: pid_t = 0
            guard posix_spawn(&pid, argv[0], &actions, &attributes, &cargs, environ) == 0 else {
                Issue.record("cannot start tmux")
                return
            }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }

        func screen() throws -> String { try run(["capture-pane", "-t", "t", "-p"]) }
        func type(_ text: String) throws { try run(["send-keys", "-t", "t", "-l", text]) }
        func key(_ name: String) throws { try run(["send-keys", "-t", "t", name]) }

        /// Waits until the screen shows `text`; returns the screen.
        @discardableResult
        func waitFor(_ text: String, seconds: Double = 10) throws -> String {
            let deadline = Date().addingTimeInterval(seconds)
            var last = ""
            while Date() < deadline {
                last = try screen()
                if last.contains(text) { return last }
                Thread.sleep(forTimeInterval: 0.05)
            }
            Issue.record(Comment(rawValue: "'\(text)' did not appear within \(seconds) s; the screen:\n\(last)"))
            return last
        }

        func waitForFile(_ path: String, seconds: Double = 10) -> String? {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if let s = try? String(contentsOfFile: path, encoding: .utf8), s.contains("END") { return s }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return nil
        }

        deinit { _ = try? run(["kill-server"]) }
    }

    /// A store with the sample teams, ready for the console.
    func store(_ dir: TempDir) throws -> String {
        let path = dir.path("s.sqlite")
        let f = Resources.shared
        let ledger = try Ledger(store: SQLiteEventStore.create(path: path), plans: f.plans, grid: f.grid)
        try ledger.execute(f.city.teams.map { .team(.register($0)) }, operatorName: "setup")
        return path
    }

    /// The console inside a shell that records `stty -a` after it exits.
    func consoleCommand(_ store: String, _ tmux: Tmux) -> String {
        let stty = tmux.dir.path("stty.txt")
        let res = repoRoot.appendingPathComponent("Resources").path
        return
            "env -u LINES -u COLUMNS LANG=C.UTF-8 TERM=xterm-256color DECISION_HUB_RESOURCES=\(res) \(hub) console --store \(store) --operator tester --no-bell; stty -a > \(stty); echo END >> \(stty); sleep 30"
    }

    func saneTerminal(_ stty: String?) {
        guard let stty else { Issue.record("the console did not exit"); return }
        let words = Set(stty.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        #expect(words.contains("icanon") && words.contains("echo") && words.contains("icrnl"), "terminal modes after exit: \(stty)")
    }

    @Test func reportDispatchSeeAnotherProcessResizeAndQuit() throws {
        let tmux = Tmux()
        let path = try store(tmux.dir)
        try tmux.start(consoleCommand(path, tmux))
        try tmux.waitFor("Incidents 0")
        // Report by keys, acknowledge, dispatch the first-ranked team.
        try tmux.type(":")
        try tmux.type("report fire at xicheng title \"Warehouse fire\" injured=2")
        try tmux.key("Enter")
        try tmux.waitFor("INC-0001 reported")
        try tmux.type("a")
        try tmux.waitFor("INC-0001 acknowledged")
        try tmux.type("d")
        try tmux.waitFor("Dispatch to INC-0001")
        try tmux.type("1")
        // The detail panel's dispatch line (the timeline's lines carry the operator's recorded
        // name, "ACCOUNT as tester", whose length depends on the machine's account).
        let dispatched = try tmux.waitFor("dispatched ETA")
        #expect(dispatched.contains("responding"))
        // Another process writes; this console shows it within a second of its being on record
        // (timed from the writer's answer: the writer's own start-up is not the console's delay).
        let r = try runProcess(hub, ["exec", "--store", path, "--operator", "other-console", "report flood at chaoyang title \"Underpass flooded\""])
        let started = Date()
        #expect(r.status == 0, "\(r.stderr)")
        try tmux.waitFor("INC-0002", seconds: 1.5)
        #expect(Date().timeIntervalSince(started) < 1.5)
        // Resize: small, then too small, then back.
        try tmux.run(["resize-window", "-t", "t", "-x", "70", "-y", "20"])
        try tmux.waitFor("Incidents 2")
        try tmux.run(["resize-window", "-t", "t", "-x", "40", "-y", "10"])
        try tmux.waitFor("need 60×16, now 40×10")
        try tmux.run(["resize-window", "-t", "t", "-x", "120", "-y", "36"])
        try tmux.waitFor("Incidents 2")
        try tmux.type("q")
        saneTerminal(tmux.waitForFile(tmux.dir.path("stty.txt")))
        // Everything the officer did is on the record.
        let log = try runProcess(hub, ["log", "--store", path, "--incident", "INC-0001"])
        // Under --operator, the console's record names the operating-system account too.
        #expect(log.stdout.contains("\(OperatorIdentity.processAccount()) as tester · INC-0001 acknowledged"), "\(log.stdout)")
        #expect(log.stdout.contains("dispatched to INC-0001"))
    }

    /// `r`: the terminal handed to the officer's editor in its ordinary modes, the edit recorded
    /// as the next version of the report, the console redrawn whole, and the terminal sane at exit.
    @Test func rEditsTheReportInTheEditorAndTheConsoleComesBack() throws {
        let tmux = Tmux()
        let path = try store(tmux.dir)
        let during = tmux.dir.path("editor-stty.txt")
        let editor = try tmux.dir.executable(
            "editor.sh",
            """
            #!/bin/sh
            stty -a > \(during)
            grep SigIgn /proc/$$/status > \(during).ignored
            # In the terminal's foreground: an editor in a group of its own would stop at its first key.
            if [ "$(ps -o pgid= -p $$ | tr -d ' ')" = "$(ps -o tpgid= -p $$ | tr -d ' ')" ]; then echo foreground; else echo background; fi > \(during).group
            sed -i 's/not yet verified/verified by phone/' "$1"
            """)
        try tmux.start("EDITOR=\(editor) " + consoleCommand(path, tmux))
        try tmux.waitFor("Incidents 0")
        try tmux.type(":")
        try tmux.type("report fire at xicheng title \"Warehouse fire\" injured=2")
        try tmux.key("Enter")
        try tmux.waitFor("INC-0001 reported")
        try tmux.type("r")
        let back = try tmux.waitFor("situation report v1")
        #expect(back.contains("Incidents 1") && back.contains("Warehouse fire"), "the whole console is drawn again: \(back)")
        // While the editor ran, the terminal was in its ordinary modes (not curses' raw ones).
        saneTerminal((try? String(contentsOfFile: during, encoding: .utf8)).map { $0 + "END" })
        // ...and Ctrl-C (SIGINT, bit 2 of the mask) was the editor's to act on, not ignored.
        let ignored = try String(contentsOfFile: during + ".ignored", encoding: .utf8).split(separator: "\t").last.flatMap { UInt64($0.trimmingCharacters(in: .whitespacesAndNewlines), radix: 16) }
        #expect(ignored.map { $0 & 0b10 == 0 } == true, "SigIgn of the editor: \(String(ignored ?? 0, radix: 16))")
        let group = try String(contentsOfFile: during + ".group", encoding: .utf8)
        #expect(group.hasPrefix("foreground"), "the editor ran in the terminal's \(group)")
        try tmux.type("q")
        saneTerminal(tmux.waitForFile(tmux.dir.path("stty.txt")))
        let shown = try runProcess(hub, ["sitrep", "show", "INC-0001", "--store", path])
        #expect(shown.status == 0 && shown.stdout.contains("verified by phone") && shown.stderr.contains("edited by"), "\(shown.stdout)\(shown.stderr)")
    }

    /// A coordinator's runner, in its own process, drives a marked drill into a live console;
    /// the officer plays it by keys; a second process ends it, and the runner stops by itself.
    @Test func aMarkedDrillRunsIntoALiveConsoleAndStandsDown() throws {
        let tmux = Tmux()
        let path = try store(tmux.dir)
        let scenario = tmux.dir.path("drill.yaml")
        try """
        name: {en: Live flood drill, zh: 实时洪水演练}
        disclosure: marked
        operator: 12345-hotline
        injects:
          - id: flood
            at: +0m
            do: report flood at mentougou title "Drill flood, Yanchi" deaths=1
            expect: {acknowledge-within: 5m}
        """.write(toFile: scenario, atomically: true, encoding: .utf8)
        let key = tmux.dir.path("drill.key")
        #expect(try runProcess(hub, ["drill", "keygen", "--out", key]).status == 0)
        let sealed = tmux.dir.path("drill.sealed")
        #expect(try runProcess(hub, ["drill", "seal", scenario, "--key-file", key, "--out", sealed]).status == 0)
        try tmux.start(consoleCommand(path, tmux))
        try tmux.waitFor("Incidents 0")

        let runner = Process()
        runner.executableURL = URL(fileURLWithPath: hub)
        runner.arguments = ["drill", "start", sealed, "--key-file", key, "--at", "now", "--store", path, "--operator", "he.ping"]
        var env = ProcessInfo.processInfo.environment
        env["DECISION_HUB_RESOURCES"] = repoRoot.appendingPathComponent("Resources").path
        runner.environment = env
        let out = Pipe()
        runner.standardOutput = out
        runner.standardError = out
        try runner.run()
        defer { if runner.isRunning { runner.terminate() } }

        let screen = try tmux.waitFor("EXERCISE DRL-1: 1 open", seconds: 15)
        #expect(screen.contains("EX INC-0001"), "\(screen)")
        try tmux.type("a")
        try tmux.waitFor("INC-0001 acknowledged")

        let end = try runProcess(hub, ["drill", "end", "DRL-1", "--store", path, "--operator", "he.ping"])
        #expect(end.stdout.contains("drill DRL-1 ended: 1 exercise incidents closed"), "\(end.stdout)\(end.stderr)")
        try tmux.waitFor("Incidents 0", seconds: 5)
        // The runner sees the end on the record and stops by itself.
        let deadline = Date().addingTimeInterval(10)
        while runner.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        #expect(!runner.isRunning, "the runner kept running after the drill ended")
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed.contains("inject flood fired on INC-0001"), "\(printed)")
        #expect(printed.contains("drill DRL-1 is over; evaluation: decision-hub drill report DRL-1"), "\(printed)")
        let report = try runProcess(hub, ["drill", "report", "DRL-1", "--key-file", key, "--store", path])
        #expect(report.stdout.contains("| flood | acknowledge | 5 min |"), "\(report.stdout)")
        try tmux.type("q")
        saneTerminal(tmux.waitForFile(tmux.dir.path("stty.txt")))
    }

    @Test(arguments: ["TERM", "HUP"])
    func aSignalRestoresTheTerminal(signal: String) throws {
        let tmux = Tmux()
        let path = try store(tmux.dir)
        try tmux.start(consoleCommand(path, tmux))
        try tmux.waitFor("Incidents 0")
        let pids = try runProcess("/usr/bin/pgrep", ["-f", "^\(hub) console --store \(path)"]).stdout.split(separator: "\n")
        #expect(pids.count == 1, "exactly the console process: \(pids)")
        for pid in pids { _ = try runProcess("/bin/kill", ["-\(signal)", String(pid)]) }
        saneTerminal(tmux.waitForFile(tmux.dir.path("stty.txt")))
    }
}

extension EndToEndTests {
    @Test func aMonochromeVT100TerminalIsStillUsable() throws {
        let tmux = Tmux()
        let path = try store(tmux.dir)
        let stty = tmux.dir.path("stty.txt")
        let res = repoRoot.appendingPathComponent("Resources").path
        try tmux.start(
            "env -u LINES -u COLUMNS LANG=C TERM=vt100 DECISION_HUB_RESOURCES=\(res) \(hub) console --store \(path) --operator tester --no-bell; stty -a > \(stty); echo END >> \(stty); sleep 30",
            width: 100, height: 30)
        // No colour, no UTF-8: ASCII glyphs and the note, and the console still works by keys.
        // (Waiting for the note itself: a capture may catch a frame still being written.)
        let screen = try tmux.waitFor("the locale is not UTF-8")
        #expect(screen.contains("Incidents 0"))
        try tmux.type(":")
        try tmux.type("report fire at xicheng")
        try tmux.key("Enter")
        try tmux.waitFor("INC-0001 reported")
        try tmux.type("q")
        saneTerminal(tmux.waitForFile(stty))
    }

    /// A server without the zh_CN locale (this machine has only C.UTF-8): Chinese still draws,
    /// and the console says once which locale to install. Under LANG=C it falls back to English.
    @Test func chineseDrawsWithoutTheZhLocaleInstalled() throws {
        let tmux = Tmux()
        let path = try store(tmux.dir)
        let res = repoRoot.appendingPathComponent("Resources").path
        try tmux.start(
            // A locale no machine has (a real zh_CN may be installed on some): the same path.
            "env -u LINES -u COLUMNS -u LC_ALL LANG=xx_XX.UTF-8 TERM=xterm-256color DECISION_HUB_RESOURCES=\(res) \(hub) console --store \(path) --operator tester --no-bell --lang zh; sleep 30",
            width: 160, height: 40)
        // Waiting for the note itself: a capture can catch a frame half written.
        let screen = try tmux.waitFor("未安装区域设置 xx_XX.UTF-8")
        #expect(screen.contains("决策中枢"), "\(screen)")
        #expect(!screen.contains("? ?"))
        try tmux.type("q")

        let ascii = Tmux()
        let store2 = try store(ascii.dir)
        try ascii.start(
            "env -u LINES -u COLUMNS -u LC_ALL LANG=C TERM=xterm-256color DECISION_HUB_RESOURCES=\(res) \(hub) console --store \(store2) --operator tester --no-bell --lang zh; sleep 30",
            width: 160, height: 40)
        let english = try ascii.waitFor("Chinese needs a UTF-8 terminal")
        #expect(english.contains("DECISION HUB") && !english.contains("决策"), "\(english)")
    }

    @Test func aCrashRestoresTheTerminal() throws {
        let tmux = Tmux()
        let stty = tmux.dir.path("stty.txt")
        try tmux.start("env LANG=C.UTF-8 TERM=xterm-256color \(hub) debug crash-in-console; stty -a > \(stty); echo END >> \(stty); sleep 30")
        try tmux.waitFor("about to trap")
        saneTerminal(tmux.waitForFile(stty))
    }
}
