import Foundation

extension Command {
    /// The first value of the command outside ``Limits``, if any.
    ///
    /// An exhaustive switch: a new command must say here which of its values are bounded, so no
    /// command can put a value on the record that the store, the snapshot or a later reader
    /// cannot read back.
    public func boundViolation(now: Date) -> BoundViolation? {
        switch self {
        case let .reportIncident(new):
            return Self.first(
                new.figures.violation,
                Self.text(new.title, Bilingual("title", "标题")), Self.text(new.notes, Bilingual("notes", "备注")), Self.text(new.reporter, Bilingual("reporter", "报告人")))
        case .acknowledge, .verify, .setStatus, .linkCause, .assignTeam, .setTeamStatus, .releaseTeam, .joinResponse, .acknowledgePage, .skipInject:
            return nil
        case let .updateFigures(_, update):
            for field in Figures.Field.allCases { if let v = update.values[field], v > Limits.figure { return .figure(field, v) } }
            return nil
        case let .setLevel(_, _, reason), let .cancel(_, reason), let .markFalseAlarm(_, reason), let .reopen(_, reason), let .endResponse(_, reason), let .liftWarning(_, reason),
            let .endDrill(_, reason, _):
            return Self.text(reason, Bilingual("reason", "理由"))
        case let .close(_, summary):
            return Self.text(summary, Bilingual("summary", "总结"))
        case let .completeChecklistItem(_, item):
            return Self.text(item, Bilingual("plan item", "预案事项"))
        case let .addNote(_, text):
            return Self.text(text, Bilingual("note", "备注"))
        case let .fileReport(_, stage):
            return Self.text(stage, Bilingual("reporting stage", "报送环节"))
        case let .registerTeam(profile):
            return Self.first(Self.text(profile.name.en, Bilingual("team name", "队伍名称")), Self.text(profile.name.zh, Bilingual("team name", "队伍名称")))
        case let .declareResponse(_, _, _, reason), let .adjustResponse(_, _, _, reason):
            return Self.text(reason, Bilingual("reason", "理由"))
        case let .issueWarning(_, _, _, authority, expires):
            if let expires, !Limits.isNear(expires, to: now) { return .time(Bilingual("the expiry", "失效时间"), expires) }
            return Self.text(authority, Bilingual("issuing authority", "发布单位"))
        case .sendPage:
            return nil
        case let .recordNotify(_, _, error):
            return Self.text(error, Bilingual("notify error", "通知错误"))
        case let .scheduleDrill(info):
            if !Limits.isNear(info.startsAt, to: now) { return .time(Bilingual("the drill's start", "演练开始时间"), info.startsAt) }
            if !Limits.isNear(info.endsAt, to: now) || info.endsAt.timeIntervalSince(info.startsAt) > Double(Limits.drillMinutes) * 60 {
                return BoundViolation(
                    Bilingual("the drill's end", "演练结束时间"), value: ISO8601DateFormatter().string(from: min(max(info.endsAt, Limits.earliest), Limits.latest)),
                    bound: Bilingual("at most 7 days after its start", "须在开始后 7 天以内"))
            }
            return Self.first(Self.text(info.name.en, Bilingual("drill name", "演练名称")), Self.text(info.operatorName, Bilingual("drill operator", "演练操作名")))
        case let .fireInject(_, _, commands, line, _, _):
            for c in commands { if let v = c.boundViolation(now: now) { return v } }
            return Self.text(line, Bilingual("inject line", "注入指令"))
        }
    }

    static func text(_ text: String?, _ what: Bilingual) -> BoundViolation? {
        guard let text, text.count > Limits.text else { return nil }
        return .text(what, text.count)
    }

    static func first(_ checks: BoundViolation?...) -> BoundViolation? { checks.lazy.compactMap { $0 }.first }
}

extension Figures {
    /// The first figure above ``Limits/figure``, if any.
    public var violation: BoundViolation? {
        for field in Field.allCases where self[field] > Limits.figure { return .figure(field, self[field]) }
        return nil
    }
}
