import CommandModel
import Foundation

extension ConsoleModel {
    /// Handles one message against the world; returns what the runner must do.
    ///
    /// Whatever the message, the selection ends on an incident the work list shows (or on none):
    /// a filter, a closed incident or a re-sort never leaves a hidden incident selected.
    public mutating func update(_ message: ConsoleMessage, world: ConsoleWorld) -> [Effect] {
        let effects = apply(message, world)
        return effects + keepSelectionVisible(world, loading: effects)
    }

    /// Moves the selection to the first incident on the work list when the selected one is not
    /// on it (filtered out, closed, or none selected yet).
    mutating func keepSelectionVisible(_ world: ConsoleWorld, loading effects: [Effect]) -> [Effect] {
        if let s = selected, world.isOnWorkList(s, filter: filter) { return [] }
        let first = world.workList(filter: filter).first?.id
        guard first != selected else { return [] }
        selected = first
        timeline = []
        timelineFor = nil
        guard let first, !effects.contains(.loadTimeline(first)) else { return [] }
        return [.loadTimeline(first)]
    }

    private mutating func apply(_ message: ConsoleMessage, _ world: ConsoleWorld) -> [Effect] {
        switch message {
        case let .key(key): return handle(key, world)
        case let .mouse(event): return mouse(event, world)
        case let .events(events): return noticed(events, world)
        case let .executed(.success(events)):
            submittedForm = nil
            if let last = events.last {
                self.message = (t(last.event.summary), false)
                if case let .incidentReported(r) = last.event { selected = r.id }
            }
            return reloadTimeline()
        case let .executed(.failure(f)):
            self.message = (t(f.text), true)
            if let form = submittedForm {
                mode = .report(form)
                submittedForm = nil
            }
            return []
        case let .timeline(id, events):
            if id == selected {
                timeline = events
                timelineFor = id
            }
            return []
        case let .tick(now):
            return ticked(now, world)
        case let .resized(width, height):
            screenSize = (width, height)
            return []
        case let .storeTrouble(trouble):
            storeTrouble = trouble
            return []
        case let .recordChecked(check):
            guard let check else {
                recordHealth = .unchecked
                nextRecordCheck = .distantFuture
                return []
            }
            recordHealth = check.ok ? .ok : .tampered(firstBad: check.firstBad, why: check.problem)
            if !check.ok, let why = check.problem { self.message = (t(why), true) }
            return check.ok ? [] : [.bell]
        case let .planProgress(job, fraction):
            if case .planning(job, _) = mode { mode = .planning(job: job, progress: fraction) }
            return []
        case let .planComputed(job, plan):
            // A plan for a request cancelled or replaced is dropped.
            guard case .planning(job, _) = mode else { return [] }
            guard !plan.assignments.isEmpty else {
                mode = .normal
                self.message = (t(Bilingual("no free team fits a waiting incident (acknowledge incidents first)", "没有可派往待处置事件的空闲队伍（请先确认事件）")), true)
                return []
            }
            mode = .plan(plan, excluded: [])
            return []
        case let .handoverBrief(sheet):
            // A brief is built off the input thread: it never replaces what is being typed or
            // read meanwhile. An offered one is offered again at the next quiet moment; one
            // asked for says it is ready.
            guard mode == .normal else {
                if sheet.offered {
                    handoverOfferedFor = nil
                } else {
                    self.message = (t(Bilingual("the handover brief is ready: h shows it", "交接班简报已生成：按 h 查看")), false)
                }
                return []
            }
            mode = .handover(sheet)
            overlayOffset = 0
            return sheet.offered ? [.bell] : []
        }
    }

