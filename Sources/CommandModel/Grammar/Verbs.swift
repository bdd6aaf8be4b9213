import Foundation

/// One verb of the command grammar: its name, aliases, usage, help, examples, and the parser
/// that reads the rest of its line. The console's command bar, `decision-hub exec`, the help,
/// completion, `docs/GRAMMAR.md` and README's verb list all read this one value.
public struct Verb: Sendable {
    public var name: String
    public var aliases: [String]
    public var usage: String
    public var help: Bilingual
    /// Lines that parse (a test checks each), shown in `exec --help` and `docs/GRAMMAR.md`.
    public var examples: [String]
    /// Reads the line after the verb into commands, naming the column of any mistake.
    let parse: @Sendable (inout LineParser) throws(GrammarError) -> [Command]

    init(
        _ name: String, aliases: [String], usage: String, help: Bilingual, examples: [String],
        parse: @escaping @Sendable (inout LineParser) throws(GrammarError) -> [Command]
    ) {
        self.name = name
        self.aliases = aliases
        self.usage = usage
        self.help = help
        self.examples = examples
        self.parse = parse
    }
}

extension Grammar {
    /// Every verb, in the order help lists them. A new command is one entry here.
    public static let verbs: [Verb] = [
        Verb(
            "report", aliases: ["上报"],
            usage: "report <type> [at <district|lat,lon|gcj02:lat,lon|cell:x,y>] [datum wgs84|gcj02] [title \"…\"] [deaths=N …] [caused-by INC-n] [notes \"…\"] [by <reporter>]",
            help: Bilingual("report a new incident", "上报新事件"),
            examples: [
                "report flood at mentougou deaths=2 missing=5 title \"Flash flood, Yanchi\"", "report power-outage at 39.7350,116.1400 caused-by INC-0001",
                "report rainstorm at 39.9033,116.3917 datum wgs84 deaths=1",
            ]
        ) { p throws(GrammarError) in [try p.reportCommand()] },
        Verb("ack", aliases: ["acknowledge", "确认"], usage: "ack <INC-n>", help: Bilingual("acknowledge an incident", "确认事件"), examples: ["ack INC-0001"]) { p throws(GrammarError) in
            [.incident(.acknowledge(try p.incidentOnly()))]
        },
        Verb("verify", aliases: ["核实"], usage: "verify <INC-n>", help: Bilingual("mark an incident verified", "标记事件已核实"), examples: ["verify INC-0001"]) { p throws(GrammarError) in
            [.incident(.verify(try p.incidentOnly()))]
        },
        Verb(
            "figures", aliases: ["数据"], usage: "figures <INC-n> deaths=N missing=N seriously-injured=N injured=N evacuated=N loss=N",
            help: Bilingual("update casualty and loss figures", "更新伤亡和损失数据"), examples: ["figures INC-0001 deaths=3 evacuated=1200"]
        ) { p throws(GrammarError) in
            let id = try p.incident()
            return [.incident(.updateFigures(id, try p.figures()))]
        },
        Verb(
            "level", aliases: ["响应"], usage: "level <INC-n> <I|II|III|IV|none> <reason>", help: Bilingual("raise or lower the response level, with a reason", "提高或降低响应级别（须填理由）"),
            examples: ["level INC-0001 II 12 dead, Decree 493"]
        ) { p throws(GrammarError) in
            let id = try p.incident()
            let level = try p.level()
            return [.incident(.setLevel(id, level, reason: try p.rest(LineParser.reason)))]
        },
        Verb(
            "status", aliases: ["状态"], usage: "status <INC-n> <responding|on-scene|contained|recovered>", help: Bilingual("move an incident along its lifecycle", "推进事件处置状态"),
            examples: ["status INC-0001 contained"]
        ) { p throws(GrammarError) in
            let id = try p.incident()
            let status = try p.status()
            try p.finish()
            return [.incident(.setStatus(id, status))]
        },
        Verb("cancel", aliases: ["撤销"], usage: "cancel <INC-n> <reason>", help: Bilingual("cancel an incident before response", "在响应前撤销事件"), examples: ["cancel INC-0002 duplicate of INC-0001"]) {
            p throws(GrammarError) in
            let id = try p.incident()
            return [.incident(.cancel(id, reason: try p.rest(LineParser.reason)))]
        },
        Verb("false-alarm", aliases: ["误报"], usage: "false-alarm <INC-n> <reason>", help: Bilingual("mark an incident a false alarm", "标记为误报"), examples: ["false-alarm INC-0002 the caller saw steam"])
        {
            p throws(GrammarError) in
            let id = try p.incident()
            return [.incident(.markFalseAlarm(id, reason: try p.rest(LineParser.reason)))]
        },
        Verb("close", aliases: ["结案"], usage: "close <INC-n> <summary>", help: Bilingual("close an incident with a summary", "结案（须填总结）"), examples: ["close INC-0001 water pumped out, road open"]) {
            p throws(GrammarError) in
            let id = try p.incident()
            return [.incident(.close(id, summary: try p.rest(Bilingual("a summary", "结案总结"))))]
        },
        Verb("reopen", aliases: ["重开"], usage: "reopen <INC-n> <reason>", help: Bilingual("reopen a closed incident", "重新打开事件"), examples: ["reopen INC-0001 water rising again"]) {
            p throws(GrammarError) in
            let id = try p.incident()
            return [.incident(.reopen(id, reason: try p.rest(LineParser.reason)))]
        },
        Verb("link", aliases: ["关联"], usage: "link <INC-n> caused-by <INC-m>", help: Bilingual("link a secondary incident to its cause", "关联次生事件与其起因"), examples: ["link INC-0002 caused-by INC-0001"])
        {
            p throws(GrammarError) in
            let id = try p.incident()
            if !p.atEnd, ["caused-by", "by", "由"].contains(p.tokens[p.position].text.lowercased()) { p.position += 1 }
            let cause = try p.incident()
            try p.finish()
            return [.incident(.linkCause(id, cause: cause))]
        },
        Verb("check", aliases: ["完成"], usage: "check <INC-n> <item>", help: Bilingual("tick a plan checklist item", "勾选预案检查项"), examples: ["check INC-0001 notify-district"]) {
            p throws(GrammarError) in
            let id = try p.incident()
            return [.incident(.completeChecklistItem(id, item: try p.word(Bilingual("a checklist item id", "检查项编号"))))]
        },
        Verb("note", aliases: ["备注"], usage: "note <INC-n> <text>", help: Bilingual("add a note to an incident", "添加备注"), examples: ["note INC-0001 road cut at km 12"]) { p throws(GrammarError) in
            let id = try p.incident()
            return [.incident(.addNote(id, text: try p.rest(Bilingual("the note's text", "备注内容"))))]
        },
        Verb("filed", aliases: ["已报送"], usage: "filed <INC-n> <stage>", help: Bilingual("record a report filed to a higher level", "记录已向上级报送"), examples: ["filed INC-0001 city-phone"]) {
            p throws(GrammarError) in
            let id = try p.incident()
            return [.incident(.fileReport(id, stage: try p.word(Bilingual("a reporting stage", "报送环节"))))]
        },
        Verb(
            "assign", aliases: ["dispatch", "派遣"], usage: "assign <INC-n> <TEAM> [<TEAM> …]", help: Bilingual("dispatch teams to an incident", "派遣队伍"),
            examples: ["assign INC-0001 FR-07 MD-05"]
        ) { p throws(GrammarError) in
            let id = try p.incident()
            var teams = [try p.team()]
            while !p.atEnd { teams.append(try p.team()) }
            return teams.map { .team(.assign($0, to: id)) }
        },
        Verb(
            "team", aliases: ["队伍"],
            usage:
                "team <TEAM> <en-route|on-scene|returning|available|out-of-service> · team <TEAM> retire <reason> · team add <TEAM> <cap,…> at <place> name \"…\" [zh \"…\"] · team update <TEAM> [caps <cap,…>] [at <place>] [name \"…\"] [zh \"…\"]",
            help: Bilingual("move a team's status along, register or change a team, or retire it from the board", "更新队伍状态，登记或修改队伍，或撤编"),
            examples: [
                "team FR-07 on-scene", "team SR-02 retire merged into SR-01", "team add MD-09 medical,search-rescue at chaoyang name \"Chaoyang medics\" zh \"朝阳医疗队\"",
                "team update FR-07 caps urban-fire,flood-rescue",
            ]
        ) { p throws(GrammarError) in
            if p.take(["add", "新增"]) { return [try p.teamReferenceCommand(adding: true)] }
            if p.take(["update", "修改"]) { return [try p.teamReferenceCommand(adding: false)] }
            let team = try p.team()
            if !p.atEnd, ["retire", "撤编"].contains(p.tokens[p.position].text.lowercased()) {
                p.position += 1
                return [.team(.retire(team, reason: try p.rest(LineParser.reason)))]
            }
            let status = try p.teamStatus()
            try p.finish()
            return [.team(.setStatus(team, status))]
        },
        Verb("release", aliases: ["撤回"], usage: "release <TEAM>", help: Bilingual("release a team from its incident", "撤回队伍"), examples: ["release FR-07"]) { p throws(GrammarError) in
            let team = try p.team()
            try p.finish()
            return [.team(.release(team))]
        },
        Verb(
            "respond", aliases: ["启动响应"],
            usage: "respond <hazard> <level> [city|<district,…>] [for <INC-n,…>] <reason> · respond RSP-n <level> [city|<district,…>] <reason> · respond end RSP-n <reason>",
            help: Bilingual("declare, adjust (none lifts it in those districts) or end an area emergency response", "启动、调整（none 为在所列区解除）或终止区域应急响应"),
            examples: [
                "respond flood II city red rainstorm warning", "respond flood III fangshan for INC-1 the river is rising", "respond RSP-1 III fangshan,mentougou eased in the west",
                "respond RSP-1 none fangshan the water has receded",
                "respond end RSP-1 the flood has passed",
            ]
        ) { p throws(GrammarError) in [try p.respondCommand()] },
        Verb("join", aliases: ["纳入"], usage: "join <INC-n> <RSP-n>", help: Bilingual("put an incident under an area response", "将事件纳入区域响应"), examples: ["join INC-0001 RSP-1"]) {
            p throws(GrammarError) in
            let id = try p.incident()
            let rid = try p.responseID()
            try p.finish()
            return [.area(.joinResponse(id, rid))]
        },
        Verb(
            "warn", aliases: ["预警"], usage: "warn <hazard> <blue|yellow|orange|red> [city|<district,…>] [until <time|+Nh>] by <authority> · warn lift WRN-n <reason>",
            help: Bilingual("issue a warning (it replaces the hazard's warnings over the area it covers) or lift one", "发布预警（替代其覆盖区域内同灾种的原预警）或解除预警"),
            examples: [
                "warn rainstorm orange fangshan,mentougou by Beijing Meteorological Observatory", "warn rainstorm red fangshan,mentougou until +6h by Beijing Meteorological Observatory",
                "warn lift WRN-1 the rain has stopped",
            ]
        ) { p throws(GrammarError) in [try p.warnCommand()] },
        Verb(
            "facility", aliases: ["设施"],
            usage:
                "facility add <ID> <shelter|depot|hazard> at <place> name \"…\" [zh \"…\"] [capacity N] [night N] [kind <hazmat|gas|…>] · facility update <ID> [at <place>] [name \"…\"] [zh \"…\"] [capacity N] [night N] [kind …] · facility retire <ID> <reason>",
            help: Bilingual("put a shelter, depot or hazard source on the record, change it, or retire it", "登记、修改或撤销避难场所、物资储备库、危险源"),
            examples: [
                "facility add SH-21 shelter at 39.9130,116.4430 name \"Ritan Park\" zh \"日坛公园\" capacity 20000 night 12000", "facility update SH-21 capacity 25000",
                "facility retire SH-21 closed for works",
            ]
        ) { p throws(GrammarError) in [try p.facilityCommand()] },
        Verb(
            "shelter", aliases: ["避难"], usage: "shelter <ID> open [for INC-n] <reason> · shelter <ID> close [for INC-n] <reason> · shelter <ID> in <N> [for INC-n] · shelter <ID> out <N> [for INC-n]",
            help: Bilingual("open or close a shelter, check people in (from an incident) or out", "开放或关闭避难场所，登记入住（来自某事件）或离开"),
            examples: ["shelter SH-03 open red rainstorm warning", "shelter SH-03 in 120 for INC-0001", "shelter SH-03 out 40", "shelter SH-03 close everyone has gone home"]
        ) { p throws(GrammarError) in [try p.shelterCommand()] },
        Verb(
            "stock", aliases: ["库存"], usage: "stock <DEPOT> in <item> <N> [note] · stock <DEPOT> out <item> <N> [note] · stock <DEPOT> min <item> <N>",
            help: Bilingual("record goods received or issued at a depot, or the least it should keep", "记录储备库物资入库、出库或最低储备"),
            examples: ["stock DP-01 in sandbags 5000 from the city reserve", "stock DP-01 out pumps 2 lent to Fangshan", "stock DP-01 min sandbags 2000"]
        ) { p throws(GrammarError) in [try p.stockCommand()] },
        Verb(
            "supply", aliases: ["物资"],
            usage:
                "supply request <INC-n|SHELTER> <item=N,…> [priority urgent|high|normal] [by <time|+Nh>] · supply approve REQ-n · supply commit REQ-n <DEPOT> <item=N,…> · supply send REQ-n <DEPOT> · supply deliver REQ-n <DEPOT>",
            help: Bilingual("request supplies for an incident or a shelter, approve, commit from depots, send, deliver", "为事件或避难场所申请物资，批准，由储备库落实、发出、送达"),
            examples: [
                "supply request INC-0001 sandbags=2000,pumps=4 priority urgent by +3h", "supply approve REQ-1", "supply commit REQ-1 DP-01 sandbags=1500,pumps=2",
                "supply send REQ-1 DP-01", "supply deliver REQ-1 DP-01",
            ]
        ) { p throws(GrammarError) in [try p.supplyCommand()] },
        Verb(
            "aid", aliases: ["支援"],
            usage:
                "aid request <INC-n> <centre> [teams <cap=N,…>] [items <item=N,…>] at <place> [by <time|+Nh>] · aid offer AID-n from <centre> team <ID> <cap,…> \"<name>\" … [eta <time|+Nh>] · aid offer AID-n@<centre> team … (our offer on another centre's request) · aid accept AID-n [offer K] · aid arrived AID-n · aid release AID-n <reason>",
            help: Bilingual(
                "ask another centre for teams or supplies, record its offer (or answer its request: AID-n@centre), accept it, record the visitors' arrival, send them home",
                "向其他中心请求队伍或物资支援，记录其响应（或响应其他中心的请求：AID-n@中心），接受，记录到达，支援结束返回"),
            examples: [
                "aid request INC-0001 hebei teams flood-rescue=2 items boats=4 at fangshan by +6h", "aid offer AID-1 from hebei team HB-B1 flood-rescue \"Hebei boat team 1\" eta +3h",
                "aid offer AID-2@tianjin team MD-09 medical \"Chaoyang medics\" eta +2h", "aid accept AID-1", "aid arrived AID-1", "aid release AID-1 the water has gone down",
            ]
        ) { p throws(GrammarError) in [try p.aidCommand()] },
        Verb(
            "centre", aliases: ["中心"], usage: "centre share-board [with] <centre> · centre unshare-board [with] <centre>",
            help: Bilingual(
                "let a neighbouring centre read this centre's board (open incidents, levels, responses), or stop (commanders)", "允许相邻中心查看本中心态势（在办事件、级别、响应），或停止（指挥长）"),
            examples: ["centre share-board with tianjin", "centre unshare-board with tianjin"]
        ) { p throws(GrammarError) in [try p.centreCommand()] },
        Verb("ack-page", aliases: ["确认寻呼"], usage: "ack-page <page id>", help: Bilingual("acknowledge a page sent to you", "确认发给您的寻呼"), examples: ["ack-page INC-0001/unacked/0/li-na"]) {
            p throws(GrammarError) in [.paging(.acknowledge(try p.word(Bilingual("a page id (see decision-hub oncall pages)", "寻呼编号（见 decision-hub oncall pages）"))))]
        },
        Verb("end-drill", aliases: ["结束演练"], usage: "end-drill <DRL-n> [reason]", help: Bilingual("stand a drill down (drill coordinators)", "结束演练并收尾（演练导调）"), examples: ["end-drill DRL-1"]) {
            p throws(GrammarError) in
            let id = try p.drillID()
            let why = p.atEnd ? "ended by the coordinator · 导调结束" : try p.rest(LineParser.reason)
            return [.drill(.end(drill: id, reason: why, aborted: false))]
        },
        Verb(
            "abort-drill", aliases: ["中止演练"], usage: "abort-drill <DRL-n> <reason>",
            help: Bilingual("stop a drill at once, e.g. for a real emergency (drill coordinators)", "立即中止演练，如遇真实突发事件（演练导调）"), examples: ["abort-drill DRL-1 real flood in Fangshan"]
        ) { p throws(GrammarError) in
            let id = try p.drillID()
            return [.drill(.end(drill: id, reason: try p.rest(LineParser.reason), aborted: true))]
        },
        Verb(
            "sitrep", aliases: ["信息报告"], usage: "sitrep draft <INC-n> [first|followup|final] [zh|en] · sitrep approve <INC-n> [v<N>] · sitrep file <INC-n> [to <stage>]",
            help: Bilingual(
                "draft a situation report from the record (a version on the record), approve it (a leader), file it (closes the reporting deadline)",
                "据记录起草信息报告（留存版本），领导审核，报送（结清报送时限）"),
            examples: ["sitrep draft INC-0001 first", "sitrep draft INC-0001 followup en", "sitrep approve INC-0001", "sitrep file INC-0001", "sitrep file INC-0001 to city-written"]
        ) { p throws(GrammarError) in [try p.sitrepCommand()] },
        Verb(
            "handover", aliases: ["交接班"], usage: "handover accept [from <outgoing officer>]",
            help: Bilingual(
                "the incoming officer acknowledges the shift handover (decision-hub handover shows the brief)", "接班人确认交接班（decision-hub handover 显示交接简报）"),
            examples: ["handover accept", "handover accept from li.na"]
        ) { p throws(GrammarError) in [try p.handoverCommand()] },
        Verb(
            "evaluate", aliases: ["评估"],
            usage:
                "evaluate <DRL-n> observe <objective|inject> <text> · evaluate <DRL-n> rate <objective> <P|S|M|U> <reason> · evaluate <DRL-n> accept <objective> · evaluate <DRL-n> score <inject> <expectation> <met|late|missed> [note]",
            help: Bilingual(
                "an evaluator's observation in a drill, their score of a manual expectation (met, late or missed, with a note), or after it their rating of an objective (overriding the computed one with a reason, or accepting it)",
                "评估员记录演练观察、为人工预期评分（达标、超时或未完成，附备注），或在演练结束后评定目标（附理由改定计算评定，或认可之）"),
            examples: [
                "evaluate DRL-1 observe ack the hotline call was logged late", "evaluate DRL-1 rate ack M acknowledged only after the second call", "evaluate DRL-1 accept ack",
                "evaluate DRL-1 score flood call-leader late called after 25 minutes",
            ]
        ) { p throws(GrammarError) in [try p.evaluatorCommand()] },
        Verb(
            "improve", aliases: ["改进"],
            usage: "improve <DRL-n> <objective> owner <name> category <planning|organising|equipping|training|exercising> due <time|+Nd> <action> · improve <CA-n> <open|in-progress|done> [note]",
            help: Bilingual(
                "the improvement plan: a corrective action from a drill's finding (owner, category, due date), and its status",
                "改进计划：据演练发现提出改进措施（责任人、类别、期限），并更新其状态"),
            examples: ["improve DRL-1 ack owner li.na category training due +30d drill the hotline log with every shift", "improve CA-1 done trained all four shifts"]
        ) { p throws(GrammarError) in [try p.improvementCommand()] },
    ]
}

