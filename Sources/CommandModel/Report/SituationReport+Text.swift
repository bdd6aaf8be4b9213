import Foundation

extension SituationReport {
    /// The report as Markdown in one language: a title, its header, a numbered heading per
    /// section and a bullet per line; a line changed since the last report starts with ▲.
    public func markdown(_ language: Language) -> String {
        var out = ["# \(title(language))", ""]
        for h in header { out.append("> \(h(language))") }
        for (n, section) in sections.enumerated() {
            out.append("")
            out.append("## \(n + 1). \(section.heading(language))")
            out.append("")
            for line in section.lines { out.append("- \(line.changed ? "▲ " : "")\(line.text(language))") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The report as plain text in one language (a wallboard, a fax): the Markdown's marks taken
    /// away, the same words.
    public func plainText(_ language: Language) -> String { Self.plain(markdown(language)) }

    /// Markdown as plain text: headings, quotes and bullets without their marks, so an officer's
    /// edited version reads on a wallboard as the draft would.
    public static func plain(_ markdown: String) -> String {
        markdown.split(separator: "\n", omittingEmptySubsequences: false).map { raw -> String in
            var line = Substring(raw)
            if line.hasPrefix("#") {
                line = line.drop { $0 == "#" }.drop { $0 == " " }
                return String(line)
            }
            if line.hasPrefix("> ") { return String(line.dropFirst(2)) }
            if line.hasPrefix("- ") { return "  · " + line.dropFirst(2) }
            return String(line).replacingOccurrences(of: "**", with: "")
        }.joined(separator: "\n")
    }
}
