import Foundation

extension DrillScenario {
    /// Reads and validates a scenario: every problem with its file, line and field, including
    /// command lines that do not parse and references to injects that do not come earlier.
    /// The fastest a scenario may run (an hour of scenario per wall second).
    public static let maxSpeed = 3600.0

    public static func load(_ text: String, file: String) -> (scenario: DrillScenario?, issues: [FileIssue]) {
        var r = YAMLReader(file: file)
        guard let root = r.root(text) else { return (nil, r.issues) }
        let name = r.child(root, "name").flatMap { r.bilingual($0) }
        var objectives: [Objective] = []
        if let list = r.child(root, "objectives", required: false) {
            for item in r.items(list) {
                guard let id = r.child(item, "id").flatMap({ r.string($0) }), let t = r.child(item, "text").flatMap({ r.bilingual($0) }) else { continue }
                objectives.append(Objective(id: id, text: t))
            }
        }
        var window: String?
        if let w = r.child(root, "window", required: false), let text = r.string(w) {
            if DrillWindow(parsing: text) != nil {
                window = text
            } else {
                r.fail(w, "window", Bilingual("write the window as HH:MM-HH:MM, e.g. 09:00-17:00", "窗口应写作 HH:MM-HH:MM，例如 09:00-17:00"))
            }
        }
        let disclosure = r.child(root, "disclosure").flatMap { r.value($0, "disclosure", accepted: ["marked", "blind"]) { Disclosure(rawValue: $0) } } ?? .marked
        func minutes(_ at: YAMLReader.Located) -> Int? {
            guard let t = r.string(at) else { return nil }
            let text = t.hasPrefix("+") ? String(t.dropFirst()) : t
            var minutes: Int?
            if text.hasSuffix("m"), let n = Int(text.dropLast()), n >= 0 { minutes = n }
            // Bounded before multiplying: a huge count must not overflow.
            if text.hasSuffix("h"), let n = Int(text.dropLast()), n >= 0 { minutes = n <= Limits.drillMinutes ? n * 60 : n }
            if let n = Int(text), n >= 0 { minutes = n }
            guard let minutes else {
                r.fail(at, at.path, Bilingual("'\(t)' is not a duration; write 15m or 2h", "“\(t)”不是时长；应写作 15m 或 2h"))
                return nil
            }
            guard minutes <= Limits.drillMinutes else {
                r.fail(at, at.path, Bilingual("'\(t)' is longer than a drill may run (7 days, 168h)", "“\(t)”超过演练最长时长（7 天，168h）"))
                return nil
            }
            return minutes
        }
        // Scenario time: `speed: 60` runs an hour of scenario in a wall minute.
        var speed = 1.0
        if let node = r.child(root, "speed", required: false), let t = r.string(node) {
            if let v = Double(t), v.isFinite, v >= 1, v <= Self.maxSpeed {
                speed = v
            } else {
                r.fail(node, "speed", Bilingual("'\(t)' is not a speed; write a number from 1 (real time) to \(Int(Self.maxSpeed))", "“\(t)”不是有效倍速；应为 1（实时）到 \(Int(Self.maxSpeed)) 之间的数"))
            }
        }
        let operatorName = r.child(root, "operator", required: false).flatMap { r.string($0) } ?? "drill"
        // Several named sources injects may come from (`from:` on an inject).
        var sources: [String] = []
        if let list = r.child(root, "sources", required: false) {
            for item in r.items(list) {
                guard let s = r.string(item) else { continue }
                if s.isEmpty || s.count > Limits.name || sources.contains(s) || s == operatorName {
                    r.fail(item, item.path, Bilingual("'\(s)' is not a new source name (1–\(Limits.name) characters, each once)", "“\(s)”不是有效的新来源名（1–\(Limits.name) 个字符，不重复）"))
                } else {
                    sources.append(s)
                }
            }
        }
        var injects: [Inject] = []
        var seen: Set<String> = []
        // Inject id → a stand-in id of what it makes (`{id}` in later injects).
        var creates: [String: String] = [:]
        if let list = r.child(root, "injects") {
            for item in r.items(list) {
                let before = r.issues.count
                guard let id = r.child(item, "id").flatMap({ r.string($0) }), let lineNode = r.child(item, "do"), let line = r.string(lineNode) else { continue }
                if seen.contains(id) { r.fail(item, item.path + ".id", Bilingual("inject '\(id)' is listed twice", "注入“\(id)”重复")) }
                var timing: Inject.Timing?
                if let at = r.child(item, "at", required: false) {
                    timing = minutes(at).map { .offset($0) }
                } else if let after = r.child(item, "after", required: false), let text = r.string(after) {
                    let parts = text.split(separator: " ").map(String.init)
                    // An empty `after:` names nothing (the scenario fuzzer found the trap).
                    guard let first = parts.first else {
                        r.fail(after, after.path, Bilingual("write 'after: <inject> 5m'", "应写作“after: <注入> 5m”"))
                        continue
                    }
                    let delay = parts.count > 1 ? minutes(YAMLReader.Located(node: .init(parts[1]), path: after.path)) ?? 0 : 0
                    if !seen.contains(first) {
                        r.fail(after, after.path, Bilingual("'after' must name an earlier inject, not '\(first)'", "after 必须指向之前的注入，而不是“\(first)”"))
                    }
                    timing = .after(first, delay)
                } else {
                    r.fail(item, item.path, Bilingual("an inject needs 'at: +10m' or 'after: <inject> 5m'", "注入需要“at: +10m”或“after: <注入> 5m”"))
                }
                let jitter = r.child(item, "jitter", required: false).flatMap { minutes($0) } ?? 0
                var source: String?
                if let node = r.child(item, "from", required: false), let s = r.string(node) {
                    if s == operatorName {
                        source = nil
                    } else if sources.contains(s) {
                        source = s
                    } else {
                        r.fail(
                            node, node.path,
                            Bilingual("no source '\(s)'; sources: \(([operatorName] + sources).joined(separator: ", "))", "没有来源“\(s)”；可选：\(([operatorName] + sources).joined(separator: "、"))"))
                    }
                }
                var ifMissed: String?
                if let m = r.child(item, "if-missed", required: false), let t = r.string(m) {
                    if seen.contains(t) { ifMissed = t } else { r.fail(m, m.path, Bilingual("'if-missed' must name an earlier inject, not '\(t)'", "if-missed 必须指向之前的注入，而不是“\(t)”")) }
                }
                // The action must be a line of the grammar once its placeholders are filled.
                var placeholders: [String: String] = [:]
                var scan = line
                while let open = scan.firstIndex(of: "{"), let close = scan[open...].firstIndex(of: "}") {
                    let key = String(scan[scan.index(after: open)..<close])
                    if let made = creates[key] {
                        placeholders[key] = made
                    } else {
                        r.fail(
                            lineNode, lineNode.path,
                            Bilingual(
                                "{\(key)} is not an earlier inject that reports an incident, declares a response or issues a warning",
                                "{\(key)} 不是之前上报事件、启动响应或发布预警的注入"))
                        placeholders[key] = IncidentID(1).description
                    }
                    scan = String(scan[scan.index(after: close)...])
                }
                if let filled = resolve(line, objects: placeholders) {
                    do throws(GrammarError) {
                        let commands = try Grammar.parse(filled, now: Date(timeIntervalSince1970: 0), checkingHorizon: false)
                        // What `{id}` will stand for in later injects (a stand-in id of the right kind here).
                        // (as `FiredInject.object`: an incident first, then a response, then a warning).
                        var made: [Int: String] = [:]
                        for c in commands {
                            switch c {
                            case .incident(.report): made[0] = IncidentID(1).description
                            case .area(.declareResponse): made[1] = made[1] ?? ResponseID(1).description
                            case .area(.issueWarning): made[2] = made[2] ?? WarningID(1).description
                            case .incident, .team, .area, .paging, .drill, .roster, .facility, .shelter, .supply, .aid, .report, .handover, .evaluator, .improvement, .feed, .cap, .centre: break
                            }
                        }
                        if let first = made.keys.min() { creates[id] = made[first] }
                    } catch {
                        r.fail(lineNode, lineNode.path, Bilingual("the action does not parse: \(error.text(.en))", "动作无法解析：\(error.text(.zh))"))
                    }
                }
                var expect = Expectation()
                if let e = r.child(item, "expect", required: false) {
                    expect.acknowledgeWithinMinutes = r.child(e, "acknowledge-within", required: false).flatMap { minutes($0) }
                    expect.level = r.child(e, "level", required: false).flatMap { r.value($0, "level", accepted: ["IV", "III", "II", "I"]) { ResponseLevel(parsing: $0) } }
                    expect.levelWithinMinutes = r.child(e, "level-within", required: false).flatMap { minutes($0) }
                    expect.dispatch =
                        r.child(e, "dispatch", required: false).map { r.items($0).compactMap { r.value($0, "capability", accepted: Capability.allCases.map(\.rawValue)) { Capability(rawValue: $0) } } }
                        ?? []
                    expect.dispatchWithinMinutes = r.child(e, "dispatch-within", required: false).flatMap { minutes($0) }
                    expect.planItems = r.child(e, "plan-items", required: false).map { r.items($0).compactMap { r.string($0) } } ?? []
                    expect.planWithinMinutes = r.child(e, "plan-within", required: false).flatMap { minutes($0) }
                    // `objective: a` or `objectives: [a, b]`: the objectives the checks count towards.
                    var named: [YAMLReader.Located] = []
                    if let o = r.child(e, "objective", required: false) { named.append(o) }
                    if let list = r.child(e, "objectives", required: false) { named += r.items(list) }
                    for o in named {
                        guard let t = r.string(o) else { continue }
                        if !objectives.contains(where: { $0.id == t }) {
                            r.fail(o, o.path, Bilingual("no objective '\(t)'", "没有目标“\(t)”"))
                        } else if !expect.objectives.contains(t) {
                            expect.objectives.append(t)
                        }
                    }
                    // What only an evaluator can score: `manual: [{id, text: {en, zh}, within, objectives}]`.
                    if let list = r.child(e, "manual", required: false) {
                        for m in r.items(list) {
                            guard let mid = r.child(m, "id").flatMap({ r.string($0) }), let text = r.child(m, "text").flatMap({ r.bilingual($0) }) else { continue }
                            if mid.isEmpty || mid.count > Limits.name || mid.contains(" ") || expect.manual.contains(where: { $0.id == mid }) {
                                r.fail(
                                    m, m.path + ".id",
                                    Bilingual("'\(mid)' is not a new expectation id (1–\(Limits.name) characters, no spaces, each once)", "“\(mid)”不是有效的新预期编号（1–\(Limits.name) 个字符，无空格，不重复）"))
                                continue
                            }
                            if text.en.isEmpty || text.zh.isEmpty || text.en.count > Limits.text || text.zh.count > Limits.text {
                                r.fail(m, m.path + ".text", Bilingual("an expectation's text needs en and zh, each up to \(Limits.text) characters", "预期内容须有 en 和 zh，各不超过 \(Limits.text) 个字符"))
                                continue
                            }
                            var served: [String] = []
                            var named: [YAMLReader.Located] = []
                            if let o = r.child(m, "objective", required: false) { named.append(o) }
                            if let l = r.child(m, "objectives", required: false) { named += r.items(l) }
                            for o in named {
                                guard let t = r.string(o) else { continue }
                                if !objectives.contains(where: { $0.id == t }) {
                                    r.fail(o, o.path, Bilingual("no objective '\(t)'", "没有目标“\(t)”"))
                                } else if !served.contains(t) {
                                    served.append(t)
                                }
                            }
                            let within = r.child(m, "within", required: false).flatMap { minutes($0) }
                            // Without objectives of its own it serves the inject's.
                            expect.manual.append(ManualExpectation(id: mid, text: text, withinMinutes: within, objectives: named.isEmpty ? expect.objectives : served))
                        }
                        if expect.manual.count > Limits.list {
                            r.fail(list, list.path, Bilingual("at most \(Limits.list) manual expectations per inject", "每个注入最多 \(Limits.list) 项人工预期"))
                        }
                    }
                }
                seen.insert(id)
                guard r.issues.count == before, let timing else { continue }
                injects.append(Inject(id: id, timing: timing, jitterMinutes: jitter, line: line, ifMissed: ifMissed, expect: expect, sourceLine: item.line, source: source))
            }
        }
        let end = r.child(root, "end", required: false).flatMap { minutes($0) }
        guard r.issues.isEmpty, let name else { return (nil, r.issues) }
        var scenario = DrillScenario(name: name, objectives: objectives, window: window, disclosure: disclosure, injects: injects, endMinutes: end, operatorName: operatorName)
        scenario.sources = sources
        scenario.speed = speed
        return (scenario, [])
    }
}
