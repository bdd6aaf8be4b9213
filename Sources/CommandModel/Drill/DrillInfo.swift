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
    /// Scenario seconds per wall second (`speed: 60`: an hour of scenario in a minute); the
    /// injects' times, deadlines, escalation and the evaluation run on scenario time. 1 in
    /// records made before drills could be sped up.
    public var speed: Double
    /// Other names injects act under (a hotline, a feed, a district), beside `operatorName`.
    public var sources: [String]

    enum CodingKeys: String, CodingKey {
        case id, name, disclosure, startsAt, endsAt, seed, digest, sealed, operatorName, objectives, injects, speed, sources
    }

    /// Every name the drill's injects act under.
    public var injectNames: Set<String> { Set(sources + [operatorName]) }

    /// Lists absent from a recorded payload read as empty (fields added later never make older
    /// records unreadable).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(Bilingual.self, forKey: .name)
        disclosure = try c.decode(DrillScenario.Disclosure.self, forKey: .disclosure)
        startsAt = try c.decode(Date.self, forKey: .startsAt)
        endsAt = try c.decode(Date.self, forKey: .endsAt)
        seed = try c.decode(UInt64.self, forKey: .seed)
        digest = try c.decode(String.self, forKey: .digest)
        sealed = try c.decode(String.self, forKey: .sealed)
        operatorName = try c.decode(String.self, forKey: .operatorName)
        objectives = try c.decodeIfPresent([DrillScenario.Objective].self, forKey: .objectives) ?? []
        injects = try c.decodeIfPresent([String].self, forKey: .injects) ?? []
        speed = try c.decodeIfPresent(Double.self, forKey: .speed) ?? 1
        sources = try c.decodeIfPresent([String].self, forKey: .sources) ?? []
    }

    public init(
        id: String = "", name: Bilingual, disclosure: DrillScenario.Disclosure, startsAt: Date, endsAt: Date, seed: UInt64, digest: String, sealed: String, operatorName: String,
        objectives: [DrillScenario.Objective], injects: [String], speed: Double = 1, sources: [String] = []
    ) {
        self.injects = injects
        self.speed = speed
        self.sources = sources
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
