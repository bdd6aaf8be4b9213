import CommandModel
import Foundation
import Testing

/// The authority table, written out by hand for every command against every role: a reader can
/// check it against the centre's rules, and the decider must agree with it cell by cell.
@Suite("Who may do what: every command × every role")
struct AuthorityTableTests {
    static let officers: Set<DutyRole> = [.dutyOfficer, .onCallLeader, .commander, .drillCoordinator]
    static let leaders: Set<DutyRole> = [.onCallLeader, .commander]
    static let commander: Set<DutyRole> = [.commander]
    static let coordinators: Set<DutyRole> = [.drillCoordinator]
    static let everyone = Set(DutyRole.allCases)

    /// A night in progress, built without a roster: INC-0001 acknowledged at level II,
    /// INC-0002 closed at level II, INC-0003 acknowledged at IV, response RSP-1 at level II,
    /// warning WRN-1, a page, team FR-1 available, a drill DRL-1 running.
    static let night: Scenario = {
        var s = Scenario()
        s.run(
            .team(.register(TeamProfile(id: TeamID("FR-1"), name: Bilingual("FR-1", "FR-1"), capabilities: [.floodRescue], base: Cell(x: 1, y: 1)))),
            .incident(.report(NewIncident(type: .flood, place: .cell(Cell(x: 2, y: 2))))), .incident(.acknowledge(IncidentID(1))),
            .incident(.setLevel(IncidentID(1), .ii, reason: "setup")),
            .incident(.report(NewIncident(type: .fire, place: .cell(Cell(x: 3, y: 3))))), .incident(.acknowledge(IncidentID(2))),
            .incident(.setLevel(IncidentID(2), .ii, reason: "setup")), .incident(.setStatus(IncidentID(2), .responding)), .incident(.setStatus(IncidentID(2), .contained)),
            .incident(.close(IncidentID(2), summary: "out")),
            .incident(.report(NewIncident(type: .flood, place: .cell(Cell(x: 4, y: 4))))), .incident(.acknowledge(IncidentID(3))),
            .incident(.setLevel(IncidentID(3), .iv, reason: "setup")),
            .area(.declareResponse(hazard: .flood, level: .ii, districts: [], reason: "setup")),
            .facility(.register(NewFacility(id: FacilityID("SH-1"), kind: .shelter, name: Bilingual("Park", "公园"), place: .cell(Cell(x: 6, y: 6)), capacity: 100))),
            .facility(.register(NewFacility(id: FacilityID("SH-2"), kind: .shelter, name: Bilingual("School", "学校"), place: .cell(Cell(x: 7, y: 6)), capacity: 100))),
            .shelter(.open(FacilityID("SH-2"), reason: "setup")), .shelter(.checkIn(FacilityID("SH-2"), count: 10, for: nil)),
            .facility(.register(NewFacility(id: FacilityID("DP-2"), kind: .depot, name: Bilingual("Depot", "仓库"), place: .cell(Cell(x: 8, y: 6))))),
            .supply(.receive(FacilityID("DP-2"), ItemQuantity("sandbags", 100), note: "")),
            .supply(.request(incident: IncidentID(1), shelter: nil, items: [ItemQuantity("sandbags", 50)], priority: .high, neededBy: nil)),
            .aid(.request(incident: IncidentID(1), to: "hebei", capabilities: [CapabilityCount(.floodRescue, 1)], items: [], meet: .cell(Cell(x: 3, y: 3)), neededBy: nil)),
            .aid(.offer("AID-1", AidOffer(from: "hebei", teams: [team("HB-1", [.floodRescue], at: Cell(x: 3, y: 3))], eta: nil))),
            .area(.issueWarning(hazard: .rainstorm, color: .blue, districts: [], authority: "BMO", expires: nil)),
            .paging(.send(incident: IncidentID(1), policy: "p", trigger: .unacknowledged, index: 0, person: "li-na", role: .dutyOfficer)),
            .drill(
                .schedule(
                    DrillInfo(
                        name: Bilingual("d", "d"), disclosure: .marked, startsAt: t0, endsAt: t0.addingTimeInterval(3600), seed: 1, digest: "x", sealed: "", operatorName: "d", objectives: [],
                        injects: ["a"])))
        )
        return s
    }()

