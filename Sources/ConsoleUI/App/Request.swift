import CommandModel

/// Every user request, declared once with its keys and help text. The key map, the help
/// overlay and the key hints are all generated from this table.
public enum Request: CaseIterable, Hashable, Sendable {
    case help, quit, command, search
    case moveUp, moveDown, pageUp, pageDown, nextUnacknowledged, focusNext, focusPrevious
    case acknowledge, acknowledgePages, verify, setLevel, dispatch, jointPlan, report, close, status, note, handover, editReport
    case zoomIn, zoomOut, panUp, panDown, panLeft, panRight, centre
    case toggleLabels, toggleTerrain, toggleWater, toggleRoads, toggleIncidents, toggleTeams, toggleFacilities
    case timeFilter, levelFilter, tint, legend, teamBoard, language

    public var keys: [Key] {
        switch self {
        case .help: [.char("?")]
        case .quit: [.char("q")]
        case .command: [.char(":")]
        case .search: [.char("/")]
        case .moveUp: [.up, .char("k")]
        case .moveDown: [.down, .char("j")]
        case .pageUp: [.pageUp]
        case .pageDown: [.pageDown]
        case .nextUnacknowledged: [.char("N"), .char("]")]
        case .focusNext: [.tab]
        case .focusPrevious: [.backTab]
        case .acknowledge: [.char("a")]
        case .acknowledgePages: [.char("!")]
        case .verify: [.char("v")]
        case .setLevel: [.char("e")]
        case .dispatch: [.char("d")]
        case .jointPlan: [.char("P")]
        case .report: [.char("n")]
        case .close: [.char("c")]
        case .status: [.char("s")]
        case .note: [.char("o")]
        case .handover: [.char("h")]
        case .editReport: [.char("r")]
        case .zoomIn: [.char("+"), .char("=")]
        case .zoomOut: [.char("-")]
        case .panUp: [.char("K")]
        case .panDown: [.char("J")]
        case .panLeft: [.char("H")]
        case .panRight: [.char("L")]
        case .centre: [.char("g")]
        case .toggleLabels: [.char("1")]
        case .toggleTerrain: [.char("2")]
        case .toggleWater: [.char("3")]
        case .toggleRoads: [.char("4")]
        case .toggleIncidents: [.char("5")]
        case .toggleTeams: [.char("6")]
        case .toggleFacilities: [.char("7")]
        case .timeFilter: [.char("t")]
        case .levelFilter: [.char("f")]
        case .tint: [.char("z")]
        case .legend: [.char("l")]
        case .teamBoard: [.char("b")]
        case .language: [.char("w")]
        }
    }

    public var help: Bilingual {
        switch self {
        case .help: Bilingual("show or hide this help", "显示/隐藏帮助")
        case .quit: Bilingual("quit", "退出")
        case .command: Bilingual("command bar (same grammar as decision-hub exec)", "命令栏（与 decision-hub exec 语法相同）")
        case .search: Bilingual("filter incidents by text; on the map: go to a district or team", "按文字筛选事件；地图上：跳到区或队伍")
        case .moveUp: Bilingual("previous incident (panel: scroll up)", "上一个事件（面板：上滚）")
        case .moveDown: Bilingual("next incident (panel: scroll down)", "下一个事件（面板：下滚）")
        case .pageUp: Bilingual("page up the list, panel or help", "列表/面板/帮助上翻")
        case .pageDown: Bilingual("page down the list, panel or help", "列表/面板/帮助下翻")
        case .nextUnacknowledged: Bilingual("next unacknowledged incident, highest level first", "下一个未确认事件（级别高者优先）")
        case .focusPrevious: Bilingual("focus back: panel / map / list", "焦点后退：面板/地图/列表")
        case .focusNext: Bilingual("switch focus: list / map / panel (timeline, team board)", "切换焦点：列表/地图/面板（时间线、队伍看板）")
        case .acknowledge: Bilingual("acknowledge the selected incident", "确认所选事件")
        case .acknowledgePages: Bilingual("acknowledge the pages sent to you", "确认发给您的寻呼")
        case .verify: Bilingual("mark the selected incident verified", "标记所选事件已核实")
        case .setLevel: Bilingual("raise or lower its level (with a reason)", "提高/降低响应级别（须填理由）")
        case .dispatch: Bilingual("dispatch: ranked teams, one key per team", "派遣：按路程排序，数字键选队")
        case .jointPlan: Bilingual("joint dispatch plan for every waiting incident", "所有待派遣事件的联合派遣方案")
        case .report: Bilingual("report a new incident (at the map cursor)", "上报新事件（地图光标处）")
        case .close: Bilingual("close the selected incident", "结案")
        case .status: Bilingual("move the selected incident's status along", "推进事件状态")
        case .note: Bilingual("add a note to the selected incident", "添加备注")
        case .handover: Bilingual("shift handover brief from the record (a there acknowledges it)", "据记录生成交接班简报（在简报中按 a 确认接班）")
        case .editReport: Bilingual("draft the selected incident's situation report and edit it in $EDITOR; saving records a version", "起草所选事件的信息报告并用 $EDITOR 修改；保存即留存为新版本")
        case .zoomIn: Bilingual("zoom the map in", "放大地图")
        case .zoomOut: Bilingual("zoom the map out", "缩小地图")
        case .panUp: Bilingual("pan the map north", "地图向北移动")
        case .panDown: Bilingual("pan the map south", "地图向南移动")
        case .panLeft: Bilingual("pan the map west", "地图向西移动")
        case .panRight: Bilingual("pan the map east", "地图向东移动")
        case .centre: Bilingual("centre the map on the selected incident", "地图居中到所选事件")
        case .toggleLabels: Bilingual("layer: district boundaries and names", "图层：区界与区名")
        case .toggleTerrain: Bilingual("layer: terrain", "图层：地形")
        case .toggleWater: Bilingual("layer: water", "图层：水系")
        case .toggleRoads: Bilingual("layer: roads", "图层：道路")
        case .toggleIncidents: Bilingual("layer: incidents", "图层：事件")
        case .toggleTeams: Bilingual("layer: teams", "图层：队伍")
        case .toggleFacilities: Bilingual("layer: shelters, depots, hazards", "图层：避难场所、物资库、危险源")
        case .timeFilter: Bilingual("map time filter: 1 h, 6 h, 24 h, all", "地图时间筛选：1小时/6小时/24小时/全部")
        case .levelFilter: Bilingual("map level filter: all, IV+, III+, II+, I (team board: find a team)", "地图级别筛选：全部/IV级以上/III级以上/II级以上/I级（队伍看板：查找队伍）")
        case .tint: Bilingual("tint districts: none, warnings, responses", "区域着色：无/预警/应急响应")
        case .legend: Bilingual("map legend: every symbol, colour and tint", "地图图例：符号、颜色与着色")
        case .teamBoard:
            Bilingual(
                "team board, then resources (shelters, depots, supply requests, mutual aid), then incident detail", "队伍看板，再按为资源（避难场所、物资库、物资申请、协同支援），再按回到事件详情")
        case .language: Bilingual("switch language English / 中文", "切换语言 English / 中文")
        }
    }

    /// The request a key means in the normal mode.
    public static func forKey(_ key: Key) -> Request? {
        allCases.first { $0.keys.contains(key) }
    }
}
