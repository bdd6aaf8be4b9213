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
        // The first tick also starts the check of the whole record.
        #expect(m.update(.tick(fixedNow), world: Self.world) == [.poll, .checkRecord])
        #expect(m.update(.tick(fixedNow.addingTimeInterval(0.1)), world: Self.world) == [])
        #expect(m.update(.tick(fixedNow.addingTimeInterval(0.3)), world: Self.world) == [.poll])
    }

    /// The header's word on the record: checking, then ok or TAMPERED at the first bad event,
    /// checked again ten minutes on; a check in progress is never started twice.
    @Test func theRecordIsCheckedAtStartAndEveryTenMinutes() {
        var m = model()
        _ = m.update(.tick(fixedNow), world: Self.world)
        #expect(m.recordHealth == .checking)
        #expect(!m.update(.tick(fixedNow.addingTimeInterval(700)), world: Self.world).contains(.checkRecord), "still checking")
        _ = m.update(.recordChecked(RecordCheck(ok: true)), world: Self.world)
        #expect(m.recordHealth == .ok)
        #expect(m.update(.tick(fixedNow.addingTimeInterval(1300)), world: Self.world).contains(.checkRecord))
        let effects = m.update(.recordChecked(RecordCheck(ok: false, firstBad: 42, problem: Bilingual("event 42 was changed", "第 42 条被改动"))), world: Self.world)
        #expect(m.recordHealth == .tampered(firstBad: 42, why: Bilingual("event 42 was changed", "第 42 条被改动")))
        #expect(effects == [.bell])
        #expect(ConsoleRunner.health(m.recordHealth) == Bilingual("TAMPERED: seq 42", "记录被篡改：第 42 条"))
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

extension UpdateTests {
    @Test func nextUnacknowledgedVisitsEachWaitingIncidentInWorkOrderAndWraps() {
        let list = Self.world.workList(filter: "")
        let waiting = list.filter { $0.status == .reported }.map(\.id)
        #expect(waiting.count >= 2, "the flood night has several unacknowledged reports")
        var m = model()
        var visited: [IncidentID] = []
        for _ in 0..<(waiting.count + 1) {
            _ = m.update(.key(.char("N")), world: Self.world)
            if let s = m.selected { visited.append(s) }
        }
        #expect(Array(visited.prefix(waiting.count)) == waiting, "in work order: highest level first")
        #expect(visited.last == waiting.first, "and round again")
    }
}

extension UpdateTests {
    @Test func wSaysWhyInsteadOfSwitchingToChineseThatWouldReadAsQuestionMarks() {
        var m = model()
        m.canShowChinese = false
        _ = m.update(.key(.char("w")), world: Self.world)
        #expect(m.language == .en)
        #expect(m.message?.text.contains("--utf8") == true && m.message?.isError == true)
        m.canShowChinese = true
        m.message = ("INC-0001 acknowledged", false)
        _ = m.update(.key(.char("w")), world: Self.world)
        #expect(m.language == .zh)
        #expect(m.message == nil, "the old language's message goes")
    }
}

extension UpdateTests {
    func formAfter(_ keys: [Key], _ m: inout ConsoleModel) -> ReportForm? {
        _ = m.update(.key(.char("n")), world: Self.world)
        for k in keys { _ = m.update(.key(k), world: Self.world) }
        if case let .report(form) = m.mode { return form }
        return nil
    }

    @Test func aReportNeedsItsTypeWhereAndTitleBeforeItIsFiled() throws {
        var m = model()
        // One Enter on a fresh form files nothing, says what is missing, and goes to it.
        let form = try #require(formAfter([.enter], &m))
        #expect(form.field == .type)
        #expect(m.message?.isError == true && m.message?.text.contains("type") == true && m.message?.text.contains("title") == true)
        // The place is the map cursor as latitude,longitude in the map's frame (said, so it is
        // not taken for a WGS-84 fix), never a raw cell; it reads back as the cursor's cell.
        let place = form.values[.place] ?? ""
        #expect(place.range(of: #"^gcj02:\d+\.\d{4},\d+\.\d{4}$"#, options: .regularExpression) != nil, "\(place)")
        let parsed = try Grammar.parse("report fire at \(place)", now: fixedNow)
        guard case let .incident(.report(new))? = parsed.first, case let .point(p, datum) = new.place else {
            Issue.record("\(place) is not a point")
            return
        }
        #expect(Self.world.grid.cell(for: datum.convert(p, to: .gcj02)) == m.cursor)
        var filled = model()
        let keys: [Key] = [.right, .down, .down] + "Basement blast".map { Key.char($0) } + [.enter]
        let effects = filled.update(.key(.char("n")), world: Self.world) + keys.flatMap { filled.update(.key($0), world: Self.world) }
        #expect(effects.contains { if case let .execute(line, _) = $0 { line.hasPrefix("report flood at ") && line.contains("title \"Basement blast\"") } else { false } })
    }

    @Test func escOnAChangedFormAsksBeforeDiscardingIt() throws {
        var m = model()
        _ = try #require(formAfter([.down, .down, .char("x")], &m))
        _ = m.update(.key(.escape), world: Self.world)
        guard case .report = m.mode else { Issue.record("one Esc threw the form away"); return }
        #expect(m.message?.text.contains("Esc again") == true)
        _ = m.update(.key(.char("y")), world: Self.world)  // keeps editing: the question is off
        _ = m.update(.key(.escape), world: Self.world)
        guard case let .report(form) = m.mode else { Issue.record("Esc after more typing discarded without asking"); return }
        #expect(form.values[.title] == "xy")
        _ = m.update(.key(.escape), world: Self.world)
        #expect(m.mode == .normal)
        // An untouched form goes with one Esc.
        var fresh = model()
        _ = try #require(formAfter([], &fresh))
        _ = fresh.update(.key(.escape), world: Self.world)
        #expect(fresh.mode == .normal)
    }
}

extension UpdateTests {
    @Test func aHiddenLayerOrAFilterIsSaidOnTheMapsTitle() {
        var m = model()
        #expect(m.hiddenModes.isEmpty)
        _ = m.update(.key(.char("5")), world: Self.world)  // incidents off
        _ = m.update(.key(.char("f")), world: Self.world)  // level ≥ IV
        let screen = ConsoleView.render(m, Self.world, width: 200, height: 50)
        #expect(screen.lines.contains { $0.contains("HIDDEN: incidents") && $0.contains("level ≥ IV only") }, "\(screen.lines.prefix(3))")
        m.language = .zh
        #expect(m.hiddenModes.map { m.t($0) }.first == "已隐藏：事件")
    }
}

extension UpdateTests {
    /// At 80 columns the header keeps, first, the unacknowledged count, the highest level in
    /// play, and each warning and response with where it is.
    @Test func aNarrowHeaderKeepsWhatMattersMost() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        try ledger.execute(try Grammar.parse("warn rainstorm red fangshan,mentougou,changping until +6h by BMO", now: fixedNow), operatorName: "li.na", now: { fixedNow })
        try ledger.execute(try Grammar.parse("respond flood II mentougou flash floods", now: fixedNow), operatorName: "li.na", now: { fixedNow })
        let f = Resources.shared
        let world = ConsoleWorld(state: ledger.state, map: f.map, grid: f.grid, plans: f.plans, facilities: f.city.facilities, now: fixedNow)
        let header = ConsoleView.render(model(), world, width: 80, height: 24).lines[0]
        #expect(header.contains("unacked 3"), "\(header)")
        #expect(header.contains("IV:1"), "the highest level in play: \(header)")
        #expect(header.contains("⚠ RED rainstorm: Fangshan, Mentougou +1"), "\(header)")
        #expect(header.contains("RESP II Mentougou"), "short, but there: \(header)")
        #expect(DisplayWidth.of(header) == 80)
        let wide = ConsoleView.render(model(), world, width: 200, height: 50).lines[0]
        #expect(wide.contains("FLOOD RESPONSE II: Mentougou") && wide.contains("I:0") && wide.contains("li.na"), "\(wide)")
    }
}

