import CommandModel
import Foundation

/// The help overlay's rows: every key (from the `Request` table), how the command bar and the
/// panels behave, then every verb (from the grammar's table), two to a row. It scrolls.
enum HelpView {
    static func rows(_ model: ConsoleModel, width: Int) -> [[OverlayView.Span]] {
        let half = max(10, (width - 3) / 2)
        // Two to a row while both fit their half; a longer one takes a row of its own, so no
        // description is cut while the overlay has room for it.
        func pairs(_ cells: [String]) -> [[OverlayView.Span]] {
            var rows: [[OverlayView.Span]] = []
            var k = 0
            while k < cells.count {
                let fits = { (c: String) in DisplayWidth.of(c) <= half - 1 }
                if k + 1 < cells.count, fits(cells[k]), fits(cells[k + 1]) {
                    rows.append([(DisplayWidth.pad(cells[k], to: half), Style.normal), (cells[k + 1], Style.normal)])
                    k += 2
                } else {
                    rows.append([(DisplayWidth.truncate(cells[k], to: max(1, width - 1)), Style.normal)])
                    k += 1
                }
            }
            return rows
        }
        let keys = Request.allCases.map { DisplayWidth.pad($0.keys.map(\.label).joined(separator: " "), to: 6) + " " + model.t($0.help) }
        let verbs = Grammar.verbs.map { DisplayWidth.pad($0.name, to: 11) + " " + model.t($0.help) }
        let heading = Style(.title, .bold)
        return pairs(keys) + [[]]
            + [[(model.t(Bilingual("Command bar: Tab lists and completes the choices at the cursor · ↑ ↓ earlier lines", "命令栏：Tab 列出并补全光标处的可选项 · ↑ ↓ 调出历史命令")), Style(.dim))]]
            + [[(model.t(Bilingual("Panel focus (Tab): ↑ ↓ PgUp PgDn scroll the timeline or team board · f finds a team", "面板焦点（Tab）：↑ ↓ PgUp PgDn 滚动时间线或队伍看板 · f 查找队伍")), Style(.dim))]]
            + [[(model.t(Bilingual("Mouse: click a row, a team or a map cell · the wheel scrolls lists and panels, zooms the map", "鼠标：点击行、队伍或地图格 · 滚轮滚动列表与面板、缩放地图")), Style(.dim))]]
            + [[]]
            + [[(model.t(Bilingual("Commands: type : then a verb (decision-hub exec takes the same)", "命令：输入 : 后跟命令（decision-hub exec 相同）")), heading)]]
            + pairs(verbs)
    }

    static func render(_ model: ConsoleModel, into screen: inout Screen) {
        let width = ConsoleLayout(width: screen.width, height: screen.height).overlay(rows: 0).width - 2
        OverlayView(
            model: model, title: model.t(Bilingual("Keys · ↑ ↓ PgUp PgDn scroll · any other key closes", "按键 · ↑ ↓ PgUp PgDn 滚动 · 其他键关闭")), rows: rows(model, width: width)
        ).render(into: &screen)
    }
}