    /// Every command there is (one of each case), and the roles that may give it tonight.
    static let table: [(Command, Set<DutyRole>)] = [
        (.incident(.report(NewIncident(type: .fire, place: .cell(Cell(x: 5, y: 5))))), officers),
        (.incident(.acknowledge(IncidentID(3))), officers),
        (.incident(.verify(IncidentID(1))), officers),
        (.incident(.updateFigures(IncidentID(1), FigureUpdate([.deaths: 1]))), officers),
        (.incident(.setLevel(IncidentID(1), .i, reason: "r")), commander),  // raising to I
        (.incident(.setLevel(IncidentID(1), .iv, reason: "r")), commander),  // lowering from II
        (.incident(.setLevel(IncidentID(3), .iii, reason: "r")), leaders),  // raising to III
        (.incident(.setStatus(IncidentID(1), .responding)), officers),
        (.incident(.cancel(IncidentID(3), reason: "r")), [.dutyOfficer, .onCallLeader, .commander]),  // a level IV incident: the close matrix
        (.incident(.markFalseAlarm(IncidentID(1), reason: "r")), commander),  // a level II incident
        (.incident(.close(IncidentID(1), summary: "s")), commander),
        (.incident(.reopen(IncidentID(2), reason: "r")), commander),  // closed at level II
        (.incident(.linkCause(IncidentID(3), cause: IncidentID(1))), officers),
        (.incident(.completeChecklistItem(IncidentID(1), item: "notify-district")), officers),
        (.incident(.addNote(IncidentID(1), text: "n")), officers),
        (.incident(.fileReport(IncidentID(1), stage: "city-phone")), officers),
        (.team(.register(TeamProfile(id: TeamID("FR-2"), name: Bilingual("FR-2", "FR-2"), capabilities: [.medical], base: Cell(x: 1, y: 1)))), officers),
        (.team(.update(TeamProfile(id: TeamID("FR-1"), name: Bilingual("FR-1", "一队"), capabilities: [.floodRescue], base: Cell(x: 1, y: 1)))), officers),
        (.team(.retire(TeamID("FR-1"), reason: "disbanded")), officers),
        (.team(.assign(TeamID("FR-1"), to: IncidentID(1))), officers),
        (.team(.setStatus(TeamID("FR-1"), .outOfService)), officers),
        (.team(.release(TeamID("FR-1"))), officers),
        (.area(.declareResponse(hazard: .fire, level: .iii, districts: [], reason: "r")), leaders),
        (.area(.adjustResponse(ResponseID(1), level: .iv, districts: [], reason: "r")), commander),  // down from II
        (.area(.endResponse(ResponseID(1), reason: "r")), commander),  // a level II response
        (.area(.joinResponse(IncidentID(1), ResponseID(1))), officers),
        (.area(.issueWarning(hazard: .flood, color: .yellow, districts: [], authority: "BMO", expires: nil)), officers),
        (.area(.liftWarning(WarningID(1), reason: "r")), officers),
        (.paging(.send(incident: IncidentID(3), policy: "p", trigger: .unacknowledged, index: 0, person: "li-na", role: .dutyOfficer)), everyone),
        (.paging(.acknowledge("INC-0001/p/0/li-na")), officers),
        (.paging(.recordNotify(page: "INC-0001/p/0/li-na", attempt: 1, error: nil)), everyone),
        (
            .drill(
                .schedule(
                    DrillInfo(
                        name: Bilingual("e", "e"), disclosure: .blind, startsAt: t0, endsAt: t0.addingTimeInterval(60), seed: 2, digest: "y", sealed: "", operatorName: "e", objectives: [], injects: []
                    ))), coordinators
        ),
        (.drill(.fireInject(drill: "DRL-1", inject: "a", commands: [], line: "", expect: DrillScenario.Expectation(), contingency: false)), coordinators),
        (.drill(.skipInject(drill: "DRL-1", inject: "a", reason: .notNeeded(watching: "x"))), coordinators),
        (.drill(.end(drill: "DRL-1", reason: "r", aborted: true)), coordinators),
        (.roster(.adopt(digest: String(repeating: "ab", count: 32), source: "roster.yaml")), commander),
        (.team(.add(NewTeam(id: TeamID("MD-9"), name: Bilingual("Medics", "医疗队"), capabilities: [.medical], place: .cell(Cell(x: 2, y: 2))))), officers),
        (.team(.change(TeamID("FR-1"), TeamChange(capabilities: [.floodRescue, .medical]))), officers),
        (.facility(.register(NewFacility(id: FacilityID("DP-1"), kind: .depot, name: Bilingual("Depot", "仓库"), place: .cell(Cell(x: 7, y: 7))))), officers),
        (.facility(.update(FacilityID("SH-1"), FacilityChange(capacity: 200))), officers),
        (.facility(.retire(FacilityID("SH-1"), reason: "closed")), officers),
        (.shelter(.open(FacilityID("SH-1"), reason: "rain")), officers),
        (.shelter(.close(FacilityID("SH-2"), reason: "done")), officers),  // refused as not empty: the decider's, not authority's
        (.shelter(.checkIn(FacilityID("SH-2"), count: 5, for: IncidentID(1))), officers),
        (.shelter(.checkOut(FacilityID("SH-2"), count: 5)), officers),
        (.supply(.receive(FacilityID("DP-2"), ItemQuantity("pumps", 5), note: "")), officers),
        (.supply(.issue(FacilityID("DP-2"), ItemQuantity("sandbags", 5), note: "")), officers),
        (.supply(.setMinimum(FacilityID("DP-2"), ItemQuantity("sandbags", 50))), officers),
        (.supply(.request(incident: IncidentID(1), shelter: nil, items: [ItemQuantity("pumps", 1)], priority: .normal, neededBy: nil)), officers),
        (.supply(.approve("REQ-1")), commander),  // INC-0001 is at level II
        (.supply(.commit("REQ-1", depot: FacilityID("DP-2"), items: [ItemQuantity("sandbags", 10)])), officers),  // refused (not approved): not authority's
        (.supply(.dispatch("REQ-1", depot: FacilityID("DP-2"))), officers),
        (.supply(.deliver("REQ-1", depot: FacilityID("DP-2"))), officers),
        (.aid(.request(incident: IncidentID(1), to: "tianjin", capabilities: [CapabilityCount(.medical, 1)], items: [], meet: .cell(Cell(x: 3, y: 3)), neededBy: nil)), commander),  // level II
        (.aid(.offer("AID-1", AidOffer(from: "hebei", teams: [team("HB-2", [.floodRescue], at: Cell(x: 3, y: 3))], eta: nil))), officers),
        (.aid(.accept("AID-1", offer: 1)), commander),
        (.aid(.release("AID-1", reason: "done")), officers),  // refused (not accepted): the decider's
        (.aid(.arrived("AID-1")), officers),  // refused (not accepted): the decider's
        // The relay's: recorded on everyone's behalf, as escalation pages are.
        (
            .centre(
                .receive(AidMessage(from: "tianjin", to: "beijing", seq: 5, previous: 0, hash: String(repeating: "ab", count: 32), step: .arrived(request: "AID-9")))),
            everyone
        ),
        (.centre(.delivered(to: "hebei", seq: 99, receipt: AidReceipt(seq: 3, hash: String(repeating: "cd", count: 32)))), everyone),  // refused (nothing waiting): the decider's
        (.centre(.unreachable("hebei", lastContact: nil, reason: "no store")), everyone),
        (.centre(.reachable("hebei")), everyone),  // refused (not unreachable): the decider's
        (.centre(.shareBoard(with: "tianjin")), commander),
        (.centre(.unshareBoard(with: "tianjin")), commander),  // refused (not shared): the decider's
        (.report(.draftSitrep(IncidentID(1), stage: .first, language: .zh, text: nil)), officers),
        (.report(.approveSitrep(IncidentID(1), version: nil)), commander),  // INC-0001 is at level II
        (.report(.approveSitrep(IncidentID(3), version: nil)), leaders),  // at least an on-call leader, even at level IV
        (.report(.fileSitrep(IncidentID(1), stage: nil)), officers),  // refused (no version): the decider's
        (.handover(.accept(from: "li.na", since: nil, sha256: nil)), officers),
        (.evaluator(.observe(drill: "DRL-1", about: "a", text: "slow to acknowledge")), [.evaluator, .drillCoordinator]),
        (.evaluator(.judge(drill: "DRL-1", objective: "o", rating: .someChallenges, reason: "r")), [.evaluator, .drillCoordinator]),  // refused (running): the decider's
        (.evaluator(.score(drill: "DRL-1", inject: "a", expectation: "call-leader", outcome: .met, note: "")), [.evaluator, .drillCoordinator]),  // refused (not fired): the decider's
        // refused (no objective): the decider's
        (.improvement(.raise(drill: "DRL-1", objective: "o", text: "t", owner: "li.na", category: .training, due: t0 + 86_400)), [.evaluator, .drillCoordinator]),
        (.improvement(.setStatus("CA-1", .done, note: "")), [.evaluator, .drillCoordinator]),  // refused (none): the decider's
        (.feed(.receive(FeedReport(key: FeedKey(source: "12345", external: "A-1"), time: t0, type: .flood, place: .cell(Cell(x: 5, y: 5))))), officers),
        (.feed(.advance(FeedPosition(feed: "/var/feeds/12345.jsonl", offset: 120, line: 1, applied: 1))), officers),
        (
            .cap(
                .receive(
                    CAPMessage(
                        sender: "110000000000@bjmb.gov.cn", identifier: "A-1", sent: t0, texts: [CAPText(language: "zh-CN", event: "暴雨")], hazard: .rainstorm, color: .red, districts: [],
                        expires: nil, authority: "北京市气象台"))), officers
        ),
    ]