    /// The clock moved on: read the record when due, send due pages every few seconds (when a
    /// roster is in force), and ring while a page to this operator waits.
    mutating func ticked(_ now: Date, _ world: ConsoleWorld) -> [Effect] {
        var effects: [Effect] = []
        if now.timeIntervalSince(lastPoll) >= pollEvery {
            lastPoll = now
            effects.append(.poll)
        }
        // The whole record checked at start and every ten minutes, off the input thread.
        if now >= nextRecordCheck && recordHealth != .checking {
            nextRecordCheck = now.addingTimeInterval(recordCheckEvery)
            if case .tampered = recordHealth {} else { recordHealth = .checking }
            effects.append(.checkRecord)
        }
        if world.escalates && now.timeIntervalSince(lastEscalation) >= 5 {
            lastEscalation = now
            effects.append(.sendDuePages(now))
        }
        if !world.myPages(person).isEmpty && now.timeIntervalSince(lastPageBell) >= 30 {
            lastPageBell = now
            effects.append(.bell)
        }
        return effects + offerHandover(now, world)
    }

    /// New events from the log: draw attention to new, reopened and raised incidents, and ring
    /// for them and for a new or changed warning when someone else (another console, a feed, the
    /// CAP watcher) recorded them, and for another centre's request or offer of aid. Every
    /// event is named here, so a new one must be placed.
    mutating func noticed(_ events: [RecordedEvent], _ world: ConsoleWorld) -> [Effect] {
        var effects: [Effect] = []
        var ring = false
        for e in events {
            switch e.event {
            case let .incidentReported(r):
                attention[r.id] = world.now.addingTimeInterval(30)
                if e.by != operatorName { ring = true }
            case let .levelRaised(id, _, _, _), let .incidentReopened(id, _):
                attention[id] = world.now.addingTimeInterval(30)
                if e.by != operatorName { ring = true }
            case .warningIssued:
                if e.by != operatorName { ring = true }
            case let .aidMessageReceived(m):
                // Another centre asks for our help, or answers our request: both wait for a
                // decision here (the header names the request).
                switch m.step {
                case .request, .offer: ring = true
                case .accept, .arrived, .release: break
                }
            case let .pageSent(page):
                // A page to this operator rings at once, whatever the bell setting, and again
                // every 30 s while it waits (on the clock's tick).
                guard person != nil && page.person == person else { continue }
                lastPageBell = world.now
                effects.append(.bell)
            case .incidentAcknowledged, .incidentVerified, .figuresUpdated, .levelLowered, .statusChanged, .incidentCancelled, .incidentMarkedFalseAlarm, .incidentClosed,
                .causeLinked, .checklistItemDone, .noteAdded, .reportFiled, .teamRegistered, .teamUpdated, .teamRetired, .teamAssigned, .teamStatusChanged, .teamReleased,
                .responseDeclared, .responseAdjusted, .responseEnded, .incidentJoinedResponse, .warningLifted, .actionRefused, .pageAcknowledged, .pageNotified,
                .pageNotifyFailed, .pageCancelled, .drillScheduled, .injectFired, .injectSkipped, .drillEnded, .rosterAdopted, .facilityRegistered, .facilityUpdated,
                .facilityRetired, .shelterOpened, .shelterClosed, .sheltered, .shelterLeft, .stockReceived, .stockIssued, .stockMinimumSet, .supplyRequested, .supplyApproved,
                .supplyCommitted, .supplyDispatched, .supplyDelivered, .aidRequested, .aidOffered, .aidAccepted, .aidReleased, .sitrepDrafted, .sitrepApproved, .sitrepFiled,
                .handoverAccepted, .drillObserved, .drillObjectiveJudged, .correctiveActionRaised, .correctiveActionUpdated, .feedReceived, .feedAdvanced, .journalSealed,
                .drillExpectationScored, .capAlertReceived, .aidArrived, .aidMessageDelivered, .centreUnreachable, .centreReachable, .boardShared,
                .boardUnshared:
                break
            }
        }
        attention = attention.filter { $0.value > world.now }
        if ring && bell { effects.append(.bell) }
        if let s = selected, events.contains(where: { $0.event.incident == s }) { effects += reloadTimeline() }
        return effects
    }

