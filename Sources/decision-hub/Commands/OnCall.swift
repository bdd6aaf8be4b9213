import ArgumentParser
import CommandModel
import EventLog
import Foundation

struct OnCall: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oncall", abstract: "Who is on call: now, the schedule, and the gaps. 值班安排。",
        subcommands: [Now.self, Schedule.self, Gaps.self, Pages.self, Ack.self, Run.self])

    struct RosterOptions: ParsableArguments {
        @Option(help: "The roster file (default: $DECISION_HUB_ROSTER, else Resources/oncall/roster.yaml). 值班表文件。") var roster: String?
        @Option(help: "Language: en or zh. 语言：en 或 zh。") var lang: Language?

        var language: Language { lang ?? localeLanguage() }

        func load() throws -> Roster {
            let env = ProcessInfo.processInfo.environment
            guard let path = roster ?? env["DECISION_HUB_ROSTER"] ?? ResourceFiles.locate()?.url("oncall/roster.yaml").path else {
                throw fail(Bilingual("no roster: pass --roster FILE", "没有值班表：请用 --roster 指定文件")(language))
            }
            guard FileManager.default.isReadableFile(atPath: path) else { throw fail(Bilingual("cannot read \(path)", "无法读取 \(path)")(language)) }
            let (text, readIssues) = SourceFile.read(path)
            let (r, issues) = text.map { Roster.load($0, file: path) } ?? (Roster(timeZone: Grammar.centreTimeZone, people: [], rotations: [], overrides: []), readIssues)
            for i in issues { printError(i.text(language)) }
            if !issues.isEmpty { throw fail(Bilingual("the roster has \(issues.count) problems (above)", "值班表有 \(issues.count) 处问题（见上）")(language)) }
            return r
        }

        func stamp(_ d: Date, _ r: Roster) -> String {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = r.timeZone
            f.dateFormat = "EEE yyyy-MM-dd HH:mm"
            return f.string(from: d)
        }

        func names(_ people: [Person]) -> String {
            people.isEmpty ? Bilingual("NOBODY", "无人")(language) : people.map { $0.name(language) + ($0.contact.map { " (\($0))" } ?? "") }.joined(separator: ", ")
        }
    }

    struct Now: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "now", abstract: "Who holds each role now. 当前各角色值班人员。")
        @OptionGroup var options: RosterOptions
        func run() throws {
            let r = try options.load()
            let now = Date()
            print(Bilingual("on call at \(options.stamp(now, r)) (\(r.timeZone.identifier)):", "\(options.stamp(now, r))（\(r.timeZone.identifier)）值班：")(options.language))
            for role in DutyRole.alwaysStaffed {
                print("  \(role.name(options.language)): \(options.names(r.holders(of: role, at: now)))")
            }
        }
    }

    struct Schedule: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "schedule", abstract: "Who is on call for the next days. 未来几天的值班安排。")
        @OptionGroup var options: RosterOptions
        @Option(help: "How many days ahead. 向后天数。") var days = 7
        func run() throws {
            let r = try options.load()
            let now = Date()
            let end = now.addingTimeInterval(Double(days) * 86400)
            for role in DutyRole.alwaysStaffed {
                print(role.name(options.language) + ":")
                for s in r.schedule(of: role, from: now, to: end) {
                    print("  \(options.stamp(s.from, r)) → \(options.stamp(s.to, r))  \(options.names(s.people))")
                }
            }
        }
    }

    /// Pages waiting for acknowledgement.
    struct Pages: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pages", abstract: "Pages not yet acknowledged. 未确认的寻呼。")
        @OptionGroup var store: StoreOptions
        func run() throws {
            let lang = store.language
            do {
                let ledger = try Ledger(store: store.openStore(readOnly: true))
                let waiting = ledger.state.pages.values.filter { $0.isOpen && !$0.person.isEmpty }.sorted { $0.sentAt < $1.sentAt }
                if waiting.isEmpty { print(Bilingual("no page waits for acknowledgement", "没有待确认的寻呼")(lang)) }
                for p in waiting { print("\(p.id)  \(Timestamp.format(p.sentAt))  \(p.person)  \(p.trigger.rawValue)") }
            } catch { throw fail(error.text(lang)) }
        }
    }

    /// Acknowledges pages from any shell: one by id, or every page to the operator.
    struct Ack: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ack", abstract: "Acknowledge a page (or all yours). 确认寻呼。")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The page id, or 'mine' for every page to you. 寻呼编号，或 mine 表示全部。") var page: String = "mine"
        func run() throws {
            let lang = store.language
            let roster = try store.loadRoster()
            try store.withLedger(roster: roster) { ledger in
                var ids = [page]
                if page == "mine" {
                    let me = roster?.person(login: store.operatorName)?.id ?? store.operatorName
                    ids = ledger.state.pages.values.filter { $0.person == me && $0.isOpen }.map(\.id).sorted()
                    if ids.isEmpty {
                        print(Bilingual("no page waits for you", "没有待您确认的寻呼")(lang))
                        return
                    }
                }
                for r in try ledger.execute(ids.map { .paging(.acknowledge($0)) }, operatorName: store.operatorName) {
                    print(LogFormat.line(r, lang, zone: CentreTime.zone))
                }
            }
        }
    }

    /// The centre's escalation and notification runner: sends due pages and hands them to
    /// notify commands, retrying failures with backoff. Run exactly one per centre (`--once`
    /// from cron works too).
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "run", abstract: "Escalate and notify, every few seconds (one per centre). 升级与通知守护进程。")
        @OptionGroup var store: StoreOptions
        @Option(help: "Seconds between rounds. 每轮间隔秒数。") var every: Double = 5
        @Option(help: "Seconds a notify command may run. 通知程序超时秒数。") var timeout: Double = 10
        @Flag(help: "One round, then exit. 只运行一轮。") var once = false
        func run() throws {
            let lang = store.language
            guard let roster = try store.loadRoster() else {
                throw fail(Bilingual("escalation needs a roster: --roster or DECISION_HUB_ROSTER", "升级需要值班表：--roster 或 DECISION_HUB_ROSTER")(lang))
            }
            // One runner per store: a second would hand the same page to a notify program twice.
            let path = store.storePath.path
            let lock = try store.runnerLock("oncall", what: "oncall run", onlyOne: Bilingual("only one may send notifications", "只能有一个发送通知"))
            defer { withExtendedLifetime(lock) {} }
            try store.withLedger(roster: roster, resources: true) { ledger in
                let notifier = Notifier(roster: roster, timeout: timeout)
                func round() throws {
                    // A PostgreSQL lock lost with a server restart is taken again; if another
                    // runner took it meanwhile, this one stops rather than notify twice.
                    guard try lock.stillHeld() else { throw fail(RunnerLock.takenOver("oncall run", storePath: path)(lang)) }
                    for r in try ledger.escalationEvents(now: Date()) { if case let .pageSent(p) = r.event { print("\(p.id) · " + r.event.summary(lang)) } }
                    for (page, error) in try notifier.run(ledger) {
                        print(error.map { Bilingual("\(page): notify failed: \($0)", "\(page)：通知失败：\($0)")(lang) } ?? Bilingual("\(page): notified", "\(page)：已通知")(lang))
                    }
                    fflush(nil)
                }
                if once { return try round() }
                // Running: a store that is busy, full or cannot be reached is waited out (a
                // round is safe to run again: a page is sent once, and a notify made but not yet
                // recorded is recorded first, not made again), so paging does not stop for a
                // server restart.
                var outage = OutageWait(say: { printError($0(lang)) })
                while true {
                    try outage.attempt(Bilingual("escalation round", "升级轮次")) { try round() }
                    Thread.sleep(forTimeInterval: every)
                }
            }
        }
    }

    struct Gaps: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "gaps", abstract: "Hours with nobody on call for a role (exit 1 when there are any). 无人值班的时段（有则退出码为 1）。")
        @OptionGroup var options: RosterOptions
        @Option(help: "How many days ahead. 向后天数。") var days = 14
        func run() throws {
            let r = try options.load()
            let now = Date()
            let gaps = r.gaps(from: now, to: now.addingTimeInterval(Double(days) * 86400))
            guard !gaps.isEmpty else {
                print(Bilingual("no gaps in the next \(days) days", "未来 \(days) 天无空档")(options.language))
                return
            }
            for g in gaps {
                let hours = g.to.timeIntervalSince(g.from) / 3600
                print(
                    Bilingual(
                        "GAP \(g.role.name.en): \(options.stamp(g.from, r)) → \(options.stamp(g.to, r)) (\(String(format: "%.1f", hours)) h)",
                        "空档 \(g.role.name.zh)：\(options.stamp(g.from, r)) → \(options.stamp(g.to, r))（\(String(format: "%.1f", hours)) 小时）")(options.language))
            }
            throw ExitCode(1)
        }
    }
}
