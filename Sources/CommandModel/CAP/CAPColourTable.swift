import Foundation

/// The colour of a CAP alert: as the alert says it (a colour parameter, or the colour in its
/// event or headline), else from the centre's severity × urgency × certainty table
/// (`Resources/cap/colour-ladder.txt`, documented there).
public struct CAPColourTable: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        /// nil: any value.
        public var severity: String?
        public var urgency: String?
        public var certainty: String?
        public var colour: WarningColor
    }

    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    /// Reads the table; each bad line is a ``FileIssue`` with its line and column.
    public static func parse(_ text: String, file: String) -> (table: CAPColourTable?, issues: [FileIssue]) {
        var rows: [Row] = []
        var issues: [FileIssue] = []
        for (k, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(whereSeparator: \.isWhitespace).map(String.init)
            guard f.count == 4, let colour = WarningColor.allCases.first(where: { $0.name.en == f[3].lowercased() }) else {
                issues.append(
                    FileIssue(
                        file: file, line: k + 1, column: 1, field: "", message: Bilingual("expected: severity urgency certainty colour (blue, yellow, orange or red)", "应为：严重程度 紧迫程度 确定程度 颜色（蓝、黄、橙、红）"))
                )
                continue
            }
            func any(_ s: String) -> String? { s == "*" ? nil : s }
            rows.append(Row(severity: any(f[0]), urgency: any(f[1]), certainty: any(f[2]), colour: colour))
        }
        if rows.last.map({ $0.severity != nil || $0.urgency != nil || $0.certainty != nil }) ?? true {
            issues.append(FileIssue(file: file, line: 1, column: 1, field: "", message: Bilingual("the last row must be * * * (every alert needs a colour)", "最后一行须为 * * *（每条警报都须有颜色）")))
        }
        return (issues.isEmpty ? CAPColourTable(rows: rows) : nil, issues)
    }

    /// The first matching row's colour.
    public func colour(severity: String, urgency: String, certainty: String) -> WarningColor {
        for r in rows where (r.severity ?? severity) == severity && (r.urgency ?? urgency) == urgency && (r.certainty ?? certainty) == certainty { return r.colour }
        return .blue
    }

    /// Where a colour came from.
    public enum Source: Hashable, Sendable { case parameter, text, table }

    /// The colour of an alert's first `<info>` that yields one, and where it came from.
    public func colour(of info: CAPInfo) -> (WarningColor, Source) {
        let names: [(WarningColor, [String])] = [(.red, ["red", "红色"]), (.orange, ["orange", "橙色"]), (.yellow, ["yellow", "黄色"]), (.blue, ["blue", "蓝色"])]
        for p in info.parameters where ["color", "colour", "预警颜色"].contains(p.name.lowercased()) {
            let v = p.value.lowercased().trimmingCharacters(in: .whitespaces)
            if let hit = names.first(where: { $0.1.contains(v) }) { return (hit.0, .parameter) }
        }
        for text in [info.event, info.headline ?? ""] {
            let words = text.lowercased()
            if let hit = names.first(where: { $0.1.contains { name in name.allSatisfy(\.isASCII) ? words.split(whereSeparator: { !$0.isLetter }).contains(Substring(name)) : words.contains(name) } }) {
                return (hit.0, .text)
            }
        }
        return (colour(severity: info.severity, urgency: info.urgency, certainty: info.certainty), .table)
    }
}
