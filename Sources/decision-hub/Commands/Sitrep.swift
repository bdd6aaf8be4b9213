import ArgumentParser
import CommandModel
import ConsoleUI
import EventLog
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Situation reports from the command line: a draft to read, to edit in `$EDITOR` and put on the
/// record, and the recorded versions to read back. Approving and filing are the grammar's
/// (`decision-hub exec 'sitrep approve INC-0001'`, the console's `:` bar).
struct SitrepCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitrep", abstract: "Situation reports drafted from the record. 据记录起草的信息报告。", subcommands: [Draft.self, Show.self, Diff.self])

    struct Draft: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draft an incident's situation report from the record. 据记录起草事件信息报告。",
            discussion: """
                Prints the draft and records nothing, unless --record (the draft as it is) or --edit (opened in $VISUAL or $EDITOR; \
                what you save is recorded as the next version; an empty file or a failing editor records nothing). Then a leader \
                approves it and it is filed: decision-hub exec 'sitrep approve INC-0001', 'sitrep file INC-0001'.
                输出草稿，不做记录；--record 按草稿原样留存，--edit 用 $VISUAL 或 $EDITOR 打开，保存内容即留存为新版本（文件为空或编辑器出错则不留存）。\
                之后由领导审核并报送：decision-hub exec 'sitrep approve INC-0001'、'sitrep file INC-0001'。
                """)

        @OptionGroup var options: StoreOptions

        @Argument(help: "The incident, e.g. INC-0001, or an area response, e.g. RSP-1 (printed only). 事件编号，或区域应急响应编号（仅输出）。")
        var incident: String

        @Option(name: .long, help: "first, followup or final (default: from the record). 首报、续报或终报（默认据记录判断）。")
        var stage: String?

        @Flag(name: .long, help: "Plain text (a wallboard), not Markdown. 纯文本（值班大屏），非 Markdown。")
        var text = false

        @Flag(name: .long, help: "Put the draft on the record as it is. 按草稿原样留存。")
        var record = false

        @Flag(name: .long, help: "Edit it in $VISUAL or $EDITOR, then put what you saved on the record. 用编辑器修改后留存。")
        var edit = false

        func validate() throws {
            if let rid = ResponseID(parsing: incident) {
                _ = rid
                if record || edit {
                    throw ValidationError(
                        "an area response's report is printed only; record the reports of its incidents · 区域应急响应的报告仅供输出；请留存其所含事件的报告")
                }
                return
            }
            if IncidentID(parsing: incident) == nil { throw ValidationError("'\(incident)' is neither an incident (INC-0001) nor a response (RSP-1) · “\(incident)”既不是事件编号（INC-0001）也不是响应编号（RSP-1）") }
            if let stage, SitrepStage(parsing: stage) == nil { throw ValidationError("'\(stage)' is not first, followup or final · “\(stage)”应为 first、followup 或 final") }
            if record && edit { throw ValidationError("--record or --edit, not both · --record 与 --edit 只能二选一") }
        }

        func run() throws {
            let lang = options.language
            let stage = self.stage.flatMap(SitrepStage.init(parsing:))
            if let rid = ResponseID(parsing: incident) {
                try options.withLedger(roster: try options.loadRoster(), resources: true, places: false) { ledger in
                    let state = ledger.state
                    let marked = DrillVisibility.isMarked(state.responses[rid]?.exercise, in: state, reveal: false)
                    guard let draft = SituationReport.draft(response: rid, stage: stage ?? .first, state: state, grid: ledger.grid, now: Date(), markExercise: marked) else {
                        throw fail(Rejection.unknownResponse(rid).message(lang))
                    }
                    print(text ? draft.plainText(lang) : draft.markdown(lang), terminator: "")
                }
                return
            }
            guard let id = IncidentID(parsing: incident) else { throw ExitCode(2) }
            try options.withLedger(roster: try options.loadRoster(), resources: true, places: false) { ledger in
                let state = ledger.state
                guard state.incidents[id] != nil else { throw fail(Rejection.unknownIncident(id).message(lang)) }
                let marked = DrillVisibility.isMarked(state.incidents[id]?.exercise, in: state, reveal: false)
                guard let draft = SituationReport.draft(id, stage: stage, state: state, plans: ledger.plans, grid: ledger.grid, now: Date(), markExercise: marked) else {
                    throw fail(Rejection.unknownIncident(id).message(lang))
                }
                if !record && !edit {
                    print(text ? draft.plainText(lang) : draft.markdown(lang), terminator: "")
                    return
                }
                var saved: String?
                if edit {
                    saved = try editText(draft.markdown(lang), name: "\(id)-v\(draft.version).md", lang)
                    guard saved != nil else { return }
                }
                let command = Command.report(.draftSitrep(id, stage: draft.stage, language: lang, text: saved))
                for r in try ledger.execute([command], operatorName: options.operatorName) { print(LogFormat.line(r, lang, zone: CentreTime.zone)) }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A recorded version of an incident's situation report, checked against its hash. 读取已留存的信息报告版本，并核对哈希。")

        @OptionGroup var options: StoreOptions

        @Argument(help: "The incident, e.g. INC-0001. 事件编号。")
        var incident: String

        @Option(name: .long, help: "The version (default: the latest). 版本（默认最新）。")
        var version: Int?

        @Flag(name: .long, help: "Plain text (a wallboard), not Markdown. 纯文本，非 Markdown。")
        var text = false

        @Flag(name: .long, help: "List every version and where it stands instead. 列出所有版本及其状态。")
        var list = false

        @Flag(name: .long, help: "Show what changed from the last version filed before it (else the one before) instead. 改为显示与此前最后报送版本（否则上一版）的差异。")
        var diff = false

        func run() throws {
            let lang = options.language
            guard let id = IncidentID(parsing: incident) else { throw fail("'\(incident)' is not an incident id · “\(incident)”不是事件编号", code: 2) }
            try options.withLedger(roster: try options.loadRoster()) { ledger in
                guard let history = ledger.state.sitreps[id], let latest = history.latest else { throw fail(Rejection.noSitrep(id).message(lang)) }
                if list {
                    for v in history.versions { print(Self.describe(v, lang)) }
                    return
                }
                let wanted = version ?? latest.version
                if diff {
                    guard let base = history.baseline(of: wanted) else {
                        throw fail(Bilingual("version \(wanted) of \(id) is the first: there is nothing to compare it with", "\(id) 第 \(wanted) 版是第一版，无可比较")(lang))
                    }
                    print(try SitrepCLI.diff(id, base, wanted, history: history, ledger: ledger, plain: text, lang), terminator: "")
                    return
                }
                let (entry, v) = try SitrepCLI.recorded(id, wanted, history: history, ledger: ledger, lang)
                printError(Self.describe(entry, lang))
                print(text ? SituationReport.plain(v.text) : v.text, terminator: v.text.hasSuffix("\n") ? "" : "\n")
            }
        }

        static func describe(_ v: SitrepEntry, _ lang: Language) -> String {
            var parts = [
                Bilingual("v\(v.version) \(v.stage.name.en) (\(v.language.rawValue))", "第 \(v.version) 版 \(v.stage.name.zh)（\(v.language.rawValue)）")(lang),
                Bilingual("\(v.edited ? "edited" : "drafted") by \(v.by) \(CentreTime.format(v.at))", "\(v.by) \(v.edited ? "修改" : "起草")于 \(CentreTime.format(v.at))")(lang),
            ]
            if let at = v.approvedAt, let by = v.approvedBy { parts.append(Bilingual("approved by \(by) \(CentreTime.format(at))", "\(by) 审核于 \(CentreTime.format(at))")(lang)) }
            if let at = v.filedAt {
                parts.append(Bilingual("filed\(v.filedTo.map { " to \($0)" } ?? "") \(CentreTime.format(at))", "已报送\(v.filedTo.map { " \($0)" } ?? "") \(CentreTime.format(at))")(lang))
            }
            parts.append("sha256 \(v.sha256)")
            return parts.joined(separator: " · ")
        }
    }
}

