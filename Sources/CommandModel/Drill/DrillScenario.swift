import Foundation

/// A drill scenario (master scenario events list), written by hand in YAML.
///
/// An inject's action is a command line of the one grammar; `{id}` stands for the incident an
/// earlier inject reported, so a scenario can grow figures or start a secondary incident linked
/// to its cause (`report power-outage at fangshan caused-by {flash-flood}`).
public struct DrillScenario: Hashable, Sendable {
    public enum Disclosure: String, Hashable, Sendable, Codable, CaseIterable {
        /// Every exercise item carries an EXERCISE mark.
        case marked
        /// Players see it as real until the end.
        case blind

        public var name: Bilingual {
            switch self {
            case .marked: Bilingual("marked", "标记")
            case .blind: Bilingual("blind", "双盲")
            }
        }
    }

    public struct Objective: Hashable, Sendable, Codable {
        public var id: String
        public var text: Bilingual

        public init(id: String, text: Bilingual) {
            self.id = id
            self.text = text
        }
    }

    /// Something an inject expects that the record cannot show ("call the district leader",
    /// "brief the press"): pending in the evaluation until an evaluator scores it met, late or
    /// missed (`drillExpectationScored`).
    public struct ManualExpectation: Hashable, Sendable, Codable {
        /// Unique within its inject; how an evaluator names it (`evaluate DRL-1 score flood call-leader met`).
        public var id: String
        public var text: Bilingual
        /// The time allowed, as guidance for the evaluator; nil: no limit stated.
        public var withinMinutes: Int?
        /// The objectives it serves (a score counts towards each).
        public var objectives: [String]

        public init(id: String, text: Bilingual, withinMinutes: Int? = nil, objectives: [String] = []) {
            self.id = id
            self.text = text
            self.withinMinutes = withinMinutes
            self.objectives = objectives
        }
    }

    /// What the players are expected to do after an inject, and by when.
    public struct Expectation: Hashable, Sendable, Codable {
        public var acknowledgeWithinMinutes: Int?
        public var level: ResponseLevel?
        public var levelWithinMinutes: Int?
        public var dispatch: [Capability]
        public var dispatchWithinMinutes: Int?
        /// Run-card checklist items to be done, and by when.
        public var planItems: [String]
        public var planWithinMinutes: Int?
        /// The objectives it serves (a check counts towards each).
        public var objectives: [String]
        /// What an evaluator must score by hand.
        public var manual: [ManualExpectation]

        public init(
            acknowledgeWithinMinutes: Int? = nil, level: ResponseLevel? = nil, levelWithinMinutes: Int? = nil, dispatch: [Capability] = [], dispatchWithinMinutes: Int? = nil, planItems: [String] = [],
            planWithinMinutes: Int? = nil, objectives: [String] = [], manual: [ManualExpectation] = []
        ) {
            self.acknowledgeWithinMinutes = acknowledgeWithinMinutes
            self.level = level
            self.levelWithinMinutes = levelWithinMinutes
            self.dispatch = dispatch
            self.dispatchWithinMinutes = dispatchWithinMinutes
            self.planItems = planItems
            self.planWithinMinutes = planWithinMinutes
            self.objectives = objectives
            self.manual = manual
        }

        /// Whether anything is expected at all.
        public var isEmpty: Bool { acknowledgeWithinMinutes == nil && level == nil && dispatch.isEmpty && planItems.isEmpty && manual.isEmpty }

