import Foundation

/// What the record says about a drill when it is scheduled: enough to resume it, to run its
/// contingencies and to evaluate it without the scenario file.
///
/// The scenario itself travels sealed (`sealed`, base64): only the coordinator's key opens it,
/// so a restarted runner or `drill status` can read what is next, and nobody else can.
public struct DrillInfo: Hashable, Sendable, Codable {
    /// "DRL-3"; chosen by the decider, like incident ids.
    public var id: String
    public var name: Bilingual
    public var disclosure: DrillScenario.Disclosure
    /// When the first inject's clock starts: picked at random in the window.
    public var startsAt: Date
    /// When the drill stands down by itself.
    public var endsAt: Date
    /// Seed of the injects' jitter.
    public var seed: UInt64
    /// SHA-256 of the sealed scenario file, hex: the same file started again resumes this drill.
    public var digest: String
    /// The sealed scenario, base64.
    public var sealed: String
    /// The name the injects act under.
    public var operatorName: String
    public var objectives: [DrillScenario.Objective]
    /// The scenario's inject ids, in order: the evaluation lists those that never fired.
    public var injects: [String]

    public init(
        id: String = "", name: Bilingual, disclosure: DrillScenario.Disclosure, startsAt: Date, endsAt: Date, seed: UInt64, digest: String, sealed: String, operatorName: String,
        objectives: [DrillScenario.Objective], injects: [String]
    ) {
        self.injects = injects
        self.id = id
        self.name = name
        self.disclosure = disclosure
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.seed = seed
        self.digest = digest
        self.sealed = sealed
        self.operatorName = operatorName
        self.objectives = objectives
    }
}

/// Why an inject did not fire.
public enum SkipReason: Hashable, Sendable, Codable {
    /// A contingency not needed: the inject it watches met its expectations in time.
    case notNeeded(watching: String)
    /// What it follows or names never fired.
    case didNotFire(String)
    /// An incident it names was never reported.
    case neverReported
    /// Its action does not parse any more (the grammar's message).
    case unparsable(Bilingual)
    /// The decider refused its action (the players changed the picture first).
    case refused(Bilingual)

    public var text: Bilingual {
        switch self {
        case let .notNeeded(other): Bilingual("not needed: \(other) met its expectations in time", "无需触发：\(other) 已按时达标")
        case let .didNotFire(other): Bilingual("\(other) did not fire", "\(other) 未触发")
        case .neverReported: Bilingual("an incident it names was never reported", "其引用的事件未被上报")
        case let .unparsable(why): Bilingual("its action does not parse: \(why.en)", "其动作无法解析：\(why.zh)")
        case let .refused(why): Bilingual("refused: \(why.en)", "被拒绝：\(why.zh)")
        }
    }
}

/// An inject as it fired: when, the incident it is about, and what the players were expected
/// to do (copied into the record so the evaluation needs nothing else).
public struct FiredInject: Hashable, Sendable, Codable {
    public var inject: String
    public var at: Date
    public var incident: IncidentID?
    public var line: String
    public var expect: DrillScenario.Expectation
    public var contingency: Bool
}

/// A drill in the state: scheduled, running, or over.
public struct DrillRun: Hashable, Sendable, Codable {
    public var info: DrillInfo
    /// Who scheduled it (the coordinator), and when.
    public var coordinator: String
    public var scheduledAt: Date
    public var fired: [String: FiredInject] = [:]
    /// Injects that will not fire (a contingency not needed, or what it waited for never came).
    public var skipped: [String: SkipReason] = [:]
    public var ended: Date?
    public var endReason: String?
    public var aborted = false
    /// Teams back from this drill's incidents that are not yet available again: released at
    /// the stand-down. Teams that moved on to real work are removed as they do.
    public var returning: Set<TeamID> = []

    public var id: String { info.id }
    public var isRunning: Bool { ended == nil }
    /// Whether players may know of it: a marked drill always, a blind one once it is over.
    public var isDisclosed: Bool { info.disclosure == .marked || ended != nil }
    /// The injects fired so far, in firing order.
    public var firedInOrder: [FiredInject] {
        let order = Dictionary(info.injects.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return fired.values.sorted { ($0.at, order[$0.inject] ?? .max, $0.inject) < ($1.at, order[$1.inject] ?? .max, $1.inject) }
    }

    public init(info: DrillInfo, coordinator: String, scheduledAt: Date) {
        self.info = info
        self.coordinator = coordinator
        self.scheduledAt = scheduledAt
    }
}

extension CommandState {
    /// The drills still running.
    public var runningDrills: [DrillRun] { drills.values.filter(\.isRunning).sorted { $0.id < $1.id } }

    /// Whether players may see that `exercise` data is exercise data: always for a marked drill,
    /// for a blind one only once it is over. Unknown ids (from before drills were recorded)
    /// count as disclosed.
    public func isDisclosed(exercise: String) -> Bool {
        drills[exercise]?.isDisclosed ?? true
    }

    /// Folds the drill events in (called from `apply`).
    mutating func applyDrill(_ event: Event, at: Date, by: String) {
        switch event {
        case let .drillScheduled(info):
            drills[info.id] = DrillRun(info: info, coordinator: by, scheduledAt: at)
            nextDrill = max(nextDrill, (Int(info.id.dropFirst(4)) ?? 0) + 1)
        case let .injectFired(drill, inject, incident, line, expect, contingency):
            drills[drill]?.fired[inject] = FiredInject(inject: inject, at: at, incident: incident, line: line, expect: expect, contingency: contingency)
        case let .injectSkipped(drill, inject, reason):
            drills[drill]?.skipped[inject] = reason
        case let .drillEnded(drill, reason, aborted):
            drills[drill]?.ended = at
            drills[drill]?.endReason = reason
            drills[drill]?.aborted = aborted
            drills[drill]?.returning = []
        default:
            break
        }
    }

    /// Keeps each running drill's `returning` set: a team leaving one of its incidents joins it;
    /// a team that is available again, out of service, or on other work leaves it.
    mutating func trackDrillTeams(_ event: Event) {
        guard drills.values.contains(where: \.isRunning) else { return }
        switch event {
        case let .teamReleased(team, incident):
            if let ex = incidents[incident]?.exercise, drills[ex]?.isRunning == true { drills[ex]?.returning.insert(team) }
        case let .teamStatusChanged(team, _, to):
            if to == .returning, let id = teams[team]?.incident, let ex = incidents[id]?.exercise, drills[ex]?.isRunning == true {
                drills[ex]?.returning.insert(team)
            } else if to == .available || to == .outOfService {
                for k in drills.keys where drills[k]?.returning.contains(team) == true { drills[k]?.returning.remove(team) }
            }
        case let .teamAssigned(team, _):
            for k in drills.keys where drills[k]?.returning.contains(team) == true { drills[k]?.returning.remove(team) }
        default:
            break
        }
    }
}
