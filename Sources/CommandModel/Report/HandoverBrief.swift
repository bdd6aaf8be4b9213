import Foundation

/// The shift handover brief (交接班): what the outgoing officer hands over, drafted from the
/// record — open incidents by level with what is pending on each (acknowledgement, reporting
/// deadlines, situation reports, shortfalls, pages, run-card items), what changed during the
/// shift, the area responses and warnings in force, teams out, drills running (for drill
/// coordinators only), and who is on call next.
///
/// Pure: the state, the shift's events, the plans, the roster and the time give it. Drill data is
/// shown as its reader may see it (``DrillVisibility``): a blind drill still running looks real
/// to players, a disclosed drill's incidents carry their mark, and only a coordinator sees the
/// drills themselves.
public struct HandoverBrief: Hashable, Sendable {
    public var since: Date
    public var now: Date
    public var title: Bilingual
    public var sections: [SituationReport.Section]
    /// Open incidents handed over.
    public var openIncidents: Int
}

extension HandoverBrief {
    /// The most changes listed one by one; beyond them the brief says how many more there were.
    public static let changesListed = 60

    /// The brief for the shift `[since, now]`. `events`: the log's events of the shift (others
    /// are ignored); `coordinator`: the reader is a drill coordinator (sees every drill).
    public static func build(
        state: CommandState, events: [RecordedEvent], plans: PlanBook, roster: Roster?, since: Date, now: Date, coordinator: Bool
    ) -> HandoverBrief {
        let time = { (d: Date) in CentreTime.format(d) }
        let visibility = DrillVisibility(state: state, reveal: coordinator)
        func mark(_ exercise: String?) -> Bilingual {
            guard let exercise, DrillVisibility.isMarked(exercise, in: state, reveal: coordinator) else { return Bilingual("", "") }
            return Bilingual("[EXERCISE \(exercise)] ", "【演练 \(exercise)】")
        }
        var sections: [SituationReport.Section] = []
        typealias Line = SituationReport.Line

        // Open incidents by level, highest first, then oldest.
        let open = state.activeIncidents.sorted { ($1.level, $0.reportedAt, $0.id) < ($0.level, $1.reportedAt, $1.id) }
        var incidents: [Line] = []
        for i in open {
            let level = i.level == .none ? Bilingual("no level", "未定级") : Bilingual("level \(i.level.roman)", "\(i.level.roman) 级")
            let m = mark(i.exercise)
            incidents.append(
                Line(
                    Bilingual(
                        "\(m.en)\(i.id) \(level.en) · \(i.title) (\(i.type.name.en), \(i.status.name.en))", "\(m.zh)\(i.id) \(level.zh) · \(i.title)（\(i.type.name.zh)，\(i.status.name.zh)）")))
            for p in pending(i, state: state, plans: plans, now: now) { incidents.append(Line(Bilingual("    · \(p.en)", "    · \(p.zh)"))) }
        }
        if incidents.isEmpty { incidents.append(Line(Bilingual("No open incidents", "无未结事件"))) }
        sections.append(SituationReport.Section(heading: Bilingual("Open incidents (\(open.count))", "未结事件（\(open.count)）"), lines: incidents))

        // What changed during the shift.
        let shift = events.filter { $0.at >= since && $0.at <= now }.compactMap { visibility.shown($0) }
        let notable = shift.filter { isNotable($0.event) }
        var changes = notable.prefix(changesListed).map { r in
            let m = mark(r.exercise)
            return Line(Bilingual("\(time(r.at)) \(m.en)\(r.event.summary.en)", "\(time(r.at)) \(m.zh)\(r.event.summary.zh)"))
        }
        if notable.count > changesListed {
            changes.append(Line(Bilingual("… and \(notable.count - changesListed) more", "……另有 \(notable.count - changesListed) 条")))
        }
        changes.insert(Line(Bilingual("\(shift.count) events on the record this shift", "本班次共记录 \(shift.count) 条事件")), at: 0)
        sections.append(SituationReport.Section(heading: Bilingual("Changes this shift", "本班次变化"), lines: changes))

        // Area responses and warnings in force.
        var area: [Line] = []
        for r in state.responses.values.filter(\.isActive).sorted(by: { $0.id < $1.id }) {
            let m = mark(r.exercise)
            let levels = Dictionary(grouping: r.levels, by: \.value).sorted { $0.key > $1.key }.map { level, areas in
                "\(level.roman): \(areas.map(\.key).sorted().joined(separator: ","))"
            }.joined(separator: "; ")
            area.append(Line(Bilingual("\(m.en)\(r.id) \(r.hazard.name.en) response · \(levels)", "\(m.zh)\(r.id) \(r.hazard.name.zh)应急响应 · \(levels)")))
        }
        for w in state.warningsInForce(at: now) {
            let m = mark(w.exercise)
            let areas = w.districts.isEmpty ? Bilingual("whole city", "全市") : Bilingual(w.districts.joined(separator: ","), w.districts.joined(separator: "，"))
            let until = w.expires.map { Bilingual(" until \(time($0))", "，至 \(time($0))") } ?? Bilingual("", "")
            area.append(
                Line(
                    Bilingual(
                        "\(m.en)\(w.id) \(w.hazard.name.en) \(w.color.name.en) warning · \(areas.en)\(until.en)", "\(m.zh)\(w.id) \(w.hazard.name.zh)\(w.color.name.zh)预警 · \(areas.zh)\(until.zh)")))
        }
        if area.isEmpty { area.append(Line(Bilingual("No area response or warning in force", "无生效的区域应急响应或预警"))) }
        sections.append(SituationReport.Section(heading: Bilingual("Responses and warnings in force", "生效的应急响应和预警"), lines: area))

        // Teams out.
        var teams: [Line] = []
        for t in state.teams.values.filter({ $0.status.isCommitted }).sorted(by: { $0.id < $1.id }) {
            let m = mark(t.incident.flatMap { state.incidents[$0]?.exercise })
            let on = t.incident.map { " · \($0)" } ?? ""
            teams.append(
                Line(
                    Bilingual(
                        "\(m.en)\(t.id) \(t.profile.name.en): \(t.status.name.en)\(on) since \(time(t.since))", "\(m.zh)\(t.id) \(t.profile.name.zh)：\(t.status.name.zh)\(on)（自 \(time(t.since))）")))
        }
        if teams.isEmpty { teams.append(Line(Bilingual("No team out", "无外出队伍"))) }
        sections.append(SituationReport.Section(heading: Bilingual("Teams out", "外出队伍"), lines: teams))

        // Drills running: coordinators only.
        if coordinator {
            var drills: [Line] = []
            for d in state.runningDrills {
                // A sealed drill's name and times are known only with its key.
                guard !d.info.isSealedFrame else {
                    drills.append(Line(Bilingual("\(d.info.label.en) (\(d.info.disclosure.rawValue))", "\(d.info.label.zh)（\(d.info.disclosure.rawValue)）")))
                    continue
                }
                drills.append(
                    Line(
                        Bilingual(
                            "\(d.id) \(d.info.name.en) (\(d.info.disclosure.rawValue)) until \(time(d.info.endsAt))",
                            "\(d.id) \(d.info.name.zh)（\(d.info.disclosure.rawValue)），至 \(time(d.info.endsAt))")))
            }
            if drills.isEmpty { drills.append(Line(Bilingual("No drill running", "无进行中的演练"))) }
            sections.append(SituationReport.Section(heading: Bilingual("Drills running", "进行中的演练"), lines: drills))
        }

        // Who is on call next.
        var onCall: [Line] = []
        if let roster {
            let next = roster.boundaries(from: now, to: now.addingTimeInterval(7 * 86_400)).first { $0 > now }
            for role in [DutyRole.dutyOfficer, .onCallLeader, .commander] {
                let nowNames = roster.holders(of: role, at: now).map(\.name)
                let nextNames = next.map { roster.holders(of: role, at: $0).map(\.name) } ?? []
                func names(_ list: [Bilingual]) -> Bilingual {
                    list.isEmpty ? Bilingual("nobody", "无人") : Bilingual(list.map(\.en).joined(separator: ", "), list.map(\.zh).joined(separator: "、"))
                }
                let at = next.map { Bilingual(" from \(time($0))", "（\(time($0)) 起）") } ?? Bilingual("", "")
                onCall.append(
                    Line(
                        Bilingual(
                            "\(sentenceCase(role.name.en)): now \(names(nowNames).en); next \(names(nextNames).en)\(at.en)",
                            "\(role.name.zh)：当前 \(names(nowNames).zh)；下一班 \(names(nextNames).zh)\(at.zh)")))
            }
        } else {
            onCall.append(Line(Bilingual("No roster configured", "未配置值班表")))
        }
        sections.append(SituationReport.Section(heading: Bilingual("On call", "值班安排"), lines: onCall))

        let title = Bilingual("Shift handover · \(time(since)) – \(time(now))", "交接班 · \(time(since)) – \(time(now))")
        return HandoverBrief(since: since, now: now, title: title, sections: sections, openIncidents: open.count)
    }

