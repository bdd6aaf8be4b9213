import CommandModel
import Foundation

/// An environment failure of the store: what happened to which file, and what to do.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case notFound, locked, readOnly, full, corrupt, foreign, newerVersion, io, tampered, badPayload
        /// The store's server (PostgreSQL) cannot be reached (down, restarting, busy).
        case unreachable
        /// The store's server refused the login (password, `pg_hba.conf`): someone must act.
        case loginRefused
    }

    public var kind: Kind
    public var path: String
    public var message: Bilingual

    public init(_ kind: Kind, path: String, _ message: Bilingual) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public func text(_ language: Language) -> String { message(language) }
    public var description: String { message.en }

    static func notFound(_ path: String) -> StoreError {
        StoreError(
            .notFound, path: path,
            Bilingual(
                "no store at \(path); create one with: decision-hub init --store \(path)",
                "\(path) 处没有事件库；请先创建：decision-hub init --store \(path)"))
    }

    /// Asked of a store after this process closed it (`DurableEventStore.close`).
    static func closed(_ path: String) -> StoreError {
        StoreError(.io, path: path, Bilingual("\(path) was already closed by this process; nothing was read or written", "\(path) 已被本进程关闭；未读取或写入任何内容"))
    }

    static func foreign(_ path: String) -> StoreError {
        StoreError(
            .foreign, path: path,
            Bilingual(
                "\(path) is not a Decision Hub store (it is some other SQLite database); choose another path with --store",
                "\(path) 不是决策中枢事件库（是其他 SQLite 数据库）；请用 --store 指定其他路径"))
    }

    static func newer(_ path: String, _ what: String) -> StoreError {
        StoreError(
            .newerVersion, path: path,
            Bilingual(
                "\(path) was written by a newer Decision Hub (\(what)); it is left untouched: upgrade decision-hub to open it",
                "\(path) 由更新版本的决策中枢写入（\(what)）；文件未作改动：请升级 decision-hub 后再打开"))
    }

    /// The head record and the events table disagree: both numbers, and what to do.
    public static func headMismatch(_ path: String, head: Int64, table: Int64) -> StoreError {
        StoreError(
            .corrupt, path: path,
            Bilingual(
                "the store's head record says the log ends at event \(head), but the events table ends at \(table): the store was altered or damaged; nothing was written. Run decision-hub verify --store \(path)",
                "事件库头记录称日志止于第 \(head) 条，但事件表止于第 \(table) 条：事件库被改动或已损坏；未写入任何内容。请运行 decision-hub verify --store \(path)"))
    }

    public static func journalHeadMismatch(_ path: String, head: Int64, table: Int64) -> StoreError {
        StoreError(
            .corrupt, path: path,
            Bilingual(
                "the store's head record says the drill journal ends at entry \(head), but the journal table ends at \(table): the store was altered or damaged; nothing was written. Run decision-hub verify --store \(path)",
                "事件库头记录称演练日志止于第 \(head) 条，但演练日志表止于第 \(table) 条：事件库被改动或已损坏；未写入任何内容。请运行 decision-hub verify --store \(path)"))
    }
}
