import CommandModel
import ConsoleUI
@_exported import DecisionHubTestSupport
import EventLog
import Foundation
import Testing

/// 2026-07-31 10:42 in Beijing: a fixed clock for every screen test.
let fixedNow = Date(timeIntervalSince1970: 1_785_465_720)

/// A fresh store (in memory: the store's own tests use SQLite) with the sample teams and a few
/// incidents of a flood night, all at fixed times and ids.
func floodNight(_ dir: TempDir, incidents: Bool = true) throws -> Ledger {
    let f = Resources.shared
    var n = 0
    let ledger = try Ledger(
        store: InMemoryEventStore(), plans: f.plans, grid: f.grid,
        newID: {
            n += 1; return "ev-\(n)"
        })
    try ledger.execute(f.city.teams.map { .team(.register($0)) }, operatorName: "setup", now: { fixedNow.addingTimeInterval(-3600) })
    guard incidents else { return ledger }
    let lines = [
        "report gas-explosion at gcj02:39.9500,116.3500 title \"Gas blast in a flooded basement\" deaths=12 seriously-injured=5",
        "report flood at gcj02:39.9400,116.0400 title \"Flash flood, Yanchi\" deaths=2 missing=5",
        "report waterlogging at gcj02:39.8995,116.4420 title \"Guangqumen underpass flooded\" injured=1",
        "report landslide at gcj02:39.7800,115.8200 title \"Landslide cuts G108\" injured=3",
        "ack INC-0003",
        "level INC-0003 IV underpass closed",
    ]
    for (k, line) in lines.enumerated() {
        try ledger.execute(try Grammar.parse(line, now: fixedNow), operatorName: "li.na", now: { fixedNow.addingTimeInterval(Double(k - lines.count) * 60) })
    }
    return ledger
}

func makeRunner(_ ledger: Ledger, width: Int, height: Int, language: Language = .en, script: [TerminalInput] = []) -> (ConsoleRunner, TestTerminal) {
    let f = Resources.shared
    let terminal = TestTerminal(width: width, height: height, script: script)
    let centre = f.grid.cell(for: GeoPoint(lat: 39.905, lon: 116.397)) ?? Cell(x: 0, y: 0)
    var model = ConsoleModel(language: language, glyphs: .unicode, operatorName: "li.na", centre: centre)
    model.bell = true
    let runner = ConsoleRunner(terminal: terminal, backend: ledger, map: f.map, facilities: f.city.facilities, model: model, clock: { fixedNow })
    return (runner, terminal)
}

/// Compares a screen with a stored snapshot; writes it when missing or when
/// DECISION_HUB_RECORD=1, and shows a line diff on failure.
func assertSnapshot(_ screen: Screen, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = repoRoot.appendingPathComponent("Tests/ConsoleUITests/Snapshots/\(name).txt")
    let actual = screen.trimmedLines.joined(separator: "\n") + "\n"
    let record = ProcessInfo.processInfo.environment["DECISION_HUB_RECORD"] == "1"
    guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        if !record { Issue.record(Comment(rawValue: "recorded a new snapshot \(name); check it in and run again"), sourceLocation: sourceLocation) }
        return
    }
    guard expected != actual else { return }
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false), a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var diff: [String] = []
    for k in 0..<max(e.count, a.count) where (k < e.count ? e[k] : "") != (k < a.count ? a[k] : "") {
        let old = k < e.count ? String(e[k]) : "", new = k < a.count ? String(a[k]) : ""
        diff.append("line \(k + 1):\n- \(old)\n+ \(new)")
    }
    let shown = diff.prefix(12).joined(separator: "\n")
    Issue.record(Comment(rawValue: "snapshot \(name) differs (re-record with DECISION_HUB_RECORD=1):\n\(shown)"), sourceLocation: sourceLocation)
}

extension Screen {
    func contains(_ text: String) -> Bool { lines.contains { $0.contains(text) } }
}

/// Expects text on the screen; on failure shows the screen as lines, not as cells.
func expectOnScreen(_ screen: Screen, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    if !screen.contains(text) {
        Issue.record(Comment(rawValue: "'\(text)' is not on the screen:\n" + screen.trimmedLines.joined(separator: "\n")), sourceLocation: sourceLocation)
    }
}

/// One step of a key script: typed text, or a named key.
enum Step: ExpressibleByStringLiteral {
    case text(String)
    case key(Key)
    init(stringLiteral value: String) { self = .text(value) }
    static let enter = Step.key(.enter)
    static let escape = Step.key(.escape)
}

/// A key script: `keys(":", "ack INC-1", .enter)`.
func keys(_ steps: Step...) -> [TerminalInput] {
    var out: [TerminalInput] = []
    for s in steps {
        switch s {
        case let .text(t): out += TerminalInput.typing(t)
        case let .key(k): out.append(.key(k))
        }
    }
    return out
}
