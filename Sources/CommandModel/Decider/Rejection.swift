import Foundation

/// Why a command was refused. Never written to the log; shown to the user with what to do
/// instead.
public enum Rejection: Error, Hashable, Sendable {
    case unknownIncident(IncidentID)
    case unknownTeam(TeamID)
    case incidentOver(IncidentID, IncidentStatus)
    case illegalTransition(IncidentID, from: IncidentStatus, to: IncidentStatus, allowed: [IncidentStatus])
    case notAcknowledged(IncidentID)
    case alreadyAcknowledged(IncidentID)
    case alreadyVerified(IncidentID)
    case teamAlreadyAssigned(TeamID, to: IncidentID, status: TeamStatus)
    case teamNotAvailable(TeamID, status: TeamStatus)
    case teamNotOnIncident(TeamID)
    case illegalTeamTransition(TeamID, from: TeamStatus, to: TeamStatus, allowed: [TeamStatus])
    case teamAlreadyRegistered(TeamID)
    case levelUnchanged(IncidentID, ResponseLevel)
    case reasonRequired
    case negativeFigure(Figures.Field, Int)
    case noFigureChange(IncidentID)
    case unknownDistrict(String)
    case outsideMap(String)
    /// A point outside the centre's districts, where the centre refuses such reports.
    case outsideCity(OutsidePlace, city: Bilingual)
    case noMap
    case causeIsSelf(IncidentID)
    case causeCycle(IncidentID, cause: IncidentID)
    case unknownChecklistItem(IncidentID, item: String, known: [String])
    case checklistItemAlreadyDone(IncidentID, item: String)
    case cannotReopen(IncidentID, IncidentStatus)
    case unknownReportingStage(IncidentID, stage: String, known: [String])
    case reportAlreadyFiled(IncidentID, stage: String)
    /// A stage of the incident's type that its levels so far never made owed.
    case reportingStageNotOwed(IncidentID, stage: String, level: ResponseLevel, owedAt: [ResponseLevel], owed: [String])
    case unknownResponse(ResponseID)
    case responseAlreadyEnded(ResponseID)
    case unknownWarning(WarningID)
    case warningAlreadyLifted(WarningID)
    case warningSuperseded(WarningID, by: WarningID)
    case expiryBeforeNow
    case exerciseMismatch(IncidentID, exercise: String?)
    /// A drill's inject named an object that is not the drill's own (a real response, a
    /// warning, a team nobody committed to the drill).
    case notTheDrills(String, exercise: String?)
    /// Something a drill's inject may never do (change the roster, dispatch a real team).
    case notInDrill(Bilingual)
    /// A command that would tie a drill's object to a real one (or to another drill's).
    case mixesRecords(String, String)
    case emptyText(String)
    case responseNeedsLevel
    case pageAlreadySent(String)
    case unknownPage(String)
    case pageAlreadyAcknowledged(String)
    /// Beyond the actor's authority. Unlike other rejections, this one is recorded.
    case unknownDrill(String)
    case drillOver(String)
    case injectAlreadyDone(drill: String, inject: String)
    case drillAlreadyRunning(String)
    case notAuthorized(action: Bilingual, needs: [DutyRole], onCallNow: [Bilingual], incident: IncidentID?)
    /// A value outside ``Limits``: it could not be kept and read back for years.
    case outOfBounds(BoundViolation)
    case badRosterDigest(String)
    case teamUnchanged(TeamID)
    case rosterAlreadyAdopted(String)
    case unknownFacility(FacilityID)
    case facilityAlreadyRegistered(FacilityID)
    case facilityUnchanged(FacilityID)
    case capacityOnlyForShelters(FacilityID)
    case notAShelter(FacilityID, kind: Facility.Kind)
    case shelterAlreadyOpen(FacilityID)
    case shelterNotOpen(FacilityID)
    case shelterNotEmpty(FacilityID, inside: Int)
    case shelterFull(FacilityID, free: Int, wanted: Int, elsewhere: [ShelterRoom])
    case fewerInside(FacilityID, inside: Int, wanted: Int)
    case shelterStillOpen(FacilityID)
    /// A count that must be above zero (people checked in, a quantity of goods, teams asked for).
    case notAPositiveCount(Bilingual, Int)
    case notADepot(FacilityID, kind: Facility.Kind)
    case unknownItem(String, known: [String])
    case notEnoughStock(FacilityID, item: String, available: Int, wanted: Int)
    case supplyRequestNeedsPlace
    case noItems
    case unknownSupplyRequest(String)
    case supplyAlreadyApproved(String)
    case supplyNotApproved(String)
    case itemNotRequested(String, item: String)
    case moreThanRequested(String, item: String, left: Int)
    case nothingAtStage(String, depot: FacilityID, stage: Bilingual)
    case unknownCentre(String, known: [String])
    case aidNeedsLevel(IncidentID, level: ResponseLevel, levels: [ResponseLevel])
    case aidClosed(String)
    case noSuchOffer(String, offers: Int)
    case unknownAidRequest(String)
    /// Another centre's request (`AID-3@beijing`): only that centre accepts, receives or releases help for it.
    case aidOfAnotherCentre(String, centre: String)
    /// An arrival recorded before any offer was accepted.
    case aidNotAccepted(String)
    /// A centre name that is not lower-case letters, digits and `_`.
    case badCentreName(String)
    /// A chain hash that is not 64 hexadecimal digits.
    case badChainHash(String)
    /// A message addressed to another centre than this store's (`us`): the centres file maps a
    /// name to the wrong store.
    case messageNotForUs(from: String, to: String, us: String)
    /// A message from a centre held already (`at`: where, in our chain).
    case messageAlreadyHeld(from: String, seq: Int64, at: Int64?)
    /// A message whose predecessor from the same centre is not held: one is missing.
    case messageOutOfOrder(from: String, seq: Int64, previous: Int64, last: Int64)
    /// A receipt for a message that does not wait for that centre.
    case noMessageWaiting(to: String, seq: Int64)
    /// A receipt for a message that is not the first waiting for that centre.
    case receiptOutOfOrder(to: String, seq: Int64, first: Int64)
    case centreAlreadyUnreachable(String)
    case centreNotUnreachable(String)
    case boardAlreadyShared(String)
    case boardNotShared(String)
    /// A situation report asked of an incident with no version on the record yet.
    case noSitrep(IncidentID)
    case sitrepNotLatest(IncidentID, version: Int, latest: Int)
    case sitrepAlreadyApproved(IncidentID, version: Int)
    case sitrepNotApproved(IncidentID, version: Int)
    case sitrepAlreadyFiled(IncidentID, version: Int)
    case badBriefHash(String)
    case unknownDrillTarget(String, String, known: [String])
    case drillNotOver(String)
    /// The drill's journal is sealed to a key this process does not hold (or cannot open).
    case drillSealed(String)
    case unknownCorrectiveAction(String)
    case correctiveActionUnchanged(String, Bilingual)
    case shiftStartsLater(String)
    /// A feed's report whose key was applied before, in this version (or a newer one: `older`).
    case feedAlreadyApplied(FeedKey, incident: IncidentID, older: Bool)
    /// A manual expectation scored for an inject that has not fired (`fired`: those that have).
    case injectNotFired(String, inject: String, fired: [String])
    /// No manual expectation of that id on the fired inject (`known`: those it has).
    case unknownManualExpectation(String, inject: String, expectation: String, known: [String])
    /// A score must be met, late or missed.
    case notAScore(String)
    /// A CAP alert whose sender and identifier are on the record already.
    case capAlreadyOnRecord(CAPKey)
    /// A CAP alert whose status is not `Actual` (an exercise, test, system message or draft).
    case capNotActual(String, status: String)
    /// A CAP alert whose expiry has passed.
    case capExpired(String, Date)
    /// A CAP `Ack` or `Error`: nothing to warn of.
    case capNotAWarning(String, msgType: String)
    /// A CAP alert none of whose areas lies on the map.
    case capOutsideMap(String)

