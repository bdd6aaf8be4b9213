import Foundation

extension DrillEvaluation {
    /// The evaluation as an after-action report in Markdown, in one language.
    public func markdown(_ lang: Language, timeZone: TimeZone = Grammar.centreTimeZone) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = timeZone
        f.dateFormat = "yyyy-MM-dd HH:mm"
        let clock = DateFormatter()
        clock.locale = f.locale
        clock.timeZone = timeZone
        clock.dateFormat = "HH:mm:ss"
        func t(_ b: Bilingual) -> String { b(lang) }
        // Minutes and seconds after the start; hours too past the first ("+2:00:20", not "+120:20").
        func offset(_ s: Double) -> String {
            let a = Int(abs(s).rounded())
            let sign = s < 0 ? "-" : "+"
            if a >= 3600 { return String(format: "%@%d:%02d:%02d", sign, a / 3600, a % 3600 / 60, a % 60) }
            return String(format: "%@%d:%02d", sign, a / 60, a % 60)
        }
        func took(_ s: Double?) -> String {
            guard let s else { return "—" }
            return s < 0 ? t(Bilingual("before", "此前已完成")) : Self.minutes(s) + t(Bilingual(" min", " 分钟"))
        }
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }

        var out: [String] = []
        out.append("# " + t(Bilingual("After-action report: \(name.en)", "演练评估报告：\(name.zh)")))
        out.append("")
        let state: Bilingual =
            aborted ? Bilingual("aborted", "已中止") : endedAt == nil ? Bilingual("still running (figures so far)", "仍在进行（截至目前）") : Bilingual("ended", "已结束")
        let mode = disclosure == .blind ? Bilingual("blind (players not told)", "双盲（未告知参演人员）") : Bilingual("marked (every item marked EXERCISE)", "标记（所有内容标注“演练”）")
        out.append("- " + t(Bilingual("Drill", "演练")) + ": \(drill) · " + t(mode))
        out.append("- " + t(Bilingual("Coordinator", "导调")) + ": \(coordinator)")
        if speed != 1 {
            let x = speed == speed.rounded() ? String(Int(speed)) : String(speed)
            out.append(
                "- " + t(Bilingual("Scenario time", "演练时间")) + ": ×\(x) · "
                    + t(Bilingual("every time below is in scenario minutes", "以下时间均为演练（情景）时间")))
        }
        out.append("- " + t(Bilingual("Started", "开始")) + ": \(f.string(from: startedAt))")
        if let endedAt {
            out.append(
                "- " + t(Bilingual("Ended", "结束")) + ": \(f.string(from: endedAt)) (\(offset(endedAt.timeIntervalSince(startedAt) * speed))) · " + t(state) + (endReason.map { ": \($0)" } ?? ""))
        } else {
            out.append("- " + t(Bilingual("State", "状态")) + ": " + t(state))
        }
        let names = players.keys.sorted()
        out.append("- " + t(Bilingual("Players", "参演人员")) + ": " + (names.isEmpty ? "—" : names.map { "\($0) (\(players[$0] ?? 0))" }.joined(separator: ", ")))
        out.append("")

        /// A section with a table: its headers, and its rows (cells escaped here).
        func table(_ title: Bilingual, _ headers: [Bilingual], _ rows: [[String]], empty: Bilingual? = nil) {
            out.append("## " + t(title))
            out.append("")
            if rows.isEmpty, let empty {
                out.append(t(empty))
            } else {
                out.append("| " + headers.map { t($0) }.joined(separator: " | ") + " |")
                out.append("|" + String(repeating: "---|", count: headers.count))
                for row in rows { out.append("| " + row.map(cell).joined(separator: " | ") + " |") }
            }
            out.append("")
        }

        var rows = objectives.map { o -> [String] in
            let rating = o.rating.map { "**\($0.rawValue)** " + t($0.name) } ?? t(o.checks > 0 ? Bilingual("pending", "进行中") : Bilingual("not measured", "未测量"))
            return [t(o.text), rating, "\(o.met)/\(o.checks)"]
        }
        if rows.isEmpty { rows = [[t(Bilingual("(the scenario sets no objectives)", "（脚本未设目标）")), "", ""]] }
        table(Bilingual("Objectives", "演练目标"), [Bilingual("Objective", "目标"), Bilingual("Rating", "评定"), Bilingual("Expectations met", "达标项")], rows)

        rows = injects.map { r in
            let name = r.contingency ? "\(r.inject) " + t(Bilingual("(contingency)", "（应变）")) : r.inject
            let level = r.highestLevel == .none ? "" : " (\(r.highestLevel.roman))"
            return [
                name, "\(clock.string(from: r.firedAt)) (\(offset(r.offsetSeconds)))", r.incident?.description ?? "—", took(r.acknowledgeSeconds), took(r.levelSeconds) + level,
                took(r.firstDispatchSeconds), took(r.onSceneSeconds),
            ]
        }
        rows += skipped.sorted(by: { $0.key < $1.key }).map { [$0.key, t(Bilingual("not fired", "未触发")) + ": " + t($0.value.text), "", "", "", "", ""] }
        rows += notReached.map { [$0, t(Bilingual("not fired: the drill ended first", "未触发：演练已先结束")), "", "", "", "", ""] }
        table(
            Bilingual("Injects", "注入"),
            [
                Bilingual("Inject", "注入"), Bilingual("Fired", "触发"), Bilingual("Incident", "事件"), Bilingual("To acknowledge", "确认用时"), Bilingual("To level", "定级用时"),
                Bilingual("To first dispatch", "首次派遣用时"), Bilingual("To on scene", "到场用时"),
            ], rows)

        rows = injects.flatMap { r in
            r.checks.map { c -> [String] in
                let within = c.withinMinutes.map { "\($0) " + t(Bilingual("min", "分钟")) } ?? "—"
                let mark = c.outcome == .met ? "✔ " : c.outcome == .pending ? "… " : "✘ "
                guard c.kind == .manual else { return [r.inject, t(c.text), within, took(c.doneAfterSeconds), mark + t(c.outcome.name)] }
                // Scored by hand: each evaluator's score and note instead of a measured time.
                let scored = c.scores.map { s in "\(s.by): " + t(s.outcome.name) + (s.note.isEmpty ? "" : " — \(s.note)") }.joined(separator: "; ")
                let result =
                    c.outcome == .pending
                    ? mark + t(Bilingual("pending (to be scored by an evaluator)", "进行中（待评估员评分）"))
                    : mark + t(c.outcome.name) + (c.disagreement ? " " + t(Bilingual("(evaluators disagree)", "（评估员意见不一）")) : "")
                return [r.inject, t(c.text) + t(Bilingual(" (manual)", "（人工）")), within, scored.isEmpty ? "—" : scored, result]
            }
        }
        table(
            Bilingual("Expected against actual", "预期与实际"),
            [Bilingual("Inject", "注入"), Bilingual("Expected", "预期"), Bilingual("Within", "时限"), Bilingual("Actual", "实际"), Bilingual("Result", "结果")], rows,
            empty: Bilingual("Nothing was expected of the players.", "未对参演人员设定预期。"))

        rows = pages.map { p in
            let who = p.person.isEmpty ? t(Bilingual("(nobody on call)", "（无人值班）")) : p.person + (p.role.map { " (\(t($0.name)))" } ?? "")
            let ack = p.acknowledgedAfterSeconds.map { took($0) } ?? (p.withdrawn ? t(Bilingual("never (withdrawn at the end)", "未确认（结束时撤回）")) : t(Bilingual("never", "未确认")))
            return [who, p.incident.description, clock.string(from: p.sentAt), ack]
        }
        table(
            Bilingual("Pages", "寻呼"), [Bilingual("Person", "人员"), Bilingual("Incident", "事件"), Bilingual("Sent", "发出"), Bilingual("Acknowledged after", "确认用时")], rows,
            empty: Bilingual("Nobody was paged.", "无寻呼。"))

        out.append("## " + t(Bilingual("Improvement items", "改进事项")))
        out.append("")
        if injects.isEmpty {
            out.append(t(Bilingual("No inject fired, so nothing was measured.", "没有注入触发，无可评估内容。")))
        } else if improvements.isEmpty {
            out.append(t(Bilingual("None: every expectation was met.", "无：所有预期均达标。")))
        }
        for (k, item) in improvements.enumerated() { out.append("\(k + 1). \(t(item))") }
        out.append("")

        out.append("## " + t(Bilingual("Timeline", "时间线")))
        out.append("")
        for e in timeline {
            let who = e.byPlayer ? "**\(e.by)**" : e.by
            out.append("- `\(clock.string(from: e.at)) \(offset(e.offsetSeconds))` \(who): \(t(e.text))")
        }
        out.append("")
        return out.joined(separator: "\n")
    }
}
