import ArgumentParser
import CommandModel
import EventLog
import Foundation

/// Options every store-using subcommand shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The store file (default: $DECISION_HUB_STORE, else ~/.local/share/decision-hub/store.sqlite). 事件库文件。")
    var store: String?

    @Option(name: .long, help: "Who acts (default: the login name). Recorded on every event. 操作员（默认为登录名），记录在每条事件上。")
    var `operator`: String?

    @Option(name: .long, help: "Language of messages: en or zh (default: from the locale). 界面语言：en 或 zh。")
    var lang: Language?

    @Option(name: .long, help: "The roster (default: $DECISION_HUB_ROSTER). With a roster, what each operator may do follows their roles; without one, everyone may do everything. 值班表；有值班表时按角色授权。")
    var roster: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    var language: Language {
        lang ?? Language.fromLocale(environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["LC_MESSAGES"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["LANG"])
    }

    var operatorName: String {
        if let o = `operator`, !o.isEmpty { return o }
        return environment["USER"] ?? environment["LOGNAME"] ?? NSUserName()
    }

    /// The default store lives under the user's data folder.
    static func defaultStorePath(_ env: [String: String]) -> String {
        let base = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.local/share")
        return base + "/decision-hub/store.sqlite"
    }

    /// The chosen path, and whether it is the default (which is created on first use).
    var storePath: (path: String, isDefault: Bool) {
        if let s = store, !s.isEmpty { return (s, false) }
        if let s = environment["DECISION_HUB_STORE"], !s.isEmpty { return (s, false) }
        return (Self.defaultStorePath(environment), true)
    }

    /// Opens the store; only the default store is created when missing (a typo must not show an
    /// officer an empty board).
    func openStore(readOnly: Bool = false) throws(StoreError) -> SQLiteEventStore {
        let (path, isDefault) = storePath
        if isDefault {
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        }
        // DECISION_HUB_BUSY_TIMEOUT (seconds) bounds how long a write waits for another
        // process's lock; 10 s by default.
        let timeout = environment["DECISION_HUB_BUSY_TIMEOUT"].flatMap(Double.init) ?? 10
        return try SQLiteEventStore(path: path, create: isDefault, busyTimeout: timeout, readOnly: readOnly)
    }

    /// The roster, when one is configured; its problems are reported and refuse to start.
    func loadRoster() throws -> Roster? {
        guard let path = roster ?? environment["DECISION_HUB_ROSTER"].flatMap({ $0.isEmpty ? nil : $0 }) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw fail(Bilingual("cannot read the roster \(path); check the path", "无法读取值班表 \(path)；请检查路径")(language))
        }
        let (r, issues) = Roster.load(String(decoding: data, as: UTF8.self), file: path)
        for i in issues { printError(i.text(language)) }
        if !issues.isEmpty {
            throw fail(Bilingual("the roster \(path) has \(issues.count) problems (above); nothing was done", "值班表 \(path) 有 \(issues.count) 处问题（见上）；未执行任何操作")(language))
        }
        // With a roster, identity is the login name unless the roster allows --operator.
        let login = environment["USER"] ?? environment["LOGNAME"] ?? NSUserName()
        if let o = `operator`, !o.isEmpty, o != login, !r.allowsOperatorFlag {
            throw fail(
                Bilingual(
                    "the roster does not allow --operator; you act as your login name \(login) (set allow-operator: true in \(path) for a shared console account)",
                    "值班表不允许使用 --operator；您以登录名 \(login) 操作（共用控制台账号可在 \(path) 中设置 allow-operator: true）")(language))
        }
        return r
    }

    /// Opens the ledger (with the roster, and plans and map when asked) and runs `body`; store
    /// and execution failures become messages in the user's language and a non-zero exit.
    func withLedger(roster: Roster?, resources wanted: Bool = false, _ body: (Ledger) throws -> Void) throws {
        let (plans, grid) = wanted ? resources() : (PlanBook.empty, nil)
        do {
            let ledger = try openLedger(openStore(), plans: plans, grid: grid)
            ledger.roster = roster
            // Sign the head on every exit of exec and the runners, refused or not (when this
            // account holds the key); a failure to sign is said, and changes nothing written.
            defer { signHead(ledger.store, language) }
            try body(ledger)
        } catch let e as StoreError {
            throw fail(e.text(language))
        } catch let e as ExecutionError {
            throw fail(e.text(language))
        }
    }

    /// Opens the state over a store; a long fold (a year of events without a snapshot) shows
    /// its progress on standard error.
    func openLedger(_ store: any EventStore, plans: PlanBook = .empty, grid: Grid? = nil) throws(StoreError) -> Ledger {
        let lang = language
        var shown = false
        let ledger = try Ledger(
            store: store, plans: plans, grid: grid,
            progress: { done, total in
                guard total > 50_000, done < total || shown else { return }
                shown = true
                FileHandle.standardError.write(Data("\r\(Bilingual("reading the record", "读取记录")(lang)) \(done)/\(total)".utf8))
            })
        if shown { FileHandle.standardError.write(Data("\n".utf8)) }
        return ledger
    }

    /// The plan book and map, with every issue reported on standard error.
    func resources() -> (plans: PlanBook, grid: Grid?) {
        guard let files = ResourceFiles.locate() else {
            printError(Bilingual("warning: Resources/ not found (set DECISION_HUB_RESOURCES); plans are empty", "警告：未找到 Resources/（可设置 DECISION_HUB_RESOURCES）；预案为空")(language))
            return (.empty, nil)
        }
        let (book, issues) = files.plans()
        for i in issues { printError(i.text(language)) }
        let mapPath = files.url("maps/beijing.map").path
        guard let text = try? String(contentsOfFile: mapPath, encoding: .utf8) else { return (book, nil) }
        let (map, mapIssues) = OneMap.parse(text, file: mapPath)
        for i in mapIssues.prefix(10) { printError(i.text(language)) }
        return (book, map?.grid())
    }
}

extension Language: ExpressibleByArgument {}

/// Signs the store's head on the way out, when this process holds the signing key.
func signHead(_ store: any EventStore, _ language: Language = .en) {
    do { try (store as? SQLiteEventStore)?.checkpoint() } catch { printError(error.text(language)) }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Reports a failure in the user's language and exits non-zero.
func fail(_ text: String, code: Int32 = 1) -> ExitCode {
    printError(text)
    return ExitCode(code)
}
