import ArgumentParser
import CommandModel
import EventLog
import Foundation

struct Drill: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Double-blind drills: check, key and seal scenarios. 双盲演练：检查、生成密钥、加密脚本。",
        subcommands: [Check.self, Keygen.self, SealFile.self, Unseal.self, Plan.self])

    /// Reads and validates a scenario for a coordinator: the file's bytes and the scenario, with
    /// every problem reported through `report`; a missing file or an invalid scenario exits.
    static func load(_ file: String, _ options: StoreOptions, report: (String) -> Void = printError) throws -> (Data, DrillScenario) {
        try coordinatorOnly(options)
        let lang = options.language
        guard let data = FileManager.default.contents(atPath: file) else {
            throw fail(Bilingual("cannot read \(file); check the path", "无法读取 \(file)；请检查路径")(lang))
        }
        let (scenario, issues) = DrillScenario.load(String(decoding: data, as: UTF8.self), file: file)
        for i in issues { report(i.text(lang)) }
        guard let scenario else {
            throw fail(Bilingual("\(file) has \(issues.count) problems (above); nothing was done", "\(file) 有 \(issues.count) 处问题（见上）；未执行任何操作")(lang))
        }
        return (data, scenario)
    }

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
            let lang = options.language
            let (_, scenario) = try Drill.load(file, options, report: { print($0) })
            print(
                Bilingual(
                    "ok: \(scenario.name.en), \(scenario.injects.count) injects, \(scenario.objectives.count) objectives, \(scenario.disclosure.rawValue)",
                    "正常：\(scenario.name.zh)，\(scenario.injects.count) 条注入，\(scenario.objectives.count) 个目标，\(scenario.disclosure.rawValue)")(lang))
        }
    }

    /// The coordinator's dry run: when each inject would fire from a given start.
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show when each inject would fire (coordinators only). 演练时间线预览。")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The scenario (YAML). 演练脚本。") var file: String
        @Option(help: "Start, local time HH:MM today (default: now). 开始时间。") var start: String?
        @Option(help: "Seed for the jitter. 抖动种子。") var seed: UInt64 = 1
        func run() throws {
            let lang = options.language
            let (_, scenario) = try Drill.load(file, options)
            var begin = Date()
            if let start {
                do { begin = try Grammar.parseTime(start, now: Date()) } catch { throw fail(error.text(lang), code: 2) }
            }
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = Grammar.centreTimeZone
            f.dateFormat = "HH:mm"
            for (inject, at) in scenario.timeline(start: begin, seed: seed) {
                let contingency = inject.ifMissed.map { Bilingual(" (only if \($0) is missed)", "（仅当 \($0) 未达标时）")(lang) } ?? ""
                print("\(f.string(from: at))  \(inject.id)\(contingency): \(inject.line)")
            }
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
            let lang = options.language
            let (data, _) = try Drill.load(file, options)
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
            guard let data = FileManager.default.contents(atPath: file) else { throw fail(Bilingual("cannot read \(file); check the path", "无法读取 \(file)；请检查路径")(lang)) }
            do {
                print(String(decoding: try Seal.open(data, key: key, file: file), as: UTF8.self), terminator: "")
            } catch {
                throw fail(error.message(lang))
            }
        }
    }
}
