import CommandModel
import Foundation
import Testing

@testable import ConsoleUI

/// The work list kept event by event against the list sorted from scratch
/// (`ConsoleWorld.workOrder`), after random sequences of what officers and teams do: same
/// incidents, same values, same order.
@Suite("Work order, kept per event")
struct WorkOrderTests {
    /// Random commands through the decider; events handed over in random batches, sometimes
    /// with one left out (the list must notice the gap and sort again).
    @Test(arguments: 0..<60)
    func theKeptOrderIsTheSortedOrder(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &* 2_654_435_761 &+ 1)
        var state = CommandState()
        var now = fixedNow
        var seq: Int64 = 0
        var order = WorkOrder(state)
        var batch: [RecordedEvent] = []
        let caps: [Capability] = [.floodRescue, .medical, .urbanFire]
        let levels: [ResponseLevel] = [.iv, .iii, .ii, .i]
        let statuses = IncidentStatus.allCases
        let teamStatuses = TeamStatus.allCases
        for k in 0..<6 {
            let profile = TeamProfile(id: TeamID("T-\(k)"), name: Bilingual("T\(k)", "队\(k)"), capabilities: [caps[k % 3]], base: Cell(x: k, y: k))
            batch += run(.team(.register(profile)), &state, &now, &seq)
        }
        for step in 0..<250 {
            let ids = state.incidents.keys.sorted()
            let some = ids.isEmpty ? IncidentID(1) : ids[Int(rng.next() % UInt64(ids.count))]
            let team = TeamID("T-\(rng.next() % 6)")
            let command: Command
            switch rng.next() % 12 {
            case 0, 1: command = .incident(.report(NewIncident(type: .flood, title: "i\(step)", place: .cell(Cell(x: Int(rng.next() % 20), y: Int(rng.next() % 10))))))
            case 2: command = .incident(.acknowledge(some))
            case 3: command = .incident(.setLevel(some, levels[Int(rng.next() % 4)], reason: "r"))
            case 4: command = .incident(.setStatus(some, statuses[Int(rng.next() % UInt64(statuses.count))]))
            case 5: command = .incident(.close(some, summary: "done"))
            case 6: command = .incident(.reopen(some, reason: "again"))
            case 7, 8: command = .team(.assign(team, to: some))
            case 9: command = .team(.setStatus(team, teamStatuses[Int(rng.next() % UInt64(teamStatuses.count))]))
            case 10: command = .team(.release(team))
            default: command = .incident(.addNote(some, text: "n"))
            }
            // Reports come a few seconds apart, some at the same moment (the id breaks the tie).
            if rng.next() % 3 != 0 { now += Double(rng.next() % 5) }
            batch += run(command, &state, &now, &seq)
            if rng.next() % 4 == 0 {
                if rng.next() % 10 == 0, !batch.isEmpty { batch.removeFirst() }  // a gap
                order.advance(to: state, through: batch)
                batch = []
                #expect(order.incidents == ConsoleWorld.workOrder(state), "seed \(seed) step \(step)")
                #expect(order.sequence == state.sequence)
            }
        }
        order.advance(to: state, through: batch)
        #expect(order.incidents == ConsoleWorld.workOrder(state), "seed \(seed) at the end")
    }

    @Test func eventsAlreadySeenAreSkippedAndNothingNewChangesNothing() {
        var state = CommandState()
        var now = fixedNow
        var seq: Int64 = 0
        var order = WorkOrder(state)
        let first = run(.incident(.report(NewIncident(type: .flood, title: "a", place: .cell(Cell(x: 1, y: 1))))), &state, &now, &seq)
        order.advance(to: state, through: first)
        let second = run(.incident(.acknowledge(IncidentID(1))), &state, &now, &seq)
        order.advance(to: state, through: first + second)
        #expect(order.incidents == ConsoleWorld.workOrder(state))
        #expect(order.incidents.first?.status == .acknowledged)
    }

    func run(_ c: Command, _ state: inout CommandState, _ now: inout Date, _ seq: inout Int64) -> [RecordedEvent] {
        guard let events = try? decide(c, state, DecisionContext(now: now, operatorName: "li.na")) else { return [] }
        return events.map { e in
            seq += 1
            let r = RecordedEvent(sequence: seq, id: "e\(seq)", at: now, by: "li.na", exercise: nil, event: e)
            state.apply(r)
            return r
        }
    }
}
