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
        func offset(_ s: Double) -> String {
            let a = Int(abs(s).rounded())
            return String(format: "%@%d:%02d", s < 0 ? "-" : "+", a / 60, a % 60)
        }
        func took(_ s: Double?) -> String { s.map { Self.minutes($0) + t(Bilingual(" min", " 分钟")) } ?? "—" }
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }

        var out: [String] = []
        out.append("# " + t(Bilingual("After-action report: \(name.en)", "演练评估报告：\(name.zh)")))
        out.append("")
        let state: Bilingual =
            aborted ? Bilingual("aborted", "已中止") : endedAt == nil ? Bilingual("still running (figures so far)", "仍在进行（截至目前）") : Bilingual("ended", "已结束")
        let mode = disclosure == .blind ? Bilingual("blind (players not told)", "双盲（未告知参演人员）") : Bilingual("marked (every item marked EXERCISE)", "标记（所有内容标注“演练”）")
        out.append("- " + t(Bilingual("Drill", "演练")) + ": \(drill) · " + t(mode))
        out.append("- " + t(Bilingual("Coordinator", "导调")) + ": \(coordinator)")
        out.append("- " + t(Bilingual("Started", "开始")) + ": \(f.string(from: startedAt))")
        if let endedAt {
            out.append("- " + t(Bilingual("Ended", "结束")) + ": \(f.string(from: endedAt)) (\(offset(endedAt.timeIntervalSince(startedAt)))) · " + t(state) + (endReason.map { ": \($0)" } ?? ""))
        } else {
            out.append("- " + t(Bilingual("State", "状态")) + ": " + t(state))
        }
        let names = players.keys.sorted()
        out.append("- " + t(Bilingual("Players", "参演人员")) + ": " + (names.isEmpty ? "—" : names.map { "\($0) (\(players[$0] ?? 0))" }.joined(separator: ", ")))
        out.append("")

        out.append("## " + t(Bilingual("Objectives", "演练目标")))
        out.append("")
        out.append("| " + t(Bilingual("Objective", "目标")) + " | " + t(Bilingual("Rating", "评定")) + " | " + t(Bilingual("Expectations met", "达标项")) + " |")
        out.append("|---|---|---|")
        if objectives.isEmpty { out.append("| " + t(Bilingual("(the scenario sets no objectives)", "（脚本未设目标）")) + " | | |") }
        for o in objectives {
            let rating = o.rating.map { "**\($0.rawValue)** " + t($0.name) } ?? t(Bilingual("not measured", "未测量"))
            out.append("| \(cell(t(o.text))) | \(rating) | \(o.met)/\(o.checks) |")
        }
        out.append("")

        out.append("## " + t(Bilingual("Injects", "注入")))
        out.append("")
        out.append(
            "| "
                + [
                    t(Bilingual("Inject", "注入")), t(Bilingual("Fired", "触发")), t(Bilingual("Incident", "事件")), t(Bilingual("To acknowledge", "确认用时")),
                    t(Bilingual("To level", "定级用时")), t(Bilingual("To first dispatch", "首次派遣用时")), t(Bilingual("To on scene", "到场用时")),
                ].joined(separator: " | ") + " |")
        out.append("|---|---|---|---|---|---|---|")
        for r in injects {
            let name = r.contingency ? "\(r.inject) " + t(Bilingual("(contingency)", "（应变）")) : r.inject
            let level = r.highestLevel == .none ? "" : " (\(r.highestLevel.roman))"
            out.append(
                "| \(cell(name)) | \(clock.string(from: r.firedAt)) (\(offset(r.offsetSeconds))) | \(r.incident?.description ?? "—") | \(took(r.acknowledgeSeconds)) | \(took(r.levelSeconds))\(level) | \(took(r.firstDispatchSeconds)) | \(took(r.onSceneSeconds)) |"
            )
        }
        for (inject, reason) in skipped.sorted(by: { $0.key < $1.key }) {
            out.append("| \(cell(inject)) | " + t(Bilingual("not fired", "未触发")) + ": \(cell(reason)) | | | | | |")
        }
        for inject in notReached {
            out.append("| \(cell(inject)) | " + t(Bilingual("not fired: the drill ended first", "未触发：演练已先结束")) + " | | | | | |")
        }
        out.append("")

        out.append("## " + t(Bilingual("Expected against actual", "预期与实际")))
        out.append("")
        out.append(
            "| "
                + [t(Bilingual("Inject", "注入")), t(Bilingual("Expected", "预期")), t(Bilingual("Within", "时限")), t(Bilingual("Actual", "实际")), t(Bilingual("Result", "结果"))].joined(
                    separator: " | ") + " |")
        out.append("|---|---|---|---|---|")
        for r in injects {
            for c in r.checks {
                let within = c.withinMinutes.map { "\($0) " + t(Bilingual("min", "分钟")) } ?? "—"
                let mark = c.outcome == .met ? "✔ " : c.outcome == .pending ? "… " : "✘ "
                out.append("| \(cell(r.inject)) | \(cell(t(c.text))) | \(within) | \(took(c.doneAfterSeconds)) | \(mark)\(t(c.outcome.name)) |")
            }
        }
        out.append("")

        out.append("## " + t(Bilingual("Pages", "寻呼")))
        out.append("")
        if pages.isEmpty {
            out.append(t(Bilingual("Nobody was paged.", "无寻呼。")))
        } else {
            out.append("| " + [t(Bilingual("Person", "人员")), t(Bilingual("Incident", "事件")), t(Bilingual("Sent", "发出")), t(Bilingual("Acknowledged after", "确认用时"))].joined(separator: " | ") + " |")
            out.append("|---|---|---|---|")
            for p in pages {
                let who = p.person.isEmpty ? t(Bilingual("(nobody on call)", "（无人值班）")) : p.person + (p.role.map { " (\(t($0.name)))" } ?? "")
                let ack = p.acknowledgedAfterSeconds.map { took($0) } ?? (p.withdrawn ? t(Bilingual("never (withdrawn at the end)", "未确认（结束时撤回）")) : t(Bilingual("never", "未确认")))
                out.append("| \(cell(who)) | \(p.incident) | \(clock.string(from: p.sentAt)) | \(ack) |")
            }
        }
        out.append("")

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
