import ArgumentParser
import CommandModel
import EventLog
import Foundation

struct Drill: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drill",
        abstract: "Double-blind drills: write, seal, run, end and evaluate. 双盲演练：编写、加密、运行、结束与评估。",
        discussion: """
            A coordinator writes a scenario (drill check), seals it (drill keygen, drill seal) and starts it
            (drill start SEALED --key-file K): it begins at a random moment in the window, known to the coordinator
            only. drill status shows how it goes, drill end / drill abort stand it down, drill report evaluates it.
            导调编写脚本（drill check），加密（drill keygen、drill seal）后启动（drill start SEALED --key-file K）：
            演练在时间窗口内的随机时刻开始，仅导调知晓。drill status 查看进展，drill end / drill abort 结束并收尾，
            drill report 生成评估报告。
            """,
        subcommands: [Check.self, Keygen.self, SealFile.self, Unseal.self, Plan.self, Start.self, Status.self, End.self, Abort.self, Report.self])

    /// Opens a sealed scenario with its key and validates it: (the sealed bytes, the scenario).
    static func openSealed(_ file: String, key: String, _ options: StoreOptions) throws -> (Data, DrillScenario) {
        let lang = options.language
        guard let sealed = FileManager.default.contents(atPath: file) else {
            throw fail(Bilingual("cannot read \(file); check the path", "无法读取 \(file)；请检查路径")(lang))
        }
        let plain: Data
        do { plain = try Seal.open(sealed, key: key, file: file) } catch { throw fail(error.message(lang)) }
        let (text, textIssues) = FileIssue.decode(plain, file: file)
        let (scenario, issues) = text.map { DrillScenario.load($0, file: file) } ?? (nil, textIssues)
        for i in issues { printError(i.text(lang)) }
        guard let scenario else {
            throw fail(Bilingual("\(file) has \(issues.count) problems (above); nothing was done", "\(file) 有 \(issues.count) 处问题（见上）；未执行任何操作")(lang))
        }
        try rehearse(scenario, file: file, options)
        return (sealed, scenario)
    }

    /// Gives the ledger a drill key, so the drill sealed to it is read in full.
    static func open(_ key: String, in ledger: Ledger, _ lang: Language) throws {
        do throws(Seal.Failure) { try ledger.open(drillKey: key) } catch { throw fail(error.message(lang)) }
    }

    /// Refuses to read a drill whose journal is sealed and was not opened: its key is needed.
    static func requireOpen(_ run: DrillRun, _ lang: Language) throws {
        guard run.info.isSealedFrame else { return }
        throw fail(
            Bilingual(
                "\(run.id)'s journal is sealed to its drill key: give the key with --key-file FILE (the coordinator's, from drill keygen); without it only the drill's id and state are known",
                "\(run.id) 的演练日志已用演练密钥加密：请用 --key-file 文件提供密钥（导调的密钥，由 drill keygen 生成）；无密钥时只能看到演练编号和状态")(lang), code: 2)
    }

    /// The scenario sealed inside a drill's record, opened with the coordinator's key.
    static func scenario(of run: DrillRun, key: String, _ options: StoreOptions) throws -> DrillScenario {
        let lang = options.language
        guard let sealed = Data(base64Encoded: run.info.sealed) else { throw fail(Bilingual("drill \(run.id) carries no sealed scenario", "演练 \(run.id) 没有加密脚本")(lang)) }
        let plain: Data
        do { plain = try Seal.open(sealed, key: key, file: run.id) } catch { throw fail(error.message(lang)) }
        guard let text = FileIssue.decode(plain, file: run.id).text, let scenario = DrillScenario.load(text, file: run.id).scenario else {
            throw fail(Bilingual("the scenario of \(run.id) no longer reads", "演练 \(run.id) 的脚本无法读取")(lang))
        }
        return scenario
    }

    /// A drill of the record, or a clear failure.
    static func run(_ id: String, in state: CommandState, _ lang: Language) throws -> DrillRun {
        guard let run = state.drills[id.uppercased()] else {
            let known = state.drills.keys.sorted().joined(separator: ", ")
            throw fail(Bilingual("there is no drill \(id)\(known.isEmpty ? "" : "; drills: " + known)", "没有演练 \(id)\(known.isEmpty ? "" : "；现有：" + known)")(lang))
        }
        return run
    }

    static func clock(_ d: Date, seconds: Bool = false) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = Grammar.centreTimeZone
        f.dateFormat = seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm"
        return f.string(from: d)
    }

    /// Reads and validates a scenario for a coordinator: the file's bytes and the scenario, with
    /// every problem reported through `report`; a missing file or an invalid scenario exits.
    static func load(_ file: String, _ options: StoreOptions, action: String, report: (String) -> Void = printError) throws -> (Data, DrillScenario) {
        try coordinatorOnly(options, action: action)
        let lang = options.language
        guard let data = FileManager.default.contents(atPath: file) else {
            throw fail(Bilingual("cannot read \(file); check the path", "无法读取 \(file)；请检查路径")(lang))
        }
        let (text, textIssues) = FileIssue.decode(data, file: file)
        let (scenario, issues) = text.map { DrillScenario.load($0, file: file) } ?? (nil, textIssues)
        for i in issues { report(i.text(lang)) }
        guard let scenario else {
            throw fail(Bilingual("\(file) has \(issues.count) problems (above); nothing was done", "\(file) 有 \(issues.count) 处问题（见上）；未执行任何操作")(lang))
        }
        try rehearse(scenario, file: file, options, report: report)
        return (data, scenario)
    }

    /// Plays the scenario against the centre's map and plans before it runs for real.
    static func rehearse(_ scenario: DrillScenario, file: String, _ options: StoreOptions, report: (String) -> Void = printError) throws {
        let lang = options.language
        let (plans, grid, places) = try options.resources()
        // Against the store's real picture when there is one (its teams and facilities exist),
        // never creating a store to do so.
        var base = CommandState()
        let (path, _) = options.storePath
        if FileManager.default.fileExists(atPath: path), let store = try? SQLiteEventStore(path: path, readOnly: true), let ledger = try? Ledger(store: store) {
            base = ledger.state.real
        }
        let (problems, warnings) = scenario.dryRun(plans: plans, grid: grid, places: places, file: file, from: base)
        for w in warnings { report(Bilingual("warning: ", "警告：")(lang) + w.text(lang)) }
        for p in problems { report(p.text(lang)) }
        if !problems.isEmpty {
            throw fail(Bilingual("\(file) has \(problems.count) problems (above); nothing was done", "\(file) 有 \(problems.count) 处问题（见上）；未执行任何操作")(lang))
        }
    }

    /// With a roster, only drill coordinators may see, seal or run drills.
    /// Refuses a drill coordinator's command to anyone else, with the refusal on the record
    /// (`action` names what was attempted, e.g. "drill status DRL-1").
    static func coordinatorOnly(_ options: StoreOptions, action: String) throws {
        guard try isCoordinator(options) else {
            throw options.refuse(
                action: action, reason: Bilingual("only drill coordinators may see, seal or run drills", "只有演练导调可以查看、加密或运行演练"), by: options.identity.recordedName)
        }
    }

    /// Whether the operator is a drill coordinator (everyone is, without a roster).
    static func isCoordinator(_ options: StoreOptions) throws -> Bool {
        guard let roster = try options.loadRoster() else { return true }
        return Actor.from(roster: roster, login: options.operatorName, at: Date()).roles.contains(.drillCoordinator)
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "Validate a scenario; every problem with its line. 检查演练脚本。")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The scenario (YAML). 演练脚本。") var file: String
        func run() throws {
            let lang = options.language
            let (_, scenario) = try Drill.load(file, options, action: "drill check", report: { print($0) })
            print(
                Bilingual(
                    "ok: \(scenario.name.en), \(scenario.injects.count) injects, \(scenario.objectives.count) objectives, \(scenario.disclosure.name.en)",
                    "正常：\(scenario.name.zh)，\(scenario.injects.count) 条注入，\(scenario.objectives.count) 个目标，\(scenario.disclosure.name.zh)")(lang))
            // The improvement plan's open actions this scenario retests (only with a store named:
            // checking a file never creates one).
            guard options.store != nil || options.environment["DECISION_HUB_STORE"] != nil else { return }
            try options.withLedger(roster: nil) { ledger in
                let open = ledger.state.openActions(exercisedBy: scenario.objectives.map(\.id))
                if !open.isEmpty { print(Bilingual("Open corrective actions this scenario retests:", "本脚本将复测的未完成改进措施：")(lang)) }
                for a in open { print("  " + ImprovementPlanText.line(a, lang)) }
            }
        }
    }

    /// The coordinator's dry run: when each inject would fire from a given start.
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "plan", abstract: "Show when each inject would fire (coordinators only). 演练时间线预览。")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The scenario (YAML). 演练脚本。") var file: String
        @Option(help: "Start, local time HH:MM today (default: now). 开始时间。") var start: String?
        @Option(help: "Seed for the jitter. 抖动种子。") var seed: UInt64 = 1
        func run() throws {
            let lang = options.language
            let (_, scenario) = try Drill.load(file, options, action: "drill plan")
            var begin = Date()
            if let start {
                do { begin = try Grammar.parseTime(start, now: Date()) } catch { throw fail(error.text(lang), code: 2) }
            }
            for (inject, at) in scenario.timeline(start: begin, seed: seed) {
                let contingency = inject.ifMissed.map { Bilingual(" (only if \($0) is missed)", "（仅当 \($0) 未达标时）")(lang) } ?? ""
                print("\(Drill.clock(at))  \(inject.id)\(contingency): \(inject.line)")
            }
        }
    }

    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "keygen",
            abstract: "Write a new drill key to a file only you can read (mode 0600); keep it secret. 生成演练密钥，写入仅本人可读的文件（权限 0600）。")
        @Option(help: "The key file to create (never overwritten); - prints the key instead. 要创建的密钥文件（不会覆盖已有文件）；- 表示输出到标准输出。") var out: String
        @Option(help: "Language: en or zh. 语言：en 或 zh。") var lang: Language?
        func run() throws {
            let language = lang ?? localeLanguage()
            guard out != "-" else { return print(Seal.newKey()) }
            do { try Seal.writeNewKey(to: out) } catch { throw fail(error.message(language)) }
            print(Bilingual("wrote a new drill key to \(out) (readable only by you)", "新的演练密钥已写入 \(out)（仅本人可读）")(language))
        }
    }

    /// Where a drill key comes from: a file, or standard input; never the command line, where
    /// every local user sees it (`ps`).
    struct KeyOptions: ParsableArguments {
        @Option(name: .customLong("key-file"), help: "The drill key's file (from drill keygen --out), or - to read it from standard input. 演练密钥文件，或 - 表示从标准输入读取。")
        var keyFile: String?
        @Option(help: .hidden) var key: String?

        /// The key, or nil when none is given; a key on the command line is refused.
        func read(_ language: Language) throws -> String? {
            if key != nil {
                throw fail(
                    Bilingual(
                        "--key is refused: a key on the command line is visible to every local user (ps). Keep it in a file only you can read and pass --key-file FILE (or --key-file - to read standard input)",
                        "拒绝使用 --key：命令行上的密钥对本机所有用户可见（ps）。请将密钥保存在仅本人可读的文件中，使用 --key-file 文件（或 --key-file - 从标准输入读取）")(language))
            }
            guard let keyFile else { return nil }
            let data = keyFile == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: keyFile)
            guard let data else {
                throw fail(Bilingual("cannot read the key file \(keyFile); check the path and its permissions", "无法读取密钥文件 \(keyFile)；请检查路径和权限")(language))
            }
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// The key, which must be given.
        func required(_ language: Language) throws -> String {
            guard let k = try read(language) else {
                throw fail(Bilingual("give the drill key with --key-file FILE (or --key-file - for standard input)", "请用 --key-file 文件（或 --key-file - 从标准输入）提供演练密钥")(language), code: 2)
            }
            return k
        }
    }

    struct SealFile: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "seal", abstract: "Encrypt a checked scenario for the shared server. 加密演练脚本。")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The scenario (YAML). 演练脚本。") var file: String
        @OptionGroup var keys: KeyOptions
        @Option(help: "Where to write the sealed file (default: FILE.sealed). 输出文件。") var out: String?
        func run() throws {
            let lang = options.language
            let key = try keys.required(lang)
            let (data, _) = try Drill.load(file, options, action: "drill seal")
            do {
                let sealed = try Seal.seal(data, key: key)
                let target = out ?? file + ".sealed"
                try sealed.write(to: URL(fileURLWithPath: target))
                print(Bilingual("sealed \(target)", "已加密 \(target)")(lang))
            } catch let e as Seal.Failure {
                throw fail(e.message(lang))
            }
        }
    }

    struct Unseal: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unseal", abstract: "Print a sealed scenario (coordinators only). 解密查看演练脚本。")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The sealed file. 加密文件。") var file: String
        @OptionGroup var keys: KeyOptions
        func run() throws {
            let lang = options.language
            let key = try keys.required(lang)
            try Drill.coordinatorOnly(options, action: "drill unseal")
            guard let data = FileManager.default.contents(atPath: file) else { throw fail(Bilingual("cannot read \(file); check the path", "无法读取 \(file)；请检查路径")(lang)) }
            let plain: Data
            do { plain = try Seal.open(data, key: key, file: file) } catch { throw fail(error.message(lang)) }
            let (text, issues) = FileIssue.decode(plain, file: file)
            for i in issues { printError(i.text(lang)) }
            guard let text else { throw fail(Bilingual("\(file) opens, but its scenario is not UTF-8 text (above)", "\(file) 可以打开，但其中的脚本不是 UTF-8 文本（见上）")(lang)) }
            print(text, terminator: "")
        }
    }
}

