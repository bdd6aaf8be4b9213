import Foundation

/// A situation report (突发事件信息报告) drafted from the record alone, in the statutory shape:
/// what happened, where, when, the figures now and their change since the last report filed,
/// the level and its history with reasons, the teams and supplies committed, shelters and
/// evacuees, the actions taken, needs and shortfalls, the next steps from the run card, and
/// where the reporting deadlines stand.
///
/// Pure: the same record, plans and time always give the same report, so a report of a past
/// night drafted tomorrow reads the same. Lines that changed since the last report filed carry
/// `changed`, and are marked ▲ in both renderings (`markdown(_:)`, `plainText(_:)`).
public struct SituationReport: Hashable, Sendable {
    public struct Line: Hashable, Sendable {
        public var text: Bilingual
        /// New or changed since the last report filed.
        public var changed: Bool

        public init(_ text: Bilingual, changed: Bool = false) {
            self.text = text
            self.changed = changed
        }
    }

    public struct Section: Hashable, Sendable {
        public var heading: Bilingual
        public var lines: [Line]
    }

    /// The incident reported on (nil for an area response's report).
    public var incident: IncidentID?
    /// The area response reported on (nil for an incident's report).
    public var response: ResponseID?
    public var stage: SitrepStage
    /// The version number this draft takes when it goes on the record.
    public var version: Int
    public var title: Bilingual
    /// Who reports, when, and which report this is.
    public var header: [Bilingual]
    public var sections: [Section]
    /// The last report filed, which "changed" is counted from (nil: this is the first).
    public var since: SitrepEntry?
    /// The drill the incident belongs to, when its reader may know it (the report says so at
    /// the top); nil for a real incident, and for a blind drill's while it still looks real.
    public var exercise: String?
}

extension SituationReport {
    /// The stage an incident's next report takes unless told: the first while none was filed,
    /// the final once the incident is over, a follow-up otherwise.
    public static func defaultStage(of incident: Incident, history: SitrepHistory?) -> SitrepStage {
        if history?.lastFiled == nil { return .first }
        return incident.isActive ? .followup : .final
    }

