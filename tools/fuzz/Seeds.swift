// Shared by the event-decoder and snapshot targets (compiled into both): a realistic record to
// write seeds from, made by the real grammar and decider from the sample city and script.
import CommandModel
import Foundation

enum FuzzSeeds {
    static let now = Date(timeIntervalSince1970: 1_785_000_000)

    /// The sample rainstorm night decided in order (run from the checkout's root): the events
    /// recorded, and the state after each.
    static func record() -> [(event: Event, state: CommandState)] {
        guard let mapText = try? String(contentsOfFile: "Resources/maps/beijing.map", encoding: .utf8), let map = OneMap.parse(mapText, file: "beijing.map").map,
            let cityText = try? String(contentsOfFile: "Resources/sample/beijing.yaml", encoding: .utf8),
            let script = try? String(contentsOfFile: "Resources/sample/rainstorm-night.txt", encoding: .utf8)
        else { preconditionFailure("write seeds from the checkout's root (Resources/ not found)") }
        let grid = map.grid()
        let city = CityData.load(cityText, file: "beijing.yaml", grid: grid).0
        var commands: [Command] = city.teams.prefix(6).map { .team(.register($0)) }
        for line in script.split(separator: "\n") where line.hasPrefix("+") {
            guard let close = line.firstIndex(of: "]") else { continue }
            commands += (try? Grammar.parse(String(line[line.index(after: close)...]), now: now)) ?? []
        }
        commands += ["ack INC-0001", "assign INC-0003 \(city.teams.first?.id.description ?? "x")", "note INC-0002 pumps on the way", "close INC-0002 water gone"].flatMap {
            (try? Grammar.parse($0, now: now)) ?? []
        }
        var state = CommandState()
        var out: [(Event, CommandState)] = []
        for (k, c) in commands.enumerated() {
            let at = now.addingTimeInterval(Double(k))
            guard let events = try? decide(c, state, DecisionContext(now: at, operatorName: "seed", grid: grid)) else { continue }
            for e in events {
                state.apply(e, at: at, by: "seed", exercise: nil)
                out.append((e, state))
            }
        }
        return out
    }
}
