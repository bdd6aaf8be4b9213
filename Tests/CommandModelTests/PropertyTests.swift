import CommandModel
import Foundation
import PropertyBased
import Testing

/// Turns a list of numbers into a stream of commands over a small world, so that the property
/// library can generate and shrink whole histories.
func commands(from numbers: [Int]) -> [Command] {
    let teams = (1...4).map { TeamID("T-\($0)") }
    let statuses = IncidentStatus.allCases
    let teamStatuses = TeamStatus.allCases
    var out: [Command] = teams.enumerated().map { i, t in
        .team(.register(TeamProfile(id: t, name: Bilingual(t.raw, t.raw), capabilities: [[Capability.floodRescue, .medical][i % 2]], base: Cell(x: i * 4, y: i * 2))))
    }
    for n in numbers {
        let a = (n / 16) % 5 + 1
        let id = IncidentID(a)
        switch n % 16 {
        case 0, 1: out.append(.incident(.report(NewIncident(type: IncidentType.allCases[(n / 16) % IncidentType.allCases.count], place: .cell(Cell(x: n % 20, y: (n / 20) % 10))))))
        case 2: out.append(.incident(.acknowledge(id)))
        case 3, 4: out.append(.team(.assign(teams[(n / 80) % 4], to: id)))
        case 5: out.append(.incident(.setStatus(id, statuses[(n / 80) % statuses.count])))
        case 6: out.append(.team(.setStatus(teams[(n / 80) % 4], teamStatuses[(n / 320) % teamStatuses.count])))
        case 7: out.append(.team(.release(teams[(n / 80) % 4])))
        case 8: out.append(.incident(.close(id, summary: "done")))
        case 9: out.append(.incident(.reopen(id, reason: "again")))
        case 10: out.append(.incident(.setLevel(id, ResponseLevel.allCases[(n / 80) % 5], reason: "r")))
        case 11: out.append(.incident(.updateFigures(id, FigureUpdate([.deaths: (n / 80) % 40]))))
        case 12: out.append(.incident(.cancel(id, reason: "dup")))
        case 13: out.append(.incident(.linkCause(id, cause: IncidentID((n / 80) % 5 + 1))))
        case 14: out.append(.incident(.setStatus(id, .contained)))
        default:
            // A third of these: a CAP alert, update or cancel among four identifiers (an update
            // or cancel names the one before it, known or not).
            if (n / 16) % 3 == 0 { out.append(capAlert(n)) } else { out.append(.team(.setStatus(teams[(n / 80) % 4], .available))) }
        }
    }
    return out
}

/// A CAP alert of the property tests' world: identifier A-0…A-3, Alert, Update or Cancel.
func capAlert(_ n: Int) -> Command {
    let k = (n / 48) % 4
    let type = [CAPAlert.MessageType.alert, .update, .cancel][(n / 192) % 3]
    let sender = "110000000000@bjmb.gov.cn"
    let references = type == .alert ? [] : [CAPAlert.Reference(sender: sender, identifier: "A-\((k + 3) % 4)", sent: t0)]
    return .cap(
        .receive(
            CAPMessage(
                sender: sender, identifier: "A-\(k)", sent: t0, msgType: type, references: references,
                texts: [CAPText(language: "zh-CN", event: "暴雨", headline: "暴雨预警"), CAPText(language: "en-US", event: "Rainstorm")], hazard: .rainstorm,
                color: WarningColor.allCases[(n / 768) % WarningColor.allCases.count], districts: [["west"], ["east"], []][(n / 48) % 3], expires: nil, authority: "BMO")))
}

@Suite("Properties of the decider and the fold")
struct PropertyTests {
    @Test func replayingTheLogEqualsTheStateBuiltStepByStep() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...100_000).array(of: 0...120)) { numbers in
            var s = Scenario()
            var log: [RecordedEvent] = []
            for c in commands(from: numbers) {
                guard let events = try? decide(c, s.state, s.context) else { continue }
                for e in events {
                    let r = RecordedEvent(sequence: Int64(log.count + 1), id: "e\(log.count + 1)", at: s.now, by: s.operatorName, exercise: nil, event: e)
                    log.append(r)
                    s.state.apply(r)
                }
                s.now += 60
            }
            #expect(CommandState.replay(log) == s.state)
        }
    }

    @Test func noTeamIsEverOnTwoIncidents() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...100_000).array(of: 0...150)) { numbers in
            var s = Scenario()
            for c in commands(from: numbers) {
                s.when(c)
                var seen: [TeamID: IncidentID] = [:]
                for i in s.state.incidents.values {
                    for t in i.teams {
                        #expect(seen[t] == nil, "\(t) on \(seen[t].map(\.description) ?? "") and \(i.id)")
                        seen[t] = i.id
                        #expect(s.state.teams[t]?.incident == i.id)
                    }
                }
                for t in s.state.teams.values {
                    if let i = t.incident { #expect(seen[t.id] == i) }
                    #expect(t.status.isCommitted == (t.incident != nil))
                }
            }
        }
    }

    @Test func theSuggestedLevelIsMonotoneInEveryFigure() async {
        let figure = Gen.int(in: 0...3_000_000)
        await propertyCheck(count: 500, input: figure.array(of: 6...6), Gen.int(in: 0...5), Gen.int(in: 1...1_000_000)) { values, which, bump in
            let field = Figures.Field.allCases[which]
            var f = Figures()
            for (k, v) in zip(Figures.Field.allCases, values) { f[k] = v }
            var g = f
            g[field] += bump
            for type in IncidentType.allCases {
                #expect(shippedPlans.suggestion(for: type, figures: g).level >= shippedPlans.suggestion(for: type, figures: f).level)
            }
        }
    }

    @Test func cellsAndCoordinatesRoundTrip() async {
        let g = smallGrid()
        await propertyCheck(count: 500, input: Gen.int(in: 0...19), Gen.int(in: 0...9)) { x, y in
            let c = Cell(x: x, y: y)
            #expect(g.cell(for: g.centre(of: c)) == c)
        }
        await propertyCheck(count: 500, input: Gen.double(in: 39.9...40.1), Gen.double(in: 116.2...116.6)) { lat, lon in
            let p = GeoPoint(lat: lat, lon: lon)
            guard let c = g.cell(for: p) else { Issue.record("\(p) inside the box has no cell"); return }
            let centre = g.centre(of: c)
            #expect(abs(centre.lat - lat) <= 0.2 / 10 / 2 + 1e-9)
            #expect(abs(centre.lon - lon) <= 0.4 / 20 / 2 + 1e-9)
        }
    }
}