    func actor(_ role: DutyRole) -> Actor {
        Actor(login: "x", person: nil, roles: [role], onCallNow: [.commander: [Bilingual("Wang Lei", "王磊")]])
    }

    /// Every case of every domain, by name: an exhaustive switch, so a new command does not
    /// compile here until it is named, next to the table it must then join.
    static func caseName(_ c: Command) -> String {
        switch c {
        case let .incident(i):
            switch i {
            case .report: "report"
            case .acknowledge: "acknowledge"
            case .verify: "verify"
            case .updateFigures: "updateFigures"
            case .setLevel: "setLevel"
            case .setStatus: "setStatus"
            case .cancel: "cancel"
            case .markFalseAlarm: "markFalseAlarm"
            case .close: "close"
            case .reopen: "reopen"
            case .linkCause: "linkCause"
            case .completeChecklistItem: "completeChecklistItem"
            case .addNote: "addNote"
            case .fileReport: "fileReport"
            }
        case let .team(t):
            switch t {
            case .register: "team.register"
            case .update: "team.update"
            case .retire: "team.retire"
            case .assign: "team.assign"
            case .setStatus: "team.setStatus"
            case .release: "team.release"
            case .add: "team.add"
            case .change: "team.change"
            }
        case let .area(a):
            switch a {
            case .declareResponse: "declareResponse"
            case .adjustResponse: "adjustResponse"
            case .endResponse: "endResponse"
            case .joinResponse: "joinResponse"
            case .issueWarning: "issueWarning"
            case .liftWarning: "liftWarning"
            }
        case let .paging(p):
            switch p {
            case .send: "paging.send"
            case .acknowledge: "paging.acknowledge"
            case .recordNotify: "paging.recordNotify"
            }
        case let .drill(d):
            switch d {
            case .schedule: "drill.schedule"
            case .fireInject: "drill.fireInject"
            case .skipInject: "drill.skipInject"
            case .end: "drill.end"
            }
        case let .roster(r):
            switch r {
            case .adopt: "roster.adopt"
            }
        case let .facility(f):
            switch f {
            case .register: "facility.register"
            case .update: "facility.update"
            case .retire: "facility.retire"
            }
        case let .shelter(c):
            switch c {
            case .open: "shelter.open"
            case .close: "shelter.close"
            case .checkIn: "shelter.checkIn"
            case .checkOut: "shelter.checkOut"
            }
        case let .supply(c):
            switch c {
            case .receive: "supply.receive"
            case .issue: "supply.issue"
            case .setMinimum: "supply.setMinimum"
            case .request: "supply.request"
            case .approve: "supply.approve"
            case .commit: "supply.commit"
            case .dispatch: "supply.dispatch"
            case .deliver: "supply.deliver"
            }
        case let .aid(c):
            switch c {
            case .request: "aid.request"
            case .offer: "aid.offer"
            case .accept: "aid.accept"
            case .arrived: "aid.arrived"
            case .release: "aid.release"
            }
        case let .report(c):
            switch c {
            case .draftSitrep: "report.draftSitrep"
            case .approveSitrep: "report.approveSitrep"
            case .fileSitrep: "report.fileSitrep"
            }
        case let .handover(c):
            switch c {
            case .accept: "handover.accept"
            }
        case let .evaluator(c):
            switch c {
            case .observe: "evaluator.observe"
            case .judge: "evaluator.judge"
            case .score: "evaluator.score"
            }
        case let .improvement(c):
            switch c {
            case .raise: "improvement.raise"
            case .setStatus: "improvement.setStatus"
            }
        case let .feed(c):
            switch c {
            case .receive: "feed.receive"
            case .advance: "feed.advance"
            }
        case let .cap(c):
            switch c {
            case .receive: "cap.receive"
            }
        case let .centre(c):
            switch c {
            case .receive: "centre.receive"
            case .delivered: "centre.delivered"
            case .unreachable: "centre.unreachable"
            case .reachable: "centre.reachable"
            case .shareBoard: "centre.shareBoard"
            case .unshareBoard: "centre.unshareBoard"
            }
        }
    }

