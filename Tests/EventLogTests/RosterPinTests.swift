import CommandModel
import Foundation
import Testing

@testable import EventLog

/// A store pinned to a roster refuses a process started with another roster, or none: nobody
/// grants themselves rights by passing their own roster file.
@Suite("The roster pinned to the store", .serialized)
struct RosterPinTests {
    /// The test process's own account is the commander (identity comes from the OS).
    static var account: String { OperatorIdentity.ofProcess(requested: nil).account }

    func roster(_ dir: TempDir, _ name: String, commander: String) throws -> String {
        let yaml = """
            people:
              - {id: boss, name: {en: Boss, zh: 指挥长}, logins: [\(commander)], roles: [commander]}
              - {id: li-na, name: {en: Li Na, zh: 李娜}, logins: [li.na], roles: [duty-officer]}
            """
        let path = dir.path(name)
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func theMismatchNamesTheRosterInForce() {
        var state = CommandState()
        let digest = String(repeating: "ab", count: 32)
        state.apply(.rosterAdopted(digest: digest, source: "/etc/hub/roster.yaml"), at: Date(timeIntervalSince1970: 1_785_000_000), by: "wang.lei", exercise: nil)
        #expect(RosterPin.mismatch(state, given: digest) == nil)
        let none = RosterPin.mismatch(state, given: nil)
        #expect(none?.en.contains("/etc/hub/roster.yaml") == true && none?.en.contains("no roster") == true)
        #expect(none?.zh.contains("未指定值班表") == true)
        #expect(RosterPin.mismatch(state, given: String(repeating: "cd", count: 32))?.en.contains("a different roster") == true)
        #expect(RosterPin.mismatch(CommandState(), given: nil) == nil, "a store without one takes any")
    }

    @Test func aPinnedStoreRefusesAnotherRosterOrNoneAndRecordsIt() throws {
        let dir = TempDir()
        let store = dir.path("s.sqlite")
        let a = try roster(dir, "a.yaml", commander: Self.account)
        let b = try roster(dir, "b.yaml", commander: Self.account + "-not")
        #expect(try runHub(["init", "--store", store]).status == 0)
        // The first roster is adopted only by whoever holds the centre's signing key.
        let keyFile = store + ".key"
        try FileManager.default.moveItem(atPath: keyFile, toPath: keyFile + ".away")
        let keyless = try runHub(["roster", "adopt", a, "--store", store])
        #expect(keyless.status != 0 && keyless.stderr.contains("signing key"), "\(keyless.stderr)")
        try FileManager.default.moveItem(atPath: keyFile + ".away", toPath: keyFile)
        let adopt = try runHub(["roster", "adopt", a, "--store", store])
        #expect(adopt.status == 0, "\(adopt.stderr)")
        #expect(adopt.stdout.contains("roster adopted"))

        let report = "report flood at mentougou title \"t\""
        let none = try runHub(["exec", "--store", store, report])
        #expect(none.status != 0)
        #expect(none.stderr.contains("this store's roster is \(a)"), "\(none.stderr)")
        let other = try runHub(["exec", "--store", store, "--roster", b, report])
        #expect(other.status != 0 && other.stderr.contains("a different roster"))
        #expect(try runHub(["exec", "--store", store, "--roster", a, report]).status == 0)
        let log = try runHub(["log", "--store", store, "--roster", a]).stdout
        #expect(log.components(separatedBy: "REFUSED: act with a roster other than the store's").count == 3, "both refusals are on the record:\n\(log)")

        // Replacing the roster needs a commander of the one in force; then the new one holds.
        let swap = try runHub(["roster", "adopt", b, "--store", store, "--roster", a])
        #expect(swap.status == 0, "\(swap.stderr)")
        #expect(try runHub(["exec", "--store", store, "--roster", a, report]).status != 0)
        #expect(try runHub(["exec", "--store", store, "--roster", b, "ack INC-0001"]).status != 0, "b's people do not include this account as a duty officer")
    }
}