extension Drill {
    /// Schedules a sealed drill and runs it; started again (after a crash or a reboot), it
    /// resumes the same drill from the record.
    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "start",
            abstract: "Schedule a sealed drill at a random time in the window and run it; run again to resume. 启动演练（窗口内随机时间），再次运行即续跑。")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The sealed scenario. 加密的演练脚本。") var file: String
        @OptionGroup var keys: KeyOptions
        @Option(help: "Start window, local HH:MM-HH:MM (default: the scenario's). 开始时间窗口。") var window: String?
        @Option(help: "Start at this time (HH:MM, +10m or now) instead of at random, for rehearsals. 指定开始时间（用于预演）。") var at: String?
        @Flag(help: "Do what is due now and exit (for a timer that runs it every minute). 只执行当前到期的注入后退出。") var once = false

        func run() throws {
            let lang = options.language
            let key = try keys.required(lang)
            try Drill.coordinatorOnly(options, action: "drill start")
            let roster = try options.loadRoster()
            let (sealed, scenario) = try Drill.openSealed(file, key: key, options)
            let windowText = window ?? scenario.window ?? "00:00-23:59"
            guard let w = DrillWindow(parsing: windowText) else {
                throw fail(Bilingual("write the window as HH:MM-HH:MM, e.g. 09:00-17:00", "窗口应写作 HH:MM-HH:MM，例如 09:00-17:00")(lang), code: 2)
            }
            var fixed: Date?
            if let at {
                do { fixed = at == "now" ? Date() : try Grammar.parseTime(at, now: Date()) } catch { throw fail(error.text(lang), code: 2) }
            }
            try options.withLedger(roster: roster, resources: true) { ledger in
                let publicKey: String
                do throws(Seal.Failure) { publicKey = try ledger.open(drillKey: key) } catch { throw fail(error.message(lang)) }
                let (id, resumed) = try DrillRunner.scheduleOrResume(
                    ledger: ledger, scenario: scenario, sealed: sealed, publicKey: publicKey, window: w, at: fixed, coordinator: options.operatorName, now: Date())
                guard let run = ledger.state.drills[id] else { return }
                let starts = Drill.clock(run.info.startsAt), ends = Drill.clock(run.info.endsAt)
                if resumed {
                    print(Bilingual("resuming drill \(id): \(run.fired.count) injects fired so far", "续跑演练 \(id)：已触发 \(run.fired.count) 条注入")(lang))
                } else {
                    print(Bilingual("drill \(id) scheduled: \(scenario.name.en)", "演练 \(id) 已安排：\(scenario.name.zh)")(lang))
                }
                print(Bilingual("starts \(starts) (known only to you), stands down by \(ends)", "开始时间 \(starts)（仅您知晓），最迟 \(ends) 结束")(lang))
                if !once { print(Bilingual("keep this running; if it stops, run the same command again to resume", "请保持运行；若中断，再次运行同一命令即可续跑")(lang)) }
                let runner = DrillRunner(ledger: ledger, scenario: scenario, drill: id, coordinator: options.operatorName)
                // Running, a store that is busy, full or cannot be reached is waited out: a tick
                // fires what is due and not yet fired, so trying it again fires nothing twice.
                var outage = OutageWait(say: { printError($0(lang)) })
                while true {
                    let fired = once ? try runner.tick(now: Date()) : try outage.attempt(Bilingual("drill \(id)", "演练 \(id)")) { try runner.tick(now: Date()) }
                    for r in fired where r.event.drill != nil && r.event.kind != .drillScheduled {
                        print("\(Drill.clock(r.at, seconds: true)) \(r.event.summary(lang))")
                    }
                    fflush(nil)
                    if runner.run?.isRunning != true {
                        print(Bilingual("drill \(id) is over; evaluation: decision-hub drill report \(id)", "演练 \(id) 已结束；评估：decision-hub drill report \(id)")(lang))
                        return
                    }
                    if once { return }
                    Thread.sleep(forTimeInterval: 1)
                }
            }
        }
    }

    /// What fired, what is next, and what the players have done.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "Drills and how they go (coordinators only). 演练状态（仅限导调）。")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The drill (DRL-1); none: list every drill. 演练编号。") var id: String?
        @OptionGroup var keys: KeyOptions

        func run() throws {
            let lang = options.language
            try Drill.coordinatorOnly(options, action: ["drill status", id].compactMap { $0 }.joined(separator: " "))
            let key = try keys.read(lang)
            do {
                let store = try options.openStore(readOnly: true)
                let ledger = try options.openLedger(store)
                if let key { try Drill.open(key, in: ledger, lang) }
                guard let id else {
                    if ledger.state.drills.isEmpty { print(Bilingual("no drills yet", "暂无演练")(lang)) }
                    for run in ledger.state.drills.values.sorted(by: { $0.scheduledAt < $1.scheduledAt }) {
                        if run.info.isSealedFrame {
                            print("\(run.id)  \(run.info.disclosure.name(lang))  \(Status.state(run, lang))  " + Bilingual("sealed: give its key with --key-file", "已加密：请用 --key-file 提供其密钥")(lang))
                            continue
                        }
                        print(
                            "\(run.id)  \(run.info.disclosure.name(lang))  \(Status.state(run, lang))  \(Drill.clock(run.info.startsAt))  "
                                + Bilingual("\(run.fired.count) fired", "已触发 \(run.fired.count) 条")(lang) + "  \(run.info.name(lang))")
                    }
                    return
                }
                let run = try Drill.run(id, in: ledger.state, lang)
                try Drill.requireOpen(run, lang)
                let now = Date()
                print("\(run.id) · \(run.info.name(lang)) · \(run.info.disclosure.name(lang)) · \(Status.state(run, lang))")
                print(
                    Bilingual(
                        "coordinator \(run.coordinator); starts \(Drill.clock(run.info.startsAt)); ends by \(Drill.clock(run.info.endsAt))",
                        "导调 \(run.coordinator)；开始 \(Drill.clock(run.info.startsAt))；最迟结束 \(Drill.clock(run.info.endsAt))")(lang))
                let events = ledger.opened(try store.events(exercise: run.id))
                let e = DrillEvaluation.evaluate(run: run, events: events, teams: ledger.state.teams, at: run.ended ?? now, scores: ledger.state.evaluators[run.id])
                print(Bilingual("Fired:", "已触发：")(lang))
                if e.injects.isEmpty { print("  —") }
                for r in e.injects {
                    let checks = r.checks.map { "\($0.text(lang)) \($0.outcome.name(lang))" }.joined(separator: ", ")
                    print("  \(Drill.clock(r.firedAt, seconds: true))  \(r.inject)\(r.contingency ? "*" : "") → \(r.incident?.description ?? "—")\(checks.isEmpty ? "" : "  [\(checks)]")")
                }
                for (inject, reason) in run.skipped.sorted(by: { $0.key < $1.key }) {
                    print(Bilingual("  not fired: \(inject): \(reason.text.en)", "  未触发：\(inject)：\(reason.text.zh)")(lang))
                }
                if run.isRunning {
                    print(Bilingual("Next:", "后续：")(lang))
                    if let key {
                        let scenario = try Drill.scenario(of: run, key: key, options)
                        for (inject, due) in scenario.upcoming(in: run) {
                            var when = due.map { Drill.clock($0) } ?? ""
                            if due == nil, case let .after(other, m) = inject.timing { when = Bilingual("\(other) +\(m) min", "\(other) 之后 \(m) 分钟")(lang) }
                            let only = inject.ifMissed.map { Bilingual(" (only if \($0) is missed)", "（仅当 \($0) 未达标时）")(lang) } ?? ""
                            print("  \(when)  \(inject.id)\(only): \(inject.line)")
                        }
                    } else {
                        print(Bilingual("  (give --key-file to see what is next)", "  （加 --key-file 查看后续注入）")(lang))
                    }
                }
                print(Bilingual("Players:", "参演人员：")(lang))
                if e.players.isEmpty { print("  —") }
                for (who, n) in e.players.sorted(by: { $0.key < $1.key }) { print(Bilingual("  \(who): \(n) actions", "  \(who)：\(n) 次操作")(lang)) }
                for entry in e.timeline.filter(\.byPlayer).suffix(8) {
                    print("  \(Drill.clock(entry.at, seconds: true))  \(entry.by): \(entry.text(lang))")
                }
                for p in e.pages {
                    let ack = p.acknowledgedAfterSeconds.map { Bilingual("acknowledged after \(Int($0)) s", "\(Int($0)) 秒后确认")(lang) } ?? Bilingual("not acknowledged", "未确认")(lang)
                    print(Bilingual("  page to \(p.person) about \(p.incident): \(ack)", "  寻呼 \(p.person)（\(p.incident)）：\(ack)")(lang))
                }
            } catch let e as StoreError {
                throw fail(e.text(lang))
            }
        }

        static func state(_ run: DrillRun, _ lang: Language) -> String {
            if run.aborted { return Bilingual("aborted", "已中止")(lang) }
            if run.ended != nil { return Bilingual("ended", "已结束")(lang) }
            if run.info.isSealedFrame { return Bilingual("running", "进行中")(lang) }
            if run.info.startsAt > Date() { return Bilingual("waiting to start", "等待开始")(lang) }
            // Past its end and not stood down: its runner is not running.
            if run.info.endsAt < Date().addingTimeInterval(-60) {
                return Bilingual(
                    "past its end, not stood down: its runner stopped (drill start with the same file stands it down, or drill end)",
                    "已过结束时间但未收尾：运行进程已停止（用同一文件再次 drill start 即可收尾，或 drill end）")(lang)
            }
            return Bilingual("running", "进行中")(lang)
        }
    }

    struct End: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "end", abstract: "Stand a drill down: its incidents closed, teams available, pages withdrawn. 结束演练并收尾。")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The drill (DRL-1). 演练编号。") var id: String
        @Option(help: "Why, for the record. 原因。") var reason = "ended by the coordinator · 导调结束"
        func run() throws { try Drill.standDown(id, reason: reason, aborted: false, options) }
    }

    struct Abort: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "abort", abstract: "Stop a drill at once (\"real emergency\"), with the same clean-up. 立即中止演练并收尾。")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The drill (DRL-1). 演练编号。") var id: String
        @Argument(help: "Why, for the record. 原因。") var reason: [String]
        func run() throws { try Drill.standDown(id, reason: reason.joined(separator: " "), aborted: true, options) }
    }

    static func standDown(_ id: String, reason: String, aborted: Bool, _ options: StoreOptions) throws {
        try coordinatorOnly(options, action: "drill \(aborted ? "abort" : "end") \(id)")
        let lang = options.language
        try options.withLedger(roster: try options.loadRoster()) { ledger in
            let run = try Drill.run(id, in: ledger.state, lang)
            let recorded = try ledger.execute([.drill(.end(drill: run.id, reason: reason, aborted: aborted))], operatorName: options.operatorName)
            var closed = 0, teams = 0, pages = 0
            for r in recorded {
                switch r.event {
                case .incidentClosed: closed += 1
                case .teamStatusChanged(_, _, .available): teams += 1
                case .pageCancelled: pages += 1
                default: break
                }
            }
            let what = aborted ? Bilingual("aborted", "已中止") : Bilingual("ended", "已结束")
            print(
                Bilingual(
                    "drill \(run.id) \(what.en): \(closed) exercise incidents closed, \(teams) teams available again, \(pages) pages withdrawn",
                    "演练 \(run.id) \(what.zh)：关闭演练事件 \(closed) 起，\(teams) 支队伍恢复待命，撤回寻呼 \(pages) 条")(lang))
        }
    }

    /// The evaluation, from the record alone.
    struct Report: ParsableCommand {
        enum Format: String, ExpressibleByArgument, CaseIterable { case md, json }
        static let configuration = CommandConfiguration(commandName: "report", abstract: "The drill's evaluation, from the record (after-action report). 演练评估报告。")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The drill (DRL-1). 演练编号。") var id: String
        @Option(help: "md or json. 输出格式。") var format: Format = .md
        @OptionGroup var keys: KeyOptions

        func run() throws {
            let lang = options.language
            let key = try keys.read(lang)
            do {
                let store = try options.openStore(readOnly: true)
                let ledger = try options.openLedger(store)
                if let key { try Drill.open(key, in: ledger, lang) }
                // While a drill runs only coordinators may see it (its expectations are the secret):
                // to anyone else a running drill and no drill at all look the same.
                guard try Drill.isCoordinator(options) else {
                    guard let run = ledger.state.drills[id.uppercased()], !run.isRunning else {
                        // Recorded alike whether the drill runs or does not exist: the record
                        // tells a player no more than the refusal does.
                        throw options.refuse(
                            action: "drill report \(id)",
                            reason: Bilingual(
                                "there is no finished drill \(id); only drill coordinators may see drills still running", "没有已结束的演练 \(id)；只有演练导调可以查看进行中的演练"),
                            by: options.identity.recordedName)
                    }
                    try report(run, store: store, ledger: ledger, lang)
                    return
                }
                try report(try Drill.run(id, in: ledger.state, lang), store: store, ledger: ledger, lang)
            } catch let e as StoreError {
                throw fail(e.text(lang))
            }
        }

        func report(_ run: DrillRun, store: any DurableEventStore, ledger: Ledger, _ lang: Language) throws {
            try Drill.requireOpen(run, lang)
            do {
                let e = DrillEvaluation.evaluate(
                    run: run, events: ledger.opened(try store.events(exercise: run.id)), teams: ledger.state.teams, at: run.ended ?? Date(), scores: ledger.state.evaluators[run.id])
                switch format {
                case .md:
                    // Corrective actions from earlier drills that this one exercised: retested, and how it went.
                    let retested = ledger.state.openActions(exercisedBy: run.info.objectives.map(\.id)).filter { $0.raisedAt < run.info.startsAt }
                    print(
                        e.markdown(lang) + "\n" + e.evaluatorsMarkdown(ledger.state.evaluators[run.id], lang) + "\n" + ImprovementPlanText.retested(retested, e, ledger.state.evaluators[run.id], lang))
                case .json:
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                    encoder.dateEncodingStrategy = .iso8601
                    print(String(decoding: try encoder.encode(e), as: UTF8.self))
                }
            } catch let e as StoreError {
                throw fail(e.text(lang))
            }
        }
    }
}