    /// Drafts the report of `id` from the state at `now`; nil for an incident the state does not
    /// hold. `markExercise`: whether the reader may see that a drill's incident is one (see
    /// ``DrillVisibility/isMarked(_:in:reveal:)``).
    public static func draft(
        _ id: IncidentID, stage: SitrepStage? = nil, state: CommandState, plans: PlanBook, grid: Grid? = nil, now: Date, markExercise: Bool
    ) -> SituationReport? {
        guard let i = state.incidents[id] else { return nil }
        let history = state.sitreps[id]
        let stage = stage ?? defaultStage(of: i, history: history)
        let last = history?.lastFiled
        let lastAt = last?.filedAt
        func isNew(_ at: Date?) -> Bool {
            guard let lastAt, let at else { return false }
            return at > lastAt
        }
        let version = (history?.latest?.version ?? 0) + 1
        let time = { (d: Date) in CentreTime.format(d) }

        var title = Bilingual("\(stage.name.en) · \(i.id) \(i.title)", "\(stage.name.zh) · \(i.id) \(i.title)")
        let exercise = markExercise ? i.exercise : nil
        if let exercise { title = Bilingual("EXERCISE \(exercise) · \(title.en)", "演练 \(exercise) · \(title.zh)") }

        var header = [
            Bilingual("Report \(version) on \(i.id), drafted from the record at \(time(now))", "\(i.id) 第 \(version) 次报告，据记录起草于 \(time(now))")
        ]
        if let last, let at = last.filedAt {
            header.append(Bilingual("Since report \(last.version) filed at \(time(at)): changes are marked ▲", "自 \(time(at)) 报送的第 \(last.version) 次报告以来的变化以 ▲ 标出"))
        }
        if let exercise { header.append(Bilingual("This is an exercise (\(exercise)): nothing here is real", "本报告为演练（\(exercise)）内容，非真实事件")) }

        var sections: [Section] = []

        // What happened, where, when.
        let districtName = i.district.map { slug in grid?.district(named: slug)?.name ?? Bilingual(slug, slug) }
        let place = districtName ?? i.outside?.name ?? Bilingual("cell \(i.location.cell)", "格子 \(i.location.cell)")
        var what = [
            Line(Bilingual("\(i.title) (\(i.type.name.en))", "\(i.title)（\(i.type.name.zh)）")),
            Line(Bilingual("Where: \(place.en)", "地点：\(place.zh)")),
            Line(Bilingual("Reported: \(time(i.reportedAt)) by \(i.reportedBy)", "接报：\(time(i.reportedAt))，报告人 \(i.reportedBy)")),
            Line(
                Bilingual("Status: \(i.status.name.en)\(i.verified ? ", verified" : ", not yet verified")", "状态：\(i.status.name.zh)\(i.verified ? "，已核实" : "，尚未核实")"),
                changed: isNew(i.statuses.last?.at)),
        ]
        if let cause = i.causedBy { what.append(Line(Bilingual("Caused by \(cause)", "由 \(cause) 引发"))) }
        if let summary = i.summary, !i.isActive { what.append(Line(Bilingual("Closing summary: \(summary)", "结案总结：\(summary)"), changed: isNew(i.statuses.last?.at))) }
        sections.append(Section(heading: Bilingual("What happened", "事件概况"), lines: what))

        // Figures now, and their change since the last report.
        let before = last?.figuresFiled
        var figures: [Line] = []
        for field in Figures.Field.allCases {
            let now = i.figures[field]
            let then = before?[field]
            guard now != 0 || (then ?? 0) != 0 else { continue }
            let delta = then.map { now - $0 } ?? 0
            // Changed: the figure last reported, the figure now and the difference ("3 → 7 (+4)").
            let shown = delta == 0 ? "\(now)" : "\(then ?? 0) → \(now) (\(delta > 0 ? "+" : "")\(delta))"
            figures.append(Line(Bilingual("\(sentence(field.name.en)): \(shown)", "\(field.name.zh)：\(shown)"), changed: delta != 0))
        }
        if figures.isEmpty { figures.append(Line(Bilingual("No casualties or losses reported", "暂无人员伤亡和损失报告"))) }
        sections.append(Section(heading: Bilingual("Casualties and losses", "人员伤亡和财产损失"), lines: figures))

        // Level and its history.
        // Changed: the level last reported, then the level now.
        let levelWas = last?.levelFiled.flatMap { $0 == i.level ? nil : levelName($0) }
        var level = [
            Line(
                Bilingual(
                    "Response level now: \(levelWas.map { "\($0.en) → " } ?? "")\(levelName(i.level).en)",
                    "当前响应级别：\(levelWas.map { "\($0.zh) → " } ?? "")\(levelName(i.level).zh)"),
                changed: levelWas != nil)
        ]
        for step in i.levels {
            level.append(
                Line(
                    Bilingual(
                        "\(time(step.at)) \(levelName(step.from).en) → \(levelName(step.to).en) by \(step.by): \(step.reason)",
                        "\(time(step.at)) \(levelName(step.from).zh) → \(levelName(step.to).zh)，\(step.by)：\(step.reason)"),
                    changed: isNew(step.at)))
        }
        if let rid = i.response, let r = state.responses[rid] {
            level.append(Line(Bilingual("Part of area response \(rid) (\(r.hazard.name.en))", "纳入区域应急响应 \(rid)（\(r.hazard.name.zh)）")))
        }
        sections.append(Section(heading: Bilingual("Response level", "响应级别"), lines: level))

        // Teams and supplies committed.
        var committed: [Line] = []
        for tid in i.teams {
            guard let t = state.teams[tid] else { continue }
            // A team whose name is its id is not named twice.
            let name = Bilingual(t.profile.name.en == tid.description ? "" : " \(t.profile.name.en)", t.profile.name.zh == tid.description ? "" : " \(t.profile.name.zh)")
            committed.append(
                Line(Bilingual("\(tid)\(name.en): \(t.status.name.en) since \(time(t.since))", "\(tid)\(name.zh)：\(t.status.name.zh)（自 \(time(t.since))）"), changed: isNew(t.since)))
        }
        let requests = state.supplyRequests.values.filter { $0.raised.incident == id }.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
        for r in requests {
            let items = r.raised.items.map { "\($0.item) \($0.quantity)" }.joined(separator: ", ")
            committed.append(Line(Bilingual("\(r.id) \(items): \(r.stage.en)", "\(r.id) \(items)：\(r.stage.zh)"), changed: isNew(r.at) || isNew(r.approved)))
        }
        let aid = state.aidRequests.values.filter { $0.raised.incident == id }.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
        for a in aid {
            let teams = a.acceptedTeams.map(\.id.description).joined(separator: ", ")
            committed.append(
                Line(
                    Bilingual(
                        "Mutual aid \(a.id): \(a.accepted == nil ? "asked, \(a.offers.count) offer(s)" : "accepted, teams \(teams)")",
                        "跨区域支援 \(a.id)：\(a.accepted == nil ? "已请求，\(a.offers.count) 个响应" : "已接受，队伍 \(teams)")"), changed: isNew(a.at)))
        }
        if committed.isEmpty { committed.append(Line(Bilingual("No teams or supplies committed yet", "尚未投入队伍和物资"))) }
        sections.append(Section(heading: Bilingual("Teams and supplies committed", "投入力量和物资"), lines: committed))

        // Shelters and evacuees.
        var sheltered: [Line] = []
        var inShelters = 0
        for (fid, use) in state.shelters.sorted(by: { $0.key < $1.key }) {
            guard let n = use.fromIncidents[id], n > 0 else { continue }
            inShelters += n
            let name = state.facilities[fid]?.name ?? Bilingual(fid.description, fid.description)
            sheltered.append(Line(Bilingual("\(fid) \(name.en): \(n) people", "\(fid) \(name.zh)：\(n) 人")))
        }
        if i.figures.evacuated > 0 || inShelters > 0 {
            sheltered.insert(
                Line(
                    Bilingual("Evacuated \(i.figures.evacuated), in shelters \(inShelters)", "转移 \(i.figures.evacuated) 人，已入住避难场所 \(inShelters) 人"),
                    changed: before.map { $0.evacuated != i.figures.evacuated } ?? false),
                at: 0)
        } else {
            sheltered.append(Line(Bilingual("No evacuation reported", "暂无人员转移安置")))
        }
        sections.append(Section(heading: Bilingual("Shelters and evacuees", "转移安置"), lines: sheltered))

        // Actions taken.
        let card = plans.requirements(for: i.type, at: max(i.level, .iv)).checklist
        var actions: [Line] = []
        for (item, at) in i.checklistDone.sorted(by: { ($0.value, $0.key) < ($1.value, $1.key) }) {
            let text = card.first { $0.id == item }?.text ?? Bilingual(item, item)
            actions.append(Line(Bilingual("\(time(at)) \(text.en)", "\(time(at)) \(text.zh)"), changed: isNew(at)))
        }
        for note in i.notes { actions.append(Line(Bilingual("Note: \(note)", "备注：\(note)"))) }
        if actions.isEmpty { actions.append(Line(Bilingual("None recorded yet", "暂无记录"))) }
        sections.append(Section(heading: Bilingual("Actions taken", "已采取的措施"), lines: actions))

        // Needs and shortfalls.
        var needs: [Line] = []
        for r in requests where !r.shortfall.isEmpty {
            let short = r.shortfall.map { "\($0.item) \($0.quantity)" }.joined(separator: ", ")
            needs.append(Line(Bilingual("\(r.id) still short: \(short)", "\(r.id) 尚缺：\(short)")))
        }
        let required = plans.requirements(for: i.type, at: i.level).needs
        for (cap, n) in required.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let have = i.teams.compactMap { state.teams[$0] }.filter { $0.profile.capabilities.contains(cap) }.count
            if have < n { needs.append(Line(Bilingual("Teams short: \(cap.name.en) \(n - have) of \(n)", "队伍缺口：\(cap.name.zh) 缺 \(n - have)（需 \(n)）"))) }
        }
        if needs.isEmpty { needs.append(Line(Bilingual("No shortfall on the record", "记录中暂无缺口"))) }
        sections.append(Section(heading: Bilingual("Needs and shortfalls", "需求和缺口"), lines: needs))

