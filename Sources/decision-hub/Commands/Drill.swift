import ArgumentParser
import CommandModel
import EventLog
import Foundation

struct Drill: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Double-blind drills: check, key and seal scenarios. 双盲演练：检查、生成密钥、加密脚本。",
        subcommands: [Check.self, Keygen.self, SealFile.self, Unseal.self])

    /// With a roster, only drill coordinators may read or seal scenarios.
    static func coordinatorOnly(_ options: StoreOptions) throws {
        guard let roster = try options.loadRoster() else { return }
        let actor = Actor.from(roster: roster, login: options.operatorName, at: Date())
        guard actor.roles.contains(.drillCoordinator) else {
            throw fail(Bilingual("only drill coordinators may read or seal drill scenarios", "只有演练导调可以查看或加密演练脚本")(options.language))
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate a scenario; every problem with its line. 检查演练脚本。")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The scenario (YAML). 演练脚本。") var file: String
        func run() throws {
            try Drill.coordinatorOnly(options)
            let lang = options.language
            guard let data = FileManager.default.contents(atPath: file) else { throw fail(Bilingual("cannot read \(file)", "无法读取 \(file)")(lang)) }
            let (scenario, issues) = DrillScenario.load(String(decoding: data, as: UTF8.self), file: file)
            for i in issues { print(i.text(lang)) }
            guard let scenario else { throw ExitCode(1) }
            print(
                Bilingual(
                    "ok: \(scenario.name.en), \(scenario.injects.count) injects, \(scenario.objectives.count) objectives, \(scenario.disclosure.rawValue)",
                    "正常：\(scenario.name.zh)，\(scenario.injects.count) 条注入，\(scenario.objectives.count) 个目标，\(scenario.disclosure.rawValue)")(lang))
        }
    }

    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a new drill key; keep it secret. 生成演练密钥。")
        func run() throws { print(Seal.newKey()) }
    }

    struct SealFile: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "seal", abstract: "Encrypt a checked scenario for the shared server. 加密演练脚本。")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The scenario (YAML). 演练脚本。") var file: String
        @Option(help: "The drill key (from drill keygen). 演练密钥。") var key: String
        @Option(help: "Where to write the sealed file (default: FILE.sealed). 输出文件。") var out: String?
        func run() throws {
            try Drill.coordinatorOnly(options)
            let lang = options.language
            guard let data = FileManager.default.contents(atPath: file) else { throw fail(Bilingual("cannot read \(file)", "无法读取 \(file)")(lang)) }
            let (scenario, issues) = DrillScenario.load(String(decoding: data, as: UTF8.self), file: file)
            for i in issues { printError(i.text(lang)) }
            guard scenario != nil else { throw fail(Bilingual("fix the scenario first; nothing was sealed", "请先修正脚本；未加密任何内容")(lang)) }
            do {
                let sealed = try Seal.seal(data, key: key)
                let target = out ?? file + ".sealed"
                try sealed.write(to: URL(fileURLWithPath: target))
                print(Bilingual("sealed \(target)", "已加密 \(target)")(lang))
            } catch let e as Seal.Failure {
                throw fail(e.message(lang))
            }
        }
    }

    struct Unseal: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a sealed scenario (coordinators only). 解密查看演练脚本。")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The sealed file. 加密文件。") var file: String
        @Option(help: "The drill key. 演练密钥。") var key: String
        func run() throws {
            try Drill.coordinatorOnly(options)
            let lang = options.language
            guard let data = FileManager.default.contents(atPath: file) else { throw fail(Bilingual("cannot read \(file)", "无法读取 \(file)")(lang)) }
            do {
                print(String(decoding: try Seal.open(data, key: key, file: file), as: UTF8.self), terminator: "")
            } catch {
                throw fail(error.message(lang))
            }
        }
    }
}
