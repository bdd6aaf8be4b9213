import ArgumentParser
import CommandModel
import EventLog
import Foundation

/// Options every store-using subcommand shares.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help:
            "The store: a file, or postgresql://USER@HOST/DB?centre=NAME (default: $DECISION_HUB_STORE, else ~/.local/share/decision-hub/store.sqlite). 事件库：文件，或 PostgreSQL 地址。")
    var store: String?

    @Option(
        name: .long,
        help:
            "Act under another name (default: your operating-system account). Allowed without a roster, or when the roster lets your account act for others (act-for-others: true); the record names your account too. 以他人名义操作（默认为操作系统账号）；记录中同时写明您的账号。"
    )
    var `operator`: String?

    @Option(name: .long, help: "Language of messages: en or zh (default: from the locale). 界面语言：en 或 zh。")
    var lang: Language?

    @Option(name: .long, help: "The roster (default: $DECISION_HUB_ROSTER). With a roster, what each operator may do follows their roles; without one, everyone may do everything. 值班表；有值班表时按角色授权。")
    var roster: String?
}

extension StoreOptions: StoreSettings {}

/// The four shared settings, however they were read: by the argument parser (`StoreOptions`), or
/// by `exec`'s own short parse (`StoreValues`). Everything done with them is written once, here.
protocol StoreSettings {
    var store: String? { get }
    var `operator`: String? { get }
    var lang: Language? { get }
    var roster: String? { get }
}

/// The shared settings as plain values.
struct StoreValues: StoreSettings {
    var store: String?
    var `operator`: String?
    var lang: Language?
    var roster: String?
}

extension StoreSettings {
    var environment: ProcessEnvironment { ProcessEnvironment() }

    var language: Language { lang ?? localeLanguage() }

    /// Who acts: the process's operating-system account (never `$USER`), under `--operator`'s
    /// name if given. `loadRoster` checks it against the roster.
    var identity: OperatorIdentity { OperatorIdentity.ofProcess(requested: `operator`) }

    /// The name this process acts under (the roster login its authority follows).
    var operatorName: String { identity.name }

