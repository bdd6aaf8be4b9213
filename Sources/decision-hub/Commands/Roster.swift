import ArgumentParser
import CommandModel
import EventLog
import Foundation

/// The roster in force on a store.
struct RosterCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster", abstract: "The roster the store is pinned to. 事件库启用的值班表。", subcommands: [Adopt.self])

    struct Adopt: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "adopt",
            abstract: "Pin the store to a roster file (commanders). 为事件库启用值班表（指挥长）。",
            discussion: """
                From then on a console, exec or runner started with another roster, or none, is refused (and the refusal recorded). \
                On a store that already has one, start this with the roster in force (--roster) and be a commander in it; on a store \
                without one, be a commander in the roster you adopt.
                启用后，使用其他值班表或未指定值班表启动的控制台、exec 或运行器均被拒绝（并记录）。已启用值班表的事件库，需以现行值班表（--roster）启动且为其中的指挥长；未启用的，需为所启用值班表中的指挥长。
                """)

        @OptionGroup var options: StoreOptions

        @Argument(help: "The roster file to adopt. 要启用的值班表文件。")
        var file: String

        func run() throws {
            let lang = options.language
            let (text, readIssues) = SourceFile.read(file)
            let (new, issues) = text.map { Roster.load($0, file: file) } ?? (Roster(timeZone: CentreTime.zone, people: [], rotations: [], overrides: []), readIssues)
            for i in issues { printError(i.text(lang)) }
            guard let text, issues.isEmpty else { throw fail(Bilingual("\(file) has \(issues.count) problems (above); nothing was adopted", "\(file) 有 \(issues.count) 处问题（见上）；未启用")(lang)) }
            let store: any DurableEventStore
            do { store = try options.openStore() } catch { throw fail(error.text(lang)) }
            let ledger: Ledger
            do { ledger = try options.openLedger(store) } catch { throw fail(error.text(lang)) }
            // Who may adopt: a commander of the roster in force (this process must have been
            // started with it), or, on a store that has none yet, of the roster adopted.
            let current: Roster?
            if ledger.state.roster != nil {
                let inForce = try options.loadRoster()
                try options.checkRosterPin(ledger.state, roster: inForce)
                current = inForce
            } else {
                // The first roster of a store is adopted by whoever holds the centre's signing
                // key: anyone else could pin a roster naming themselves commander.
                guard case .found = SigningKey.load(path: ((try? StoreLocation.keyPath(options.storePath.path)) ?? SigningKey.path(forStore: store.location))) else {
                    throw options.refuse(
                        action: "adopt the first roster of this store",
                        reason: Bilingual(
                            "the first roster of a store is adopted by whoever holds the centre's signing key (\(((try? StoreLocation.keyPath(options.storePath.path)) ?? SigningKey.path(forStore: store.location))), created by decision-hub init)",
                            "事件库的首份值班表须由持有中心签名密钥者启用（\(((try? StoreLocation.keyPath(options.storePath.path)) ?? SigningKey.path(forStore: store.location)))，由 decision-hub init 创建）"),
                        by: options.identity.account)
                }
                try options.checkIdentity(roster: new, file: file)
                current = new
            }
            ledger.roster = current
            ledger.identity = options.identity
            defer { signHead(store, lang) }
            do {
                for r in try ledger.execute([.roster(.adopt(digest: RosterPin.digest(of: text), source: file))], operatorName: options.operatorName) {
                    print(LogFormat.line(r, lang, zone: CentreTime.zone))
                }
            } catch {
                throw fail(error.text(lang))
            }
        }
    }
}
