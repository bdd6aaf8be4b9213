/// One character cell of the screen. A wide character fills its cell and marks the next one
/// as a continuation (empty text).
public struct ScreenCell: Hashable, Sendable {
    public var text: Character?
    public var style: Style

    public static let blank = ScreenCell(text: " ", style: .normal)
    public var isContinuation: Bool { text == nil }
}

/// A rectangle on the screen.
public struct Rect: Hashable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }
    public var right: Int { x + width }
    public var bottom: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }
    public func inset(_ n: Int) -> Rect { Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n) }
    /// Splits into a top part of `h` rows and the rest.
    public func splitTop(_ h: Int) -> (Rect, Rect) {
        let t = min(h, height)
        return (Rect(x: x, y: y, width: width, height: t), Rect(x: x, y: y + t, width: width, height: height - t))
    }
    public func splitLeft(_ w: Int) -> (Rect, Rect) {
        let l = min(w, width)
        return (Rect(x: x, y: y, width: l, height: height), Rect(x: x + l, y: y, width: width - l, height: height))
    }
}

/// The screen as a value: a rectangle of cells. Views render into it; a terminal flushes it.
public struct Screen: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [ScreenCell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// Read-only: every write goes through `place`, which never leaves half a wide character.
    public subscript(x: Int, y: Int) -> ScreenCell { cells[y * width + x] }

    /// Writes text at (x, y) within `clip`, by display width; returns the column after it.
    /// A wide character that would straddle the clip's edge becomes a space.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .normal, clip: Rect? = nil) -> Int {
        let c = clip ?? area
        guard y >= c.y, y < c.bottom, y >= 0, y < height else { return x }
        var col = x
        let limit = min(c.right, width)
        for ch in text {
            let w = DisplayWidth.of(ch)
            if w == 0 { continue }
            if col + w > limit {
                if col < limit && col >= max(c.x, 0) { place(col, y, " ", width: 1, style) }
                return limit
            }
            if col >= max(c.x, 0) {
                place(col, y, ch, width: w, style)
            }
            col += w
        }
        return col
    }

    /// Sets one cell's character and style (width-1 characters only).
    public mutating func set(_ x: Int, _ y: Int, _ ch: Character, _ style: Style) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        place(x, y, ch, width: 1, style)
    }

    /// Puts a character of display width `w` (1 or 2) at (x, y), never leaving half of a wide
    /// character behind: a wide character whose other half is overwritten becomes a space, so
    /// every row keeps exactly the screen's width however views overlap.
    private mutating func place(_ x: Int, _ y: Int, _ ch: Character, width w: Int, _ style: Style) {
        // Overwriting the right half of a wide character: its left half goes.
        let at = y * width + x
        if cells[at].isContinuation, x > 0 { cells[at - 1] = ScreenCell(text: " ", style: cells[at - 1].style) }
        // Overwriting the left half (or, for a wide character, reaching into the next one): the
        // orphaned right half goes.
        let end = x + w
        if end < width, cells[at + w].isContinuation { cells[at + w] = ScreenCell(text: " ", style: cells[at + w].style) }
        cells[at] = ScreenCell(text: ch, style: style)
        if w == 2, x + 1 < width { cells[at + 1] = ScreenCell(text: nil, style: style) }
    }

    public mutating func fill(_ r: Rect, _ ch: Character = " ", style: Style = .normal) {
        // A rectangle partly or wholly off the screen fills only what is on it.
        let x0 = max(0, r.x), x1 = min(width, r.right), y0 = max(0, r.y), y1 = min(height, r.bottom)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            for x in x0..<x1 { place(x, y, ch, width: 1, style) }
        }
    }

    /// A box with a title in its top border.
    public mutating func box(_ r: Rect, title: String, glyphs: Glyphs, style: Style = Style(.border), titleStyle: Style = Style(.title, .bold)) {
        guard r.width >= 2, r.height >= 2 else { return }
        let (tl, tr, bl, br) = glyphs.corners
        for x in (r.x + 1)..<(r.right - 1) {
            set(x, r.y, glyphs.horizontal, style)
            set(x, r.bottom - 1, glyphs.horizontal, style)
        }
        for y in (r.y + 1)..<(r.bottom - 1) {
            set(r.x, y, glyphs.vertical, style)
            set(r.right - 1, y, glyphs.vertical, style)
        }
        set(r.x, r.y, tl, style)
        set(r.right - 1, r.y, tr, style)
        set(r.x, r.bottom - 1, bl, style)
        set(r.right - 1, r.bottom - 1, br, style)
        if !title.isEmpty && r.width > 4 {
            put(" " + DisplayWidth.truncate(title, to: r.width - 4) + " ", x: r.x + 1, y: r.y, style: titleStyle, clip: Rect(x: r.x + 1, y: r.y, width: r.width - 2, height: 1))
        }
    }

    /// The same screen in plain ASCII, for terminals whose locale is not UTF-8: known symbols
    /// get ASCII stand-ins, anything else (Chinese text included) becomes "?" of the same width.
    public func asciified() -> Screen {
        var out = self
        let table: [Character: Character] = [
            "·": ".", "…": "~", "↑": "^", "↓": "v", "←": "<", "→": ">", "✓": "+", "✗": "x", "×": "x", "≥": ">",
            "☐": "[", "☑": "#", "⚠": "!", "─": "-", "│": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+", "≈": "~",
        ]
        for i in out.cells.indices {
            guard let ch = out.cells[i].text, !ch.isASCII else { continue }
            if let a = table[ch] {
                out.cells[i].text = a
            } else {
                out.cells[i].text = "?"
                if DisplayWidth.of(ch) == 2, i + 1 < out.cells.count, out.cells[i + 1].isContinuation { out.cells[i + 1].text = " " }
            }
        }
        return out
    }

    /// The screen as lines of text, continuation cells dropped: what tests compare.
    public var lines: [String] {
        (0..<height).map { y in
            var s = ""
            for x in 0..<width {
                if let t = self[x, y].text { s.append(t) }
            }
            return s
        }
    }

    /// Lines with trailing spaces removed, for readable snapshots.
    public var trimmedLines: [String] {
        lines.map { line in
            var l = line
            while l.last == " " { l.removeLast() }
            return l
        }
    }
}
