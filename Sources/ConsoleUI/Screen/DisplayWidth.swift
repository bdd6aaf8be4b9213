/// Terminal display width of text, by Unicode East Asian Width: 朝阳区 is six columns.
///
/// A pure table, so tests and snapshots do not depend on the C library's locale.
public enum DisplayWidth {
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 { return 0 }
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }
        // Combining marks, zero-width spaces and joiners, variation selectors.
        if (0x300...0x36F).contains(v) || (0x200B...0x200F).contains(v) || (0xFE00...0xFE0F).contains(v) || (0x20D0...0x20FF).contains(v) { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v)
        {
            return 2
        }
        return 1
    }

    public static func of(_ character: Character) -> Int {
        var w = 0
        for s in character.unicodeScalars { w = max(w, of(s)) }
        return w
    }

    public static func of(_ text: String) -> Int {
        var w = 0
        for c in text { w += of(c) }
        return w
    }

    /// The longest prefix of `text` that fits in `columns`, with "…" when cut.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if of(text) <= columns { return text }
        var out = ""
        var w = 0
        for c in text {
            let cw = of(c)
            if w + cw > columns - 1 { break }
            out.append(c)
            w += cw
        }
        return out + "…"
    }

    /// Pads with spaces to exactly `columns` (truncating when longer).
    public static func pad(_ text: String, to columns: Int) -> String {
        let t = truncate(text, to: columns)
        return t + String(repeating: " ", count: max(0, columns - of(t)))
    }
}
