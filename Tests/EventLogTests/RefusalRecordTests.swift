import CommandModel
import Foundation
import Testing

@testable import EventLog

/// Every refusal of authority is on the record (失职追责): whoever tried, what they tried, why it
/// was refused — for a command of every domain.
@Suite("Refusals are recorded")
struct RefusalRecordTests {
    static let roster = """
        people:
          - {id: li-na, name: {en: Li Na, zh: 李娜}, logins: [li.na], roles: [duty-officer]}
          - {id: he-ping, name: {en: He Ping, zh: 何平}, logins: [he.ping], roles: [viewer]}
        """

    @Test func aRefusalOfEveryDomainGoesOnTheRecord() throws {
        let (roster, issues) = Roster.load(Self.roster, file: "roster.yaml")
        #expect(issues.isEmpty)
        let ledger = try Ledger(store: InMemoryEventStore())
        try ledger.execute(
            [
                .incident(.report(NewIncident(type: .flood, place: .cell(Cell(x: 1, y: 1))))), .incident(.acknowledge(IncidentID(1))),
                .area(.declareResponse(hazard: .flood, level: .ii, districts: [], reason: "r")),
            ],
            operatorName: "setup", now: { t0 })
        ledger.roster = roster
        let attempts: [(Command, String)] = [
            (.incident(.setLevel(IncidentID(1), .i, reason: "r")), "li.na"),
            (.area(.endResponse(ResponseID(1), reason: "over")), "li.na"),
            (.drill(.end(drill: "DRL-9", reason: "r", aborted: true)), "li.na"),
            (.roster(.adopt(digest: String(repeating: "ab", count: 32), source: "r.yaml")), "li.na"),
            (.team(.register(TeamProfile(id: TeamID("X-1"), name: Bilingual("x", "x"), capabilities: [], base: Cell(x: 1, y: 1)))), "he.ping"),
            (.paging(.acknowledge("nope")), "he.ping"),
        ]
        for (command, who) in attempts {
            let before = ledger.state.sequence
            do throws(ExecutionError) {
                try ledger.execute([command], operatorName: who, now: { t0 })
                Issue.record("\(who) was allowed \(command)")
            } catch {
                guard case let .rejected(r) = error, case .notAuthorized = r else { Issue.record("\(command): \(error)"); continue }
            }
            let recorded = try ledger.store.events(after: before, limit: 10)
            #expect(recorded.count == 1, "\(command)")
            guard case let .actionRefused(_, action, reason)? = recorded.first?.event else { Issue.record("no refusal on the record for \(command)"); continue }
            #expect(recorded.first?.by == who && !action.isEmpty && reason.contains("needs"))
        }
    }
}
