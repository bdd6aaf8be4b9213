import ArgumentParser
import CommandModel
import EventLog
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

struct CAPCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cap",
        abstract: "CAP 1.2 alerts in and out (docs/CAP.md). CAP 1.2 预警的接入与发布。",
        subcommands: [Import.self, Export.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Apply CAP 1.2 alerts as warnings: files, folders, or a watched folder. 将 CAP 1.2 警报作为预警接入。",
            discussion:
                "Example: decision-hub cap import alerts/ · decision-hub cap import --watch /var/spool/cap\nAn Alert issues a warning over the districts its areas cover; an Update replaces the warnings of all its references; a Cancel lifts them. Exercise, Test, System and Draft alerts are ignored. Idempotent by sender and identifier.\nExit status: 0 every file applied, ignored or already on record; 1 a file was malformed or unreadable (nothing of it applied), or the store failed.\n按发送者与标识符幂等；格式错误的文件被拒收（不应用任何内容）。"
        )

        @OptionGroup var options: StoreOptions

        @Option(name: .long, help: "Keep importing the alerts that appear in this folder (checked twice a second). 持续接入该目录中新出现的警报。")
        var watch: String?

        @Argument(help: "CAP files or folders of them (*.xml). CAP 文件或目录。")
        var paths: [String] = []

        func validate() throws {
            if watch == nil && paths.isEmpty { throw ValidationError("give CAP files or folders, or --watch DIR · 请给出 CAP 文件或目录，或 --watch 目录") }
        }

        func run() throws {
            let lang = options.language
            let colours = try capColours(lang)
            var failed = 0
            try options.withLedger(roster: try options.loadRoster(), resources: true, places: false) { ledger in
                let importer = CAPImport(ledger: ledger, operatorName: options.operatorName, colours: colours)
                func take(_ file: String) throws {
                    let outcome = try importer.importFile(file)
                    if outcome.failed { failed += 1 }
                    print(outcome.text(lang))
                    fflush(nil)
                }
                for path in paths {
                    var isFolder: ObjCBool = false
                    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                        failed += 1
                        print("\(path): " + Bilingual("no such file or folder", "文件或目录不存在")(lang))
                        continue
                    }
                    for file in isFolder.boolValue ? try CAPImport.files(in: path) : [path] { try take(file) }
                }
                guard let watch else { return }
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: watch, isDirectory: &isFolder), isFolder.boolValue else {
                    throw fail(Bilingual("\(watch) is not a folder", "\(watch) 不是目录")(lang))
                }
                printError(Bilingual("watching \(watch) for CAP alerts (Ctrl-C stops)", "正在监视 \(watch) 中的 CAP 警报（Ctrl-C 停止）")(lang))
                let folder = CAPFolderWatch(folder: watch)
                // A store that is busy, full or cannot be reached is waited out, the file tried
                // again: a watcher does not end in the night for a server restart.
                var outage = OutageWait(say: { printError($0(lang)) })
                while true {
                    for file in try folder.ready() { try outage.attempt(Bilingual(file, file)) { try take(file) } }
                    usleep(500_000)
                }
            }
            if failed > 0 { throw ExitCode(1) }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write warnings and incidents as CAP 1.2 alerts (China profile). 以 CAP 1.2（中国规范）导出预警与事件。",
            discussion:
                "Example: decision-hub cap export WRN-0003 · decision-hub cap export --all --out outbox/\nA drill's data is written with status Exercise; a running blind drill's only with --drills (drill coordinators), else left out.\n演练数据的状态为 Exercise；进行中的盲演数据仅在导调使用 --drills 时导出。"
        )

        @OptionGroup var options: StoreOptions

        @Flag(name: .long, help: "Every warning in force and every open incident. 所有生效预警与在办事件。")
        var all = false

        @Option(name: .long, help: "Write one FILE per alert (IDENTIFIER.xml) into this folder instead of standard output. 每条警报写入该目录中的一个文件。")
        var out: String?

        @Flag(name: .long, help: "Include a running blind drill's data, as Exercise (drill coordinators only). 包含进行中盲演的数据（仅限导调）。")
        var drills = false

        @Option(name: .long, help: "The centre's 6-digit area code (default: the map's, e.g. 110000). 中心的 6 位行政区划代码。")
        var areaCode: String?

        @Option(name: .long, help: "The <sender> written (default: decision-hub@AREACODE). 发送者标识。")
        var sender: String?

        @Argument(help: "A warning (WRN-0003) or an incident (INC-0042). 预警或事件编号。")
        var target: String?

        func validate() throws {
            if all == (target != nil) { throw ValidationError("give a warning or incident id, or --all · 请给出预警或事件编号，或 --all") }
            if let areaCode, areaCode.count != 6 || !areaCode.allSatisfy(\.isASCII) || !areaCode.allSatisfy(\.isNumber) {
                throw ValidationError("--area-code is 6 digits, e.g. 110000 · --area-code 须为 6 位数字，如 110000")
            }
        }

        func run() throws {
            let lang = options.language
            if drills { try Drill.coordinatorOnly(options, action: "cap export --drills") }
            var documents: [CAPDocument] = []
            try options.withLedger(roster: try options.loadRoster(), resources: true, places: true) { ledger in
                guard let grid = ledger.grid else { throw fail(Bilingual("no map loaded", "未加载地图")(lang)) }
                guard let code = areaCode ?? CAPExport.areaCode(of: grid) else {
                    throw fail(Bilingual("the map's districts share no area code: give --area-code", "地图各区无共同行政区划代码：请给出 --area-code")(lang))
                }
                let export = CAPExport(
                    areaCode: code, sender: sender ?? "decision-hub@\(code)", senderName: Bilingual("Decision Hub \(code)", "应急指挥中心 \(code)"), grid: grid, places: ledger.places)
                let state = ledger.state
                let now = Date()
                func visible(_ exercise: String?) -> Bool { CAPExport.visible(exercise, in: state, reveal: drills) }
                if all {
                    for w in state.warningsInForce(at: now) where visible(w.exercise) { documents.append(export.alert(for: w)) }
                    for i in state.activeIncidents.sorted(by: { $0.id < $1.id }) where visible(i.exercise) { documents.append(export.alert(for: i)) }
                    return
                }
                let t = target ?? ""
                if let w = WarningID(parsing: t), let warning = state.warnings[w], visible(warning.exercise) {
                    guard warning.isActive(at: now) else {
                        let st = state.capState(of: w, at: now) ?? .lifted
                        throw fail(Bilingual("\(w) is not in force (\(st.name.en)): nothing to publish", "\(w) 不在生效中（\(st.name.zh)）：无可发布内容")(lang))
                    }
                    documents.append(export.alert(for: warning))
                } else if let i = IncidentID(parsing: t), let incident = state.incidents[i], visible(incident.exercise) {
                    documents.append(export.alert(for: incident))
                } else {
                    throw fail(Bilingual("there is no warning or incident \(t)", "没有预警或事件 \(t)")(lang))
                }
            }
            guard let out else {
                for d in documents { print(d.xml, terminator: "") }
                return
            }
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                for d in documents {
                    // Written aside and renamed into place: a watcher never reads half a file.
                    let final = URL(fileURLWithPath: out).appendingPathComponent(d.identifier + ".xml")
                    let part = URL(fileURLWithPath: out).appendingPathComponent("." + d.identifier + ".xml.part")
                    try Data(d.xml.utf8).write(to: part)
                    guard rename(part.path, final.path) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: final.path]) }
                }
            } catch {
                throw fail(Bilingual("\(out): cannot write (\(error.localizedDescription))", "\(out)：无法写入（\(error.localizedDescription)）")(lang))
            }
            printError(Bilingual("\(documents.count) alerts written to \(out)", "已写入 \(documents.count) 条警报至 \(out)")(lang))
        }
    }
}

/// The centre's CAP colour ladder, or every problem of it with its line.
func capColours(_ lang: Language) throws -> CAPColourTable {
    guard let root = ResourceFiles.locate() else {
        throw fail(Bilingual("Resources/ not found: set DECISION_HUB_RESOURCES", "未找到 Resources/：请设置 DECISION_HUB_RESOURCES")(lang))
    }
    do { return try root.capColours() } catch { throw centreFilesFailed(error, language: lang) }
}