    func reloadTimeline() -> [Effect] {
        guard let s = selected else { return [] }
        return [.loadTimeline(s)]
    }

    mutating func handle(_ key: Key, _ world: ConsoleWorld) -> [Effect] {
        switch mode {
        case .command, .search, .find: return edit(key, world)
        case .help, .legend:
            // ↑ ↓ PgUp PgDn scroll a long overlay; any other key closes it.
            if let step = scrollStep(key, page: overlayPage) {
                overlayOffset = max(0, min(overlayOffset + step, overlayLimit))
                return []
            }
            mode = .normal
            return []
        case let .confirmClose(line, commands):
            mode = .normal
            guard key == .char("y") || key == .char("Y") else {
                message = (t(Bilingual("not closed: \(commands.first?.incident.map(\.description) ?? "") stays open", "未结案：\(commands.first?.incident.map(\.description) ?? "") 保持在办")), false)
                return []
            }
            // The decider adds what is left open to the summary, as it does for every door.
            return [.execute(line: line, commands: commands)]
        case var .report(form):
            return editForm(&form, key, world)
        case let .handover(sheet):
            return handleHandover(sheet, key)
        case let .planning(job, _):
            // The console stays live while the plan is computed (events, pages, the clock);
            // Esc gives up on it, Ctrl-C quits; other keys wait for the plan.
            if key == .escape {
                mode = .normal
                message = (t(Bilingual("joint plan cancelled", "已取消联合派遣方案")), false)
                return [.cancelPlan(job: job)]
            }
            if key == .ctrl("c") { return [.cancelPlan(job: job), .quit] }
            return []
        case let .plan(plan, excluded):
            switch key {
            case .escape:
                mode = .normal
            case let .char(c) where c.wholeNumberValue != nil:
                // Digits toggle lines 1-9 in or out of the plan.
                let n = (c.wholeNumberValue ?? 0) - 1
                guard n >= 0, n < plan.assignments.count else { return [] }
                var x = excluded
                if x.contains(n) { x.remove(n) } else { x.insert(n) }
                mode = .plan(plan, excluded: x)
            case .enter:
                mode = .normal
                let chosen = plan.assignments.enumerated().filter { !excluded.contains($0.offset) }.map(\.element)
                guard !chosen.isEmpty else { return [] }
                let line = chosen.map { "assign \($0.incident) \($0.team)" }.joined(separator: "; ")
                return [.execute(line: line, commands: chosen.map { .team(.assign($0.team, to: $0.incident)) })]
            default: break
            }
            return []
        case let .dispatch(id):
            if key == .escape || key == .char("d") { mode = .normal; return [] }
            if case let .char(c) = key, let n = c.wholeNumberValue, n >= 1 {
                guard let rec = world.state.recommend(for: id, plans: world.plans, grid: world.grid) else { return [] }
                let options = rec.options
                guard n <= options.count else { return [] }
                let team = options[n - 1].team
                mode = .normal
                return [.execute(line: "assign \(id) \(team)", commands: [.team(.assign(team, to: id))])]
            }
            if key == .char("A") {
                // Accept the joint plan for this incident whole.
                let plan = world.state.jointPlan(for: [id], plans: world.plans, grid: world.grid)
                mode = .normal
                guard !plan.assignments.isEmpty else {
                    message = (t(Bilingual("no team can be sent now", "目前没有可派遣的队伍")), true)
                    return []
                }
                return [.execute(line: "assign \(id) " + plan.assignments.map(\.team.raw).joined(separator: " "), commands: plan.commands)]
            }
            return []
        case .normal:
            return normal(key, world)
        }
    }

