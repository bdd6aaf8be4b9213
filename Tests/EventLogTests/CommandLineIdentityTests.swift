import CommandModel
import EventLog
import Foundation
import Testing

@Suite("Identity and refusals at the command line", .serialized)
struct CommandLineIdentityTests {
    let dir = TempDir()
    var store: String { dir.path("s.sqlite") }
    let account = OperatorIdentity.processAccount()

    /// A roster where liu.yang commands, and this process's account is nobody (or, with
    /// `console: true`, a shared console account allowed to act for others).
    func roster(console: Bool = false) throws -> String {
        let path = dir.path(console ? "console-roster.yaml" : "roster.yaml")
        var text = """
            people:
              - {id: liu-yang, name: {en: Liu Yang, zh: 刘洋}, logins: [liu.yang], roles: [commander, duty-officer, drill-coordinator]}

            """
        if console { text += "  - {id: console, name: {en: Console, zh: 控制台}, logins: [\(account)], roles: [viewer], act-for-others: true}\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    init() throws { _ = try SQLiteEventStore.create(path: dir.path("s.sqlite")) }

    func log() throws -> [RecordedEvent] { try SQLiteEventStore(path: store).events(after: 0, limit: 100) }

    @Test func userSpoofingIsIgnored() throws {
        let env = ["DECISION_HUB_ROSTER": try roster(), "USER": "liu.yang", "LOGNAME": "liu.yang"]
        let r = try runHub(["exec", "--store", store, "level INC-0001 I 40 dead"], env: env)
        #expect(r.status == 1, "\(r.stdout)")
        let events = try log()
        #expect(events.count == 1)
        #expect(events.first?.by == account)
        #expect(events.allSatisfy { $0.by != "liu.yang" })
        let doctor = try runHub(["doctor", "--store", store], env: ["USER": "liu.yang", "LOGNAME": "liu.yang"])
        #expect(doctor.stdout.contains("operator: \(account)"), "\(doctor.stdout)")
    }

    /// Lines piped to `exec --stdin` share transactions, but an attempt beyond one's authority
    /// is on the record for each line, as from `exec` with one line.
    @Test func refusalsBeyondAuthorityOnStandardInputAreEachOnTheRecord() throws {
        let env = ["DECISION_HUB_ROSTER": try roster()]
        let r = try runHub(["exec", "--stdin", "--store", store], env: env, input: "level INC-0001 I 40 dead\nreport fire at cell:3,3\n")
        #expect(r.status == 1 && r.stdout.split(separator: "\n").count == 2, "\(r.stdout)")
        let events = try log()
        let refused = events.filter { if case .actionRefused = $0.event { $0.by == account } else { false } }
        #expect(refused.count == 2, "\(events)")
    }

    @Test func operatorRefusedByTheRosterIsOnTheRecord() throws {
        let env = ["DECISION_HUB_ROSTER": try roster()]
        let r = try runHub(["exec", "--store", store, "--operator", "liu.yang", "report fire at cell:3,3"], env: env)
        #expect(r.status == 1)
        #expect(r.stderr.contains("the operating-system account \(account) may not act as liu.yang"), "\(r.stderr)")
        let events = try log()
        #expect(events.count == 1)
        #expect(events.first?.by == account)
        guard case let .actionRefused(incident, action, reason)? = events.first?.event else {
            Issue.record("no refusal on the record: \(events)")
            return
        }
        #expect(incident == nil)
        #expect(action == "act as liu.yang (--operator)")
        #expect(reason.contains("may not act as liu.yang"))
    }

    @Test func anAccountAllowedToActForOthersIsRecordedWithTheNameItActsUnder() throws {
        let env = ["DECISION_HUB_ROSTER": try roster(console: true)]
        let r = try runHub(["exec", "--store", store, "--operator", "liu.yang", "report fire at cell:3,3"], env: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try log().map(\.by) == ["\(account) as liu.yang"])
    }

    @Test func drillCommandsRefusedToANonCoordinatorAreOnTheRecord() throws {
        let env = ["DECISION_HUB_ROSTER": try roster()]
        for args in [["drill", "status"], ["drill", "status", "DRL-1"], ["drill", "report", "DRL-1"], ["log", "--drills"]] {
            let r = try runHub(args + ["--store", store], env: env)
            #expect(r.status != 0, "\(args)")
        }
        let refused = try log().compactMap { e -> String? in
            guard case let .actionRefused(_, action, _) = e.event, e.by == account else { return nil }
            return action
        }
        #expect(refused == ["drill status", "drill status DRL-1", "drill report DRL-1", "log --drills"])
    }
}

@Suite("Drill keys stay out of argv and out of other users' reach", .serialized)
struct DrillKeyTests {
    let dir = TempDir()

    @Test func aKeyOnTheCommandLineIsRefused() throws {
        let key = Seal.newKey()
        for args in [["drill", "status", "--key", key], ["drill", "unseal", "x.sealed", "--key", key], ["drill", "start", "x.sealed", "--key", key, "--once"]] {
            let r = try runHub(args + ["--store", dir.path("s.sqlite")])
            #expect(r.status != 0, "\(args)")
            #expect(r.stderr.contains("--key is refused") && r.stderr.contains("--key-file"), "\(args): \(r.stderr)")
        }
    }

    @Test func keygenWritesAFileOnlyItsOwnerCanReadAndNeverOverwrites() throws {
        let path = dir.path("drill.key")
        let r = try runHub(["drill", "keygen", "--out", path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains(try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let again = try runHub(["drill", "keygen", "--out", path])
        #expect(again.status != 0)
        #expect(again.stderr.contains("already exists"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aKeyIsReadFromAFileOrStandardInput() throws {
        let scenario = dir.path("drill.yaml")
        try """
        name: {en: Key drill, zh: 密钥演练}
        disclosure: marked
        injects:
          - {id: one, at: +0m, do: report flood at mentougou}
        """.write(toFile: scenario, atomically: true, encoding: .utf8)
        let key = dir.path("drill.key")
        #expect(try runHub(["drill", "keygen", "--out", key]).status == 0)
        let sealed = dir.path("drill.sealed")
        let seal = try runHub(["drill", "seal", scenario, "--key-file", key, "--out", sealed, "--store", dir.path("s.sqlite")])
        #expect(seal.status == 0, "\(seal.stderr)")
        // From standard input.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: hubBinary)
        p.arguments = ["drill", "unseal", sealed, "--key-file", "-", "--store", dir.path("s.sqlite")]
        var environment = ProcessInfo.processInfo.environment
        environment["DECISION_HUB_RESOURCES"] = repoRoot.appendingPathComponent("Resources").path
        environment["XDG_DATA_HOME"] = testDataHome
        p.environment = environment
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = FileHandle.nullDevice
        try p.run()
        input.fileHandleForWriting.write(try Data(contentsOf: URL(fileURLWithPath: key)))
        try input.fileHandleForWriting.close()
        let shown = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(shown.contains("name: {en: Key drill"))
    }
}