    /// The names the switch above gives, one per case: the table must have an example of each.
    static let everyCase = [
        "report", "acknowledge", "verify", "updateFigures", "setLevel", "setStatus", "cancel", "markFalseAlarm", "close", "reopen", "linkCause", "completeChecklistItem",
        "addNote", "fileReport", "team.register", "team.update", "team.retire", "team.assign", "team.setStatus", "team.release", "declareResponse", "adjustResponse",
        "endResponse", "joinResponse", "issueWarning", "liftWarning", "paging.send", "paging.acknowledge", "paging.recordNotify", "drill.schedule", "drill.fireInject",
        "drill.skipInject", "drill.end", "roster.adopt", "facility.register", "facility.update", "facility.retire", "team.add",
        "team.change", "shelter.open", "shelter.close", "shelter.checkIn", "shelter.checkOut",
        "supply.receive", "supply.issue", "supply.setMinimum", "supply.request", "supply.approve", "supply.commit", "supply.dispatch", "supply.deliver",
        "aid.request", "aid.offer", "aid.accept", "aid.release", "report.draftSitrep", "report.approveSitrep", "report.fileSitrep", "handover.accept", "evaluator.observe", "evaluator.judge",
        "evaluator.score", "improvement.raise", "improvement.setStatus", "feed.receive", "feed.advance", "cap.receive",
        "aid.arrived", "centre.receive", "centre.delivered", "centre.unreachable", "centre.reachable", "centre.shareBoard", "centre.unshareBoard",
    ]

