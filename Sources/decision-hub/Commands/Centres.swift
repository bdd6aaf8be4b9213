import ArgumentParser
import CommandModel
import EventLog
import Foundation

/// The centres file, as the centre commands find it.
struct CentresOption: ParsableArguments {
    @Option(help: "The centres file: each centre's store, and whom it shares its board with (default: $DECISION_HUB_CENTRES). 中心配置文件。")
    var centres: String?

    var path: String? { centres ?? ProcessInfo.processInfo.environment["DECISION_HUB_CENTRES"].flatMap { $0.isEmpty ? nil : $0 } }

    /// The network seen from the store `options` names; the file's problems listed with their
    /// lines, and a non-zero exit.
    func network(_ options: StoreOptions) throws -> CentreNetwork {
        let lang = options.language
        guard let path else {
            throw fail(
                Bilingual(
                    "no centres file: pass --centres FILE or set DECISION_HUB_CENTRES (a sample: Resources/centres.yaml)",
                    "没有中心配置文件：请用 --centres 指定或设置 DECISION_HUB_CENTRES（示例：Resources/centres.yaml）")(lang))
        }
        let directory: CentreDirectory
        do { directory = try CentreNetwork.read(path) } catch {
            for i in error.issues.prefix(50) { printError(i.text(lang)) }
            throw fail(Bilingual("the centres file \(path) has \(error.issues.count) problems (above); nothing was done", "中心配置文件 \(path) 有 \(error.issues.count) 处问题（见上）；未执行任何操作")(lang))
        }
        try options.refusePasswordOnCommandLine()
        do { return try CentreNetwork(directory: directory, store: options.storePath.path) } catch { throw fail(error.message(lang)) }
    }
}

