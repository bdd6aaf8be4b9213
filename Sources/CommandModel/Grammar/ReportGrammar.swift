import Foundation

/// Situation reports in the one grammar: `sitrep draft/approve/file`.
extension LineParser {
    mutating func sitrepCommand() throws(GrammarError) -> Command {
        let sub = try next(Bilingual("draft, approve or file", "draft、approve 或 file"))
        switch sub.text.lowercased() {
        case "draft", "起草":
            let id = try incident()
            var stage: SitrepStage?
            var language = Language.zh
            while !atEnd {
                let t = try next(Bilingual("a stage (first, followup, final) or a language (en, zh)", "报告类型（first、followup、final）或语言（en、zh）"))
                if let s = SitrepStage(parsing: t.text) {
                    stage = s
                } else if let l = Language(rawValue: t.text.lowercased()) {
                    language = l
                } else {
                    throw GrammarError(
                        column: t.column,
                        Bilingual("'\(t.text)' is neither a stage (first, followup, final) nor a language (en, zh)", "“\(t.text)”既不是报告类型（first、followup、final）也不是语言（en、zh）"))
                }
            }
            return .report(.draftSitrep(id, stage: stage, language: language, text: nil))
        case "approve", "审核":
            let id = try incident()
            var version: Int?
            if !atEnd {
                let t = try next(Bilingual("a version (v2)", "版本（v2）"))
                let digits = t.text.lowercased().hasPrefix("v") ? String(t.text.dropFirst()) : t.text
                guard let n = Int(digits), n > 0 else { throw GrammarError(column: t.column, Bilingual("'\(t.text)' is not a version; write v1, v2 …", "“\(t.text)”不是版本号；应为 v1、v2 …")) }
                version = n
            }
            try finish()
            return .report(.approveSitrep(id, version: version))
        case "file", "报送":
            let id = try incident()
            var stage: String?
            if take(["to", "至"]) { stage = try word(Bilingual("a reporting stage", "报送环节")) }
            try finish()
            return .report(.fileSitrep(id, stage: stage))
        default:
            throw GrammarError(column: sub.column, Bilingual("unknown '\(sub.text)'; write draft, approve or file", "未知“\(sub.text)”；应为 draft、approve 或 file"))
        }
    }

    mutating func handoverCommand() throws(GrammarError) -> Command {
        let sub = try next(Bilingual("accept", "accept"))
        guard ["accept", "接班"].contains(sub.text.lowercased()) else {
            throw GrammarError(column: sub.column, Bilingual("unknown '\(sub.text)'; write handover accept", "未知“\(sub.text)”；应为 handover accept"))
        }
        var from: String?
        if take(["from", "交班人"]) { from = try word(Bilingual("the outgoing officer", "交班人")) }
        try finish()
        return .handover(.accept(from: from, since: nil, sha256: nil))
    }
}
