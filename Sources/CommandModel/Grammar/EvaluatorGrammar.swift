import Foundation

/// Evaluators in the one grammar: `evaluate DRL-n observe|rate|accept …`.
extension LineParser {
    mutating func evaluatorCommand() throws(GrammarError) -> Command {
        let drill = try drillID()
        let sub = try next(Bilingual("observe, rate or accept", "observe、rate 或 accept"))
        switch sub.text.lowercased() {
        case "observe", "观察":
            let about = try next(Bilingual("an objective or inject", "目标或注入")).text
            return .evaluator(.observe(drill: drill, about: about, text: try rest(Bilingual("what you observed", "观察内容"))))
        case "rate", "评定":
            let objective = try next(Bilingual("an objective", "目标")).text
            let t = try next(Bilingual("a rating: P, S, M or U", "评定：P、S、M 或 U"))
            guard let rating = DrillEvaluation.Rating(rawValue: t.text.uppercased()) else {
                throw GrammarError(column: t.column, Bilingual("'\(t.text)' is not a rating; write P, S, M or U", "“\(t.text)”不是评定；应为 P、S、M 或 U"))
            }
            return .evaluator(.judge(drill: drill, objective: objective, rating: rating, reason: try rest(LineParser.reason)))
        case "accept", "认可":
            let objective = try next(Bilingual("an objective", "目标")).text
            let note = atEnd ? "" : try rest(LineParser.reason)
            return .evaluator(.judge(drill: drill, objective: objective, rating: nil, reason: note))
        default:
            throw GrammarError(column: sub.column, Bilingual("unknown '\(sub.text)'; write observe, rate or accept", "未知“\(sub.text)”；应为 observe、rate 或 accept"))
        }
    }
}
