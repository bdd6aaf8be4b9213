import CommandModel
import Foundation
import Testing

@testable import ConsoleUI

/// `update` as a pure function of (model, message, world): the clock, pages, the store's
/// trouble and the terminal's size are messages like keys, so the console's timing is tested
/// without a terminal, a store or a clock.
@Suite("The console's update, without a terminal")
struct UpdateTests {
    static var world: ConsoleWorld { SelectionTests.world }

    func model(person: String? = nil) -> ConsoleModel {
        var m = ConsoleModel(language: .en, glyphs: .unicode, operatorName: "li.na", centre: Cell(x: 0, y: 0))
        m.person = person
        // On the first incident already, so no message moves the selection.
        m.selected = Self.world.workList(filter: "").first?.id
        return m
    }

    @Test func theRecordIsReadEveryQuarterSecondOfTheClock() {
        var m = model()
        #expect(m.update(.tick(fixedNow), world: Self.world) == [.poll])
        #expect(m.update(.tick(fixedNow.addingTimeInterval(0.1)), world: Self.world) == [])
        #expect(m.update(.tick(fixedNow.addingTimeInterval(0.3)), world: Self.world) == [.poll])
    }

    @Test func duePagesAreSentEveryFiveSecondsOnlyUnderARoster() {
        var m = model()
        #expect(!m.update(.tick(fixedNow), world: Self.world).contains(.sendDuePages(fixedNow)), "no roster, no escalation")
        var w = Self.world
        w.escalates = true
        var r = model()
        #expect(r.update(.tick(fixedNow), world: w).contains(.sendDuePages(fixedNow)))
        #expect(!r.update(.tick(fixedNow.addingTimeInterval(3)), world: w).contains { if case .sendDuePages = $0 { true } else { false } })
        #expect(r.update(.tick(fixedNow.addingTimeInterval(5)), world: w).contains(.sendDuePages(fixedNow.addingTimeInterval(5))))
    }

    @Test func aPageToThisOperatorRingsAtOnceThenEveryThirtySeconds() {
        let page = PageSent(id: "INC-0001/p/0/li-na", incident: IncidentID(1), policy: "p", trigger: .unacknowledged, index: 0, person: "li-na", role: .dutyOfficer, sentAt: fixedNow)
        var w = Self.world
        w.state.apply(.pageSent(page: page), at: fixedNow, by: "escalation", exercise: nil)
        var m = model(person: "li-na")
        m.bell = false  // the new-incident bell is off; pages ring all the same
        let sent = RecordedEvent(sequence: 99, id: "p", at: fixedNow, by: "escalation", exercise: nil, event: .pageSent(page: page))
        #expect(m.update(.events([sent]), world: w).contains(.bell))
        #expect(!m.update(.tick(fixedNow.addingTimeInterval(10)), world: w).contains(.bell))
        #expect(m.update(.tick(fixedNow.addingTimeInterval(31)), world: w).contains(.bell))
        // Someone else's page does not ring here.
        var other = model(person: "wang-lei")
        #expect(!other.update(.events([sent]), world: w).contains(.bell))
        #expect(!other.update(.tick(fixedNow.addingTimeInterval(31)), world: w).contains(.bell))
    }

    @Test func theStoresTroubleShowsInTheHeaderUntilItClears() {
        var m = model()
        _ = m.update(.storeTrouble(Bilingual("the store is locked", "事件库被锁定")), world: Self.world)
        #expect(m.storeTrouble?.en == "the store is locked")
        _ = m.update(.storeTrouble(nil), world: Self.world)
        #expect(m.storeTrouble == nil)
    }

    /// The flood night with every incident acknowledged: all of them wait for teams.
    static var waitingWorld: ConsoleWorld {
        var w = Self.world
        for i in w.active where i.status == .reported {
            w.state.apply(.incidentAcknowledged(incident: i.id), at: fixedNow, by: "li.na", exercise: nil)
        }
        w.active = ConsoleWorld.workOrder(w.state)
        return w
    }

    @Test func theJointPlanIsAskedForOffTheInputThreadAndArrivesAsAMessage() throws {
        let w = Self.waitingWorld
        var m = model()
        let effects = m.update(.key(.char("P")), world: w)
        let ask = try #require(effects.first)
        guard case let .computePlan(job, incidents) = ask else { Issue.record("no plan asked for: \(effects)"); return }
        #expect(incidents == w.active.map(\.id))
        #expect(m.mode == .planning(job: job, progress: 0))
        // Progress shows; other keys wait; the plan replaces the progress.
        _ = m.update(.planProgress(job: job, fraction: 0.4), world: w)
        #expect(m.mode == .planning(job: job, progress: 0.4))
        #expect(m.update(.key(.char("a")), world: w) == [])
        let plan = w.state.jointPlan(for: incidents, plans: w.plans, grid: w.grid)
        #expect(!plan.assignments.isEmpty)
        _ = m.update(.planComputed(job: job, plan), world: w)
        #expect(m.mode == .plan(plan, excluded: []))
    }

    @Test func escCancelsThePlanAndALateOrStaleResultIsDropped() throws {
        let w = Self.waitingWorld
        var m = model()
        guard case let .computePlan(first, incidents) = m.update(.key(.char("P")), world: w).first else { Issue.record("no plan asked for"); return }
        #expect(m.update(.key(.escape), world: w) == [.cancelPlan(job: first)])
        #expect(m.mode == .normal)
        let plan = w.state.jointPlan(for: incidents, plans: w.plans, grid: w.grid)
        _ = m.update(.planComputed(job: first, plan), world: w)
        #expect(m.mode == .normal, "a cancelled plan does not pop up later")
        // Asked again: only the new request's plan counts.
        guard case let .computePlan(second, _) = m.update(.key(.char("P")), world: w).first else { Issue.record("no plan asked for"); return }
        #expect(second != first)
        _ = m.update(.planProgress(job: first, fraction: 0.9), world: w)
        _ = m.update(.planComputed(job: first, plan), world: w)
        #expect(m.mode == .planning(job: second, progress: 0))
        _ = m.update(.planComputed(job: second, JointPlanFixtures.empty(w)), world: w)
        #expect(m.mode == .normal)
        #expect(m.message?.isError == true, "an empty plan says why")
    }

    @Test func aResizeIsRemembered() {
        var m = model()
        #expect(m.update(.resized(width: 90, height: 30), world: Self.world) == [])
        #expect(m.screenSize?.width == 90 && m.screenSize?.height == 30)
    }
}

enum JointPlanFixtures {
    /// A plan with nothing in it: the plan for no incidents.
    static func empty(_ w: ConsoleWorld) -> JointPlan { w.state.jointPlan(for: [], plans: w.plans, grid: w.grid) }
}
