import CommandModel
import Foundation
import PropertyBased
import Testing

/// A record on the decider, tagged as the ledger tags it: each command's events as one batch,
/// in the acting drill (an inject, a drill command) or in the drill of what they touch.
private struct Record {
    var s = Scenario()
    var log: [RecordedEvent] = []

    /// Decides `command` as a player (no drill) or inside `drill`; folds and logs what it makes.
    @discardableResult
    mutating func act(_ command: Command, inDrill drill: String? = nil) -> Rejection? {
        var context = s.context
        context.exercise = drill ?? command.drill
        let events: [Event]
        do throws(Rejection) { events = try decide(command, s.state, context) } catch { return error }
        let exercise = s.state.exercise(ofBatch: events, actingIn: context.exercise)
        for e in events {
            let r = RecordedEvent(sequence: Int64(log.count + 1), id: "e\(log.count + 1)", at: s.now, by: s.operatorName, exercise: exercise, event: e)
            log.append(r)
            s.state.apply(r)
        }
        s.now += 60
        return nil
    }

    /// The state folded from the real events alone: the world as if no drill had happened.
    var withoutDrills: CommandState { CommandState.replay(log.filter { $0.exercise == nil }) }
}

/// Commands over a small world that reach real and drill objects alike (ids 1–6 of each kind).
private func action(_ n: Int) -> Command {
    let k = (n / 32) % 6 + 1
    let id = IncidentID(k)
    let rid = ResponseID(k % 3 + 1)
    let wid = WarningID(k % 3 + 1)
    let teamID = TeamID("T-\((n / 192) % 4 + 1)")
    switch n % 32 {
    case 0, 1, 2: return .incident(.report(NewIncident(type: .flood, place: .cell(Cell(x: n % 20, y: (n / 20) % 10)))))
    case 3, 4: return .incident(.acknowledge(id))
    case 5, 6, 7: return .team(.assign(teamID, to: id))
    case 8: return .team(.setStatus(teamID, TeamStatus.allCases[(n / 768) % TeamStatus.allCases.count]))
    case 9: return .team(.release(teamID))
    case 10: return .team(.setStatus(teamID, .available))
    case 11: return .incident(.setLevel(id, ResponseLevel.allCases[(n / 192) % 5], reason: "r"))
    case 12: return .incident(.close(id, summary: "done"))
    case 13, 14: return .area(.declareResponse(hazard: .flood, level: .i, districts: [], reason: "r", for: [id]))
    case 15: return .area(.declareResponse(hazard: .flood, level: .ii, districts: ["west"], reason: "r"))
    case 16, 17: return .area(.adjustResponse(rid, level: .iii, districts: ["east"], reason: "r"))
    case 18: return .area(.endResponse(rid, reason: "r"))
    case 19: return .area(.joinResponse(id, rid))
    case 20, 21: return .area(.issueWarning(hazard: .rainstorm, color: .red, districts: [], authority: "BMO", expires: nil))
    case 22: return .area(.liftWarning(wid, reason: "r"))
    case 23: return .incident(.linkCause(id, cause: IncidentID((n / 192) % 6 + 1)))
    case 24: return .incident(.setStatus(id, .onScene))
    case 25: return .incident(.addNote(id, text: "note"))
    case 26: return .team(.register(team("T-9", [.medical], at: Cell(x: 1, y: 1))))
    case 27: return .team(.retire(teamID, reason: "r"))
    case 28: return .incident(.report(NewIncident(type: .flood, place: .cell(Cell(x: 3, y: 3)), causedBy: id)))
    case 29: return .incident(.updateFigures(id, FigureUpdate([.deaths: (n / 192) % 40])))
    default:
        // The resources: shelters, supplies and mutual aid, for real and drill incidents alike.
        let sh = FacilityID("SH-\((n / 64) % 2 + 1)")
        let req = "REQ-\(k % 3 + 1)", aid = "AID-\(k % 3 + 1)"
        switch (n / 32) % 16 {
        case 0: return .shelter(.open(sh, reason: "r", for: (n / 512) % 2 == 0 ? id : nil))
        case 1: return .shelter(.close(sh, reason: "r", for: (n / 512) % 2 == 0 ? id : nil))
        case 2, 3: return .shelter(.checkIn(sh, count: (n / 512) % 40 + 1, for: (n / 2048) % 2 == 0 ? id : nil))
        case 4: return .shelter(.checkOut(sh, count: (n / 512) % 20 + 1, for: (n / 2048) % 2 == 0 ? id : nil))
        case 5, 6: return .supply(.request(incident: id, shelter: nil, items: [ItemQuantity("sandbags", (n / 512) % 50 + 1)], priority: .high, neededBy: nil))
        case 7: return .supply(.approve(req))
        case 8: return .supply(.commit(req, depot: FacilityID("DP-1"), items: [ItemQuantity("sandbags", (n / 512) % 30 + 1)]))
        case 9: return .supply(.dispatch(req, depot: FacilityID("DP-1")))
        case 10: return .supply(.deliver(req, depot: FacilityID("DP-1")))
        case 11: return .aid(.request(incident: id, to: "hebei", capabilities: [CapabilityCount(.floodRescue, 1)], items: [], meet: .cell(Cell(x: 2, y: 2)), neededBy: nil))
        case 12: return .aid(.offer(aid, AidOffer(from: "hebei", teams: [team("HB-\((n / 512) % 3)", [.floodRescue], at: Cell(x: 2, y: 2))], eta: nil)))
        case 13: return .aid(.accept(aid, offer: 1))
        case 14: return .aid(.release(aid, reason: "r"))
        default: return .team(.assign(TeamID("HB-\((n / 512) % 3)"), to: id))
        }
    }
}

