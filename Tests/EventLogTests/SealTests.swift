import EventLog
import Foundation
import Testing

@Suite("Sealed scenarios")
struct SealTests {
    let text = Data("name: {en: Secret drill, zh: 保密演练}\n".utf8)

    @Test func sealAndOpenRoundTrip() throws {
        let key = Seal.newKey()
        let sealed = try Seal.seal(text, key: key)
        #expect(!String(decoding: sealed, as: UTF8.self).contains("Secret"), "the sealed file does not show the scenario")
        #expect(try Seal.open(sealed, key: key, file: "x.sealed") == text)
    }

    @Test func aTamperedFileOrAWrongKeyIsRefused() throws {
        let key = Seal.newKey()
        var sealed = try Seal.seal(text, key: key)
        #expect(throws: Seal.Failure.self) { try Seal.open(sealed, key: Seal.newKey(), file: "x.sealed") }
        // Flip one bit of the box (through the envelope's JSON: a character picked from the raw
        // text could be the backslash of an escaped "/", which would break the JSON instead).
        var envelope = try #require(try JSONSerialization.jsonObject(with: sealed) as? [String: String])
        let boxText = try #require(envelope["box"])
        var box = try #require(Data(base64Encoded: boxText))
        box[20] ^= 0x01
        envelope["box"] = box.base64EncodedString()
        sealed = try JSONSerialization.data(withJSONObject: envelope)
        do {
            _ = try Seal.open(sealed, key: key, file: "x.sealed")
            Issue.record("a tampered file opened")
        } catch {
            #expect(error.message.en == "x.sealed cannot be opened: it was altered, or this is not its key")
        }
        #expect(throws: Seal.Failure.self) { try Seal.open(Data("not sealed".utf8), key: key, file: "x") }
        #expect(throws: Seal.Failure.self) { try Seal.seal(text, key: "short") }
    }

    @Test func playersCannotReadAScenario() throws {
        let dir = TempDir()
        let roster = dir.path("roster.yaml")
        try """
        allow-operator: true
        people:
          - {id: he-ping, name: {en: He Ping, zh: 何平}, logins: [he.ping], roles: [drill-coordinator]}
          - {id: li-na, name: {en: Li Na, zh: 李娜}, logins: [li.na], roles: [duty-officer]}
        """.write(toFile: roster, atomically: true, encoding: .utf8)
        let scenario = repoRoot.appendingPathComponent("Resources/drills/sample-flash-flood.yaml").path
        let player = try runHub(["drill", "check", scenario, "--operator", "li.na"], env: ["DECISION_HUB_ROSTER": roster])
        #expect(player.status != 0)
        #expect(player.stderr.contains("only drill coordinators"))
        #expect(!player.stdout.contains("Western hills"))
        let coordinator = try runHub(["drill", "check", scenario, "--operator", "he.ping"], env: ["DECISION_HUB_ROSTER": roster])
        #expect(coordinator.status == 0, "\(coordinator.stderr)")
        #expect(coordinator.stdout.contains("ok: Western hills flash flood, 4 injects"))
    }
}
