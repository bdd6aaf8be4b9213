import CommandModel

/// The report form: every field a report can carry, edited field by field. Submitting turns it
/// into a command line of the one grammar, so the form and the command bar cannot disagree.
public struct ReportForm: Hashable, Sendable {
    public enum Field: Int, CaseIterable, Sendable {
        case type, place, title, deaths, missing, seriouslyInjured, injured, evacuated, loss, notes, causedBy

        public var label: Bilingual {
            switch self {
            case .type: Bilingual("type", "类型")
            case .place: Bilingual("where", "地点")
            case .title: Bilingual("title", "标题")
            case .deaths: Figures.Field.deaths.name
            case .missing: Figures.Field.missing.name
            case .seriouslyInjured: Figures.Field.seriouslyInjured.name
            case .injured: Figures.Field.injured.name
            case .evacuated: Figures.Field.evacuated.name
            case .loss: Figures.Field.directLossCNY.name
            case .notes: Bilingual("notes", "备注")
            case .causedBy: Bilingual("caused by", "起因事件")
            }
        }

        public var hint: Bilingual {
            switch self {
            case .type: Bilingual("← → choose", "← → 选择")
            case .place: Bilingual("district, lat,lon (WGS-84; gcj02:lat,lon) or cell:x,y", "区名、纬度,经度（WGS-84；gcj02:纬度,经度）或 cell:x,y")
            case .causedBy: Bilingual("INC-n (a disaster chain)", "INC-n（灾害链）")
            case .deaths, .missing, .seriouslyInjured, .injured, .evacuated, .loss: Bilingual("a whole number", "整数")
            default: Bilingual("", "")
            }
        }

        var figure: Figures.Field? {
            switch self {
            case .deaths: .deaths
            case .missing: .missing
            case .seriouslyInjured: .seriouslyInjured
            case .injured: .injured
            case .evacuated: .evacuated
            case .loss: .directLossCNY
            default: nil
            }
        }
    }

    public var typeIndex = 0
    /// The type was chosen (← →): a report is never filed as the first type by default.
    public var typeChosen = false
    public var values: [Field: String] = [:]
    public var field = Field.type
    /// Esc was pressed once on a changed form: a second Esc discards it.
    public var discardAsked = false
    /// The place the form opened with (the map cursor), to tell whether anything was typed.
    private let initialPlace: String

    public init(place: String) {
        values[.place] = place
        initialPlace = place
    }

    /// Whether the officer has put anything into the form.
    public var isChanged: Bool {
        typeChosen || values.contains { $0.key != .place && !$0.value.trimmingCharacters(in: .whitespaces).isEmpty } || (values[.place] ?? "") != initialPlace
    }

    /// The required fields still empty, in form order: type, where and title.
    public var missing: [Field] {
        var out: [Field] = []
        if !typeChosen { out.append(.type) }
        for f in [Field.place, .title] where (values[f] ?? "").trimmingCharacters(in: .whitespaces).isEmpty { out.append(f) }
        return out
    }

    public var type: IncidentType { IncidentType.allCases[typeIndex] }

    public mutating func cycleType(_ step: Int) {
        let n = IncidentType.allCases.count
        // The first press shows the first type; later presses move from it.
        typeIndex = typeChosen ? ((typeIndex + step) % n + n) % n : (step > 0 ? 0 : n - 1)
        typeChosen = true
    }

    public mutating func move(_ step: Int) {
        let all = Field.allCases
        field = all[min(max(0, field.rawValue + step), all.count - 1)]
    }

    public mutating func type(_ c: Character) {
        guard field != .type else { return }
        if field.figure != nil && !(c.isNumber || c == "_") { return }
        values[field, default: ""].append(c)
    }

    public mutating func backspace() {
        guard field != .type, var v = values[field], !v.isEmpty else { return }
        v.removeLast()
        values[field] = v
    }

    /// The command line this form stands for.
    public var commandLine: String {
        func quoted(_ s: String) -> String { s.contains("\"") ? "“\(s)”" : "\"\(s)\"" }
        var parts = ["report", type.rawValue]
        if let p = values[.place]?.trimmingCharacters(in: .whitespaces), !p.isEmpty { parts += ["at", p.replacingOccurrences(of: " ", with: "")] }
        if let t = values[.title]?.trimmingCharacters(in: .whitespaces), !t.isEmpty { parts += ["title", quoted(t)] }
        for f in Field.allCases {
            if let fig = f.figure, let v = values[f], !v.isEmpty { parts.append("\(fig.rawValue)=\(v)") }
        }
        if let n = values[.notes]?.trimmingCharacters(in: .whitespaces), !n.isEmpty { parts += ["notes", quoted(n)] }
        if let c = values[.causedBy]?.trimmingCharacters(in: .whitespaces), !c.isEmpty { parts += ["caused-by", c] }
        return parts.joined(separator: " ")
    }
}
