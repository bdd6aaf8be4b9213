import Foundation

extension DrillEvaluation {
    /// One objective's rating after the evaluators: the computed one, each evaluator's judgement,
    /// and the rating that stands.
    public struct JudgedObjective: Hashable, Sendable {
        public var objective: ObjectiveResult
        public var judgements: [DrillJudgement]
        /// The rating the evaluators' judgements give (the computed one where they accepted it).
        public var standing: Rating?
        /// Evaluators gave different ratings: the computed rating stands until they agree.
        public var disagreement: Bool
    }

    /// The objectives with the evaluators' judgements beside each computed rating.
    public func judged(by record: DrillEvaluatorRecord?) -> [JudgedObjective] {
        objectives.map { o in
            let judgements = (record?.judgements[o.id] ?? [:]).values.sorted { ($0.by, $0.at) < ($1.by, $1.at) }
            let ratings = Set(judgements.map { $0.rating ?? o.rating })
            let disagreement = ratings.count > 1
            let standing = disagreement || judgements.isEmpty ? o.rating : ratings.first ?? o.rating
            return JudgedObjective(objective: o, judgements: judgements, standing: standing, disagreement: disagreement)
        }
    }

    /// The evaluators' part of the drill report in Markdown: each objective's computed rating
    /// beside the evaluators' (with their reasons), the rating that stands, disagreements, and
    /// the observations, by objective or inject.
    public func evaluatorsMarkdown(_ record: DrillEvaluatorRecord?, _ language: Language) -> String {
        let t = { (b: Bilingual) in b(language) }
        func name(_ r: Rating?) -> String { r.map { "**\($0.rawValue)** " + t($0.name) } ?? t(Bilingual("not measured", "未测量")) }
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var out = ["## " + t(Bilingual("Evaluators' ratings", "评估员评定")), ""]
        let judged = judged(by: record)
        if judged.allSatisfy(\.judgements.isEmpty) {
            out.append(t(Bilingual("No evaluator has rated an objective: the computed ratings stand as proposals.", "尚无评估员评定：计算评定仅为建议。")))
        } else {
            out.append(
                "| " + [Bilingual("Objective", "目标"), Bilingual("Computed", "计算评定"), Bilingual("Evaluators", "评估员"), Bilingual("Rating", "评定")].map(t).joined(separator: " | ") + " |")
            out.append("|---|---|---|---|")
            for j in judged {
                let who = j.judgements.map { g -> String in
                    guard let r = g.rating else { return "\(g.by): " + t(Bilingual("accepted", "认可")) }
                    return "\(g.by): \(r.rawValue) — \(g.reason)"
                }.joined(separator: "; ")
                let standing = j.disagreement ? name(j.standing) + " " + t(Bilingual("(evaluators disagree)", "（评估员意见不一）")) : name(j.standing)
                out.append("| " + [t(j.objective.text), name(j.objective.rating), who.isEmpty ? "—" : who, standing].map(cell).joined(separator: " | ") + " |")
            }
        }
        out.append("")
        out.append("## " + t(Bilingual("Observations", "观察记录")))
        out.append("")
        let observations = record?.observations ?? []
        if observations.isEmpty { out.append(t(Bilingual("None recorded.", "无记录。"))) }
        for o in observations { out.append("- \(CentreTime.format(o.at)) \(o.by) · \(o.about): \(o.text)") }
        return out.joined(separator: "\n") + "\n"
    }
}