    /// The message a user reads, in their language, saying what to do instead.
    public var message: Bilingual {
        switch self {
        case let .unknownIncident(id):
            return Bilingual("there is no incident \(id)", "没有事件 \(id)")
        case let .unknownTeam(id):
            return Bilingual("there is no team \(id)", "没有队伍 \(id)")
        case let .incidentOver(id, status):
            return Bilingual("\(id) is \(status.name.en); reopen it first", "\(id) \(status.name.zh)；请先重新打开")
        case let .illegalTransition(id, from, to, allowed):
            let en = allowed.isEmpty ? "nothing" : allowed.map(\.name.en).joined(separator: ", ")
            let zh = allowed.isEmpty ? "无" : allowed.map(\.name.zh).joined(separator: "、")
            return Bilingual("\(id) is \(from.name.en) and cannot become \(to.name.en); next can be: \(en)", "\(id) 当前为“\(from.name.zh)”，不能变为“\(to.name.zh)”；可变为：\(zh)")
        case let .notAcknowledged(id):
            return Bilingual("\(id) is not acknowledged yet; acknowledge it first", "\(id) 尚未确认；请先确认")
        case let .alreadyAcknowledged(id):
            return Bilingual("\(id) is already acknowledged", "\(id) 已确认")
        case let .alreadyVerified(id):
            return Bilingual("\(id) is already verified", "\(id) 已核实")
        case let .teamAlreadyAssigned(team, incident, status):
            return Bilingual("\(team) is already on \(incident) (\(status.name.en)); release it first or pick another team", "\(team) 已在 \(incident)（\(status.name.zh)）；请先撤回或另选队伍")
        case let .teamNotAvailable(team, status):
            return Bilingual("\(team) is \(status.name.en), not available", "\(team) 当前为“\(status.name.zh)”，不可调派")
        case let .teamNotOnIncident(team):
            return Bilingual("\(team) is not on an incident", "\(team) 未在处置任何事件")
        case let .illegalTeamTransition(team, from, to, allowed):
            let en = allowed.isEmpty ? "nothing" : allowed.map(\.name.en).joined(separator: ", ")
            let zh = allowed.isEmpty ? "无" : allowed.map(\.name.zh).joined(separator: "、")
            return Bilingual("\(team) is \(from.name.en) and cannot become \(to.name.en); next can be: \(en)", "\(team) 当前为“\(from.name.zh)”，不能变为“\(to.name.zh)”；可变为：\(zh)")
        case let .teamAlreadyRegistered(team):
            return Bilingual("team \(team) is already registered", "队伍 \(team) 已登记")
        case let .levelUnchanged(id, level):
            return Bilingual("\(id) is already at level \(level.roman)", "\(id) 已是 \(level.roman) 级")
        case .reasonRequired:
            return Bilingual("a reason is required; it goes on the record", "必须填写理由；理由将记录在案")
        case let .negativeFigure(field, value):
            return Bilingual("\(field.name.en) cannot be negative (\(value))", "\(field.name.zh)不能为负数（\(value)）")
        case let .noFigureChange(id):
            return Bilingual("no figure of \(id) would change", "\(id) 的数据没有变化")
        case let .unknownDistrict(name):
            return Bilingual("there is no district '\(name)' on this map", "地图上没有区“\(name)”")
        case let .outsideMap(place):
            return Bilingual("\(place) is outside the map", "\(place) 不在地图范围内")
        case let .outsideCity(place, city):
            return Bilingual(
                "\(place.name.en), outside \(city.en): this centre does not record reports outside its districts; pass it to the neighbour's centre",
                "\(place.name.zh)，不在\(city.zh)辖区内：本中心不受理辖区外的报告；请转交相邻地区的指挥中心")
        case .noMap:
            return Bilingual("no map is loaded; give the location as a cell (x,y)", "未加载地图；请以格子坐标 (x,y) 给出位置")
        case let .causeIsSelf(id):
            return Bilingual("\(id) cannot be caused by itself", "\(id) 不能由自身引发")
        case let .causeCycle(id, cause):
            return Bilingual("\(cause) already follows from \(id); a disaster chain cannot loop", "\(cause) 已由 \(id) 引发；灾害链不能成环")
        case let .unknownChecklistItem(id, item, known):
            return Bilingual("\(id)'s plan has no item '\(item)'; items: \(known.joined(separator: ", "))", "\(id) 的预案没有“\(item)”；可选：\(known.joined(separator: "、"))")
        case let .checklistItemAlreadyDone(id, item):
            return Bilingual("'\(item)' is already done on \(id)", "\(id) 的“\(item)”已完成")
        case let .cannotReopen(id, status):
            return Bilingual("\(id) is \(status.name.en), still open; only closed, cancelled or false-alarm incidents reopen", "\(id) 当前为“\(status.name.zh)”，仍在处置；只有已结案、已撤销或误报的事件可以重新打开")
        case let .unknownReportingStage(id, stage, known):
            return Bilingual("\(id) has no reporting stage '\(stage)'; stages: \(known.joined(separator: ", "))", "\(id) 没有报送环节“\(stage)”；可选：\(known.joined(separator: "、"))")
        case let .reportingStageNotOwed(id, stage, level, owedAt, owed):
            let levels = owedAt.map(\.roman)
            return Bilingual(
                "\(id) at level \(level.roman) owes no '\(stage)' report (owed at levels \(levels.joined(separator: ", ")) only); owed: \(owed.joined(separator: ", "))",
                "\(id) 为 \(level.roman) 级，无须“\(stage)”报送（仅 \(levels.joined(separator: "、")) 级须报）；应报：\(owed.joined(separator: "、"))")
        case let .reportAlreadyFiled(id, stage):
            return Bilingual("the \(stage) report for \(id) is already filed", "\(id) 的“\(stage)”报送已完成")
        case let .unknownResponse(id):
            return Bilingual("there is no response \(id)", "没有应急响应 \(id)")
        case let .responseAlreadyEnded(id):
            return Bilingual("response \(id) has already ended", "应急响应 \(id) 已终止")
        case let .unknownWarning(id):
            return Bilingual("there is no warning \(id)", "没有预警 \(id)")
        case let .warningAlreadyLifted(id):
            return Bilingual("warning \(id) is already lifted", "预警 \(id) 已解除")
        case let .warningSuperseded(id, by):
            return Bilingual("warning \(id) was replaced by \(by); lift \(by) instead", "预警 \(id) 已被 \(by) 替代；请解除 \(by)")
        case .expiryBeforeNow:
            return Bilingual("the expiry time has already passed", "失效时间已过")
        case let .exerciseMismatch(id, exercise):
            if let exercise {
                return Bilingual("\(id) belongs to exercise \(exercise); real actions cannot touch it", "\(id) 属于演练 \(exercise)；真实操作不能修改它")
            }
            return Bilingual("\(id) is a real incident; an exercise cannot touch it", "\(id) 是真实事件；演练不能修改它")
        case let .unknownFacility(id):
            return Bilingual("there is no facility \(id)", "没有设施 \(id)")
        case let .facilityAlreadyRegistered(id):
            return Bilingual("\(id) is already on the record; use 'facility update \(id) …'", "\(id) 已登记；请用“facility update \(id) …”修改")
        case let .facilityUnchanged(id):
            return Bilingual("\(id) already reads so; nothing to change", "\(id) 已是如此；无需修改")
        case let .capacityOnlyForShelters(id):
            return Bilingual("\(id) is not a shelter; only shelters have a capacity", "\(id) 不是避难场所；只有避难场所有容量")
        case let .notAShelter(id, kind):
            return Bilingual("\(id) is a \(kind.name.en), not a shelter", "\(id) 是\(kind.name.zh)，不是避难场所")
        case let .shelterAlreadyOpen(id):
            return Bilingual("\(id) is already open", "\(id) 已开放")
        case let .shelterNotOpen(id):
            return Bilingual("\(id) is not open; open it first ('shelter \(id) open <reason>')", "\(id) 未开放；请先开放（“shelter \(id) open <理由>”）")
        case let .shelterNotEmpty(id, inside):
            return Bilingual("\(inside) people are still in \(id); check them out or move them first", "\(id) 内仍有 \(inside) 人；请先办理离开或转移")
        case let .shelterFull(id, free, wanted, elsewhere):
            let en = elsewhere.map { "\($0.id) \($0.name.en) (\($0.free) free)" }.joined(separator: ", ")
            let zh = elsewhere.map { "\($0.id) \($0.name.zh)（余 \($0.free)）" }.joined(separator: "、")
            return Bilingual(
                "\(id) has room for \(free), not \(wanted)" + (en.isEmpty ? "; no open shelter has room" : "; nearest with room: \(en)"),
                "\(id) 仅余 \(free) 个位置，不足 \(wanted)" + (zh.isEmpty ? "；没有尚有余位的开放避难场所" : "；最近的有余位场所：\(zh)"))
        case let .fewerInside(id, inside, wanted):
            return Bilingual("only \(inside) people are checked in at \(id), not \(wanted)", "\(id) 登记在内仅 \(inside) 人，不足 \(wanted)")
        case let .shelterStillOpen(id):
            return Bilingual("\(id) is an open shelter; close it first", "\(id) 是开放中的避难场所；请先关闭")
        case let .notAPositiveCount(what, value):
            return Bilingual("\(what.en) must be above zero, not \(value)", "\(what.zh)须大于零，而不是 \(value)")
        case let .notADepot(id, kind):
            return Bilingual("\(id) is a \(kind.name.en), not a depot", "\(id) 是\(kind.name.zh)，不是物资储备库")
        case let .unknownItem(item, known):
            return Bilingual("no item '\(item)' in the supply catalogue; items: \(known.joined(separator: ", "))", "物资目录中没有“\(item)”；可选：\(known.joined(separator: "、"))")
        case let .notEnoughStock(depot, item, available, wanted):
            return Bilingual("\(depot) has \(available) \(item) free, not \(wanted)", "\(depot) 可用 \(item) 仅 \(available)，不足 \(wanted)")
        case .supplyRequestNeedsPlace:
            return Bilingual("say what it is for: an incident (INC-n) or a shelter", "请说明用途：事件（INC-n）或避难场所")
        case .noItems:
            return Bilingual("name the items: item=quantity, …", "请列出物资：物资=数量，…")
        case let .unknownSupplyRequest(id):
            return Bilingual("there is no supply request \(id)", "没有物资申请 \(id)")
        case let .supplyAlreadyApproved(id):
            return Bilingual("\(id) is already approved", "\(id) 已批准")
        case let .supplyNotApproved(id):
            return Bilingual("\(id) is not approved yet; approve it first", "\(id) 尚未批准；请先批准")
        case let .itemNotRequested(id, item):
            return Bilingual("\(id) does not ask for \(item)", "\(id) 未申请 \(item)")
        case let .moreThanRequested(id, item, left):
            return Bilingual("\(id) needs only \(left) more \(item)", "\(id) 仅还需 \(item) \(left)")
        case let .nothingAtStage(id, depot, stage):
            return Bilingual("nothing of \(id) from \(depot) is \(stage.en)", "\(id) 没有来自 \(depot) 的\(stage.zh)物资")
        case let .unknownCentre(c, known):
            return Bilingual("this centre does not ask '\(c)' for help; centres: \(known.joined(separator: ", "))", "本中心不向“\(c)”请求支援；可选：\(known.joined(separator: "、"))")
        case let .aidNeedsLevel(id, level, levels):
            let list = levels.map(\.roman).joined(separator: ", ")
            return Bilingual(
                "\(id) is at level \(level == .none ? "none" : level.roman); the centre's plan asks other centres for help only at level \(list)",
                "\(id) 当前为\(level == .none ? "未定级" : level.roman + " 级")；按本中心预案，仅在 \(list) 级时可请求外部支援")
        case let .aidClosed(id):
            return Bilingual("\(id) is already accepted or released", "\(id) 已接受或已结束")
        case let .noSuchOffer(id, offers):
            return Bilingual("\(id) has \(offers) offers; name one of 1–\(max(offers, 1))", "\(id) 共有 \(offers) 个响应；请指定 1–\(max(offers, 1))")
        case let .unknownAidRequest(id):
            return Bilingual("there is no aid request \(id)", "没有支援请求 \(id)")
        case let .aidOfAnotherCentre(id, centre):
            return Bilingual(
                "\(id) is \(centre)'s request: \(centre) accepts, records the arrival and releases; this centre can offer: aid offer \(id) team …",
                "\(id) 是\(centre)的请求：由\(centre)接受、记录到达和返回；本中心可响应：aid offer \(id) team …")
        case let .aidNotAccepted(id):
            return Bilingual("no offer for \(id) is accepted yet; accept one first: aid accept \(id)", "\(id) 尚未接受任何响应；请先接受：aid accept \(id)")
        case let .badCentreName(name):
            return Bilingual(
                "'\(name)' is not a centre name: lower-case letters, digits and _, starting with a letter (beijing, tianjin)", "“\(name)”不是中心名：应为小写字母、数字和 _，以字母开头（如 beijing、tianjin）")
        case let .badChainHash(hash):
            return Bilingual("'\(hash.prefix(80))' is not a chain hash (64 hexadecimal digits)", "“\(hash.prefix(80))”不是链哈希（64 位十六进制）")
        case let .messageNotForUs(from, to, us):
            return Bilingual(
                "a message from \(from) to \(to) reached the store of \(us): check the centres file (each centre's store)", "\(from) 发给 \(to) 的消息送到了 \(us) 的事件库：请检查中心配置文件（各中心的事件库）")
        case let .messageAlreadyHeld(from, seq, at):
            let where_ = at.map { Bilingual(" (event \($0))", "（第 \($0) 条事件）") } ?? Bilingual("", "")
            return Bilingual("the message \(seq) from \(from) is already on the record\(where_.en); nothing to do", "来自 \(from) 的消息 \(seq) 已在记录中\(where_.zh)；无需处理")
        case let .messageOutOfOrder(from, seq, previous, last):
            return Bilingual(
                "the message \(seq) from \(from) follows its message \(previous), but the last held is \(last): one is missing; the relay delivers them in order",
                "来自 \(from) 的消息 \(seq) 接在其消息 \(previous) 之后，但已收到的最后一条为 \(last)：有消息缺失；中继须按顺序递送")
        case let .noMessageWaiting(to, seq):
            return Bilingual("event \(seq) is no message waiting for \(to)", "第 \(seq) 条事件不是等待发往 \(to) 的消息")
        case let .receiptOutOfOrder(to, seq, first):
            return Bilingual(
                "the message \(first) to \(to) waits before \(seq): receipts are recorded in the order the messages were sent", "发往 \(to) 的消息 \(first) 排在 \(seq) 之前：回执须按发送顺序记录")
        case let .centreAlreadyUnreachable(c):
            return Bilingual("\(c) is already recorded unreachable", "\(c) 已记录为无法联系")
        case let .centreNotUnreachable(c):
            return Bilingual("\(c) is not recorded unreachable", "\(c) 未记录为无法联系")
        case let .boardAlreadyShared(c):
            return Bilingual("the board is already shared with \(c)", "已向 \(c) 共享态势")
        case let .boardNotShared(c):
            return Bilingual("the board is not shared with \(c)", "未向 \(c) 共享态势")
        case let .noSitrep(id):
            return Bilingual("\(id) has no situation report yet; draft one first: sitrep draft \(id)", "\(id) 尚无信息报告；请先起草：sitrep draft \(id)")
        case let .sitrepNotLatest(id, version, latest):
            return Bilingual(
                "version \(version) of \(id)'s situation report is not the latest (\(latest)); approve the latest: sitrep approve \(id)",
                "\(id) 信息报告第 \(version) 版不是最新版（第 \(latest) 版）；请审核最新版：sitrep approve \(id)")
        case let .sitrepAlreadyApproved(id, version):
            return Bilingual("version \(version) of \(id)'s situation report is already approved; file it: sitrep file \(id)", "\(id) 信息报告第 \(version) 版已审核；可报送：sitrep file \(id)")
        case let .sitrepNotApproved(id, version):
            return Bilingual(
                "version \(version) of \(id)'s situation report is not approved yet; a leader approves it first: sitrep approve \(id)",
                "\(id) 信息报告第 \(version) 版尚未审核；须先由领导审核：sitrep approve \(id)")
        case let .unknownDrillTarget(drill, what, known):
            return Bilingual(
                "drill \(drill) has no objective or inject '\(what)'; it has: \(known.joined(separator: ", "))", "演练 \(drill) 没有目标或注入“\(what)”；现有：\(known.joined(separator: "、"))")
        case let .unknownCorrectiveAction(id):
            return Bilingual("there is no corrective action \(id)", "没有改进措施 \(id)")
        case let .correctiveActionUnchanged(id, status):
            return Bilingual("corrective action \(id) is already \(status.en)", "改进措施 \(id) 已是“\(status.zh)”")
        case let .drillSealed(drill):
            return Bilingual(
                "drill \(drill)'s journal is sealed to its drill key, which this process does not hold (or which does not open it): give the coordinator's key",
                "演练 \(drill) 的日志已用演练密钥加密，本进程没有（或无法用其打开）该密钥：请提供导调的密钥")
        case let .drillNotOver(drill):
            return Bilingual("drill \(drill) is still running; objectives are rated after its end (observations may be recorded now)", "演练 \(drill) 尚未结束；目标在结束后评定（现在可记录观察）")
        case let .badBriefHash(h):
            return Bilingual("'\(h)' is not a brief's hash (64 hexadecimal digits of SHA-256)", "“\(h)”不是简报哈希（应为 64 位十六进制 SHA-256）")
        case let .shiftStartsLater(t):
            return Bilingual("the shift cannot start after now (\(t))", "班次开始时间不能晚于当前（\(t)）")
        case let .sitrepAlreadyFiled(id, version):
            return Bilingual(
                "version \(version) of \(id)'s situation report is already filed; for news since, draft a follow-up: sitrep draft \(id) followup",
                "\(id) 信息报告第 \(version) 版已报送；如有新情况请起草续报：sitrep draft \(id) followup")
        case let .notTheDrills(id, exercise):
            if let exercise {
                return Bilingual("\(id) belongs to exercise \(exercise), not this one; an inject acts only on its own drill's objects", "\(id) 属于演练 \(exercise)，不属于本演练；注入只能操作本演练的对象")
            }
            return Bilingual(
                "\(id) is real; a drill's inject acts only on the drill's own objects (name them by {inject})", "\(id) 是真实对象；演练注入只能操作演练自身的对象（用 {注入名} 指代）")
        case let .notInDrill(action):
            return Bilingual("a drill's inject cannot \(action.en): that is real work, for the players", "演练注入不能\(action.zh)：这是真实操作，应由参演人员执行")
        case let .mixesRecords(a, b):
            return Bilingual("\(a) and \(b) are on different records and cannot be tied together", "\(a) 与 \(b) 分属不同记录，不能关联")
        case let .notAuthorized(action, needs, onCallNow, _):
            let rolesEn = needs.map(\.name.en).joined(separator: " or ")
            let rolesZh = needs.map(\.name.zh).joined(separator: "或")
            let whoEn = onCallNow.isEmpty ? "nobody is on call for it now" : "on call now: " + onCallNow.map(\.en).joined(separator: ", ")
            let whoZh = onCallNow.isEmpty ? "当前无人值班" : "当前值班：" + onCallNow.map(\.zh).joined(separator: "、")
            return Bilingual("to \(action.en) needs a \(rolesEn): \(whoEn)", "\(action.zh)需要\(rolesZh)：\(whoZh)")
        case let .pageAlreadySent(id):
            return Bilingual("page \(id) was already sent", "寻呼 \(id) 已发送")
        case let .unknownPage(id):
            return Bilingual("there is no page \(id); decision-hub oncall pages lists them", "没有寻呼 \(id)；可用 decision-hub oncall pages 查看")
        case let .pageAlreadyAcknowledged(id):
            return Bilingual("page \(id) is already acknowledged", "寻呼 \(id) 已确认")
        case let .unknownDrill(id):
            return Bilingual("there is no drill \(id)", "没有演练 \(id)")
        case let .drillOver(id):
            return Bilingual("drill \(id) is already over", "演练 \(id) 已结束")
        case let .injectAlreadyDone(drill, inject):
            return Bilingual("inject \(inject) of drill \(drill) has already fired or been skipped", "演练 \(drill) 的注入 \(inject) 已触发或已跳过")
        case let .drillAlreadyRunning(id):
            return Bilingual("this scenario is already running as drill \(id)", "该脚本已作为演练 \(id) 运行")
        case .responseNeedsLevel:
            return Bilingual("a response needs a level from IV to I", "应急响应须为 IV 至 I 级")
        case let .emptyText(what):
            return Bilingual("the \(what) cannot be empty", "\(what)不能为空")
        case let .teamUnchanged(team):
            return Bilingual("team \(team) is already registered exactly so; nothing to update", "队伍 \(team) 的登记信息相同；无需更新")
        case let .badRosterDigest(d):
            return Bilingual("'\(d)' is not a roster digest (64 hexadecimal digits of SHA-256)", "“\(d)”不是值班表摘要（应为 64 位十六进制 SHA-256）")
        case let .rosterAlreadyAdopted(source):
            return Bilingual("this roster (\(source)) is already the store's; nothing to adopt", "该值班表（\(source)）已在本事件库启用；无需再次启用")
        case let .outOfBounds(v):
            return Bilingual("\(v.what.en) \(v.value) is out of range: it must be \(v.bound.en)", "\(v.what.zh) \(v.value) 超出范围：\(v.bound.zh)")
        case let .feedAlreadyApplied(key, incident, older):
            return older
                ? Bilingual(
                    "\(key.source) \(key.external) is older than the version already applied to \(incident); nothing to do (send a newer time to change it)",
                    "\(key.source) \(key.external) 早于已应用于 \(incident) 的版本；无需处理（如需更改，请使用更新的时间）")
                : Bilingual(
                    "\(key.source) \(key.external) is already applied to \(incident) as it is; nothing to do", "\(key.source) \(key.external) 已按相同内容应用于 \(incident)；无需处理")
        case let .injectNotFired(drill, inject, fired):
            let en = fired.isEmpty ? "none has fired yet" : "fired so far: " + fired.joined(separator: ", ")
            let zh = fired.isEmpty ? "尚无注入触发" : "已触发：" + fired.joined(separator: "、")
            return Bilingual("inject \(inject) of drill \(drill) has not fired; score it once it has (\(en))", "演练 \(drill) 的注入 \(inject) 尚未触发；触发后再评分（\(zh)）")
        case let .unknownManualExpectation(drill, inject, expectation, known):
            let en = known.isEmpty ? "it expects nothing scored by hand" : "it has: " + known.joined(separator: ", ")
            let zh = known.isEmpty ? "该注入没有人工预期" : "现有：" + known.joined(separator: "、")
            return Bilingual(
                "inject \(inject) of drill \(drill) has no manual expectation '\(expectation)'; \(en)", "演练 \(drill) 的注入 \(inject) 没有人工预期“\(expectation)”；\(zh)")
        case let .notAScore(word):
            return Bilingual("'\(word)' is not a score; write met, late or missed", "“\(word)”不是评分；应为 met、late 或 missed")
        case let .capAlreadyOnRecord(key):
            return Bilingual("CAP alert \(key.identifier) from \(key.sender) is already on record; nothing to do", "CAP 警报 \(key.identifier)（\(key.sender)）已在记录中；无需处理")
        case let .capNotActual(id, status):
            return Bilingual(
                "CAP alert \(id) has status \(status): only Actual alerts become warnings (ignored)", "CAP 警报 \(id) 状态为 \(status)：只有 Actual 警报才成为预警（已忽略）")
        case let .capExpired(id, expires):
            return Bilingual(
                "CAP alert \(id) expired at \(CentreTime.format(expires)); nothing to warn of", "CAP 警报 \(id) 已于 \(CentreTime.format(expires)) 过期；无需预警")
        case let .capNotAWarning(id, msgType):
            return Bilingual("CAP message \(id) is an \(msgType): it warns of nothing (ignored)", "CAP 消息 \(id) 为 \(msgType)：不含预警（已忽略）")
        case let .capOutsideMap(id):
            return Bilingual("CAP alert \(id): no area of it lies on this map (listed, not drawn)", "CAP 警报 \(id)：其区域均不在本地图内（已列出，未绘制）")
        }
    }
}