/// Carries this centre's mutual-aid messages to the other centres' stores, with receipts.
struct Relay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relay",
        abstract: "Carry mutual-aid messages to the other centres' stores, with receipts (one per store). 在各中心事件库之间传递互助消息并留存回执。",
        discussion: """
            Each round reaches every centre of the centres file: messages waiting for it (our requests, offers, \
            acceptances, arrivals, releases addressed to it) are appended to its record, in order, and its \
            receipt (its event and chain hash) to ours. A centre that cannot be reached is recorded once per \
            outage; its messages wait. Exit status with --once: 0 done, 2 a problem needs looking at.
            每轮联系配置文件中的每个中心：按顺序把待发消息写入其记录，并把回执写入本中心记录。无法联系的中心每次中断记录一次，消息保留待发。
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var centresOption: CentresOption
    @Option(help: "Seconds between rounds. 每轮间隔秒数。") var every: Double = 5

    func validate() throws {
        guard every >= 0.2 && every <= 3600 else { throw ValidationError("--every must be between 0.2 and 3600 seconds · --every 须在 0.2 至 3600 秒之间") }
    }
    @Flag(help: "One round, then exit. 只运行一轮。") var once = false

    func run() throws {
        let lang = store.language
        let network = try centresOption.network(store)
        // One relay per store: two would race each other's receipts (harmlessly, but twice the noise).
        let path = store.storePath.path
        let lock = try store.runnerLock("relay", what: "relay", onlyOne: Bilingual("only one may run", "只能运行一个"))
        defer { withExtendedLifetime(lock) {} }
        var problems = false
        try store.withLedger(roster: try store.loadRoster()) { ledger in
            let relay = CentreRelay(ledger: ledger, network: network, operatorName: store.operatorName)
            var shown: Set<String> = []
            repeat {
                // A PostgreSQL lock lost with a server restart is taken again before the round;
                // if another relay took it meanwhile, this one stops. A server that cannot be
                // reached is the round's to report.
                do {
                    if try !lock.stillHeld() { throw fail(RunnerLock.takenOver("relay", storePath: path)(lang)) }
                } catch let error as StoreError where error.mayPassByItself {
                    // The round below meets the same outage and says so.
                }
                let notes = relay.round(now: Date())
                // A long-running relay says each thing once, until it changes.
                let texts = Set(notes.map { $0.text(lang) })
                for n in notes where once || !shown.contains(n.text(lang)) {
                    let line = "\(n.centre): \(n.text(lang))"
                    if n.isProblem { printError(line) } else { print(line) }
                }
                shown = texts
                problems = problems || notes.contains(where: \.isProblem)
                fflush(nil)
                if !once { Thread.sleep(forTimeInterval: every) }
            } while !once
            let waiting = notes(ledger)
            if !waiting.isEmpty { print(waiting) }
        }
        if once && problems { throw ExitCode(2) }
    }

    /// What still waits after a round, for `--once`.
    func notes(_ ledger: Ledger) -> String {
        let lang = store.language
        let waiting = ledger.state.centres.outbox.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
        guard !waiting.isEmpty else { return "" }
        return waiting.map { Bilingual("\($0.key): \($0.value.count) messages wait", "\($0.key)：\($0.value.count) 条消息待发")(lang) }.joined(separator: "\n")
    }
}

/// A neighbour's board, read-only, when it shares it with us.
struct Board: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "A neighbouring centre's open incidents, levels and responses, when it shares its board with us. 查看相邻中心共享的态势。")

    @OptionGroup var store: StoreOptions
    @OptionGroup var centresOption: CentresOption
    @Option(name: .customLong("centre"), help: "The neighbouring centre (a name in the centres file). 相邻中心名。") var neighbour: String
    @Flag(
        help:
            "Keep watching: the board again whenever the neighbour's record moves on, and a line when it cannot be reached (with the age of the last contact), until interrupted. 持续查看：相邻中心记录有变化时重新显示，无法联系时注明上次联系时间，直至中断。"
    )
    var follow = false
    @Option(help: "With --follow, seconds between reads (default 2). 持续查看时的读取间隔（秒，默认 2）。") var every: Double = 2

    func validate() throws {
        guard every >= 0.2 && every <= 3600 else { throw ValidationError("--every must be between 0.2 and 3600 seconds · --every 须在 0.2 至 3600 秒之间") }
    }

    func run() throws {
        let lang = store.language
        let network = try centresOption.network(store)
        guard follow else {
            let board: (state: CommandState, sequence: Int64)
            do { board = try NeighbourBoard.view(neighbour.lowercased(), network: network) } catch { throw fail(error.message(lang)) }
            show(board, network, lang)
            return
        }
        // Watching: shown again when its record moves on; an outage said once, with the age of
        // the last contact, and said again when it is over. A board no longer shared ends it.
        var shown: Int64 = -1
        var lastContact: Date?
        var down = false
        var failures = 0
        while true {
            do {
                let board = try NeighbourBoard.view(neighbour.lowercased(), network: network)
                lastContact = Date()
                failures = 0
                if down {
                    print(Bilingual("\(neighbour) can be reached again", "\(neighbour) 已恢复联系")(lang))
                    down = false
                }
                if board.sequence != shown {
                    print("— \(CentreTime.format(Date(), in: CentreTime.zone)) —")
                    show(board, network, lang)
                    shown = board.sequence
                }
            } catch  where error.unreachable {
                // Said after two failed reads in a row: a store busy for a moment is no outage.
                failures += 1
                if !down && failures >= 2 {
                    let age =
                        lastContact.map { Bilingual.age(Date().timeIntervalSince($0)) }.map { Bilingual("last contact \($0.en) ago", "上次联系于\($0.zh)前") }
                        ?? Bilingual("no contact since this watch began", "本次查看以来未曾联系")
                    print(Bilingual("\(neighbour) cannot be reached (\(age.en)): \(error.message.en)", "无法联系 \(neighbour)（\(age.zh)）：\(error.message.zh)")(lang))
                    down = true
                }
            } catch {
                throw fail(error.message(lang))
            }
            fflush(nil)
            Thread.sleep(forTimeInterval: every)
        }
    }

    private func show(_ board: (state: CommandState, sequence: Int64), _ network: CentreNetwork, _ lang: Language) {
        let state = board.state
        let name = network.directory.entries[neighbour.lowercased()]?.name.map { $0(lang) } ?? neighbour
        print(Bilingual("\(name): board shared with \(network.me), as of its event \(board.sequence)", "\(name)：向 \(network.me) 共享的态势，截至其第 \(board.sequence) 条事件")(lang))
        let open = state.activeIncidents.sorted { ($0.level, $1.id) > ($1.level, $0.id) }
        print(Bilingual("open incidents: \(open.count)", "在办事件：\(open.count)")(lang))
        for i in open {
            let level = i.level == .none ? Bilingual("no level", "未定级") : Bilingual("level \(i.level.roman)", "\(i.level.roman) 级")
            let place = i.district ?? "\(i.location.cell.x),\(i.location.cell.y)"
            print("  \(i.id)  \(i.type.name(lang))  \(level(lang))  \(i.status.name(lang))  \(place)  \(i.title)")
        }
        let responses = state.responses.values.filter { $0.ended == nil }.sorted { $0.id < $1.id }
        print(Bilingual("responses in force: \(responses.count)", "生效中的响应：\(responses.count)")(lang))
        for r in responses {
            let city = Bilingual("whole area", "全域")(lang)
            let areas = r.levels.sorted { $0.key < $1.key }.map { "\($0.key == EmergencyResponse.wholeCity ? city : $0.key) \($0.value.roman)" }.joined(separator: ", ")
            print("  \(r.id)  \(r.hazard.name(lang))  \(areas)")
        }
    }
}
