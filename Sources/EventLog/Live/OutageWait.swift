import CommandModel
import Foundation

extension StoreError {
    /// Whether waiting may be enough: the store is locked by another writer for longer than
    /// its timeout, its disk is full, or its server cannot be reached (restarting, failing
    /// over). A store that is missing, damaged, tampered with, someone else's, newer than this
    /// build, read-only, or whose server refuses the login stays so until someone acts; so may
    /// any other failure (`io` also names a store this process closed and errors no other kind
    /// names), which ends a runner for its supervisor to see.
    public var mayPassByItself: Bool {
        switch kind {
        case .locked, .full, .unreachable: true
        case .io, .notFound, .readOnly, .corrupt, .foreign, .newerVersion, .tampered, .badPayload, .loginRefused: false
        }
    }
}

extension ExecutionError {
    /// Whether trying the same command again later may succeed (see `StoreError.mayPassByItself`);
    /// other writers winning every race is such a case, a refusal is not.
    public var mayPassByItself: Bool {
        switch self {
        case let .store(e): e.mayPassByItself
        case .contention: true
        case .rejected: false
        }
    }
}

/// How a door that runs until it is stopped (a watched CAP folder, a followed feed or log, the
/// escalation runner, a running drill) waits out a
/// store failure that may pass by itself: it says so, waits (half a second, then longer, up to
/// 30 s between tries) and tries the same work again, so nothing offered in the meantime is
/// dropped and the door does not end in the night for a server restart. It says when the
/// store answers again. Any other failure ends the door, as before. There is no limit: each
/// try is said on standard error (at most one line in 30 s once the outage is long).
public struct OutageWait {
    /// The pauses between tries, the last repeated.
    public static let pauses: [TimeInterval] = [0.5, 1, 2, 5, 10, 30]

    /// Failures in a row so far.
    public private(set) var failures = 0
    let say: (Bilingual) -> Void
    let sleep: (TimeInterval) -> Void

    public init(say: @escaping (Bilingual) -> Void, sleep: @escaping (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }) {
        self.say = say
        self.sleep = sleep
    }

    /// `work`, tried until it succeeds or fails in a way waiting will not mend (thrown).
    /// `what` names the work in what is said (a file, a feed's lines, a round).
    public mutating func attempt<T, Failure: Error>(_ what: Bilingual, _ work: () throws(Failure) -> T) throws(Failure) -> T {
        while true {
            do {
                let value = try work()
                if failures > 0 {
                    say(Bilingual("the store answers again; \(what.en) done", "事件库已恢复响应；\(what.zh) 已完成"))
                    failures = 0
                }
                return value
            } catch {
                let why: Bilingual
                if let e = error as? ExecutionError, e.mayPassByItself {
                    why = Bilingual(e.text(.en), e.text(.zh))
                } else if let e = error as? StoreError, e.mayPassByItself {
                    why = e.message
                } else {
                    throw error
                }
                let pause = Self.pauses[min(failures, Self.pauses.count - 1)]
                failures += 1
                let seconds = pause < 1 ? String(format: "%.1f", pause) : String(Int(pause))
                say(
                    Bilingual(
                        "\(what.en) waits for the store (try \(failures)): \(why.en); trying again in \(seconds) s",
                        "\(what.zh) 等待事件库（第 \(failures) 次）：\(why.zh)；\(seconds) 秒后重试"))
                sleep(pause)
            }
        }
    }
}