    mutating func normal(_ key: Key, _ world: ConsoleWorld) -> [Effect] {
        if key == .escape {
            message = nil
            filter = ""
            return []
        }
        if key == .ctrl("c") { return [.quit] }
        switch focus {
        case .map:
            switch key {
            case .up: moveCursor(0, -1, world); return []
            case .down: moveCursor(0, 1, world); return []
            case .left: moveCursor(-1, 0, world); return []
            case .right: moveCursor(1, 0, world); return []
            case .char("/"):
                startFind(.map)
                return []
            default: break
            }
        case .panel:
            // The panel scrolls: the team board down its rows, the timeline back in time.
            if let step = scrollStep(key, page: panelPage) {
                scrollPanel(step, world)
                return []
            }
            if showTeamBoard && (key == .char("f") || key == .char("/")) {
                startFind(.team)
                return []
            }
        case .list: break
        }
        guard let request = Request.forKey(key) else { return [] }
        let asked = quitAsked
        quitAsked = false
        let list = world.workList(filter: filter)
        switch request {
        case .help:
            mode = .help
            overlayOffset = 0
        case .legend:
            mode = .legend
            overlayOffset = 0
        case .quit:
            // A shared wall console is not closed by one stray key.
            if confirmQuit && !asked {
                quitAsked = true
                message = (t(Bilingual("press q again to quit this console", "再按 q 退出控制台")), true)
                return []
            }
            return [.quit]
        case .command: startInput("")
        case .search:
            mode = .search
            input = filter
            inputCursor = input.count
        case .moveUp: return select(list, offset: -1)
        case .moveDown: return select(list, offset: 1)
        case .pageUp: return select(list, offset: -10)
        case .pageDown: return select(list, offset: 10)
        case .nextUnacknowledged:
            // The work list is in level order: the next unacknowledged one after the cursor,
            // wrapping round to the top.
            let waiting = list.enumerated().filter { $0.element.status == .reported }
            guard !waiting.isEmpty else {
                message = (t(Bilingual("every incident on the list is acknowledged", "列表中的事件均已确认")), false)
                return []
            }
            let at = selected.flatMap { s in list.firstIndex { $0.id == s } } ?? -1
            let next = waiting.first { $0.offset > at } ?? waiting[0]
            return select(list, offset: next.offset - max(0, at))
        case .focusNext:
            let all = Focus.allCases
            focus = all[((all.firstIndex(of: focus) ?? 0) + 1) % all.count]
        case .focusPrevious:
            let all = Focus.allCases
            focus = all[((all.firstIndex(of: focus) ?? 0) + all.count - 1) % all.count]
        case .acknowledge:
            guard let id = selectedOrComplain(world) else { return [] }
            return [.execute(line: "ack \(id)", commands: [.incident(.acknowledge(id))])]
        case .acknowledgePages:
            let mine = world.myPages(person)
            guard !mine.isEmpty else {
                message = (t(Bilingual("no page waits for you", "没有待您确认的寻呼")), false)
                return []
            }
            return [.execute(line: mine.map { "ack-page \($0.id)" }.joined(separator: "; "), commands: mine.map { .paging(.acknowledge($0.id)) })]
        case .verify:
            guard let id = selectedOrComplain(world) else { return [] }
            return [.execute(line: "verify \(id)", commands: [.incident(.verify(id))])]
        case .setLevel:
            guard let id = selectedOrComplain(world), let i = world.state.incidents[id] else { return [] }
            let suggestion = world.plans.suggestion(for: i.type, figures: i.figures).level
            let proposal = suggestion > i.level ? suggestion : (i.level < .i ? ResponseLevel(rawValue: i.level.rawValue + 1) ?? .i : .i)
            startInput("level \(id) \(proposal.roman) ")
        case .dispatch:
            guard let id = selectedOrComplain(world) else { return [] }
            mode = .dispatch(id)
        case .jointPlan:
            // Computed off the input thread (thousands of incidents take a while); the plan
            // arrives as `.planComputed`.
            let waiting = world.active.filter { $0.status != .reported }.map(\.id)
            guard !waiting.isEmpty else {
                message = (t(Bilingual("no free team fits a waiting incident (acknowledge incidents first)", "没有可派往待处置事件的空闲队伍（请先确认事件）")), true)
                return []
            }
            planJob += 1
            mode = .planning(job: planJob, progress: 0)
            return [.computePlan(job: planJob, incidents: waiting)]
        case .report:
            // Where: the map cursor, as latitude,longitude (what the grammar reads), never a raw
            // grid cell; in the map's own frame, said (`gcj02:`), so it is not taken for a GPS
            // fix and moved 600 m. A caller's WGS-84 fix typed over it needs no prefix.
            let p = world.grid.centre(of: cursor)
            mode = .report(ReportForm(place: String(format: "gcj02:%.4f,%.4f", p.lat, p.lon)))
        case .close:
            guard let id = selectedOrComplain(world) else { return [] }
            startInput("close \(id) ")
            // Said before the summary is typed, not only after.
            if let i = world.state.incidents[id], !i.status.allowedNext.contains(.closed) {
                let next = i.status.allowedNext.map { t($0.name) }.joined(separator: ", ")
                message = (t(Bilingual("\(id) is \(i.status.name.en) and cannot be closed yet; next: \(next)", "\(id) 当前为“\(i.status.name.zh)”，尚不能结案；可变为：\(next)")), true)
            } else if let open = world.state.incidents[id]?.leftOpen(plans: world.plans), !open.isEmpty {
                message = (t(Bilingual("\(id) still has \(open.description.en)", "\(id) 尚有 \(open.description.zh)")), true)
            }
        case .status:
            guard let id = selectedOrComplain(world), let i = world.state.incidents[id] else { return [] }
            let next = i.status.allowedNext.first { ![.cancelled, .falseAlarm, .closed].contains($0) }
            startInput("status \(id) " + (next?.rawValue ?? ""))
        case .note:
            guard let id = selectedOrComplain(world) else { return [] }
            startInput("note \(id) ")
        case .editReport:
            guard let id = selectedOrComplain(world) else { return [] }
            return [.editSitrep(id)]
        case .handover:
            let from = world.roster.flatMap { r in person.flatMap { Self.shiftChange(roster: r, person: $0, now: world.now)?.from } }
            return [.loadHandover(since: world.state.shiftStart(now: world.now), from: from, offered: false)]
        case .zoomIn:
            // Past 1:1 the map magnifies: a cell drawn as 2×2, then 4×4 characters.
            if zoom > 1 { zoom /= 2 } else { magnify = min(4, magnify * 2) }
        case .zoomOut:
            if magnify > 1 { magnify /= 2 } else { zoom = min(8, zoom * 2) }
        case .panUp: pan(0, -1, world)
        case .panDown: pan(0, 1, world)
        case .panLeft: pan(-1, 0, world)
        case .panRight: pan(1, 0, world)
        case .centre:
            if let id = selected, let i = world.state.incidents[id] {
                centre = i.location.cell
                cursor = i.location.cell
            }
        case .toggleLabels: layers.labels.toggle()
        case .toggleTerrain: layers.terrain.toggle()
        case .toggleWater: layers.water.toggle()
        case .toggleRoads: layers.roads.toggle()
        case .toggleIncidents: layers.incidents.toggle()
        case .toggleTeams: layers.teams.toggle()
        case .toggleFacilities: layers.facilities.toggle()
        case .timeFilter:
            let all = TimeFilter.allCases
            timeFilter = all[((all.firstIndex(of: timeFilter) ?? 0) + 1) % all.count]
        case .levelFilter:
            minimumLevel = minimumLevel == .i ? .none : ResponseLevel(rawValue: minimumLevel.rawValue + 1) ?? .none
        case .tint:
            let all = TintMode.allCases
            tintMode = all[((all.firstIndex(of: tintMode) ?? 0) + 1) % all.count]
        case .teamBoard:
            // Incident detail → team board → resources → incident detail.
            if showTeamBoard {
                showTeamBoard = false
                showResources = true
            } else if showResources {
                showResources = false
            } else {
                showTeamBoard = true
            }
            panelOffset = 0
        case .language:
            if language == .en && !canShowChinese {
                message = (t(Bilingual("Chinese needs a UTF-8 terminal; start with --utf8 if yours speaks UTF-8", "中文需要 UTF-8 终端；若终端支持 UTF-8，请加 --utf8 启动")), true)
                return []
            }
            language = language == .en ? .zh : .en
            // The last message was in the old language: it goes rather than stay half-translated.
            message = nil
        }
        return []
    }

