import CommandModel
import Foundation
import Testing

@Suite("Authority to change response levels")
struct AuthorityTests {
    /// An actor holding exactly one role, with someone named on call for each role.
    func actor(_ role: DutyRole?) -> Actor {
        Actor(
            login: "x", person: nil, roles: role.map { [$0] } ?? [],
            onCallNow: [.commander: [Bilingual("Wang Lei", "王磊")], .onCallLeader: [Bilingual("Zhao Min", "赵敏")], .dutyOfficer: [Bilingual("Li Na", "李娜")]])
    }

    func scenario(at level: ResponseLevel) -> Scenario {
        var s = Scenario()
        s.run(.incident(.report(NewIncident(type: .fire, place: .cell(Cell(x: 1, y: 1))))))
        if level > .none { s.run(.incident(.setLevel(IncidentID(1), level, reason: "setup"))) }
        return s
    }

    /// Who may move a level from `from` to `to` by the standard matrix: the authority of the
    /// higher of the two (raising needs the new level's, lowering the old one's).
    func allowed(_ role: DutyRole, _ from: ResponseLevel, _ to: ResponseLevel) -> Bool {
        switch max(from, to) {
        case .none, .iv: [.dutyOfficer, .onCallLeader, .commander].contains(role)
        case .iii: [.onCallLeader, .commander].contains(role)
        case .ii, .i: role == .commander
        }
    }

    @Test(arguments: DutyRole.allCases, ResponseLevel.allCases)
    func everyRoleAgainstEveryLevelChange(role: DutyRole, from: ResponseLevel) {
        for to in ResponseLevel.allCases where to != from {
            var s = scenario(at: from)
            var context = s.context
            context.actor = actor(role)
            let result: Result<[Event], Rejection>
            do throws(Rejection) { result = .success(try decide(.incident(.setLevel(IncidentID(1), to, reason: "r")), s.state, context)) } catch { result = .failure(error) }
            let expected = role != .viewer && allowed(role, from, to)
            switch result {
            case .success: #expect(expected, "\(role) moved \(from) → \(to) without authority")
            case let .failure(r):
                #expect(!expected, "\(role) was refused \(from) → \(to): \(r.message.en)")
                guard case .notAuthorized = r else { Issue.record("wrong rejection \(r)"); continue }
            }
            s.exercise = nil
        }
    }

    @Test func aRefusalSaysWhoCanDoItNow() {
        let s = scenario(at: .iii)
        var context = s.context
        context.actor = actor(.dutyOfficer)
        do throws(Rejection) {
            _ = try decide(.incident(.setLevel(IncidentID(1), .ii, reason: "12 dead")), s.state, context)
            Issue.record("a duty officer declared level II")
        } catch {
            #expect(error.message.en == "to raise INC-0001 to level II needs a commander: on call now: Wang Lei")
            #expect(error.message.zh == "将 INC-0001 提升至 II 级需要指挥长：当前值班：王磊")
        }
    }

    @Test func closingLevelIOrIINeedsACommander() {
        for level in [ResponseLevel.ii, .i] {
            var s = scenario(at: level)
            s.run(.incident(.acknowledge(IncidentID(1))), .incident(.setStatus(IncidentID(1), .responding)), .incident(.setStatus(IncidentID(1), .contained)))
            var context = s.context
            context.actor = actor(.onCallLeader)
            #expect(throws: Rejection.self) { try decide(.incident(.close(IncidentID(1), summary: "done")), s.state, context) }
            context.actor = actor(.commander)
            #expect((try? decide(.incident(.close(IncidentID(1), summary: "done")), s.state, context)) != nil)
        }
    }

    @Test func someoneNotOnTheRosterCanOnlyView() {
        let s = scenario(at: .none)
        var context = s.context
        context.actor = actor(nil)
        do throws(Rejection) {
            _ = try decide(.incident(.acknowledge(IncidentID(1))), s.state, context)
            Issue.record("an operator with no role acted")
        } catch {
            #expect(error.message.en.hasPrefix("to change anything needs a duty officer"))
        }
    }
}
