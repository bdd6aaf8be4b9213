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

/// One verb of the command grammar: shared by the console's command bar, `decision-hub exec`,
/// the help overlay and completion.
public struct Verb: Hashable, Sendable {
    public var name: String
    public var aliases: [String]
    public var usage: String
    public var help: Bilingual
}

/// The command grammar: one line of text to commands.
///
/// What a console user types in the command bar, a script runs as `decision-hub exec`.
public enum Grammar {
    public static let verbs: [Verb] = [
        Verb(
            name: "report", aliases: ["上报"], usage: "report <type> [at <district|lat,lon|cell:x,y>] [title \"…\"] [deaths=N …] [caused-by INC-n] [notes \"…\"]",
            help: Bilingual("report a new incident", "上报新事件")),
        Verb(name: "ack", aliases: ["acknowledge", "确认"], usage: "ack <INC-n>", help: Bilingual("acknowledge an incident", "确认事件")),
        Verb(name: "verify", aliases: ["核实"], usage: "verify <INC-n>", help: Bilingual("mark an incident verified", "标记事件已核实")),
        Verb(
            name: "figures", aliases: ["数据"], usage: "figures <INC-n> deaths=N missing=N seriously-injured=N injured=N evacuated=N loss=N",
            help: Bilingual("update casualty and loss figures", "更新伤亡和损失数据")),
        Verb(name: "level", aliases: ["响应"], usage: "level <INC-n> <I|II|III|IV|none> <reason>", help: Bilingual("raise or lower the response level, with a reason", "提高或降低响应级别（须填理由）")),
        Verb(name: "status", aliases: ["状态"], usage: "status <INC-n> <responding|on-scene|contained|recovered>", help: Bilingual("move an incident along its lifecycle", "推进事件处置状态")),
        Verb(name: "cancel", aliases: ["撤销"], usage: "cancel <INC-n> <reason>", help: Bilingual("cancel an incident before response", "在响应前撤销事件")),
        Verb(name: "false-alarm", aliases: ["误报"], usage: "false-alarm <INC-n> <reason>", help: Bilingual("mark an incident a false alarm", "标记为误报")),
        Verb(name: "close", aliases: ["结案"], usage: "close <INC-n> <summary>", help: Bilingual("close an incident with a summary", "结案（须填总结）")),
        Verb(name: "reopen", aliases: ["重开"], usage: "reopen <INC-n> <reason>", help: Bilingual("reopen a closed incident", "重新打开事件")),
        Verb(name: "link", aliases: ["关联"], usage: "link <INC-n> caused-by <INC-m>", help: Bilingual("link a secondary incident to its cause", "关联次生事件与其起因")),
        Verb(name: "check", aliases: ["完成"], usage: "check <INC-n> <item>", help: Bilingual("tick a plan checklist item", "勾选预案检查项")),
        Verb(name: "note", aliases: ["备注"], usage: "note <INC-n> <text>", help: Bilingual("add a note to an incident", "添加备注")),
        Verb(name: "filed", aliases: ["已报送"], usage: "filed <INC-n> <stage>", help: Bilingual("record a report filed to a higher level", "记录已向上级报送")),
        Verb(name: "assign", aliases: ["dispatch", "派遣"], usage: "assign <INC-n> <TEAM> [<TEAM> …]", help: Bilingual("dispatch teams to an incident", "派遣队伍")),
        Verb(name: "team", aliases: ["队伍"], usage: "team <TEAM> <en-route|on-scene|returning|available|out-of-service>", help: Bilingual("move a team's status along", "更新队伍状态")),
        Verb(name: "release", aliases: ["撤回"], usage: "release <TEAM>", help: Bilingual("release a team from its incident", "撤回队伍")),
        Verb(
            name: "respond", aliases: ["启动响应"], usage: "respond <hazard> <level> [city|<district,…>] <reason> · respond RSP-n <level> [city|<district,…>] <reason> · respond end RSP-n <reason>",
            help: Bilingual("declare, adjust or end an area emergency response", "启动、调整或终止区域应急响应")),
        Verb(name: "join", aliases: ["纳入"], usage: "join <INC-n> <RSP-n>", help: Bilingual("put an incident under an area response", "将事件纳入区域响应")),
        Verb(name: "ack-page", aliases: ["确认寻呼"], usage: "ack-page <page id>", help: Bilingual("acknowledge a page sent to you", "确认发给您的寻呼")),
        Verb(name: "end-drill", aliases: ["结束演练"], usage: "end-drill <DRL-n> [reason]", help: Bilingual("stand a drill down (drill coordinators)", "结束演练并收尾（演练导调）")),
        Verb(
            name: "abort-drill", aliases: ["中止演练"], usage: "abort-drill <DRL-n> <reason>",
            help: Bilingual("stop a drill at once, e.g. for a real emergency (drill coordinators)", "立即中止演练，如遇真实突发事件（演练导调）")),
        Verb(
            name: "warn", aliases: ["预警"], usage: "warn <hazard> <blue|yellow|orange|red> [city|<district,…>] [until <time|+Nh>] by <authority> · warn lift WRN-n <reason>",
            help: Bilingual("issue or lift a warning", "发布或解除预警")),
    ]

    /// The centre's own time zone, in which typed times such as `until 20:00` are read.
    public static let centreTimeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? .gmt

    /// Parses one line. `now` (injected, like every clock in the model) and `timeZone` resolve
    /// times such as `until 20:00` or `until +6h`.
    public static func parse(_ line: String, now: Date, timeZone: TimeZone = centreTimeZone) throws(GrammarError) -> [Command] {
        var p = LineParser(tokens: try tokenize(line), end: line.count + 1, now: now, timeZone: timeZone)
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
        let closing: [Character: Character] = ["\"": "\"", "'": "'", "“": "”", "「": "」"]
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
            if let close = closing[ch] {
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