    /// The default store lives under the user's data folder.
    static func defaultStorePath(_ env: ProcessEnvironment) -> String {
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
    /// officer an empty board). A one-shot command holds an SQLite file with one connection.
    func openStore(readOnly: Bool = false, connections: SQLiteEventStore.Connections = .pool) throws(StoreError) -> any DurableEventStore {
        let (path, isDefault) = storePath
        if StoreLocation.isPostgres(path) {
            try refusePasswordOnCommandLine()
            return try StoreLocation.open(path, readOnly: readOnly)
        }
        if isDefault {
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        }
        // DECISION_HUB_BUSY_TIMEOUT (seconds) bounds how long a write waits for another
        // process's lock; 10 s by default.
        let timeout = environment["DECISION_HUB_BUSY_TIMEOUT"].flatMap(Double.init) ?? 10
        return try SQLiteEventStore(path: path, create: isDefault, busyTimeout: timeout, readOnly: readOnly, connections: connections)
    }

    /// A password written in `--store` is visible to every local user in `ps`: refused, with
    /// where to put it instead (`DECISION_HUB_STORE` or `PGPASSWORD` are not shown).
    func refusePasswordOnCommandLine() throws(StoreError) {
        guard let s = store, !s.isEmpty, StoreLocation.isPostgres(s), try PostgresStoreURL.parse(s, environment: [:]).passwordInURL else { return }
        let shown = try PostgresStoreURL.parse(s, environment: [:]).redacted
        throw StoreError(
            .unreachable, path: shown,
            Bilingual(
                "a password in --store can be read by every user of this machine (ps); nothing was done. Put it in PGPASSWORD, or the whole URL in DECISION_HUB_STORE",
                "写在 --store 中的密码可被本机所有用户看到（ps）；未执行任何操作。请将密码放入 PGPASSWORD，或将整个地址放入 DECISION_HUB_STORE"))
    }

    /// The roster file's path, when one is configured.
    var rosterPath: String? { roster ?? environment["DECISION_HUB_ROSTER"].flatMap { $0.isEmpty ? nil : $0 } }

    /// Refuses (and records) acting on a store pinned to another roster than the one given (its
    /// digest taken from the very bytes the roster was read from: no second read to race).
    func checkRosterPin(_ state: CommandState, roster: Roster?) throws {
        guard let why = RosterPin.mismatch(state, given: roster?.digest) else { return }
        throw refuse(action: "act with a roster other than the store's", reason: why, by: identity.account)
    }

    /// The roster, when one is configured; its problems are reported and refuse to start. Checks
    /// who acts against it: a refused `--operator` is recorded and exits.
    func loadRoster() throws -> Roster? {
        let lang = language
        guard let path = rosterPath else {
            try checkIdentity(roster: nil, file: nil)
            return nil
        }
        let (text, readIssues) = SourceFile.read(path)
        var issues = readIssues
        var loaded: Roster?
        if let text {
            var (r, rosterIssues) = Roster.load(text, file: path)
            r.digest = RosterPin.digest(of: text)
            issues += rosterIssues
            loaded = r
        }
        for i in issues { printError(i.text(lang)) }
        guard let r = loaded, issues.isEmpty else {
            throw fail(Bilingual("the roster \(path) has \(issues.count) problems (above); nothing was done", "值班表 \(path) 有 \(issues.count) 处问题（见上）；未执行任何操作")(lang))
        }
        try checkIdentity(roster: r, file: path)
        return r
    }

    /// Refuses an identity the roster does not allow, with the refusal on the record (under the
    /// operating-system account that tried).
    func checkIdentity(roster: Roster?, file: String?) throws {
        let who = identity
        guard let refusal = who.refusal(roster: roster, rosterFile: file) else { return }
        throw refuse(action: refusal.action, reason: refusal.message, by: who.account)
    }

    /// A refusal at the command line: recorded as an `actionRefused` event on the store (so an
    /// attempt beyond one's authority is on the record), printed, and a non-zero exit.
    func refuse(action: String, reason: Bilingual, by: String) -> ExitCode {
        let lang = language
        do {
            let store = try openStore()
            try Ledger.recordRefusal(in: store, action: action, reason: reason.en, by: by)
        } catch let e as StoreError {
            printError(Bilingual("this refusal could not be recorded: \(e.text(.en))", "此次拒绝未能记录：\(e.text(.zh))")(lang))
        } catch let e as ExecutionError {
            printError(Bilingual("this refusal could not be recorded: \(e.text(.en))", "此次拒绝未能记录：\(e.text(.zh))")(lang))
        } catch {
            printError(Bilingual("this refusal could not be recorded: \(error)", "此次拒绝未能记录：\(error)")(lang))
        }
        return fail(reason(lang))
    }

    /// Opens the ledger (with the roster, and plans and map when asked) and runs `body`; store
    /// and execution failures become messages in the user's language and a non-zero exit.
    ///
    /// `oneShot`: this process runs one command and exits (one `exec`): the store is held with
    /// one connection and closed at the end, and snapshots are saved at the shorter interval
    /// (`Ledger.oneShotSnapshotEvery`).
    func withLedger(roster: Roster?, resources wanted: Bool = false, places withPlaces: Bool = true, oneShot: Bool = false, _ body: (Ledger) throws -> Void) throws {
        let (plans, grid, places) = wanted ? try resources(places: withPlaces) : (PlanBook.empty, nil, nil)
        do {
            let store = try openStore(connections: oneShot ? .single : .pool)
            let ledger = try openLedger(store, plans: plans, grid: grid, snapshotEvery: oneShot ? Ledger.oneShotSnapshotEvery : Ledger.snapshotEvery)
            ledger.places = places
            try checkRosterPin(ledger.state, roster: roster)
            ledger.roster = roster
            ledger.identity = identity
            // Sign the head on every exit of exec and the runners, refused or not (when this
            // account holds the key); a failure to sign is said, and changes nothing written.
            // A one-shot command then lets go of the store.
            defer {
                signHead(store, language)
                if oneShot { store.close() }
            }
            try body(ledger)
        } catch let e as StoreError {
            throw fail(e.text(language))
        } catch let e as ExecutionError {
            throw fail(e.text(language))
        }
    }

    /// Takes the store's lock for the runner `name` (`oncall run`, `relay`): one per store. Fails
    /// naming the runner that holds it (`onlyOne`: why only one may run); keep the value alive
    /// while running.
    func runnerLock(_ name: String, what: String, onlyOne: Bilingual) throws -> RunnerLock {
        let path = storePath.path
        do {
            let (taken, holder) = try RunnerLock.take(storePath: path, name: name)
            guard let taken else { throw fail(RunnerLock.heldElsewhere(what, storePath: path, holder: holder, onlyOne: onlyOne)(language)) }
            return taken
        } catch let error as StoreError { throw fail(error.text(language)) }
    }

    /// Opens the state over a store, the one way every front door does: a long fold (a year of
    /// events without a snapshot) shows its progress on standard error, and a snapshot that had
    /// to be ignored, or an event that cannot be read (the store then opens read-only), is said.
    func openLedger(_ store: any EventStore, plans: PlanBook = .empty, grid: Grid? = nil, snapshotEvery: Int64 = Ledger.snapshotEvery) throws(StoreError) -> Ledger {
        let lang = language
        var shown = false
        // On a terminal one line rewritten in place; in a script's log a line a second at most
        // (and the last), not a run of carriage returns.
        let tty = isatty(STDERR_FILENO) == 1
        var lastLine = Date.distantPast
        let ledger = try Ledger(
            store: store, plans: plans, grid: grid, snapshotEvery: snapshotEvery,
            progress: { done, total in
                guard total > 50_000, done < total || shown else { return }
                shown = true
                let text = "\(Bilingual("reading the record", "读取记录")(lang)) \(done)/\(total)"
                if tty {
                    FileHandle.standardError.write(Data(("\r" + text).utf8))
                } else if done == total || Date().timeIntervalSince(lastLine) >= 1 {
                    lastLine = Date()
                    FileHandle.standardError.write(Data((text + "\n").utf8))
                }
            })
        if shown && tty { FileHandle.standardError.write(Data("\n".utf8)) }
        for w in ledger.snapshotWarnings { printError(w(lang)) }
        if let damage = ledger.damage { printError(damage.text(lang)) }
        return ledger
    }

    /// The plan book and map, checked as the console checks them (`loadCentreFiles`).
    func resources(places: Bool = true) throws -> (plans: PlanBook, grid: Grid?, places: Places?) {
        guard let root = ResourceFiles.locate() else {
            throw fail(
                Bilingual("Resources/ not found: set DECISION_HUB_RESOURCES to the folder holding plans/ and maps/", "未找到 Resources/：请将 DECISION_HUB_RESOURCES 设为包含 plans/ 和 maps/ 的目录")(language))
        }
        do {
            let files = try CentreFiles.deciding(root: root, withPlaces: places)
            return (files.plans, files.grid, files.places)
        } catch {
            throw centreFilesFailed(error, language: language)
        }
    }
}

/// The centre's files for every command that decides with them (console, demo, exec, drill
/// start, oncall run), under one policy (`CentreFiles`): any problem is listed with its place,
/// and nothing starts.
func loadCentreFiles(mapPath: String?, cityPath: String?, withCity: Bool, withPlaces: Bool = true, language: Language) throws -> CentreFiles {
    guard let root = ResourceFiles.locate() else {
        throw fail(
            Bilingual("Resources/ not found: set DECISION_HUB_RESOURCES to the folder holding plans/ and maps/", "未找到 Resources/：请将 DECISION_HUB_RESOURCES 设为包含 plans/ 和 maps/ 的目录")(language))
    }
    do {
        return try CentreFiles.load(root: root, mapPath: mapPath, cityPath: cityPath, withCity: withCity, withPlaces: withPlaces)
    } catch {
        throw centreFilesFailed(error, language: language)
    }
}

/// Lists the centre's files' problems (the first 50) and says nothing was started.
func centreFilesFailed(_ error: FileIssues, language: Language) -> ExitCode {
    for i in error.issues.prefix(50) { printError(i.text(language)) }
    let more = error.issues.count > 50 ? Bilingual(" (the first 50 shown)", "（仅显示前 50 处）") : Bilingual("", "")
    return fail(
        Bilingual(
            "the centre's files have \(error.issues.count) problems (above)\(more.en); nothing was started. Fix each at its line (decision-hub map check FILE checks a map)",
            "中心数据文件有 \(error.issues.count) 处问题（见上）\(more.zh)；未启动。请逐行修正（地图可用 decision-hub map check 文件 检查）")(language))
}

extension Language: ExpressibleByArgument {}

/// The reader's language when `--lang` is not given: from the locale, the first of `LC_ALL`,
/// `LC_MESSAGES` and `LANG` that is set, as POSIX orders them. One policy for every command.
func localeLanguage(_ environment: ProcessEnvironment = ProcessEnvironment()) -> Language {
    func set(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
    return Language.fromLocale(set("LC_ALL") ?? set("LC_MESSAGES") ?? environment["LANG"])
}

/// Signs the store's head on the way out, when this process holds the signing key.
func signHead(_ store: any DurableEventStore, _ language: Language = .en) {
    do { try store.checkpoint(now: Date()) } catch { printError(error.text(language)) }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Reports a failure in the user's language and exits non-zero.
func fail(_ text: String, code: Int32 = 1) -> ExitCode {
    printError(text)
    return ExitCode(code)
}