    /// What is still to do on an open incident.
    static func pending(_ i: Incident, state: CommandState, plans: PlanBook, now: Date) -> [Bilingual] {
        var out: [Bilingual] = []
        if i.status == .reported { out.append(Bilingual("not acknowledged", "未确认")) }
        for d in i.deadlines(at: now, plans: plans) {
            switch d.standing {
            case let .overdue(m): out.append(Bilingual("\(sentenceCase(d.stage.name.en)) OVERDUE by \(m) min", "\(d.stage.name.zh)：已超时 \(m) 分钟"))
            case let .dueSoon(m), let .pending(m): out.append(Bilingual("\(sentenceCase(d.stage.name.en)) due in \(m) min", "\(d.stage.name.zh)：剩 \(m) 分钟"))
            case .filed, .leftUnfiled: break
            }
        }
        if let latest = state.sitreps[i.id]?.latest, latest.filedAt == nil {
            out.append(
                latest.approvedAt == nil
                    ? Bilingual("situation report v\(latest.version) awaiting a leader's approval", "信息报告第 \(latest.version) 版待领导审核")
                    : Bilingual("situation report v\(latest.version) approved, not filed", "信息报告第 \(latest.version) 版已审核，未报送"))
        }
        for r in state.supplyRequests.values.filter({ $0.raised.incident == i.id && !$0.shortfall.isEmpty }).sorted(by: { $0.id < $1.id }) {
            let short = r.shortfall.map { "\($0.item) \($0.quantity)" }.joined(separator: ", ")
            out.append(Bilingual("\(r.id) short: \(short)\(r.approved == nil ? " (not approved)" : "")", "\(r.id) 尚缺：\(short)\(r.approved == nil ? "（未批准）" : "")"))
        }
        let pages = state.pages.values.filter { $0.incident == i.id && $0.isOpen }.sorted { $0.id < $1.id }
        if !pages.isEmpty {
            out.append(Bilingual("pages unanswered: \(pages.map(\.person).joined(separator: ", "))", "寻呼未应答：\(pages.map(\.person).joined(separator: "、"))"))
        }
        let card = plans.requirements(for: i.type, at: max(i.level, .iv)).checklist
        let left = card.filter { i.checklistDone[$0.id] == nil }
        if !left.isEmpty { out.append(Bilingual("run card: \(left.map(\.id).joined(separator: ", ")) to do", "预案事项待办：\(left.map(\.id).joined(separator: "、"))")) }
        return out
    }

