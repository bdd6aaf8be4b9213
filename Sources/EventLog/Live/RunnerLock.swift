import CommandModel
import Foundation

/// One runner of a kind per store (`oncall run`, `centres relay`): a file lock beside a SQLite
/// store, an advisory lock in the centre's PostgreSQL database (across machines). A runner asks
/// `stillHeld()` before each round: a PostgreSQL lock is lost with its session when the server
/// restarts, and is then taken again; if another runner took it meanwhile, this one must stop,
/// or both would send the same notifications.
public final class RunnerLock {
    private var file: ProcessLock?
    private var postgres: PostgresRunnerLock?
    private let url: PostgresStoreURL?
    private let name: String

    private init(file: ProcessLock?, postgres: PostgresRunnerLock?, url: PostgresStoreURL?, name: String) {
        self.file = file
        self.postgres = postgres
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
    /// ended; false when another runner holds it now. Throws when the server cannot be reached
    /// (a runner waits that out and asks again).
    public func stillHeld() throws(StoreError) -> Bool {
        guard let url else { return file != nil }
        if let postgres, postgres.isHeld { return true }
        postgres = nil
        postgres = try PostgresRunnerLock.take(url, name: name)
        return postgres != nil
    }

    /// The server process of a PostgreSQL lock's session (tests).
    var postgresBackendPID: Int32? { postgres?.backendPID }

    /// The refusal a runner starts with when another runner holds the lock.
    public static func heldElsewhere(_ what: String, storePath: String, holder: Int32?) -> Bilingual {
        let who = holder.map { " (pid \($0))" } ?? ""
        return Bilingual(
            "another \(what) is already running on \(storePath)\(who); only one may run", "\(storePath) 上已有 \(what) 在运行\(who)；只能运行一个")
    }

    /// What a runner ends with when another runner took the lock while its own session was
    /// gone (a server restart).
    public static func takenOver(_ what: String, storePath: String) -> Bilingual {
        Bilingual(
            "another \(what) took over on \(storePath) while the server was restarting; this one stops (only one may run)",
            "服务器重启期间，另一个 \(what) 已接管 \(storePath)；本进程停止（只能运行一个）")
    }
}
