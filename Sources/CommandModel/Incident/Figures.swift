/// The casualty and loss figures of an incident, as reported so far.
public struct Figures: Hashable, Sendable, Codable {
    public var deaths: Int
    public var missing: Int
    public var seriouslyInjured: Int
    public var injured: Int
    public var evacuated: Int
    /// Direct economic loss in CNY.
    public var directLossCNY: Int

    public init(deaths: Int = 0, missing: Int = 0, seriouslyInjured: Int = 0, injured: Int = 0, evacuated: Int = 0, directLossCNY: Int = 0) {
        self.deaths = deaths
        self.missing = missing
        self.seriouslyInjured = seriouslyInjured
        self.injured = injured
        self.evacuated = evacuated
        self.directLossCNY = directLossCNY
    }

    public static let zero = Figures()

    /// One named figure, so criteria, the grammar and the UI can name figures as data.
    public enum Field: String, Sendable, Codable, CaseIterable, Hashable {
        case deaths
        case missing
        case seriouslyInjured = "seriously-injured"
        case injured
        case evacuated
        case directLossCNY = "loss"

        public var keyPath: WritableKeyPath<Figures, Int> {
            switch self {
            case .deaths: \.deaths
            case .missing: \.missing
            case .seriouslyInjured: \.seriouslyInjured
            case .injured: \.injured
            case .evacuated: \.evacuated
            case .directLossCNY: \.directLossCNY
            }
        }

        public var name: Bilingual {
            switch self {
            case .deaths: Bilingual("deaths", "死亡")
            case .missing: Bilingual("missing", "失踪")
            case .seriouslyInjured: Bilingual("seriously injured", "重伤")
            case .injured: Bilingual("injured", "受伤")
            case .evacuated: Bilingual("evacuated", "转移安置")
            case .directLossCNY: Bilingual("direct loss (CNY)", "直接经济损失(元)")
            }
        }

        /// Accepts the raw name and short aliases (`dead`, `serious`, `loss-cny`).
        public init?(parsing text: String) {
            let t = text.lowercased()
            if let f = Field(rawValue: t) { self = f; return }
            switch t {
            case "dead", "death": self = .deaths
            case "serious", "seriously_injured", "seriouslyinjured": self = .seriouslyInjured
            case "evacuees": self = .evacuated
            case "loss-cny", "directloss", "direct-loss": self = .directLossCNY
            default:
                guard let f = Field.allCases.first(where: { $0.name.zh == text }) else { return nil }
                self = f
            }
        }
    }

    public subscript(field: Field) -> Int {
        get { self[keyPath: field.keyPath] }
        set { self[keyPath: field.keyPath] = newValue }
    }
}

/// A change to some figures: only the named fields change.
public struct FigureUpdate: Hashable, Sendable, Codable {
    public var values: [Figures.Field: Int]
    public init(_ values: [Figures.Field: Int]) { self.values = values }

    public func applied(to figures: Figures) -> Figures {
        var f = figures
        for (field, value) in values { f[field] = value }
        return f
    }
}
