import ArgumentParser
import CommandModel
import EventLog
import Foundation

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a new store. 创建事件库。")

    @OptionGroup var options: StoreOptions

    func run() throws {
        let (path, _) = options.storePath
        do {
            let store = try SQLiteEventStore.create(path: path)
            print(Bilingual("created store \(store.location)", "已创建事件库 \(store.location)")(options.language))
        } catch {
            throw fail(error.text(options.language))
        }
    }
}
