import Foundation

/// A mistake in a typed command line, at a column (1-based, in characters).
public struct GrammarError: Error, Hashable, Sendable, CustomStringConvertible {
    public var column: Int
    public var message: Bilingual

    public init(column: Int, _ message: Bilingual) {
        self.column = column
        self.message = message
    }

    public func text(_ language: Language) -> String {
        language == .zh ? "第 \(column) 列：\(message.zh)" : "column \(column): \(message.en)"
    }

    public var description: String { text(.en) }
}

/// The command grammar: one line of text to commands.
///
/// What a console user types in the command bar, a script runs as `decision-hub exec`. The verbs
/// are one table (``verbs``, in `Verbs.swift`): each verb carries its parser, so the grammar, the
/// help, completion, `exec --help`, `docs/GRAMMAR.md` and README's list all come from it.
public enum Grammar {
    /// The centre's own time zone, in which typed times such as `until 20:00` are read.
    public static let centreTimeZone = CentreTime.zone

    /// The verb a word names (its name or an alias, any case).
    public static func verb(named word: String) -> Verb? {
        let w = word.lowercased()
        return verbs.first { $0.name == w || $0.aliases.contains(w) }
    }

    /// The verb a mistyped word most likely meant: within two edits of a name or alias.
    public static func suggestion(for word: String) -> String? {
        let names = verbs.flatMap { v in ([v.name] + v.aliases).map { ($0, v.name) } }
        return closest(word, among: names.map(\.0)).flatMap { near in names.first { $0.0 == near }?.1 }
    }

    /// The word of `candidates` a mistyped one most likely meant: two edits for a long word,
    /// one for a short one (every one-letter word is two edits from a two-letter alias); nil
    /// when none is that close, or for the word itself. Verbs, statuses, types and the command
    /// line's subcommands share it.
    public static func closest(_ word: String, among candidates: [String]) -> String? {
        let w = Array(word.lowercased())
        let allowed = w.count >= 5 ? 2 : 1
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let d = editDistance(w, Array(candidate.lowercased()))
            if d > 0, d <= allowed, d < (best?.distance ?? .max) { best = (candidate, d) }
        }
        return best?.name
    }

    /// " (did you mean 'x'?)" in both languages, or nothing.
    static func didYouMean(_ word: String, among candidates: [String]) -> Bilingual {
        closest(word, among: candidates).map { Bilingual(" (did you mean '\($0)'?)", "（是否要输入“\($0)”？）") } ?? Bilingual("", "")
    }

    /// Edits from one word to another, a swap of two neighbours counting as one ("akc", "ack").
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    /// Parses one line. `now` (injected, like every clock in the model) and `timeZone` resolve
    /// times such as `until 20:00` or `until +6h`.
    ///
    /// `checkingHorizon: false` reads a line that runs later (a drill's inject, checked when the
    /// scenario is written): its times are bounded when it runs, against that moment.
    public static func parse(_ line: String, now: Date, timeZone: TimeZone = centreTimeZone, checkingHorizon: Bool = true) throws(GrammarError) -> [Command] {
        var p = LineParser(tokens: try tokenize(line), end: line.count + 1, now: now, timeZone: timeZone)
        p.checkingHorizon = checkingHorizon
        return try p.parseLine()
    }

    /// Reads a time the way the grammar does: `20:00` (the next time the clock shows it),
    /// `2026-07-31T20:00`, or `+6h`.
    public static func parseTime(_ text: String, now: Date, timeZone: TimeZone = centreTimeZone) throws(GrammarError) -> Date {
        let p = LineParser(tokens: [], end: text.count + 1, now: now, timeZone: timeZone)
        return try p.time(Token(text: text, column: 1, quoted: false))
    }

    /// A token and the column it starts at.
    struct Token: Hashable {
        var text: String
        var column: Int
        var quoted: Bool
    }

    static func tokenize(_ line: String) throws(GrammarError) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var start = 0
        var quote: Character?
        var quoted = false
        var inToken = false
        func closing(_ ch: Character) -> Character? {
            switch ch {
            case "\"", "'": ch
            case "“": "”"
            case "「": "」"
            default: nil
            }
        }
        for (i, ch) in line.enumerated() {
            let column = i + 1
            if let q = quote {
                if ch == q { quote = nil } else { current.append(ch) }
                continue
            }
            if ch.isWhitespace {
                if inToken { tokens.append(Token(text: current, column: start, quoted: quoted)) }
                current = ""
                inToken = false
                quoted = false
                continue
            }
            if !inToken {
                inToken = true
                start = column
            }
            if let close = closing(ch) {
                quote = close
                quoted = true
            } else {
                current.append(ch)
            }
        }
        if quote != nil { throw GrammarError(column: start, Bilingual("this quote is never closed", "引号未闭合")) }
        if inToken { tokens.append(Token(text: current, column: start, quoted: quoted)) }
        return tokens
    }
}