    /// Keys in the report form: ↑ ↓ Tab move between fields, ← → choose the type, Enter
    /// submits, Esc cancels. A refused report keeps the form open with the reason shown.
    mutating func editForm(_ form: inout ReportForm, _ key: Key, _ world: ConsoleWorld) -> [Effect] {
        if key != .escape { form.discardAsked = false }
        switch key {
        case .escape:
            // A half-filled report is not thrown away by one stray key.
            if form.isChanged && !form.discardAsked {
                form.discardAsked = true
                message = (t(Bilingual("Esc again discards this report; any other key keeps editing", "再按 Esc 放弃本次上报；按其他键继续填写")), true)
                mode = .report(form)
                return []
            }
            message = nil
            mode = .normal
            return []
        case .up, .backTab: form.move(-1)
        case .down, .tab: form.move(1)
        case .left: if form.field == .type { form.cycleType(-1) }
        case .right: if form.field == .type { form.cycleType(1) }
        case .backspace: form.backspace()
        case .ctrl("u"): form.values[form.field] = nil
        case let .char(c): form.type(c)
        case .enter:
            if let first = form.missing.first {
                form.field = first
                let names = form.missing.map { t($0.label) }.joined(separator: language == .zh ? "、" : ", ")
                message = (t(Bilingual("fill in first: \(names) (type: ← →)", "请先填写：\(names)（类型：← →）")), true)
                break
            }
            let line = form.commandLine
            do {
                let commands = try Grammar.parse(line, now: world.now, timeZone: world.timeZone)
                mode = .normal
                submittedForm = form
                return [.execute(line: line, commands: commands)]
            } catch {
                message = (error.text(language) + " · " + line, true)
            }
        default: break
        }
        mode = .report(form)
        return []
    }

