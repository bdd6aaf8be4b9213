import ArgumentParser
import CommandModel
import EventLog
import Foundation

/// Whole-store operations: `decision-hub store copy FROM TO`.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Move a store between SQLite and PostgreSQL. 在 SQLite 与 PostgreSQL 之间迁移事件库。",
        subcommands: [Copy.self, Bench.self])

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a whole store into a new one, with its chain and signed checkpoints, and verify the copy. 完整复制事件库（含哈希链与签名检查点）并校验副本。",
            discussion: """
                FROM and TO are each an SQLite file or postgresql://USER@HOST/DB?centre=NAME. TO must not exist yet: a file is created, a centre's schema is created. \
                A password goes in PGPASSWORD, never on the command line. Exit status: 0 copied and verified, 3 the copy does not verify, 1 nothing usable was written.
                FROM 与 TO 均可为 SQLite 文件或 PostgreSQL 地址。TO 必须尚不存在。密码请放入 PGPASSWORD，切勿写在命令行上。
                """)

        @Argument(help: "The store to copy. 源事件库。") var from: String
        @Argument(help: "The new store. 新事件库。") var to: String
        @Option(help: "Language of messages: en or zh. 界面语言。") var lang: Language?

        func run() throws {
            let language = lang ?? localeLanguage()
            do {
                for location in [from, to] where StoreLocation.isPostgres(location) {
                    guard try PostgresStoreURL.parse(location, environment: [:]).passwordInURL else { continue }
                    throw fail(
                        Bilingual(
                            "a password on the command line can be read by every user of this machine (ps); nothing was done. Put it in PGPASSWORD",
                            "写在命令行上的密码可被本机所有用户看到（ps）；未执行任何操作。请将密码放入 PGPASSWORD")(language))
                }
                guard let source = try StoreLocation.open(from, readOnly: true) as? any RecordCopying else {
                    throw fail(Bilingual("\(from) cannot be copied whole; nothing was written", "\(from) 无法整体复制；未写入任何内容")(language))
                }
                let target: any RecordCopying
                if StoreLocation.isPostgres(to) {
                    target = try PostgresEventStore.create(url: PostgresStoreURL.parse(to), signingKey: .none)
                } else {
                    target = try SQLiteEventStore(path: try Self.newFile(to), create: true, signingKey: .none)
                }
                let report = try StoreCopy.copy(from: source, to: target)
                guard report.ok else {
                    print(Bilingual("the copy in \(target.location) does NOT verify:", "\(target.location) 中的副本未通过校验：")(language))
                    for p in report.problems { print("  " + p(language)) }
                    throw ExitCode(3)
                }
                print(
                    Bilingual(
                        "copied \(report.events) events and \(report.checkpoints) signed checkpoints from \(source.location) to \(target.location); the copy verifies (chain intact)",
                        "已将 \(report.events) 条事件及 \(report.checkpoints) 个签名检查点从 \(source.location) 复制到 \(target.location)；副本校验通过（链完整）")(language))
                print(
                    Bilingual(
                        "the signing key stays where it is: give the new store the same key file (\(try StoreLocation.keyPath(to)))",
                        "签名密钥不随之移动：请为新事件库配置同一密钥文件（\(try StoreLocation.keyPath(to))）")(language))
            } catch let e as StoreError {
                throw fail(e.text(language))
            }
        }

        /// An SQLite target must be new: an existing file is refused, untouched.
        static func newFile(_ path: String) throws(StoreError) -> String {
            if FileManager.default.fileExists(atPath: path) {
                throw StoreError(.io, path: path, Bilingual("\(path) already exists; a copy goes only into a new store. Nothing was changed", "\(path) 已存在；只能复制到新建的事件库。未作任何改动"))
            }
            return path
        }
    }
}
