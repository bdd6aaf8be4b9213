import ArgumentParser
import CommandModel
import EventLog
import Foundation

/// The centre's reference data on the record: every console and `exec` see the same teams.
struct City: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "city",
        abstract: "The centre's reference data (teams, shelters, depots, hazard sources) on the record. 中心基础数据（队伍、避难场所、物资库、危险源）入库。", subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract:
                "Record the teams and facilities of a city file (as Resources/sample/beijing.yaml): new ones registered, changed ones updated. 将城市数据文件中的队伍与设施登记入库。",
            discussion: "Importing the same file twice changes nothing. A file with any problem is refused whole, each problem named with its line. 重复导入同一文件不会产生变化；文件有任何问题则整体拒绝，并逐条指出行号。")

        @OptionGroup var options: StoreOptions

        @Flag(name: .long, help: "Say what would be recorded, record nothing. 只显示将要记录的内容，不写入。")
        var dryRun = false

        @Argument(help: "The city file (YAML). 城市数据文件（YAML）。")
        var file: String

        func run() throws {
            let lang = options.language
            try options.withLedger(roster: try options.loadRoster(), resources: true) { ledger in
                guard let grid = ledger.grid else { throw fail(Bilingual("the map is needed to place the teams; set DECISION_HUB_RESOURCES", "需要地图来定位队伍；请设置 DECISION_HUB_RESOURCES")(lang)) }
                // Read as a hand-written file: bad bytes are refused at their place, never replaced.
                let (text, readIssues) = SourceFile.read(file)
                let (city, issues) = text.map { CityData.load($0, file: file, grid: grid) } ?? (CityData(isSample: false, teams: [], facilities: []), readIssues)
                for i in issues { printError(i.text(lang)) }
                if !issues.isEmpty {
                    throw fail(Bilingual("\(file) has \(issues.count) problems (above); nothing was recorded", "\(file) 有 \(issues.count) 处问题（见上）；未记录任何内容")(lang))
                }
                let plan = city.importCommands(toMatch: ledger.state)
                let (t, f) = (plan.teams, plan.facilities)
                let summary = Bilingual(
                    "\(t.registered) teams registered, \(t.updated) updated, \(t.unchanged) unchanged; \(f.registered) facilities registered, \(f.updated) updated, \(f.unchanged) unchanged",
                    "登记队伍 \(t.registered) 支，更新 \(t.updated) 支，未变 \(t.unchanged) 支；登记设施 \(f.registered) 处，更新 \(f.updated) 处，未变 \(f.unchanged) 处")
                if dryRun || plan.commands.isEmpty {
                    print((dryRun ? Bilingual("would be: ", "将会：")(lang) : "") + summary(lang))
                    return
                }
                // One batch: the whole file lands, or none of it.
                _ = try ledger.execute(plan.commands, operatorName: options.operatorName)
                print(summary(lang))
            }
        }
    }
}