    mutating func startInput(_ text: String) {
        mode = .command
        input = text
        inputCursor = text.count
    }

    /// The incident a key acts on: the selected one, only while the work list shows it.
    mutating func selectedOrComplain(_ world: ConsoleWorld) -> IncidentID? {
        guard let s = selected, world.isOnWorkList(s, filter: filter) else {
            message = (t(Bilingual("no incident is selected on the list; move to one with ↑ ↓ first", "列表中没有选中的事件；请先用 ↑ ↓ 选择")), true)
            return nil
        }
        return s
    }

    mutating func select(_ list: [Incident], offset: Int) -> [Effect] {
        guard !list.isEmpty else { return [] }
        let at = selected.flatMap { s in list.firstIndex { $0.id == s } } ?? 0
        let next = min(max(0, at + offset), list.count - 1)
        if selected != list[next].id && !showTeamBoard { panelOffset = 0 }
        selected = list[next].id
        timeline = []
        timelineFor = nil
        return reloadTimeline()
    }

    mutating func moveCursor(_ dx: Int, _ dy: Int, _ world: ConsoleWorld) {
        cursor = Cell(x: min(max(0, cursor.x + dx * zoom), world.grid.width - 1), y: min(max(0, cursor.y + dy * zoom), world.grid.height - 1))
    }