@Suite("Drills never touch the real record")
struct ExerciseIsolationTests {
    /// Any scenario, any player actions: the real part of the state equals the state folded
    /// from the real events alone, at every step and after the stand-down; and the stand-down
    /// leaves the drill nothing in force.
    @Test func theRealStateIsTheStateWithoutTheDrill() async {
        let gen = Gen.int(in: 0...1_000_000).array(of: 0...90)
        await propertyCheck(count: 300, input: gen, Gen.bool) { numbers, blind in
            var r = Record()
            for i in 1...4 { r.act(.team(.register(team("T-\(i)", [.floodRescue], at: Cell(x: i, y: i))))) }
            r.act(.incident(.report(NewIncident(type: .flood, place: .cell(Cell(x: 2, y: 2))))))
            r.act(.area(.declareResponse(hazard: .flood, level: .iii, districts: ["west"], reason: "real rain")))
            r.act(.area(.issueWarning(hazard: .rainstorm, color: .yellow, districts: [], authority: "BMO", expires: nil)))
            for l in [
                "facility add SH-1 shelter at cell:3,3 name \"School\" capacity 60", "facility add SH-2 shelter at cell:14,3 name \"Gym\" capacity 40",
                "facility add DP-1 depot at cell:5,5 name \"Depot\"", "stock DP-1 in sandbags 200", "shelter SH-1 open real rain",
            ] {
                if let c = try? Grammar.parse(l, now: t0).first { r.act(c) }
            }
            r.act(.drill(.schedule(drillInfo(blind ? .blind : .marked))))
            guard let drill = r.s.state.drills.keys.first else { Issue.record("no drill"); return }
            for (step, n) in numbers.enumerated() {
                let command = action(n)
                if n % 3 == 0 {
                    r.act(.drill(.fireInject(drill: drill, inject: "i\(step)", commands: [command], line: "x", expect: .init(), contingency: false)))
                } else {
                    r.act(command)
                }
                #expect(r.s.state.real == r.withoutDrills.real, "after \(command)")
            }
            #expect(r.act(.drill(.end(drill: drill, reason: "over", aborted: false))) == nil)
            #expect(r.s.state.real == r.withoutDrills.real)
            #expect(r.s.state.responses.values.filter { $0.exercise == drill && $0.isActive }.isEmpty)
            #expect(r.s.state.warnings.values.filter { $0.exercise == drill && $0.lifted == nil }.isEmpty)
            #expect(r.s.state.activeIncidents.filter { $0.exercise == drill }.isEmpty)
            #expect(r.s.state.drills.values.allSatisfy { $0.borrowed.isEmpty })
            #expect(r.s.state.shelters.values.allSatisfy { $0.exercise.isEmpty && $0.exerciseOpen.isEmpty })
            #expect(r.s.state.stock.values.allSatisfy { $0.values.allSatisfy { $0.exercise.isEmpty } })
        }
    }

