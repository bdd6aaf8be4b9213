import CommandModel
import EventLog
import Foundation
import Testing

/// `decision-hub relay --once`, `board` and `verify --centres` as an operator runs them: two
/// centres' stores and a centres file beside them.
@Suite("Centres at the command line", .serialized)
struct CentreCommandLineTests {
    let dir = TempDir()
    var file: String { dir.path("centres.yaml") }
    func store(_ n: String) -> String { dir.path("\(n).sqlite") }

    init() throws {
        for n in ["beijing", "tianjin"] { _ = try SQLiteEventStore.create(path: dir.path("\(n).sqlite")) }
        try """
        version: 1
        centres:
          beijing: {name: {en: Beijing, zh: 北京}, store: beijing.sqlite}
          tianjin: {name: {en: Tianjin, zh: 天津}, store: tianjin.sqlite, share-board: [beijing]}
        """.write(toFile: dir.path("centres.yaml"), atomically: true, encoding: .utf8)
    }

    @discardableResult
    func hub(_ args: [String], status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation) throws -> ProcessResult {
        let r = try runHub(args)
        #expect(r.status == status, "\(args): \(r.stdout) \(r.stderr)", sourceLocation: sourceLocation)
        return r
    }

    @Test func relayOnceCarriesTheRequestAndBoardShowsASharedBoard() throws {
        for line in ["report flood at fangshan deaths=12 title \"Flash flood\"", "ack INC-0001", "level INC-0001 II twelve dead", "aid request INC-0001 tianjin teams medical=1 at fangshan"] {
            try hub(["exec", "--store", store("beijing"), line])
        }
        let relay = try hub(["relay", "--once", "--store", store("beijing"), "--centres", file, "--lang", "en"])
        #expect(relay.stdout.contains("tianjin: event 4 (request AID-1) delivered to tianjin: its event 1"), "\(relay.stdout)")
        #expect(relay.stdout.contains("the record does not") == false, "beijing's file entry says nothing of sharing")
        // Tianjin's officer sees the request and answers it from the command line.
        try hub(["exec", "--store", store("tianjin"), "aid offer AID-1@beijing team TJ-M1 medical \"Tianjin medics\" eta +3h"])
        let back = try hub(["relay", "--once", "--store", store("tianjin"), "--centres", file, "--lang", "en"])
        #expect(back.stdout.contains("delivered to beijing"), "\(back.stdout)")
        // Tianjin's file entry shares its board; its record does not yet: said, not done.
        #expect(back.stdout.contains("a commander records it with 'centre share-board with beijing'"), "\(back.stdout)")
        let log = try hub(["log", "--store", store("beijing"), "--lang", "en"])
        #expect(log.stdout.contains("from tianjin (its event 2"), "\(log.stdout)")

        // Not shared: refused, saying why.
        let refused = try hub(["board", "--centre", "tianjin", "--store", store("beijing"), "--centres", file, "--lang", "en"], status: 1)
        #expect(refused.stderr.contains("tianjin does not share its board with beijing"), "\(refused.stderr)")
        try hub(["exec", "--store", store("tianjin"), "report fire at chaoyang title \"Binhai warehouse\""])
        try hub(["exec", "--store", store("tianjin"), "centre share-board with beijing"])
        let board = try hub(["board", "--centre", "tianjin", "--store", store("beijing"), "--centres", file, "--lang", "en"])
        #expect(board.stdout.contains("Tianjin: board shared with beijing"), "\(board.stdout)")
        #expect(board.stdout.contains("INC-0001  fire") && board.stdout.contains("Binhai warehouse"), "\(board.stdout)")
        let zh = try hub(["board", "--centre", "tianjin", "--store", store("beijing"), "--centres", file, "--lang", "zh"])
        #expect(zh.stdout.contains("INC-0001  火灾  未定级  已接报"), "types and statuses in Chinese too: \(zh.stdout)")

        // Both chains' receipts check against the other's record.
        for n in ["beijing", "tianjin"] {
            let v = try hub(["verify", "--store", store(n), "--centres", file, "--lang", "en"])
            #expect(v.stdout.contains("receipts: 2 checked against the other centres' records, all match"), "\(n): \(v.stdout)")
        }
    }

    /// `board --follow`: the board again when the neighbour's record moves on, an outage said
    /// once with the age of the last contact, and its end.
    @Test func boardFollowShowsChangesAndOutages() throws {
        try hub(["exec", "--store", store("tianjin"), "centre share-board with beijing"])
        try hub(["exec", "--store", store("tianjin"), "report fire at chaoyang title \"Binhai warehouse\""])
        let out = dir.path("follow.txt")
        #expect(FileManager.default.createFile(atPath: out, contents: nil))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: hubBinary)
        p.arguments = ["board", "--follow", "--every", "0.2", "--centre", "tianjin", "--store", store("beijing"), "--centres", file, "--lang", "en"]
        p.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        try p.run()
        defer {
            // SIGKILL: a child of the test runner may inherit a mask that blocks SIGTERM.
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
        }
        func shows(_ text: String) -> Bool {
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                if (try? String(contentsOfFile: out, encoding: .utf8))?.contains(text) == true { return true }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return false
        }
        #expect(shows("Binhai warehouse"), "the board at the start")
        try hub(["exec", "--store", store("tianjin"), "report flood at chaoyang title \"Haihe embankment\""])
        #expect(shows("Haihe embankment"), "a change on the neighbour's record is shown")
        try FileManager.default.moveItem(atPath: store("tianjin"), toPath: store("tianjin-away"))
        #expect(shows("tianjin cannot be reached (last contact "), "an outage, with the age of the last contact")
        #expect(shows(" s ago): "), "in seconds, as every age is said")
        try FileManager.default.moveItem(atPath: store("tianjin-away"), toPath: store("tianjin"))
        #expect(shows("tianjin can be reached again"))
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.components(separatedBy: "tianjin cannot be reached (").count == 2, "the outage said once: \(text)")
    }

    @Test func twoNamesForOneStoreAreRefused() throws {
        let twice = dir.path("twice.yaml")
        try """
        version: 1
        centres:
          beijing: {name: {en: Beijing, zh: 北京}, store: beijing.sqlite}
          tianjin: {name: {en: Tianjin, zh: 天津}, store: tianjin.sqlite}
          hebei: {name: {en: Hebei, zh: 河北}, store: ./tianjin.sqlite}
        """.write(toFile: twice, atomically: true, encoding: .utf8)
        let r = try hub(["relay", "--once", "--store", store("beijing"), "--centres", twice, "--lang", "en"], status: 1)
        #expect(r.stderr.contains("hebei and tianjin name the same store"), "\(r.stderr)")
    }

    @Test func aBadCentresFileIsNamedWithItsLine() throws {
        try "centres:\n  beijing:\n    store: beijing.sqlite\n    shares: [tianjin]\n".write(toFile: file, atomically: true, encoding: .utf8)
        let r = try hub(["relay", "--once", "--store", store("beijing"), "--centres", file, "--lang", "en"], status: 1)
        #expect(r.stderr.contains("centres.yaml:4:13: centres.beijing.shares: unknown field 'shares'"), "\(r.stderr)")
    }
}