/// Opens `text` in the user's editor (`$VISUAL`, else `$EDITOR`) and returns what was saved; nil
/// (and says why) when the file was emptied. No editor set, or one that fails, is an error that
/// records nothing, with what to do instead.
func editText(_ text: String, name: String, _ lang: Language) throws -> String? {
    switch runEditor(text, name: name) {
    case let .saved(saved): return saved
    case let .nothingRecorded(why):
        guard why == emptiedFile else { throw fail(why(lang)) }
        printError(why(lang))
        return nil
    }
}

private let emptiedFile = Bilingual("the file was emptied: nothing was recorded", "文件已清空：未做记录")

/// The editor itself, for the command line and the console (`r`): the text in a private
/// temporary file, `$VISUAL` or `$EDITOR` run on it through `/bin/sh` (so an editor with arguments
/// works as in git), and what was saved read back.
func runEditor(_ text: String, name: String) -> EditorOutcome {
    let env = ProcessInfo.processInfo.environment
    guard let editor = [env["VISUAL"], env["EDITOR"]].compactMap({ $0 }).first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
        return .nothingRecorded(
            Bilingual(
                "no editor: set EDITOR (e.g. export EDITOR=nano), or record the draft as it is (sitrep draft --record, or :sitrep draft in the console); nothing was recorded",
                "未设置编辑器：请设置 EDITOR（如 export EDITOR=nano），或按草稿原样留存（sitrep draft --record，或在控制台输入 :sitrep draft）；未做记录"))
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("decision-hub-sitrep-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent(name)
    do {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try Data(text.utf8).write(to: file)
    } catch {
        return .nothingRecorded(Bilingual("could not write the draft for the editor: \(error); nothing was recorded", "无法为编辑器写入草稿：\(error)；未做记录"))
    }
    // Spawned in the console's own process group (Foundation's `Process` would give it a group
    // of its own, in the terminal's background: the editor would stop at its first key, and the
    // console would wait for it for ever). The console's signal handlers do not survive the
    // exec, so Ctrl-C and Ctrl-\ are the editor's.
    let argv = ["/bin/sh", "-c", "\(editor) \"$1\"", "decision-hub-editor", file.path]
    var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    defer { for a in cArgs { free(a) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, "/bin/sh", nil, nil, &cArgs, environ)
    guard spawned == 0 else {
        return .nothingRecorded(
            Bilingual("could not start the editor '\(editor)': \(String(cString: strerror(spawned))); nothing was recorded", "无法启动编辑器“\(editor)”：\(String(cString: strerror(spawned)))；未做记录"))
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // The exit status, when it exited (the low seven bits are the signal that ended it, if any).
    let exited = status & 0x7f == 0
    let code = (status >> 8) & 0xff
    guard exited, code == 0 else {
        let why = exited ? (code == 127 ? Bilingual("not found", "未找到") : Bilingual("exit status \(code)", "退出码 \(code)")) : Bilingual("ended by signal \(status & 0x7f)", "被信号 \(status & 0x7f) 终止")
        return .nothingRecorded(Bilingual("the editor '\(editor)' failed (\(why.en)); nothing was recorded", "编辑器“\(editor)”出错（\(why.zh)）；未做记录"))
    }
    guard let data = FileManager.default.contents(atPath: file.path), let saved = String(data: data, encoding: .utf8) else {
        return .nothingRecorded(Bilingual("the edited file is gone or not UTF-8; nothing was recorded", "编辑后的文件丢失或不是 UTF-8；未做记录"))
    }
    if saved.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .nothingRecorded(emptiedFile) }
    return .saved(saved)
}

extension SitrepCLI {
    /// Two recorded versions compared line by line.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What changed between two recorded versions of an incident's situation report. 比较信息报告两个版本的差异。",
            discussion: """
                Without versions: the latest against the last one filed before it (what its readers last received), else the one \
                before it. With one: that version against its own such predecessor. Lines removed start with -, lines added with +.
                不指定版本：最新版与此前最后报送的版本（否则上一版）比较；指定一个版本：该版本与其前一报送版本比较。以 - 开头为删除行，以 + 开头为新增行。
                """)

        @OptionGroup var options: StoreOptions

        @Argument(help: "The incident, e.g. INC-0001. 事件编号。")
        var incident: String

        @Argument(help: "The older version, then the newer (default: as described). 旧版本、新版本（默认见说明）。")
        var versions: [Int] = []

        @Flag(name: .long, help: "Compare the plain text (a wallboard), not Markdown. 比较纯文本，非 Markdown。")
        var text = false

        func validate() throws {
            if IncidentID(parsing: incident) == nil { throw ValidationError("'\(incident)' is not an incident id · “\(incident)”不是事件编号") }
            if versions.count > 2 { throw ValidationError("at most two versions: the older, then the newer · 最多两个版本：旧版本、新版本") }
        }

        func run() throws {
            let lang = options.language
            guard let id = IncidentID(parsing: incident) else { throw fail("'\(incident)' is not an incident id · “\(incident)”不是事件编号", code: 2) }
            try options.withLedger(roster: try options.loadRoster()) { ledger in
                guard let history = ledger.state.sitreps[id], let latest = history.latest else { throw fail(Rejection.noSitrep(id).message(lang)) }
                let newer = versions.count == 2 ? versions[1] : versions.first ?? latest.version
                guard let older = versions.count == 2 ? versions[0] : history.baseline(of: newer) else {
                    throw fail(Bilingual("version \(newer) of \(id) is the first: there is nothing to compare it with", "\(id) 第 \(newer) 版是第一版，无可比较")(lang))
                }
                print(try SitrepCLI.diff(id, older, newer, history: history, ledger: ledger, plain: text, lang), terminator: "")
            }
        }
    }

    /// A recorded version: its entry in the state and its text from the log, checked against
    /// the hash on the record (the state keeps the hash; the text is in the version's own event).
    static func recorded(_ id: IncidentID, _ wanted: Int, history: SitrepHistory, ledger: Ledger, _ lang: Language) throws -> (SitrepEntry, SitrepVersion) {
        guard let entry = history.versions.first(where: { $0.version == wanted }) else {
            throw fail(Bilingual("\(id) has no version \(wanted) (1–\(history.latest?.version ?? 0))", "\(id) 没有第 \(wanted) 版（1–\(history.latest?.version ?? 0)）")(lang))
        }
        let visibility = DrillVisibility(state: ledger.state, reveal: false)
        let recorded = try ledger.store.events(incident: id).compactMap { visibility.shown($0) }
        let found = recorded.lazy.compactMap { r -> SitrepVersion? in
            guard case let .sitrepDrafted(v) = r.event, v.version == wanted else { return nil }
            return v
        }.first
        guard let v = found else { throw fail(Bilingual("version \(wanted) of \(id) is not in the log", "日志中没有 \(id) 第 \(wanted) 版")(lang)) }
        guard SHA256Hex.of(v.text) == entry.sha256 else {
            throw fail(Bilingual("version \(wanted) of \(id) does not match its hash on the record: run decision-hub verify", "\(id) 第 \(wanted) 版与记录中的哈希不符：请运行 decision-hub verify")(lang))
        }
        return (entry, v)
    }

    /// Two versions' line diff, under a header naming each (`---` the older, `+++` the newer).
    static func diff(_ id: IncidentID, _ older: Int, _ newer: Int, history: SitrepHistory, ledger: Ledger, plain: Bool, _ lang: Language) throws -> String {
        let (oldEntry, a) = try recorded(id, older, history: history, ledger: ledger, lang)
        let (newEntry, b) = try recorded(id, newer, history: history, ledger: ledger, lang)
        let body = { (v: SitrepVersion) in plain ? SituationReport.plain(v.text) : v.text }
        let lines = LineDiff.diff(body(a), body(b))
        let (removed, added) = LineDiff.changes(lines)
        var out = "--- \(id) " + Show.describe(oldEntry, lang) + "\n+++ \(id) " + Show.describe(newEntry, lang) + "\n"
        guard removed + added > 0 else { return out + Bilingual("(no difference)", "（无差异）")(lang) + "\n" }
        out += Bilingual("\(removed) lines removed, \(added) added", "删除 \(removed) 行，新增 \(added) 行")(lang) + "\n"
        return out + LineDiff.render(lines) { Bilingual("  … \($0) unchanged lines", "  …… \($0) 行未变")(lang) }
    }
}
