import ArgumentParser
import CommandModel
import EventLog
import Foundation

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new store, and the centre's signing key beside it if there is none. 创建事件库，并在旁边创建中心签名密钥（若尚无）。",
        discussion: """
            The key is STORE.key (mode 0600), or the file named by $DECISION_HUB_SIGNING_KEY_FILE; an existing key is reused, never replaced. \
            Whoever can read it signs checkpoints of the record; keep it away from those who only operate the console.
            密钥为 STORE.key（权限 0600），或 $DECISION_HUB_SIGNING_KEY_FILE 指定的文件；已有密钥会被沿用，不会被替换。能读取它的进程为记录签名；请勿交给只操作控制台的人员。
            """)

    @OptionGroup var options: StoreOptions

    func run() throws {
        let (path, _) = options.storePath
        let lang = options.language
        do {
            let store: any DurableEventStore
            if StoreLocation.isPostgres(path) {
                try options.refusePasswordOnCommandLine()
                store = try PostgresEventStore.create(url: PostgresStoreURL.parse(path), signingKey: .none)
            } else {
                store = try SQLiteEventStore.create(path: path)
            }
            print(Bilingual("created store \(store.location)", "已创建事件库 \(store.location)")(lang))
            let keyPath = try StoreLocation.keyPath(path)
            if StoreLocation.isPostgres(path) {
                // Outside the database, as beside an SQLite file: its folder may be new.
                try? FileManager.default.createDirectory(atPath: (keyPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            let key: SigningKey
            switch SigningKey.load(path: keyPath) {
            case let .found(k):
                key = k
                print(Bilingual("signing key \(keyPath) (id \(k.id)) is used", "沿用签名密钥 \(keyPath)（编号 \(k.id)）")(lang))
            case .absent where FileManager.default.fileExists(atPath: keyPath):
                // There, but not readable by this account: never replaced, and said.
                printError(
                    Bilingual(
                        "the signing key \(keyPath) exists but this account cannot read it; the store was created, and is signed by the key's holder",
                        "签名密钥 \(keyPath) 已存在，但本账号无法读取；事件库已创建，由密钥持有者签名")(lang))
                return
            case .absent:
                key = try SigningKey.create(path: keyPath)
                print(Bilingual("created signing key \(keyPath) (mode 0600, id \(key.id)); write the id down", "已创建签名密钥 \(keyPath)（权限 0600，编号 \(key.id)）；请记下该编号")(lang))
            case let .unusable(_, why):
                printError(why(lang))
                printError(Bilingual("the store was created; it is not signed until the key is fixed", "事件库已创建；在密钥修复之前不会签名")(lang))
                return
            }
            // The first checkpoint puts the public key in the store, for anyone to verify with.
            if StoreLocation.isPostgres(path) {
                try PostgresEventStore(path, signingKey: .key(key)).checkpoint()
            } else {
                try SQLiteEventStore(path: path, signingKey: .key(key)).checkpoint()
            }
        } catch {
            throw fail(error.text(lang))
        }
    }
}
