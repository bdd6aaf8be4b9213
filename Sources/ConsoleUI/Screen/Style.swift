import CommandModel

/// What a cell means, not what colour it is: the terminal's palette decides how each role
/// looks in 256 colours, 16 colours or monochrome.
public enum Role: Hashable, Sendable {
    case normal
    case dim
    case title
    case border
    case selection
    case level(ResponseLevel)
    case warning(WarningColor)
    case ok
    case error
    case exercise
    case mapWater
    case mapMountain
    case mapHill
    case mapUrban
    case mapRoad
    case mapBoundary
    case mapLabel
    case team(TeamStatus)
    case shelter
    case depot
    case hazard
    case cursor
    case attention
}

/// Emphasis on top of a role.
public struct Emphasis: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Emphasis(rawValue: 1)
    public static let reverse = Emphasis(rawValue: 2)
    public static let underline = Emphasis(rawValue: 4)
    public static let blink = Emphasis(rawValue: 8)
}

/// A background wash over map cells: a district's warning colour or response level. The two
/// ladders are separate cases and never mixed.
public enum Tint: Hashable, Sendable {
    case warning(WarningColor)
    case response(ResponseLevel)
}

/// A role, its emphasis, and an optional background tint.
public struct Style: Hashable, Sendable {
    public var role: Role
    public var emphasis: Emphasis
    public var tint: Tint?

    public init(_ role: Role = .normal, _ emphasis: Emphasis = [], tint: Tint? = nil) {
        self.role = role
        self.emphasis = emphasis
        self.tint = tint
    }

    public static let normal = Style()
}

/// The glyphs the console draws: Unicode where the locale speaks UTF-8, ASCII elsewhere.
/// Markers differ by shape, so the map reads in monochrome.
public struct Glyphs: Sendable, Hashable {
    public var natural: Character
    public var accident: Character
    public var health: Character
    public var security: Character
    public var team: Character
    public var shelter: Character
    public var depot: Character
    public var hazard: Character
    public var water: Character
    public var reservoir: Character
    public var mountain: Character
    public var hill: Character
    public var urban: Character
    public var ring: Character
    public var road: Character
    public var boundary: Character
    public var cursor: Character
    public var horizontal: Character
    public var vertical: Character
    public var corners: (Character, Character, Character, Character)
    public var ellipsis: String

    public static func == (a: Glyphs, b: Glyphs) -> Bool { a.team == b.team && a.horizontal == b.horizontal }
    public func hash(into h: inout Hasher) { h.combine(team); h.combine(horizontal) }

    public static let unicode = Glyphs(
        natural: "▲", accident: "✖", health: "✚", security: "◉", team: "◆", shelter: "⌂", depot: "▣", hazard: "☢",
        water: "~", reservoir: "≈", mountain: "^", hill: "∩", urban: "░", ring: "∘", road: "=", boundary: "·", cursor: "╋",
        horizontal: "─", vertical: "│", corners: ("┌", "┐", "└", "┘"), ellipsis: "…")

    public static let ascii = Glyphs(
        natural: "N", accident: "X", health: "+", security: "S", team: "T", shelter: "H", depot: "D", hazard: "!",
        water: "~", reservoir: "~", mountain: "^", hill: "n", urban: ":", ring: "o", road: "=", boundary: ".", cursor: "+",
        horizontal: "-", vertical: "|", corners: ("+", "+", "+", "+"), ellipsis: "...")

    /// A team's map glyph by its first capability, so a fire crew and a medical team look
    /// different even in monochrome. Lower-case letters, the same in both glyph sets.
    public func team(_ capabilities: [Capability]) -> Character {
        switch capabilities.first {
        case .floodRescue: "w"
        case .forestFirefighting: "k"
        case .urbanFire: "f"
        case .hazmat: "h"
        case .medical: "m"
        case .searchAndRescue: "r"
        case .power: "p"
        case .gas: "g"
        case .water: "a"
        case .traffic: "t"
        case .engineering: "e"
        case .epidemic: "c"
        case .publicSecurity: "x"
        case nil: team
        }
    }

    public func marker(for category: IncidentCategory) -> Character {
        switch category {
        case .naturalDisaster: natural
        case .accidentDisaster: accident
        case .publicHealth: health
        case .socialSecurity: security
        }
    }
}
