import CommandModel
import Foundation
import Testing

/// The repository root, found from this file's path.
let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The plan book shipped in Resources/plans, loaded once.
let shippedPlans: PlanBook = {
    let dir = repoRoot.appendingPathComponent("Resources/plans")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.filter { $0.hasSuffix(".yaml") }.sorted() ?? []
    let files = names.map { ($0, (try? String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8)) ?? "") }
    let (book, issues) = PlanBook.load(files: files)
    precondition(issues.isEmpty, "shipped plans have issues: \(issues)")
    return book
}()

/// The shipped plans graded by one jurisdiction's criteria only (`national`, `beijing`), or
/// with the shipped centre's outside rule changed.
func plans(criteria: [String]? = nil, outside: CentreRules.Outside? = nil) -> PlanBook {
    var book = shippedPlans
    if let criteria { book.centre.criteria = criteria }
    if let outside { book.centre.outside = outside }
    return book
}

/// The shipped Beijing map's grid and its boundary polygons, loaded once.
let shippedMap: (grid: Grid, places: Places) = {
    func read(_ name: String) -> String { (try? String(contentsOf: repoRoot.appendingPathComponent("Resources/maps/" + name), encoding: .utf8)) ?? "" }
    let (map, mapIssues) = OneMap.parse(read("beijing.map"), file: "beijing.map")
    let (places, placeIssues) = Places.parse(read("beijing.places"), file: "beijing.places")
    guard let map, let places else { preconditionFailure("shipped map files have issues: \(mapIssues + placeIssues)") }
    return (map.grid(), places)
}()

let t0 = Date(timeIntervalSince1970: 1_785_000_000)  // a fixed moment in 2026

/// A 20x10 test grid: plain, a river down column 10 with a bridge (road) at row 5,
/// two districts split at the river.
func smallGrid() -> Grid {
    var g = Grid(
        width: 20, height: 10, box: GeoBox(north: 40.1, south: 39.9, west: 116.2, east: 116.6),
        districts: [
            District(code: "1", slug: "west", name: Bilingual("West", "西区")),
            District(code: "2", slug: "east", name: Bilingual("East", "东区")),
        ])
    for y in 0..<10 {
        for x in 0..<20 {
            let c = Cell(x: x, y: y)
            g.set(c, district: x < 10 ? 1 : 2)
            if x == 10 { g.set(c, terrain: .water) }
        }
    }
    g.set(Cell(x: 10, y: 5), road: .road)
    return g
}

/// Given/when/then over the decider, with a fixed clock and operator.
struct Scenario {
    var state = CommandState()
    var now = t0
    var operatorName = "li.na"
    var exercise: String?
    var plans = shippedPlans
    var grid: Grid? = smallGrid()
    var places: Places?
    private var sequence: Int64 = 0

    var context: DecisionContext { DecisionContext(now: now, operatorName: operatorName, exercise: exercise, plans: plans, grid: grid, places: places) }

    mutating func given(_ events: [Event]) {
        for e in events {
            sequence += 1
            state.apply(RecordedEvent(sequence: sequence, id: "e\(sequence)", at: now, by: operatorName, exercise: exercise, event: e))
        }
    }

    /// Decides and, when accepted, folds the events in.
    @discardableResult
    mutating func when(_ command: Command) -> Result<[Event], Rejection> {
        do throws(Rejection) {
            let events = try decide(command, state, context)
            given(events)
            return .success(events)
        } catch {
            return .failure(error)
        }
    }

    /// Decides without folding.
    func trying(_ command: Command) -> Result<[Event], Rejection> {
        do throws(Rejection) { return .success(try decide(command, state, context)) } catch { return .failure(error) }
    }

    /// Runs commands that must all succeed.
    mutating func run(_ commands: Command..., sourceLocation: SourceLocation = #_sourceLocation) {
        for c in commands {
            if case let .failure(r) = when(c) { Issue.record("\(c) was rejected: \(r.message.en)", sourceLocation: sourceLocation) }
        }
    }
}

func team(_ id: String, _ caps: [Capability], at cell: Cell) -> TeamProfile {
    TeamProfile(id: TeamID(id), name: Bilingual(id, id), capabilities: caps, base: cell)
}

extension Result where Success == [Event], Failure == Rejection {
    var rejection: Rejection? { if case let .failure(r) = self { r } else { nil } }
    var events: [Event]? { if case let .success(e) = self { e } else { nil } }
}

/// The one command a line of the grammar says (at `t0`); a test fails if it says none or several.
func line(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Command {
    let commands = try Grammar.parse(text, now: t0)
    try #require(commands.count == 1, "\(text) gives \(commands.count) commands", sourceLocation: sourceLocation)
    return commands[0]
}

/// A drill to schedule in a test: a day long from `start`, injects under "hotline".
func drillInfo(_ disclosure: DrillScenario.Disclosure, start: Date = t0) -> DrillInfo {
    DrillInfo(
        name: Bilingual("Flood drill", "防汛演练"), disclosure: disclosure, startsAt: start, endsAt: start + 86_400, seed: 1, digest: "d", sealed: "", operatorName: "hotline",
        objectives: [], injects: [])
}