    mutating func pan(_ dx: Int, _ dy: Int, _ world: ConsoleWorld) {
        let step = max(2, 8 * zoom / magnify)
        centre = Cell(x: min(max(0, centre.x + dx * step), world.grid.width - 1), y: min(max(0, centre.y + dy * step), world.grid.height - 1))
    }

    /// Typing in the command bar or the search box.
    mutating func edit(_ key: Key, _ world: ConsoleWorld) -> [Effect] {
        var chars = Array(input)
        if key != .tab { completions = [] }
        if key == .tab && mode == .search { return [] }
        if key != .up && key != .down { historyIndex = nil }
        switch key {
        case .escape:
            // Esc leaves the search with no filter: nothing stays hidden without a sign of it.
            if mode == .search { filter = "" }
            mode = .normal
            input = ""
            return []
        case .enter:
            let line = input.trimmingCharacters(in: .whitespaces)
            if mode == .search {
                filter = line
                mode = .normal
                return []
            }
            if case let .find(target) = mode {
                mode = .normal
                input = ""
                find(line, target, world)
                return []
            }
            mode = .normal
            input = ""
            guard !line.isEmpty else { return [] }
            if history.last != line { history.append(line) }
            if history.count > 500 { history.removeFirst(history.count - 500) }
            do {
                let commands = try Grammar.parse(line, now: world.now, timeZone: world.timeZone)
                if let ask = closeQuestion(line, commands, world) {
                    mode = ask.mode
                    message = (t(ask.text), true)
                    return []
                }
                return [.execute(line: line, commands: commands)]
            } catch {
                // Keep the line so the officer can fix it where the error is.
                mode = .command
                input = line
                inputCursor = min(line.count, max(0, error.column - 1))
                message = (error.text(language), true)
                return []
            }
        case .backspace:
            if inputCursor > 0 {
                chars.remove(at: inputCursor - 1)
                inputCursor -= 1
            }
        case .delete:
            if inputCursor < chars.count { chars.remove(at: inputCursor) }
        case .left: inputCursor = max(0, inputCursor - 1)
        case .right: inputCursor = min(chars.count, inputCursor + 1)
        case .home, .ctrl("a"): inputCursor = 0
        case .end, .ctrl("e"): inputCursor = chars.count
        case .ctrl("u"):
            chars.removeSubrange(0..<inputCursor)
            inputCursor = 0
        case .tab:
            let head = String(chars[0..<inputCursor])
            let c: Completion
            switch mode {
            case .command: c = Completion(head: head, world: world)
            case .find(.map): c = Completion(head: head, among: Completion.places(world))
            case .find(.team): c = Completion(head: head, among: world.state.teams.keys.map(\.raw).sorted())
            case .normal, .search, .dispatch, .report, .planning, .plan, .help, .legend, .confirmClose, .handover: c = Completion(head: "", among: [])
            }
            if let done = c.completedLine {
                let rest = chars[inputCursor...]
                chars = Array(done) + rest
                inputCursor = done.count
            }
            // More than one fits: list them (the bar shows as many as the width allows).
            completions = c.choices.count > 1 ? c.choices : []
            if c.choices.isEmpty { message = (t(Bilingual("Tab: nothing to offer here", "Tab：此处无可选项")), false) }
        case .up, .down:
            // History: ↑ recalls older lines, ↓ newer, and past the newest the line being typed.
            guard mode == .command, !history.isEmpty else { break }
            if historyIndex == nil {
                guard key == .up else { break }
                historyDraft = input
                historyIndex = history.count - 1
            } else if let k = historyIndex {
                historyIndex = key == .up ? max(0, k - 1) : k + 1
            }
            if let k = historyIndex, k < history.count {
                chars = Array(history[k])
            } else {
                historyIndex = nil
                chars = Array(historyDraft)
            }
            inputCursor = chars.count
        case let .char(c):
            chars.insert(c, at: inputCursor)
            inputCursor += 1
        default: break
        }
        input = String(chars)
        if mode == .search { filter = input }
        return []
    }
}
