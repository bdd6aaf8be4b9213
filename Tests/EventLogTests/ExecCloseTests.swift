import CommandModel
import DecisionHubTestSupport
import EventLog
import Foundation
import Testing

/// A close through `exec` records what it leaves open, as the console's does after its
/// question: the policy is the decider's, so a script cannot close an incident silently.
@Suite("exec's close")
struct ExecCloseTests {
    @Test func aScriptsCloseRecordsAndSaysWhatItLeavesOpen() throws {
        let dir = TempDir()
        let store = dir.path("s.sqlite")
        _ = try SQLiteEventStore.create(path: store)
        for line in ["report fire at chaoyang title \"Shed fire\"", "ack INC-1", "status INC-1 responding", "status INC-1 contained"] {
            let r = try runHub(["exec", "--store", store, line])
            #expect(r.status == 0, "\(line): \(r.stderr)")
        }
        let one = try runHub(["exec", "--store", store, "close INC-1 \"fire out\""])
        #expect(one.status == 0 && one.stdout.contains("INC-0001 closed: fire out [left open · 未完成 — plan items open"), "\(one.stdout) \(one.stderr)")
        // The same through a script's standard input, in Chinese.
        let lines = ["reopen INC-1 \"smoke again\"", "status INC-1 responding", "status INC-1 contained", "close INC-1 \"再次扑灭\""].joined(separator: "\n") + "\n"
        let piped = try runHub(["exec", "--lang", "zh", "--stdin", "--store", store], input: lines)
        #expect(piped.status == 0 && piped.stdout.contains("INC-0001 已结案：再次扑灭 [left open · 未完成 — "), "\(piped.stdout) \(piped.stderr)")
        let summaries = try Ledger(store: SQLiteEventStore(path: store, readOnly: true)).store.events(incident: IncidentID(1)).compactMap { r -> String? in
            if case let .incidentClosed(_, summary) = r.event { return summary }
            return nil
        }
        #expect(summaries.count == 2 && summaries.allSatisfy { $0.contains("reports not filed · 未报送: ") }, "\(summaries)")
    }
}
