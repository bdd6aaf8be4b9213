import ArgumentParser
import CommandModel
import ConsoleUI
import EventLog
import Foundation

/// Options shared by the console, demo and snapshot.
struct ConsoleOptions: ParsableArguments {
    @Option(help: "The map file (default: Resources/maps/beijing.map). 地图文件。") var map: String?
    @Option(help: "Teams and facilities (default: Resources/sample/beijing.yaml, sample data). 队伍与设施数据（默认为示例数据）。") var city: String?
    @Flag(help: "Do not ring the terminal bell on new incidents and level rises. 新事件和升级时不响铃。") var noBell = false
    @Flag(help: "Draw ASCII glyphs even in a UTF-8 locale. 使用 ASCII 符号。") var ascii = false
    @Flag(help: "The terminal speaks UTF-8 whatever the locale says: draw Chinese and symbols (C.UTF-8). 终端支持 UTF-8（无论区域设置）：显示中文与符号。") var utf8 = false
    @Flag(help: "q asks before quitting (always so with a roster: a wall console). q 退出前确认（有值班表时总是如此）。") var confirmQuit = false
}

struct Console: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "console", abstract: "Open the console on a store (the default). 打开控制台。")

    @OptionGroup var options: StoreOptions
    @OptionGroup var console: ConsoleOptions

    func run() throws {
        let lang = options.language
        let res = try loadCentreFiles(mapPath: console.map, cityPath: console.city, withCity: true, language: lang)
        let store: any DurableEventStore
        do { store = try options.openStore() } catch { throw fail(error.text(lang)) }
        try runConsole(store: store, resources: res, options: options, console: console)
    }
}

/// Opens the store's state with progress, then runs the console until the user quits.
func runConsole(store: any DurableEventStore, resources res: CentreFiles, options: StoreOptions, console: ConsoleOptions) throws {
    let lang = options.language
    let roster = try options.loadRoster()
    let ledger: Ledger
    do { ledger = try options.openLedger(store, plans: res.plans, grid: res.grid) } catch { throw fail(error.text(lang)) }
    // A console reads every open incident many times a second: decoded once, here.
    ledger.settleIncidents()
    ledger.places = res.places
    try options.checkRosterPin(ledger.state, roster: roster)
    ledger.roster = roster
    // Events are recorded under the recorded name (naming the account when acting for another),
    // which is also the name the console shows and compares its own events with.
    let identity = options.identity
    ledger.identity = identity
    guard let terminal = NcursesTerminal(forceUTF8: console.utf8) else {
        throw fail(Bilingual("the console needs a terminal; for scripts use decision-hub exec or snapshot", "控制台需要终端；脚本请用 decision-hub exec 或 snapshot")(lang))
    }
    let tiananmen = res.grid.cell(for: GeoPoint(lat: 39.905, lon: 116.397)) ?? Cell(x: res.grid.width / 2, y: res.grid.height / 2)
    var model = ConsoleModel(language: lang, glyphs: terminal.utf8 && !console.ascii ? .unicode : .ascii, operatorName: identity.recordedName, centre: tiananmen)
    model.asciiNote = !terminal.utf8
    // Chinese needs UTF-8 and wide glyphs: without them it would read as "? ?", so English it is,
    // said once; `w` explains instead of switching.
    model.canShowChinese = terminal.utf8 && !console.ascii
    var notes: [Bilingual] = terminal.localeNote.map { [$0] } ?? []
    if lang == .zh && !model.canShowChinese {
        model.language = .en
        notes.append(
            console.ascii
                ? Bilingual("Chinese needs wide glyphs, which --ascii leaves out: showing English", "中文需要宽字符，--ascii 不显示：改用英文显示")
                : Bilingual("Chinese needs a UTF-8 terminal: showing English (start with --utf8 if yours speaks UTF-8)", "中文需要 UTF-8 终端：改用英文显示（若终端支持 UTF-8，请加 --utf8）"))
    }
    if let roster {
        let actor = Actor.from(roster: roster, login: options.operatorName, at: Date())
        model.person = actor.person?.id
        model.revealDrills = actor.roles.contains(.drillCoordinator)
        let roles = actor.roles.subtracting([.viewer]).sorted()
        model.role =
            roles.isEmpty
            ? Bilingual("viewer: not allowed to change anything", "观察员：不能进行更改")
            : Bilingual(roles.map(\.name.en).joined(separator: ", "), roles.map(\.name.zh).joined(separator: "、"))
    }
    model.bell = !console.noBell
    model.confirmQuit = console.confirmQuit || roster != nil
    if res.city.isSample { notes.insert(Bilingual("teams, shelters and depots shown are SAMPLE DATA", "所示队伍、避难场所和物资库为示例数据"), at: 0) }
    if model.asciiNote && !console.ascii { notes.append(Bilingual("the locale is not UTF-8: ASCII glyphs are used", "当前区域设置不是 UTF-8：使用 ASCII 符号")) }
    if !notes.isEmpty { model.message = (notes.map { model.t($0) }.joined(separator: " · "), false) }
    let runner = ConsoleRunner(terminal: terminal, backend: ledger, map: res.map, facilities: res.city.facilities, model: model)
    runner.editor = { text, name in runEditor(text, name: name) }
    runner.run()
    // Sign the head on the way out (when this account holds the key); the terminal is back.
    signHead(store, lang)
}

struct Snapshot: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "snapshot", abstract: "Print the console screen as text, through the same render path. 以文本输出控制台画面。")

    @OptionGroup var options: StoreOptions
    @OptionGroup var console: ConsoleOptions
    @Option(help: "Columns. 列数。") var width = 120
    @Option(help: "Rows. 行数。") var height = 36
    @Option(help: "Select this incident (default: the top of the work list). 选中该事件。") var select: String?
    @Option(help: "Map zoom: 1, 2, 4 or 8 cells per character. 地图比例：1、2、4 或 8。") var zoom = 1

    func run() throws {
        let lang = options.language
        let res = try loadCentreFiles(mapPath: console.map, cityPath: console.city, withCity: true, language: lang)
        do {
            let store = try options.openStore(readOnly: true)
            let ledger = try options.openLedger(store, plans: res.plans, grid: res.grid)
            let centre = res.grid.cell(for: GeoPoint(lat: 39.905, lon: 116.397)) ?? Cell(x: 0, y: 0)
            var model = ConsoleModel(language: lang, glyphs: console.ascii ? .ascii : .unicode, operatorName: options.operatorName, centre: centre)
            model.zoom = zoom
            let terminal = OffscreenTerminal(width: width, height: height)
            let runner = ConsoleRunner(terminal: terminal, backend: ledger, map: res.map, facilities: res.city.facilities, model: model)
            let world = runner.world
            model.selected = select.flatMap(IncidentID.init(parsing:)) ?? world.workList(filter: "").first?.id
            if let s = model.selected { model.timeline = try store.events(incident: s); model.timelineFor = s }
            for line in ConsoleView.render(model, world, width: width, height: height).trimmedLines { print(line) }
        } catch {
            throw fail(error.text(lang))
        }
    }
}
