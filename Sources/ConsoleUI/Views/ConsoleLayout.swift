import CommandModel
import Foundation

/// Where each part of the console goes at a screen size: the header row, the map, the list and
/// the bottom panel on the right, the message line and the command bar. The view draws into
/// it and `update` reads it to know how far a panel can scroll.
struct ConsoleLayout {
    let width: Int, height: Int
    let map: Rect, panel: Rect, list: Rect, bottom: Rect

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        let body = Rect(x: 0, y: 1, width: width, height: height - 3)
        // The right-hand panels grow with the screen, so names and reasons are not cut on a wide one.
        let panelWidth = max(38, min(96, width * 2 / 5))
        (map, panel) = body.splitLeft(width - panelWidth)
        (list, bottom) = panel.splitTop(max(6, panel.height / 2))
    }

    /// A centred overlay (help, legend) for `rows` rows of content, as tall as the screen allows.
    func overlay(rows: Int) -> Rect {
        let w = min(width - 4, 120), h = min(height - 2, rows + 2)
        return Rect(x: (width - w) / 2, y: (height - h) / 2, width: w, height: h)
    }
}

/// "↑ 3 more · ↓ 12 more" on a box's bottom border (right-aligned) when rows are scrolled out
/// of view, so a list never looks shorter than it is. The bottom border, because the top one
/// holds the box's title.
enum ScrollMarks {
    static func draw(above: Int, below: Int, box r: Rect, _ model: ConsoleModel, into screen: inout Screen) {
        guard r.width > 12, r.height >= 2 else { return }
        var parts: [String] = []
        if above > 0 { parts.append(model.t(Bilingual("↑ \(above) more", "↑ 还有 \(above) 条"))) }
        if below > 0 { parts.append(model.t(Bilingual("↓ \(below) more", "↓ 还有 \(below) 条"))) }
        guard !parts.isEmpty else { return }
        let text = " " + parts.joined(separator: " · ") + " "
        let w = DisplayWidth.of(text)
        let y = r.bottom - 1
        screen.put(text, x: max(r.x + 1, r.right - 2 - w), y: y, style: Style(.title, .bold), clip: Rect(x: r.x + 1, y: y, width: r.width - 2, height: 1))
    }

    /// The first row to show of `count` rows in `rows` lines, scrolled to `offset`.
    static func first(offset: Int, count: Int, rows: Int) -> Int { max(0, min(offset, count - rows)) }
}

/// A box over the screen with rows of styled text that scroll (help, legend).
struct OverlayView {
    /// A run of text in one style.
    typealias Span = (text: String, style: Style)

    let model: ConsoleModel
    let title: String
    let rows: [[Span]]

    func render(into screen: inout Screen) {
        let r = ConsoleLayout(width: screen.width, height: screen.height).overlay(rows: rows.count)
        guard r.width > 4, r.height > 2 else { return }
        screen.fill(r)
        screen.box(r, title: title, glyphs: model.glyphs, style: Style(.title))
        let inner = r.inset(1)
        let first = ScrollMarks.first(offset: model.overlayOffset, count: rows.count, rows: inner.height)
        for (k, row) in rows.dropFirst(first).prefix(inner.height).enumerated() {
            var x = inner.x + 1
            for span in row { x = screen.put(span.text, x: x, y: inner.y + k, style: span.style, clip: inner) }
        }
        ScrollMarks.draw(above: first, below: max(0, rows.count - first - inner.height), box: r, model, into: &screen)
    }
}