        // Next steps: the run card's items not yet done.
        var next: [Line] = []
        if i.isActive {
            for item in card where i.checklistDone[item.id] == nil { next.append(Line(Bilingual("\(item.text.en) (level \(item.level.roman))", "\(item.text.zh)（\(item.level.roman) 级）"))) }
        }
        if next.isEmpty { next.append(Line(Bilingual(i.isActive ? "Every run-card item is done" : "The response is over", i.isActive ? "预案事项均已完成" : "应急处置已结束"))) }
        sections.append(Section(heading: Bilingual("Next steps", "下一步工作"), lines: next))

        // Reporting deadlines.
        var deadlines: [Line] = []
        for d in i.deadlines(at: now, plans: plans) {
            let standing: Bilingual =
                switch d.standing {
                case let .filed(at): Bilingual("filed \(time(at))", "已报送 \(time(at))")
                case let .pending(m): Bilingual("due \(time(d.due)), \(m) min left", "时限 \(time(d.due))，剩 \(m) 分钟")
                case let .dueSoon(m): Bilingual("due \(time(d.due)), only \(m) min left", "时限 \(time(d.due))，仅剩 \(m) 分钟")
                case let .overdue(m): Bilingual("OVERDUE by \(m) min (due \(time(d.due)))", "已超时 \(m) 分钟（时限 \(time(d.due))）")
                case .leftUnfiled: Bilingual("never filed", "未报送")
                }
            deadlines.append(Line(Bilingual("\(sentence(d.stage.name.en)): \(standing.en)", "\(d.stage.name.zh)：\(standing.zh)")))
        }
        if !deadlines.isEmpty { sections.append(Section(heading: Bilingual("Reporting", "信息报送"), lines: deadlines)) }

        return SituationReport(incident: id, response: nil, stage: stage, version: version, title: title, header: header, sections: sections, since: last, exercise: exercise)
    }
}

/// A level as a report writes it: "III" / "III 级", "none" / "未定级".
private func levelName(_ level: ResponseLevel) -> Bilingual {
    level == .none ? Bilingual("none", "未定级") : Bilingual(level.roman, "\(level.roman) 级")
}

/// English text starting a line: its first letter upper case ("deaths" → "Deaths").
private func sentence(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
