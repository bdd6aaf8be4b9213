import CommandModel
import Foundation

/// The shift handover brief over the screen (`h`, or offered at a change of shift): the brief's
/// plain text, wrapped to the overlay, headings in bold; it scrolls, and `a` acknowledges it.
enum HandoverView {
    static func rows(_ model: ConsoleModel, _ sheet: HandoverSheet, width: Int) -> [[OverlayView.Span]] {
        let heading = Style(.title, .bold)
        let columns = max(10, width - 2)
        var rows: [[OverlayView.Span]] = []
        // The brief's Markdown, line by line as plain text (what the acknowledgement's hash
        // covers), its headings in bold.
        for line in sheet.brief.markdown(model.language).split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let style = line.hasPrefix("#") ? heading : Style.normal
            for part in wrap(SituationReport.plain(line), columns) { rows.append([(part, style)]) }
        }
        while rows.last?.first?.text.isEmpty == true { rows.removeLast() }
        return rows
    }

    /// A line cut into pieces no wider than `columns` display columns, continuation indented.
    static func wrap(_ line: String, _ columns: Int) -> [String] {
        guard DisplayWidth.of(line) > columns else { return [line] }
        var out: [String] = []
        var current = "", used = 0
        let indent = String(line.prefix { $0 == " " }) + "  "
        for c in line {
            let w = DisplayWidth.of(c)
            if used + w > columns {
                out.append(current)
                current = indent
                used = DisplayWidth.of(indent)
            }
            current.append(c)
            used += w
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    static func render(_ model: ConsoleModel, _ sheet: HandoverSheet, into screen: inout Screen) {
        let width = ConsoleLayout(width: screen.width, height: screen.height).overlay(rows: 0).width - 2
        // Offered at the change of shift, it says so (the message line is under the overlay).
        let keys = Bilingual("handover · a acknowledge · ↑ ↓ PgUp PgDn scroll · Esc later", "交接班 · a 确认接班 · ↑ ↓ PgUp PgDn 滚动 · Esc 稍后")
        let title = sheet.offered ? Bilingual("Your shift has begun: \(keys.en)", "您的班次已开始：\(keys.zh)") : Bilingual("Shift \(keys.en)", keys.zh)
        OverlayView(model: model, title: model.t(title), rows: rows(model, sheet, width: width)).render(into: &screen)
    }
}