    /// The collision drill: injects that name real ids are refused, whatever they ask.
    @Test func injectsNamingRealObjectsAreRefused() {
        var r = Record()
        r.act(.team(.register(team("T-1", [.floodRescue], at: Cell(x: 1, y: 1)))))
        r.act(.incident(.report(NewIncident(type: .flood, place: .cell(Cell(x: 2, y: 2))))))
        r.act(.area(.declareResponse(hazard: .flood, level: .iii, districts: ["west"], reason: "real rain")))
        r.act(.area(.issueWarning(hazard: .rainstorm, color: .yellow, districts: [], authority: "BMO", expires: nil)))
        r.act(.drill(.schedule(drillInfo(.blind))))
        let before = r.s.state.real
        let drill = "DRL-1"
        func inject(_ c: Command) -> Rejection? {
            r.act(.drill(.fireInject(drill: drill, inject: "x", commands: [c], line: "x", expect: .init(), contingency: false)))
        }
        let rsp = ResponseID(1), wrn = WarningID(1), inc = IncidentID(1), t1 = TeamID("T-1")
        #expect(inject(.area(.adjustResponse(rsp, level: .i, districts: [], reason: "x"))) == .notTheDrills("RSP-1", exercise: nil))
        #expect(inject(.area(.endResponse(rsp, reason: "x"))) == .notTheDrills("RSP-1", exercise: nil))
        #expect(inject(.area(.liftWarning(wrn, reason: "x"))) == .notTheDrills("WRN-1", exercise: nil))
        #expect(inject(.incident(.acknowledge(inc))) == .exerciseMismatch(inc, exercise: nil))
        #expect(inject(.area(.joinResponse(inc, rsp))) == .notTheDrills("RSP-1", exercise: nil))
        #expect(inject(.team(.assign(t1, to: inc))) == .notInDrill(Bilingual("dispatch a team", "调派队伍")))
        #expect(inject(.team(.setStatus(t1, .outOfService))) == .notTheDrills("T-1", exercise: nil))
        #expect(inject(.team(.retire(t1, reason: "x"))) == .notInDrill(Bilingual("retire a team", "注销队伍")))
        #expect(inject(.roster(.adopt(digest: String(repeating: "a", count: 64), source: "x"))) == .notInDrill(Bilingual("adopt a roster", "采用值班表")))
        #expect(inject(.drill(.end(drill: drill, reason: "x", aborted: true))) == .notInDrill(Bilingual("run drill commands", "执行演练控制指令")))
        #expect(r.s.state.real == before)
    }

    /// A player in a blind drill declares Level I for the drill's flood: the response is the
    /// drill's, ends with it, and a real incident cannot be tied to it.
    @Test func aResponseDeclaredForADrillsIncidentIsTheDrills() {
        var r = Record()
        r.act(.team(.register(team("T-1", [.floodRescue], at: Cell(x: 1, y: 1)))))
        r.act(.incident(.report(NewIncident(type: .flood, place: .cell(Cell(x: 2, y: 2))))))  // real INC-1
        r.act(.drill(.schedule(drillInfo(.blind))))
        let flood = NewIncident(type: .flood, place: .cell(Cell(x: 4, y: 4)))
        r.act(.drill(.fireInject(drill: "DRL-1", inject: "flood", commands: [.incident(.report(flood))], line: "x", expect: .init(), contingency: false)))
        let drillFlood = IncidentID(2)
        #expect(r.s.state.incidents[drillFlood]?.exercise == "DRL-1")
        // The player acknowledges, dispatches a real team, declares Level I for the flood.
        r.act(.incident(.acknowledge(drillFlood)))
        r.act(.team(.assign(TeamID("T-1"), to: drillFlood)))
        #expect(r.act(.area(.declareResponse(hazard: .flood, level: .i, districts: [], reason: "the flood", for: [drillFlood]))) == nil)
        #expect(r.s.state.responses[ResponseID(1)]?.exercise == "DRL-1")
        #expect(r.log.last?.exercise == "DRL-1")
        // Mixing records is refused, either way round.
        #expect(r.act(.area(.joinResponse(IncidentID(1), ResponseID(1)))) == .mixesRecords("INC-0001", "RSP-1"))
        #expect(r.act(.area(.declareResponse(hazard: .flood, level: .i, districts: [], reason: "x", for: [IncidentID(1), drillFlood]))) == .mixesRecords("INC-0001", "INC-0002"))
        #expect(r.act(.incident(.linkCause(IncidentID(1), cause: drillFlood))) == .mixesRecords("INC-0001", "INC-0002"))
        // The team is on the drill's incident; the real picture shows it as it was.
        #expect(r.s.state.teams[TeamID("T-1")]?.incident == drillFlood)
        #expect(r.s.state.real.teams[TeamID("T-1")]?.status == .available)
        r.act(.drill(.end(drill: "DRL-1", reason: "over", aborted: false)))
        #expect(r.s.state.responses[ResponseID(1)]?.isActive == false)
        let t = r.s.state.teams[TeamID("T-1")]
        #expect(t?.status == .available && t?.incident == nil && t?.since == t0)
        #expect(r.s.state.real == r.withoutDrills.real)
    }