/// The map legend (`l`): every symbol, colour and tint the map draws, each shown as drawn.
enum LegendView {
    static func rows(_ model: ConsoleModel, width: Int) -> [[OverlayView.Span]] {
        let g = model.glyphs
        let heading = Style(.title, .bold)
        typealias Item = [OverlayView.Span]
        func item(_ symbol: String, _ style: Style, _ text: Bilingual) -> Item { [(symbol, style), (" " + model.t(text) + "   ", Style.normal)] }
        var rows: [[OverlayView.Span]] = []
        func title(_ text: Bilingual) { rows.append([(model.t(text), heading)]) }
        // A note's parts (between " · ") flow like items, so no word is cut.
        func note(_ text: Bilingual) { flow(model.t(text).components(separatedBy: " · ").map { [($0 + "   ", Style(.dim))] }) }
        // Items flow into as many rows as the width needs; none is cut.
        func flow(_ items: [Item]) {
            var row: [OverlayView.Span] = [], used = 0
            for it in items {
                let w = it.reduce(0) { $0 + DisplayWidth.of($1.text) }
                if used > 0 && used + w > width - 2 {
                    rows.append(row)
                    row = []
                    used = 0
                }
                row += it
                used += w
            }
            if !row.isEmpty { rows.append(row) }
        }
        let marker = Style(.level(.iv), .bold)
        title(Bilingual("Incidents: the shape is the category, the colour the level", "事件：形状表示类别，颜色表示级别"))
        flow([
            item(String(g.natural), marker, Bilingual("natural disaster", "自然灾害")), item(String(g.accident), marker, Bilingual("accident", "事故灾难")),
            item(String(g.health), marker, Bilingual("public health", "公共卫生")), item(String(g.security), marker, Bilingual("social security", "社会安全")),
        ])
        flow([ResponseLevel.i, .ii, .iii, .iv, .none].map { l in item(String(g.natural), Style(.level(l), .bold), l.name) })
        flow([
            item(String(g.natural), Style(.level(.ii), [.bold, .blink]), Bilingual("blinking: not acknowledged", "闪烁：未确认")),
            item(String(g.natural), Style(.level(.ii), [.bold, .reverse]), Bilingual("reverse: selected or just in", "反色：选中或新到")),
            item("2", Style(.level(.iii), .bold), Bilingual("2–9 incidents in one cell", "同一格内 2–9 个事件")), item("+", Style(.level(.iii), .bold), Bilingual("ten or more", "十个及以上")),
        ])
        rows.append([])
        title(Bilingual("Teams: the letter is the first capability, the colour the status", "队伍：字母表示首要能力，颜色表示状态"))
        flow(Capability.allCases.map { c in item(String(g.team([c])), Style(.team(.available)), c.name) })
        flow(TeamStatus.allCases.map { s in item(String(g.team([.urbanFire])), Style(.team(s), s.isCommitted ? [.bold] : []), s.name) })
        rows.append([])
        title(Bilingual("Facilities and ground", "设施与地物"))
        flow([
            item(String(g.shelter), Style(.shelter), Bilingual("shelter", "避难场所")), item(String(g.depot), Style(.depot), Bilingual("depot", "物资库")),
            item(String(g.hazard), Style(.hazard, .bold), Bilingual("hazard source", "危险源")), item(String(g.cursor), Style(.cursor, .bold), Bilingual("map cursor", "地图光标")),
            item(String(g.mountain), Style(.mapMountain), Bilingual("mountain", "山地")), item(String(g.hill), Style(.mapHill), Bilingual("hill", "丘陵")),
            item(String(g.urban), Style(.mapUrban), Bilingual("built-up", "城区")), item(String(g.boundary), Style(.mapBoundary), Bilingual("district boundary", "区界")),
            item(String(g.water), Style(.mapWater), Bilingual("river", "河流")), item(String(g.reservoir), Style(.mapWater), Bilingual("reservoir, lake", "水库、湖泊")),
            item(String(g.road), Style(.mapRoad), Bilingual("road", "道路")), item(String(g.ring), Style(.mapRoad, .bold), Bilingual("ring road, expressway", "环路、高速")),
        ])
        flow([
            item(String(g.shelter), Style(.shelter, .bold), Bilingual("shelter open", "避难场所开放")),
            item(String(g.shelter), Style(.level(.iii), .bold), Bilingual("near full (90%)", "将满（90%）")),
            item(String(g.shelter), Style(.level(.i), [.bold, .reverse]), Bilingual("full", "已满")), item(String(g.shelter), Style(.dim), Bilingual("closed", "未开放")),
        ])
        note(Bilingual("District names in bold; river and road names at 1:1 and 1:2", "粗体为区名；比例 1:1、1:2 时显示河流与道路名"))
        rows.append([])
        title(Bilingual("Tint (z): districts washed by warning colour or response level", "着色（z）：按预警颜色或响应级别给区域着色"))
        flow(WarningColor.allCases.map { c in item("  ", Style(.normal, tint: .warning(c)), Bilingual("\(c.name.en) warning", "\(c.name.zh)预警")) })
        flow([ResponseLevel.i, .ii, .iii, .iv].map { l in item("  ", Style(.normal, tint: .response(l)), Bilingual("response \(l.roman)", "\(l.roman)级响应")) })
        rows.append([])
        note(Bilingual("1–7 hide or show a layer · t time filter · f level filter · the map's title says what is hidden", "1–7 隐藏/显示图层 · t 时间筛选 · f 级别筛选 · 地图标题注明隐藏内容"))
        return rows
    }

    static func render(_ model: ConsoleModel, into screen: inout Screen) {
        let width = ConsoleLayout(width: screen.width, height: screen.height).overlay(rows: 0).width - 2
        OverlayView(model: model, title: model.t(Bilingual("Map legend · ↑ ↓ scroll · any other key closes", "地图图例 · ↑ ↓ 滚动 · 其他键关闭")), rows: rows(model, width: width)).render(into: &screen)
    }
}
