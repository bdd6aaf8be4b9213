import CommandModel
import Foundation

/// Hands pages to each person's notify command (a program that reads the page as JSON on
/// standard input: an SMS gateway, a phone bridge), with a timeout, and records every outcome.
/// Failed attempts are retried with backoff. Run it in one process per centre
/// (`decision-hub oncall run`), never on a console's thread: a hanging command blocks only it.
public final class Notifier {
    public var roster: Roster
    /// Seconds a command may run before it is killed and the attempt counts as failed.
    public var timeout: TimeInterval
    /// Waits before each retry, in seconds; its length + 1 is the number of attempts.
    public var backoff: [TimeInterval]
    /// Attempts made whose outcome the store refused to take (it was locked, full, or could not
    /// be reached): recorded first at the next run, and never made again. A runner waiting out
    /// an outage must not send the same SMS every few seconds.
    public private(set) var unrecorded: [(page: String, attempt: Int, error: String?)] = []

    public init(roster: Roster, timeout: TimeInterval = 10, backoff: [TimeInterval] = [30, 60, 120, 300]) {
        self.roster = roster
        self.timeout = timeout
        self.backoff = backoff
    }

    /// Pages whose person has a notify command and whose next attempt is due at `now`.
    public func due(_ state: CommandState, now: Date) -> [Page] {
        state.pages.values.filter { p in
            guard !p.person.isEmpty, p.notifiedAt == nil, p.isOpen, p.notifyAttempts <= backoff.count,
                let person = roster.person(p.person), !roster.notifyCommand(person: person, role: p.role).isEmpty
            else { return false }
            let wait = backoff.prefix(p.notifyAttempts).reduce(0, +)
            return now >= p.sentAt.addingTimeInterval(wait)
        }.sorted { ($0.sentAt, $0.id) < ($1.sentAt, $1.id) }
    }

    /// Runs every due attempt once and records how it went; returns the outcomes. Outcomes
    /// left unrecorded by an earlier run are recorded first.
    @discardableResult
    public func run(_ ledger: Ledger, now: () -> Date = Date.init) throws(ExecutionError) -> [(page: String, error: String?)] {
        do { try ledger.refresh() } catch { throw .store(error) }
        var out: [(String, String?)] = []
        while let made = unrecorded.first {
            // On the record already (a commit whose answer was lost: the store may have taken
            // it after all), or the page is gone: nothing to record.
            if let page = ledger.state.pages[made.page], page.notifyAttempts < made.attempt {
                do {
                    try ledger.execute([.paging(.recordNotify(page: made.page, attempt: made.attempt, error: made.error))], operatorName: "notifier", now: now)
                    out.append((made.page, made.error))
                } catch {
                    guard case .rejected = error else { throw error }
                }
            }
            unrecorded.removeFirst()
        }
        for page in due(ledger.state, now: now()) {
            guard let person = roster.person(page.person) else { continue }
            let incident = ledger.state.incidents[page.incident]
            // A marked drill's pages say so; a blind drill's look real until it is over.
            let exercise = incident?.exercise.flatMap { ledger.state.isDisclosed(exercise: $0) ? $0 : nil }
            let failure = deliver(page, to: person, command: roster.notifyCommand(person: person, role: page.role), incident: incident, exercise: exercise)
            do {
                try ledger.execute([.paging(.recordNotify(page: page.id, attempt: page.notifyAttempts + 1, error: failure))], operatorName: "notifier", now: now)
            } catch {
                if case .rejected = error { continue }
                unrecorded.append((page.id, page.notifyAttempts + 1, failure))
                throw error
            }
            out.append((page.id, failure))
        }
        return out
    }

