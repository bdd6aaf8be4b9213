import CommandModel
import Foundation

/// One runner of a kind per store (`oncall run`, `relay`): a file lock beside a SQLite store,
/// an advisory lock in the centre's PostgreSQL database (across machines). A runner asks
/// `stillHeld()` before each round: a PostgreSQL lock is lost with its session when the server
/// restarts, and is then taken again; if another runner took it meanwhile, this one must stop,
/// or both would send the same notifications.
public final class RunnerLock {
    private var file: ProcessLock?
    private var postgres: PostgresRunnerLock?
    /// The server process of this runner's last PostgreSQL session: if the lock is found held
    /// by it after the connection was lost, the session outlived the connection (a partition
    /// the server has not noticed) and is ended, not taken for another runner.
    private var lastSession: PostgresRunnerLock.Session?
    private let url: PostgresStoreURL?
    private let name: String
    /// Checks of a PostgreSQL lock's own connection that failed in a row.
    private var failedChecks = 0

    private init(file: ProcessLock?, postgres: PostgresRunnerLock?, url: PostgresStoreURL?, name: String) {
        self.file = file
        self.postgres = postgres
        self.lastSession = postgres?.session
        self.url = url
        self.name = name
    }

    /// Takes the lock named `name` for the store at `storePath`; nil and the holder's pid (when
    /// known) when another runner has it.
    public static func take(storePath: String, name: String) throws(StoreError) -> (lock: RunnerLock?, holder: Int32?) {
        if StoreLocation.isPostgres(storePath) {
            let url = try PostgresStoreURL.parse(storePath)
            guard let held = try PostgresRunnerLock.take(url, name: name) else { return (nil, nil) }
            return (RunnerLock(file: nil, postgres: held, url: url, name: name), nil)
        }
        let (held, holder) = ProcessLock.take(storePath + ".\(name).lock")
        guard let held else { return (nil, holder) }
        return (RunnerLock(file: held, postgres: nil, url: nil, name: name), nil)
    }

    /// Whether this runner still holds the lock, taking a PostgreSQL one again when its session
    /// ended; false only when another runner's session holds it now. Throws a failure that may
    /// pass (the server cannot be reached, or this runner's old session is still letting go)
    /// for the runner to wait out and ask again.
    public func stillHeld() throws(StoreError) -> Bool {
        guard let url else { return file != nil }
        if let postgres {
            // A failed check is an outage to wait out, three in a row a connection given up
            // on (a dead connection may never say it is closed): the lock is then taken again.
            do throws(StoreError) {
                if try postgres.isHeld() {
                    failedChecks = 0
                    return true
                }
            } catch {
                failedChecks += 1
                if failedChecks < 3 { throw error }
            }
            failedChecks = 0
        }
        postgres = nil
        if let again = try PostgresRunnerLock.take(url, name: name) {
            postgres = again
            lastSession = again.session
            return true
        }
        let holder = try PostgresRunnerLock.holder(url, name: name)
        // Another session (a process id alone could be a later session reusing ours).
        if let holder, holder != lastSession || holder.started == nil { return false }
        // Nobody (it was let go a moment ago), or this runner's own old session still on the
        // server: ended, and the lock asked for again at the next round.
        guard let holder else {
            throw StoreError(
                .unreachable, path: url.redacted,
                Bilingual(
                    "the \(name) lock of \(url.redacted) was let go a moment ago; it is taken again at the next try",
                    "\(url.redacted) 的 \(name) 锁刚被释放；下次重试时重新获取"))
        }
        try PostgresRunnerLock.endSession(url, pid: holder.pid)
        throw StoreError(
            .unreachable, path: url.redacted,
            Bilingual(
                "the \(name) lock of \(url.redacted) was still held by this runner's earlier session (server process \(holder.pid)); it was ended, and the lock is taken again at the next try",
                "\(url.redacted) 的 \(name) 锁仍由本进程先前的会话（服务器进程 \(holder.pid)）持有；该会话已结束，下次重试时重新获取"))
    }

    /// The server process of a PostgreSQL lock's session (tests).
    var postgresBackendPID: Int32? { postgres?.backendPID }

    /// The refusal a runner starts with when another runner holds the lock; `onlyOne` says why
    /// only one may run.
    public static func heldElsewhere(_ what: String, storePath: String, holder: Int32?, onlyOne: Bilingual) -> Bilingual {
        let who = holder.map { " (pid \($0))" } ?? ""
        return Bilingual("another \(what) is already running on \(storePath)\(who); \(onlyOne.en)", "\(storePath) 上已有 \(what) 在运行\(who)；\(onlyOne.zh)")
    }

    /// What a runner ends with when another runner took the lock while its own session was
    /// gone (a server restart, a dropped connection).
    public static func takenOver(_ what: String, storePath: String) -> Bilingual {
        Bilingual(
            "another \(what) took over on \(storePath) while this one's connection to the server was lost; this one stops (only one may run)",
            "本进程与服务器的连接中断期间，另一个 \(what) 已接管 \(storePath)；本进程停止（只能运行一个）")
    }
}
