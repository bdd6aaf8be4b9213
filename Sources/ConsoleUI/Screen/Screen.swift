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

    public subscript(x: Int, y: Int) -> ScreenCell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

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
            if col + w > limit { if col < limit && col >= max(c.x, 0) { self[col, y] = ScreenCell(text: " ", style: style) }; return limit }
            if col >= max(c.x, 0) {
                self[col, y] = ScreenCell(text: ch, style: style)
                if w == 2 { self[col + 1, y] = ScreenCell(text: nil, style: style) }
            }
            col += w
        }
        return col
    }

    /// Sets one cell's character and style (width-1 characters only).
    public mutating func set(_ x: Int, _ y: Int, _ ch: Character, _ style: Style) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        self[x, y] = ScreenCell(text: ch, style: style)
    }

    public mutating func fill(_ r: Rect, _ ch: Character = " ", style: Style = .normal) {
        for y in max(0, r.y)..<min(height, r.bottom) {
            for x in max(0, r.x)..<min(width, r.right) { self[x, y] = ScreenCell(text: ch, style: style) }
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