    /// The page as the notify command receives it.
    /// `exercise`: the drill the page belongs to, when the person may know (a marked drill).
    public static func json(_ page: Page, person: Person, incident: Incident?, exercise: String? = nil) -> Data {
        var o: [String: Any] = [
            "page": page.id, "incident": page.incident.description, "person": person.id, "name": person.name.en, "name_zh": person.name.zh,
            "trigger": page.trigger.rawValue, "step": page.index + 1, "sent_at": Timestamp.format(page.sentAt),
        ]
        if let role = page.role { o["role"] = role.rawValue }
        if let exercise { o["exercise"] = exercise }
        if let c = person.contact { o["contact"] = c }
        if let i = incident {
            o["title"] = i.title
            o["type"] = i.type.rawValue
            o["level"] = i.level.roman
            o["status"] = i.status.rawValue
        }
        return (try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys])) ?? Data("{}".utf8)
    }

    /// Runs the command in its own process group (so a timeout kills whatever it started too);
    /// nil on success, else what went wrong.
    func deliver(_ page: Page, to person: Person, command: [String], incident: Incident?, exercise: String? = nil) -> String? {
        // A command that exits without reading its input must not take this process down with
        // SIGPIPE: the write then fails with EPIPE instead, and the exit status tells the story.
        signal(SIGPIPE, SIG_IGN)
        var input: [Int32] = [0, 0], errors: [Int32] = [0, 0]
        // Close-on-exec from the start (`pipe2`, not `pipe` then `fcntl`): a program another
        // thread starts in between must not inherit the ends (a command would then never see
        // the end of its input).
        guard closeOnExecPipe(&input) == 0 else { return "cannot create pipes" }
        guard closeOnExecPipe(&errors) == 0 else {
            close(input[0])
            close(input[1])
            return "cannot create pipes"
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        for fd in [input[0], input[1], errors[0], errors[1]] { posix_spawn_file_actions_addclose(&actions, fd) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, command[0], &actions, &attributes, &argv, environ)
        close(input[0])
        close(errors[1])
        defer { close(errors[0]) }
        guard rc == 0 else {
            close(input[1])
            return "cannot start \(command[0]): \(String(cString: strerror(rc)))"
        }
        let json = [UInt8](Self.json(page, person: person, incident: incident, exercise: exercise))
        _ = json.withUnsafeBufferPointer { write(input[1], $0.baseAddress, $0.count) }
        close(input[1])
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if Date() >= deadline {
                kill(-pid, SIGKILL)  // the whole group: the command and anything it started
                waitpid(pid, &status, 0)
                return "timed out after \(Int(timeout.rounded())) s"
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        // What the command said on standard error (its first line), without waiting for anything
        // it left running.
        _ = fcntl(errors[0], F_SETFL, fcntl(errors[0], F_GETFL) | O_NONBLOCK)
        var buffer = [UInt8](repeating: 0, count: 512)
        let n = buffer.withUnsafeMutableBufferPointer { read(errors[0], $0.baseAddress, 512) }
        let said = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "" : ""
        let exited = (status & 0x7F) == 0
        let code = (status >> 8) & 0xFF
        if exited && code == 0 { return nil }
        let what = exited ? "exit \(code)" : "killed by signal \(status & 0x7F)"
        return what + (said.isEmpty ? "" : ": \(said)")
    }
}

/// `pipe2(fds, O_CLOEXEC)`: glibc declares it only under `_GNU_SOURCE`, which Swift's Glibc
/// module does not define, so it is looked up by name (it has been in glibc since 2.9).
private let pipe2: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32)? = {
    #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pipe2") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32).self)
    #else
        return nil
    #endif
}()

/// A pipe whose ends are close-on-exec from the start; where `pipe2` is missing, `pipe` then
/// `fcntl` (a window in which another thread's spawn could inherit them).
private func closeOnExecPipe(_ fds: inout [Int32]) -> Int32 {
    fds.withUnsafeMutableBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return -1 }
        if let pipe2 { return pipe2(base, O_CLOEXEC) }
        guard pipe(base) == 0 else { return -1 }
        _ = fcntl(base[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(base[1], F_SETFD, FD_CLOEXEC)
        return 0
    }
}