extension Grammar {
    /// Every verb with its usage and help, as plain text in one language (`exec --help`).
    public static func helpText(_ language: Language) -> String {
        let title = language == .zh ? "命令（控制台命令栏与 decision-hub exec 通用）：" : "Commands (the console's command bar and decision-hub exec take the same):"
        return ([title] + verbs.map { "  \($0.usage)\n      \($0.help(language))" }).joined(separator: "\n")
    }

    /// The grammar reference in Markdown: `docs/GRAMMAR.md` is exactly this text (a test keeps
    /// it in step; regenerate with `decision-hub debug grammar > docs/GRAMMAR.md`).
    public static func markdown() -> String {
        var out = [
            "# Command grammar · 命令语法", "",
            "Generated from the verb table (`Sources/CommandModel/Grammar/Verbs.swift`) by `decision-hub debug grammar`; do not edit by hand.",
            "由命令表生成，请勿手工编辑。", "",
            "The console's command bar (`:`) and `decision-hub exec` take the same lines. A mistake is reported with its column; a refused command says why and what to do instead.",
            "控制台命令栏（`:`）与 `decision-hub exec` 接受相同的命令行。语法错误会指出列号；被拒绝的命令会说明原因和应对办法。", "",
        ]
        for v in verbs {
            out.append("## `\(v.name)`" + (v.aliases.isEmpty ? "" : " · " + v.aliases.map { "`\($0)`" }.joined(separator: " ")))
            out.append("")
            out.append("\(v.help.en) · \(v.help.zh)")
            out.append("")
            out.append("```")
            out.append(v.usage)
            out.append("```")
            out.append("")
            out.append("Examples · 示例:")
            out.append("")
            for e in v.examples { out.append("- `\(e)`") }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    /// README's verb list: every verb's name, in table order.
    public static func readmeList() -> String {
        "Verbs: " + verbs.map { "`\($0.name)`" }.joined(separator: ", ") + ". Every verb's syntax and examples: `docs/GRAMMAR.md` or `decision-hub exec --help`."
    }
}
