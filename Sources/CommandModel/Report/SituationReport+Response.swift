import Foundation

extension SituationReport {
    /// Drafts the situation report of an area response from the state at `now`: the hazard, its
    /// level in each area now and the history with reasons, the incidents that joined it with
    /// their figures summed, the teams on them, their people in shelters, the warnings in force,
    /// what is short. Nil for a response the state does not hold. (Printed only: the record's
    /// versions, approvals and filings are an incident's.)
    public static func draft(
        response rid: ResponseID, stage: SitrepStage = .first, state: CommandState, grid: Grid? = nil, now: Date, markExercise: Bool
    ) -> SituationReport? {
        guard let r = state.responses[rid] else { return nil }
        let time = { (d: Date) in CentreTime.format(d) }
        func area(_ key: String) -> Bilingual {
            if key == EmergencyResponse.wholeCity { return Bilingual("whole city", "全市") }
            return grid?.district(named: key)?.name ?? Bilingual(key, key)
        }
        func level(_ l: ResponseLevel) -> Bilingual { l == .none ? Bilingual("none", "无") : Bilingual(l.roman, "\(l.roman) 级") }
        let exercise = markExercise ? r.exercise : nil
        var title = Bilingual("\(stage.name.en) · \(rid) \(r.hazard.name.en) response", "\(stage.name.zh) · \(rid) \(r.hazard.name.zh)应急响应")
        if let exercise { title = Bilingual("EXERCISE \(exercise) · \(title.en)", "演练 \(exercise) · \(title.zh)") }
        var header = [Bilingual("Area response \(rid), drafted from the record at \(time(now))", "区域应急响应 \(rid)，据记录起草于 \(time(now))")]
        if let exercise { header.append(Bilingual("This is an exercise (\(exercise)): nothing here is real", "本报告为演练（\(exercise)）内容，非真实事件")) }
        var sections: [Section] = []

        var what = [Line(Bilingual("Hazard: \(r.hazard.name.en)", "灾种：\(r.hazard.name.zh)"))]
        if let first = r.history.first { what.append(Line(Bilingual("Declared \(time(first.at)) by \(first.by): \(first.reason)", "\(time(first.at)) 由 \(first.by) 启动：\(first.reason)"))) }
        if let ended = r.ended { what.append(Line(Bilingual("Ended \(time(ended))", "已于 \(time(ended)) 终止"))) }
        sections.append(Section(heading: Bilingual("What happened", "事件概况"), lines: what))

        var levels: [Line] = r.levels.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { key, l in
            Line(Bilingual("\(area(key).en): level \(level(l).en)", "\(area(key).zh)：\(level(l).zh)"))
        }
        for step in r.history {
            let areas =
                step.districts.isEmpty
                ? area(EmergencyResponse.wholeCity) : Bilingual(step.districts.map { area($0).en }.joined(separator: ", "), step.districts.map { area($0).zh }.joined(separator: "、"))
            levels.append(
                Line(
                    Bilingual(
                        "\(time(step.at)) \(areas.en) → \(level(step.level).en) by \(step.by): \(step.reason)", "\(time(step.at)) \(areas.zh) → \(level(step.level).zh)，\(step.by)：\(step.reason)")))
        }
        sections.append(Section(heading: Bilingual("Response level", "响应级别"), lines: levels))

        let joined = state.incidents.values.filter { $0.response == rid }.sorted { $0.id < $1.id }
        var total = Figures.zero
        var incidents: [Line] = []
        for i in joined {
            for f in Figures.Field.allCases { total[keyPath: f.keyPath] += i.figures[f] }
            incidents.append(Line(Bilingual("\(i.id) \(i.title) (level \(level(i.level).en), \(i.status.name.en))", "\(i.id) \(i.title)（\(level(i.level).zh)，\(i.status.name.zh)）")))
        }
        let figures = Figures.Field.allCases.filter { total[$0] != 0 }
        incidents.insert(
            Line(
                Bilingual(
                    "\(joined.count) incidents; " + (figures.isEmpty ? "no casualties or losses reported" : figures.map { "\($0.name.en) \(total[$0])" }.joined(separator: ", ")),
                    "事件 \(joined.count) 起；" + (figures.isEmpty ? "暂无人员伤亡和损失报告" : figures.map { "\($0.name.zh) \(total[$0])" }.joined(separator: "，")))), at: 0)
        sections.append(Section(heading: Bilingual("Incidents and casualties", "事件及人员伤亡"), lines: incidents))

        let ids = Set(joined.map(\.id))
        var committed: [Line] = state.teams.values.filter { $0.incident.map(ids.contains) ?? false }.sorted { $0.id < $1.id }.map { t in
            Line(
                Bilingual("\(t.id) \(t.profile.name.en): \(t.status.name.en) · \(t.incident?.description ?? "")", "\(t.id) \(t.profile.name.zh)：\(t.status.name.zh) · \(t.incident?.description ?? "")")
            )
        }
        let sheltered = state.shelters.values.reduce(0) { sum, use in sum + use.fromIncidents.filter { ids.contains($0.key) }.values.reduce(0, +) }
        committed.append(Line(Bilingual("In shelters from these incidents: \(sheltered)", "已入住避难场所：\(sheltered) 人")))
        sections.append(Section(heading: Bilingual("Teams committed and shelters", "投入力量和转移安置"), lines: committed))

        var warnings: [Line] = state.warningsInForce(at: now).filter { $0.hazard.category == r.hazard.category || $0.exercise == r.exercise && r.exercise != nil }.map { w in
            Line(Bilingual("\(w.id) \(w.hazard.name.en) \(w.color.name.en) warning", "\(w.id) \(w.hazard.name.zh)\(w.color.name.zh)预警"))
        }
        if warnings.isEmpty { warnings.append(Line(Bilingual("No warning in force", "无生效预警"))) }
        sections.append(Section(heading: Bilingual("Warnings in force", "生效预警"), lines: warnings))

        var needs: [Line] = []
        for req in state.supplyRequests.values.filter({ $0.raised.incident.map(ids.contains) ?? false }).sorted(by: { $0.id < $1.id }) where !req.shortfall.isEmpty {
            let short = req.shortfall.map { "\($0.item) \($0.quantity)" }.joined(separator: ", ")
            needs.append(Line(Bilingual("\(req.id) still short: \(short)", "\(req.id) 尚缺：\(short)")))
        }
        if needs.isEmpty { needs.append(Line(Bilingual("No shortfall on the record", "记录中暂无缺口"))) }
        sections.append(Section(heading: Bilingual("Needs and shortfalls", "需求和缺口"), lines: needs))

        return SituationReport(incident: nil, response: rid, stage: stage, version: 0, title: title, header: header, sections: sections, since: nil, exercise: exercise)
    }
}