    /// The resources through the same harness, with real and drill incidents at level II so that
    /// most commands land: every shelter, supply and mutual-aid action, by players and injects,
    /// then the stand-down; the real part equals the record without the drill at every step.
    @Test func resourcesInADrillLeaveTheRealRecordAsItWas() throws {
        var r = Record()
        for i in 1...2 { r.act(.team(.register(team("T-\(i)", [.floodRescue], at: Cell(x: i, y: i))))) }
        for l in [
            "facility add SH-1 shelter at cell:3,3 name \"School\" capacity 60", "facility add SH-2 shelter at cell:14,3 name \"Gym\" capacity 40",
            "facility add DP-1 depot at cell:5,5 name \"Depot\"", "stock DP-1 in sandbags 200", "shelter SH-1 open real rain", "report flood at cell:2,2",
            "ack INC-0001", "level INC-0001 II real", "shelter SH-1 in 20 for INC-0001", "supply request INC-0001 sandbags=50",
        ] { try #require(r.act(try line(l)) == nil, "\(l)") }
        try #require(r.act(.drill(.schedule(drillInfo(.blind)))) == nil)
        let drill = "DRL-1"
        func inject(_ l: String) throws -> Rejection? {
            r.act(.drill(.fireInject(drill: drill, inject: "i\(r.log.count)", commands: [try line(l)], line: l, expect: .init(), contingency: false)))
        }
        #expect(try inject("report flood at cell:4,4") == nil)  // INC-0002, the drill's
        var accepted = 0
        for l in [
            "ack INC-0002", "level INC-0002 II drill", "shelter SH-2 open for INC-0002 drill", "shelter SH-2 in 30 for INC-0002", "shelter SH-1 in 10 for INC-0002",
            "shelter SH-1 out 5 for INC-0002", "supply request INC-0002 sandbags=80", "supply approve REQ-2", "supply commit REQ-2 DP-1 sandbags=60",
            "supply send REQ-2 DP-1", "supply deliver REQ-2 DP-1", "aid request INC-0002 hebei teams flood-rescue=1 at cell:2,2",
            "aid offer AID-1 from hebei team HB-1 flood-rescue \"Hebei 1\"", "aid accept AID-1", "assign INC-0002 HB-1", "assign INC-0002 T-1",
            "team HB-1 en-route", "supply approve REQ-1", "supply commit REQ-1 DP-1 sandbags=50",
        ] {
            if r.act(try line(l)) == nil { accepted += 1 }
            #expect(r.s.state.real == r.withoutDrills.real, "after \(l)")
        }
        #expect(accepted >= 17, "most of the resource actions landed (\(accepted))")
        #expect(try inject("shelter SH-2 out 10 for INC-0002") == nil)
        #expect(r.act(.drill(.end(drill: drill, reason: "over", aborted: false))) == nil)
        #expect(r.s.state.real == r.withoutDrills.real)
        #expect(r.s.state.shelterStatus(FacilityID("SH-2"), at: t0) == .closed)
        #expect(r.s.state.shelters[FacilityID("SH-1")]?.inside == 20)
        #expect(r.s.state.stock[FacilityID("DP-1")]?["sandbags"] == StockLine(quantity: 200, committed: 50))
        #expect(r.s.state.teams[TeamID("HB-1")] == nil && r.s.state.teams[TeamID("T-1")]?.status == .available)
    }
}
