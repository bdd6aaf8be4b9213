import Foundation

/// Evaluators in the one grammar: `evaluate DRL-n observe|rate|accept|score …`.
extension LineParser {
    mutating func evaluatorCommand() throws(GrammarError) -> Command {
        let drill = try drillID()
        let sub = try next(Bilingual("observe, rate, accept or score", "observe、rate、accept 或 score"))
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
        case "score", "评分":
            let inject = try next(Bilingual("an inject", "注入")).text
            let expectation = try next(Bilingual("a manual expectation", "人工预期")).text
            let t = try next(Bilingual("met, late or missed", "met、late 或 missed"))
            let outcome: DrillEvaluation.Outcome
            switch t.text.lowercased() {
            case "met", "达标": outcome = .met
            case "late", "超时": outcome = .late
            case "missed", "未完成": outcome = .missed
            default: throw GrammarError(column: t.column, Bilingual("'\(t.text)' is not a score; write met, late or missed", "“\(t.text)”不是评分；应为 met、late 或 missed"))
            }
            let note = atEnd ? "" : try rest(Bilingual("a note", "备注"))
            return .evaluator(.score(drill: drill, inject: inject, expectation: expectation, outcome: outcome, note: note))
        case "accept", "认可":
            let objective = try next(Bilingual("an objective", "目标")).text
            let note = atEnd ? "" : try rest(LineParser.reason)
            return .evaluator(.judge(drill: drill, objective: objective, rating: nil, reason: note))
        default:
            throw GrammarError(column: sub.column, Bilingual("unknown '\(sub.text)'; write observe, rate, accept or score", "未知“\(sub.text)”；应为 observe、rate、accept 或 score"))
        }
    }

    /// `improve DRL-n <objective> owner <name> category <c> due <time> <text>` · `improve CA-n <status> [note]`.
    mutating func improvementCommand() throws(GrammarError) -> Command {
        if !atEnd, tokens[position].text.uppercased().hasPrefix("CA-") {
            let id = tokens[position].text.uppercased()
            position += 1
            let status = try choice(Bilingual("status", "状态"), CorrectiveAction.Status.init(rawValue:))
            let note = atEnd ? "" : try rest(Bilingual("a note", "备注"))
            return .improvement(.setStatus(id, status, note: note))
        }
        let drill = try drillID()
        let objective = try next(Bilingual("an objective", "目标")).text
        var owner: String?
        var category: CorrectiveAction.Category?
        var due: Date?
        while !atEnd, ["owner", "category", "due"].contains(tokens[position].text.lowercased()) {
            let o = try next(Bilingual("owner, category or due", "owner、category 或 due"))
            switch o.text.lowercased() {
            case "owner": owner = try next(Bilingual("the owner", "责任人")).text
            case "category": category = try choice(Bilingual("category", "类别"), CorrectiveAction.Category.init(rawValue:))
            default: due = try time(try next(Bilingual("a due date (+30d, 2026-12-31T18:00)", "期限（+30d、2026-12-31T18:00）")))
            }
        }
        guard let owner, let category, let due else {
            throw GrammarError(column: column, Bilingual("a corrective action needs owner, category and due before its text", "改进措施须在内容前给出 owner、category 和 due"))
        }
        return .improvement(.raise(drill: drill, objective: objective, text: try rest(Bilingual("the corrective action", "改进措施")), owner: owner, category: category, due: due))
    }
}
