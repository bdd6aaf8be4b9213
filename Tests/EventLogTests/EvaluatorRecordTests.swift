import CommandModel
import EventLog
import Foundation
import Testing

/// Evaluators' observations and judgements on a real store: in the journal (never in the log
/// players read), folded the same from a snapshot as from replay.
@Suite("Evaluators' record")
struct EvaluatorRecordTests {
    @Test func observationsAndJudgementsLiveInTheJournalAndReadBack() throws {
        let dir = TempDir()
        let store = try SQLiteEventStore.create(path: dir.path("s.sqlite"))
        let ledger = try Ledger(store: store)
        let start = Date(timeIntervalSince1970: 1_785_000_000)
        let info = DrillInfo(
            name: Bilingual("Flood drill", "防汛演练"), disclosure: .blind, startsAt: start, endsAt: start + 3600, seed: 1, digest: "d", sealed: "", operatorName: "hotline",
            objectives: [DrillScenario.Objective(id: "ack", text: Bilingual("Acknowledge within 5 minutes", "5 分钟内确认"))], injects: ["flood"])
        try ledger.execute([.drill(.schedule(info))], operatorName: "coord", now: { start })
        let call = DrillScenario.ManualExpectation(id: "call-leader", text: Bilingual("Call the district leader", "致电区领导"), withinMinutes: 10, objectives: ["ack"])
        try ledger.execute(
            [.drill(.fireInject(drill: "DRL-1", inject: "flood", commands: [], line: "x", expect: .init(objectives: ["ack"], manual: [call]), contingency: false))], operatorName: "hotline",
            now: { start + 30 })
        try ledger.execute([try #require(Grammar.parse("evaluate DRL-1 observe flood logged late 记录偏晚", now: start).first)], operatorName: "gao.yu", now: { start + 60 })
        try ledger.execute([try #require(Grammar.parse("evaluate DRL-1 score flood call-leader late called after 25 minutes", now: start).first)], operatorName: "gao.yu", now: { start + 90 })
        try ledger.execute([.drill(.end(drill: "DRL-1", reason: "over", aborted: false))], operatorName: "coord", now: { start + 120 })
        try ledger.execute([try #require(Grammar.parse("evaluate DRL-1 rate ack M only after the second call", now: start).first)], operatorName: "gao.yu", now: { start + 180 })

        let log = try store.events(after: 0, limit: 1000).map(\.event.kind)
        #expect(!log.contains(.drillObserved) && !log.contains(.drillObjectiveJudged) && !log.contains(.drillExpectationScored), "players read the log: \(log)")
        let journal = try store.journal(after: 0, upTo: Int64.max).map(\.event.kind)
        #expect(journal.contains(.drillObserved) && journal.contains(.drillObjectiveJudged) && journal.contains(.drillExpectationScored), "\(journal)")
        // The manual expectation travels with the inject on the record, its score in the journal.
        #expect(ledger.state.drills["DRL-1"]?.fired["flood"]?.expect.manual == [call])

        let replayed = try Ledger(store: SQLiteEventStore(path: dir.path("s.sqlite"))).state
        #expect(replayed.evaluators == ledger.state.evaluators)
        #expect(replayed.evaluators["DRL-1"]?.judgements["ack"]?["gao.yu"]?.reason == "only after the second call")
        #expect(replayed.evaluators["DRL-1"]?.scores(inject: "flood", expectation: "call-leader").map(\.outcome) == [.late])
        #expect(replayed.drills == ledger.state.drills)
        try store.saveSnapshot(ledger.state)
        let fromSnapshot = try Ledger(store: SQLiteEventStore(path: dir.path("s.sqlite"))).state
        #expect(fromSnapshot == ledger.state)
    }
}