        // Lists absent from a recorded payload read as empty, so fields added later never make
        // older records unreadable.
        enum CodingKeys: String, CodingKey {
            case acknowledgeWithinMinutes, level, levelWithinMinutes, dispatch, dispatchWithinMinutes, planItems, planWithinMinutes, objective, objectives, manual
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(acknowledgeWithinMinutes, forKey: .acknowledgeWithinMinutes)
            try c.encodeIfPresent(level, forKey: .level)
            try c.encodeIfPresent(levelWithinMinutes, forKey: .levelWithinMinutes)
            try c.encode(dispatch, forKey: .dispatch)
            try c.encodeIfPresent(dispatchWithinMinutes, forKey: .dispatchWithinMinutes)
            try c.encode(planItems, forKey: .planItems)
            try c.encodeIfPresent(planWithinMinutes, forKey: .planWithinMinutes)
            // One objective keeps the form older readers know; several need the list.
            if objectives.count == 1 { try c.encode(objectives[0], forKey: .objective) } else if !objectives.isEmpty { try c.encode(objectives, forKey: .objectives) }
            // Only when there are some: a payload without manual expectations reads as before.
            if !manual.isEmpty { try c.encode(manual, forKey: .manual) }
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                acknowledgeWithinMinutes: try c.decodeIfPresent(Int.self, forKey: .acknowledgeWithinMinutes), level: try c.decodeIfPresent(ResponseLevel.self, forKey: .level),
                levelWithinMinutes: try c.decodeIfPresent(Int.self, forKey: .levelWithinMinutes), dispatch: try c.decodeIfPresent([Capability].self, forKey: .dispatch) ?? [],
                dispatchWithinMinutes: try c.decodeIfPresent(Int.self, forKey: .dispatchWithinMinutes), planItems: try c.decodeIfPresent([String].self, forKey: .planItems) ?? [],
                planWithinMinutes: try c.decodeIfPresent(Int.self, forKey: .planWithinMinutes),
                objectives: try c.decodeIfPresent([String].self, forKey: .objectives) ?? (try c.decodeIfPresent(String.self, forKey: .objective)).map { [$0] } ?? [],
                manual: try c.decodeIfPresent([ManualExpectation].self, forKey: .manual) ?? [])
        }
    }

    public struct Inject: Hashable, Sendable {
        public enum Timing: Hashable, Sendable {
            /// Minutes after the drill starts.
            case offset(Int)
            /// Minutes after another inject fired.
            case after(String, Int)
        }

        public var id: String
        public var timing: Timing
        /// Random jitter, up to this many minutes either way.
        public var jitterMinutes: Int
        /// The action: one command line, with `{inject-id}` placeholders.
        public var line: String
        /// Fires only if this earlier inject's expectation was missed (a contingency).
        public var ifMissed: String?
        public var expect: Expectation
        /// The line number in the scenario file, for messages.
        public var sourceLine: Int
        /// The source it acts under (one of the scenario's `sources`); nil: the operator name.
        public var source: String? = nil
    }

    public var name: Bilingual
    public var objectives: [Objective]
    /// The default start window, local "HH:MM-HH:MM".
    public var window: String?
    public var disclosure: Disclosure
    public var injects: [Inject]
    /// Minutes after the start when the drill ends by itself (stand-down); nil: an hour after
    /// the last inject is due.
    public var endMinutes: Int?
    /// The name the injects act under (a hotline, a feed), so that in a blind drill they look
    /// like any other report. Exercise data is tagged with the drill's id whatever the name.
    public var operatorName: String
    /// Other names injects may act under (`sources:`), each inject choosing one with `from:`.
    public var sources: [String] = []
    /// Scenario seconds per wall second (`speed: 60`); times in the file are scenario time.
    public var speed: Double = 1

    /// Wall-clock seconds for scenario minutes.
    public func wallSeconds(_ minutes: Int) -> TimeInterval { Double(minutes) * 60 / speed }

    /// The injects' command line with placeholders filled from the drill's objects so far (an
    /// inject's id stands for the incident it reported, the response it declared or the
    /// warning it issued).
    public static func resolve(_ line: String, objects: [String: String]) -> String? {
        var out = line
        while let open = out.firstIndex(of: "{"), let close = out[open...].firstIndex(of: "}") {
            let key = String(out[out.index(after: open)..<close])
            guard let id = objects[key] else { return nil }
            out.replaceSubrange(open...close, with: id)
        }
        return out
    }

    /// The same, from incidents only.
    public static func resolve(_ line: String, incidents: [String: IncidentID]) -> String? {
        resolve(line, objects: incidents.mapValues(\.description))
    }
}
