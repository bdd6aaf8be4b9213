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
    /// The drill's public key (X25519, base64), derived from the coordinator's key: every
    /// journal entry of the drill is sealed to it, so anyone can write one (an evaluator's
    /// observation) and only the key's holder can read it. Nil in drills recorded before
    /// journals were sealed (their entries stay readable to all).
    public var publicKey: String?
    /// Set only in the frame the record shows everyone (``frame(details:)``): this whole
    /// description, sealed to ``publicKey``. Nil in the opened description.
    public var details: String?

    enum CodingKeys: String, CodingKey {
        case id, name, disclosure, startsAt, endsAt, seed, digest, sealed, operatorName, objectives, injects, speed, sources, publicKey, details
    }

    /// Whether this is only the frame of a sealed drill: its name (for a blind drill), times,
    /// scenario, objectives and injects are in ``details``, unread.
    public var isSealedFrame: Bool { details != nil }

    /// What of the drill everyone's fold needs, with the rest sealed in `details`: its id, its
    /// disclosure and speed (exercise incidents' clocks run at it), the digest of its sealed
    /// file (a coordinator starting the same file again resumes it), its public key; a marked
    /// drill's name (players are told of it); nothing else. Deterministic, so the frame on the
    /// record can be told again from an opened description and its details.
    public func frame(details: String) -> DrillInfo {
        DrillInfo(
            id: id, name: disclosure == .marked ? name : Bilingual("", ""), disclosure: disclosure, startsAt: Self.sealedTime, endsAt: Self.sealedTime, seed: 0, digest: digest, sealed: "",
            operatorName: "", objectives: [], injects: [], speed: speed, sources: [], publicKey: publicKey, details: details)
    }

    /// The start and end a frame shows: the epoch (no real drill starts there).
    public static let sealedTime = Date(timeIntervalSince1970: 0)

    /// The drill as a reader without its key may name it: its id, with its name when known.
    public var label: Bilingual {
        if name.en.isEmpty && name.zh.isEmpty { return Bilingual("\(id) (sealed)", "\(id)（已加密）") }
        return Bilingual("\(id) \(name.en)", "\(id) \(name.zh)")
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
        publicKey = try c.decodeIfPresent(String.self, forKey: .publicKey)
        details = try c.decodeIfPresent(String.self, forKey: .details)
    }

    public init(
        id: String = "", name: Bilingual, disclosure: DrillScenario.Disclosure, startsAt: Date, endsAt: Date, seed: UInt64, digest: String, sealed: String, operatorName: String,
        objectives: [DrillScenario.Objective], injects: [String], speed: Double = 1, sources: [String] = [], publicKey: String? = nil, details: String? = nil
    ) {
        self.publicKey = publicKey
        self.details = details
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