/// The improvement plan as the command line prints it.
enum ImprovementPlanText {
    static func line(_ a: CorrectiveActionState, _ lang: Language) -> String {
        let x = a.action
        return Bilingual(
            "\(x.id) [\(a.status.name.en)] \(x.drill) \(x.objective): \(x.text) · \(x.category.name.en) · \(x.owner) · due \(CentreTime.format(x.due))",
            "\(x.id) [\(a.status.name.zh)] \(x.drill) \(x.objective)：\(x.text) · \(x.category.name.zh) · \(x.owner) · 期限 \(CentreTime.format(x.due))")(lang)
    }

    /// The drill report's section on corrective actions it retested, with the objective's standing rating.
    static func retested(_ actions: [CorrectiveActionState], _ e: DrillEvaluation, _ record: DrillEvaluatorRecord?, _ lang: Language) -> String {
        var out = ["## " + Bilingual("Corrective actions retested", "复测的改进措施")(lang), ""]
        if actions.isEmpty { out.append(Bilingual("None of the open corrective actions was exercised.", "本次演练未涉及未完成的改进措施。")(lang)) }
        let standing = Dictionary(e.judged(by: record).map { ($0.objective.id, $0.standing) }, uniquingKeysWith: { a, _ in a })
        for a in actions {
            let rating = standing[a.action.objective].flatMap { $0 }.map { "\($0.rawValue) \($0.name(lang))" } ?? Bilingual("not measured", "未测量")(lang)
            out.append("- " + line(a, lang) + " → " + Bilingual("retested: ", "复测：")(lang) + rating)
        }
        return out.joined(separator: "\n") + "\n"
    }
}