extension UpdateTests {
    @Test func aWallConsoleAsksBeforeQuitting() {
        var m = model()
        m.confirmQuit = true
        #expect(m.update(.key(.char("q")), world: Self.world) == [])
        #expect(m.message?.text.contains("q again") == true)
        _ = m.update(.key(.char("j")), world: Self.world)  // anything else: the question is off
        #expect(m.update(.key(.char("q")), world: Self.world) == [])
        #expect(m.update(.key(.char("q")), world: Self.world) == [.quit])
        var plain = model()
        #expect(plain.update(.key(.char("q")), world: Self.world) == [.quit])
    }
}

enum JointPlanFixtures {
    /// A plan with nothing in it: the plan for no incidents.
    static func empty(_ w: ConsoleWorld) -> JointPlan { w.state.jointPlan(for: [], plans: w.plans, grid: w.grid) }
}

extension UpdateTests {
    /// Trouble with the store is the one thing the header must show, however long its text.
    @Test func aLongStoreTroubleIsCutNeverDropped() {
        var m = model()
        let long = Bilingual(String(repeating: "the store failed SQLite's quick check; nothing will be written ", count: 4), String(repeating: "事件库未通过完整性检查；", count: 8))
        _ = m.update(.storeTrouble(long), world: Self.world)
        var w = Self.world
        w.storeHealth = Bilingual("STORE: " + long.en, "存储：" + long.zh)
        for width in [80, 160] {
            let header = ConsoleView.render(m, w, width: width, height: 30).lines[0]
            #expect(header.contains("STORE"), "\(width): \(header)")
            #expect(DisplayWidth.of(header) == width)
        }
    }
}