    /// Changes worth a line in the brief (the rest are counted).
    static func isNotable(_ e: Event) -> Bool {
        switch e {
        case .incidentReported, .levelRaised, .levelLowered, .incidentCancelled, .incidentMarkedFalseAlarm, .incidentClosed, .incidentReopened, .reportFiled, .responseDeclared,
            .responseAdjusted, .responseEnded, .warningIssued, .warningLifted, .actionRefused, .drillEnded, .shelterOpened, .shelterClosed, .supplyRequested, .aidRequested, .aidAccepted,
            .sitrepFiled, .handoverAccepted, .aidMessageReceived, .centreUnreachable:
            true
        case .incidentAcknowledged, .incidentVerified, .figuresUpdated, .statusChanged, .causeLinked, .checklistItemDone, .noteAdded, .teamRegistered, .teamUpdated, .teamRetired,
            .teamAssigned, .teamStatusChanged, .teamReleased, .incidentJoinedResponse, .pageSent, .pageAcknowledged, .pageNotified, .pageNotifyFailed, .pageCancelled, .drillScheduled,
            .injectFired, .injectSkipped, .rosterAdopted, .facilityRegistered, .facilityUpdated, .facilityRetired, .sheltered, .shelterLeft, .stockReceived, .stockIssued,
            .stockMinimumSet, .supplyApproved, .supplyCommitted, .supplyDispatched, .supplyDelivered, .aidOffered, .aidReleased, .sitrepDrafted, .sitrepApproved, .drillObserved, .drillObjectiveJudged,
            .correctiveActionRaised, .correctiveActionUpdated, .feedReceived, .feedAdvanced, .journalSealed, .drillExpectationScored, .capAlertReceived, .aidArrived, .aidMessageDelivered,
            .centreReachable, .boardShared, .boardUnshared:
            false
        }
    }

    /// The brief as Markdown in one language.
    public func markdown(_ language: Language) -> String {
        var out = ["# \(title(language))"]
        for section in sections {
            out.append("")
            out.append("## \(section.heading(language))")
            out.append("")
            for line in section.lines {
                let text = line.text(language)
                // A pending item, indented under its incident.
                out.append(text.hasPrefix("    · ") ? "  - " + text.dropFirst(6) : "- " + text)
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The brief as plain text (a wallboard).
    public func plainText(_ language: Language) -> String { SituationReport.plain(markdown(language)) }
}

private func sentenceCase(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