    @Test func theTableCoversEveryCommand() {
        #expect(Set(Self.table.map { Self.caseName($0.0) }) == Set(Self.everyCase), "every case has a row in the table")
        #expect(Set(Self.everyCase).count == Self.everyCase.count)
    }

    @Test(arguments: DutyRole.allCases)
    func everyCommandAgainstARole(role: DutyRole) {
        let s = Self.night
        var context = s.context
        context.actor = actor(role)
        for (command, allowed) in Self.table {
            let refused: Rejection?
            do throws(Rejection) {
                _ = try decide(command, s.state, context)
                refused = nil
            } catch {
                refused = error
            }
            if case .notAuthorized? = refused {
                #expect(!allowed.contains(role), "\(role) was refused \(command)")
            } else {
                #expect(allowed.contains(role), "\(role) may not give \(command), but it was \(refused.map { "refused: \($0.message.en)" } ?? "accepted")")
            }
        }
    }

    /// The three gaps `default: return` hid, refused with what to do instead.
    @Test func theGapsTheOldDefaultHidAreClosed() throws {
        let s = Self.night
        var context = s.context
        context.actor = actor(.onCallLeader)
        for command: Command in [
            .area(.endResponse(ResponseID(1), reason: "over")), .area(.adjustResponse(ResponseID(1), level: .iii, districts: [], reason: "eased")),
            .incident(.reopen(IncidentID(2), reason: "again")),
        ] {
            do throws(Rejection) {
                _ = try decide(command, s.state, context)
                Issue.record("an on-call leader could \(command)")
            } catch {
                guard case let .notAuthorized(action, needs, _, _) = error else { Issue.record("\(error)"); continue }
                #expect(needs == [.commander])
                #expect(!action.zh.isEmpty && error.message.en.contains("needs a commander"), "\(error.message.en)")
            }
        }
        context.actor = actor(.commander)
        #expect(throws: Never.self) { try decide(.area(.endResponse(ResponseID(1), reason: "over")), s.state, context) }
    }
}

extension AuthorityTableTests {
    /// A typo is the decider's to refuse ("there is no response"), not a refusal of authority on
    /// the record; nor is a level left at none.
    @Test func anUnknownResponseOrANoOpLevelIsNotARefusalOfAuthority() {
        let s = Self.night
        var context = s.context
        context.actor = actor(.dutyOfficer)
        for (command, expected) in [
            (Command.area(.endResponse(ResponseID(9), reason: "r")), Rejection.unknownResponse(ResponseID(9))),
            (.area(.adjustResponse(ResponseID(9), level: .iv, districts: [], reason: "r")), .unknownResponse(ResponseID(9))),
            (.incident(.setLevel(IncidentID(9), .iii, reason: "r")), .unknownIncident(IncidentID(9))),
        ] {
            do throws(Rejection) {
                _ = try decide(command, s.state, context)
                Issue.record("\(command) was accepted")
            } catch {
                #expect(error == expected, "\(command): \(error.message.en)")
            }
        }
    }
}
