import Foundation

extension Event {
    /// One line saying what happened, for the log, timelines and the status bar.
    public var summary: Bilingual {
        switch self {
        case let .incidentReported(r):
            let place = r.district.map { " in \($0)" } ?? r.outside.map { " outside the city, in \($0.name.en)" } ?? " at \(r.location.cell)"
            let placeZh = r.district.map { "（\($0)）" } ?? r.outside.map { "（辖区外：\($0.name.zh)）" } ?? "（\(r.location.cell)）"
            let cause = r.causedBy.map { ", caused by \($0)" } ?? ""
            let causeZh = r.causedBy.map { "，由 \($0) 引发" } ?? ""
            return Bilingual("\(r.id) reported: \(r.type.name.en)\(place) \"\(r.title)\"\(cause)", "\(r.id) 接报：\(r.type.name.zh)\(placeZh)“\(r.title)”\(causeZh)")
        case let .incidentAcknowledged(i): return Bilingual("\(i) acknowledged", "\(i) 已确认")
        case let .incidentVerified(i): return Bilingual("\(i) verified", "\(i) 已核实")
        case let .figuresUpdated(i, f):
            let parts = Figures.Field.allCases.filter { f[$0] > 0 }
            let en = parts.map { "\($0.name.en) \(f[$0])" }.joined(separator: ", ")
            let zh = parts.map { "\($0.name.zh) \(f[$0])" }.joined(separator: "，")
            return Bilingual("\(i) figures: \(en.isEmpty ? "none" : en)", "\(i) 数据：\(zh.isEmpty ? "无" : zh)")
        case let .levelRaised(i, from, to, reason):
            return Bilingual("\(i) level raised \(from.roman) → \(to.roman): \(reason)", "\(i) 响应级别提升 \(from.roman) → \(to.roman)：\(reason)")
        case let .levelLowered(i, from, to, reason):
            return Bilingual("\(i) level lowered \(from.roman) → \(to.roman): \(reason)", "\(i) 响应级别降低 \(from.roman) → \(to.roman)：\(reason)")
        case let .statusChanged(i, from, to):
            return Bilingual("\(i) \(from.name.en) → \(to.name.en)", "\(i) \(from.name.zh) → \(to.name.zh)")
        case let .incidentCancelled(i, reason): return Bilingual("\(i) cancelled: \(reason)", "\(i) 已撤销：\(reason)")
        case let .incidentMarkedFalseAlarm(i, reason): return Bilingual("\(i) false alarm: \(reason)", "\(i) 误报：\(reason)")
        case let .incidentClosed(i, summary): return Bilingual("\(i) closed: \(summary)", "\(i) 已结案：\(summary)")
        case let .incidentReopened(i, reason): return Bilingual("\(i) reopened: \(reason)", "\(i) 重新打开：\(reason)")
        case let .causeLinked(i, cause): return Bilingual("\(i) linked: caused by \(cause)", "\(i) 已关联：由 \(cause) 引发")
        case let .checklistItemDone(i, item): return Bilingual("\(i) checklist: \(item) done", "\(i) 检查项：\(item) 已完成")
        case let .noteAdded(i, text): return Bilingual("\(i) note: \(text)", "\(i) 备注：\(text)")
        case let .reportFiled(i, stage): return Bilingual("\(i) report filed to \(stage)", "\(i) 已报送 \(stage)")
        case let .teamRegistered(p): return Bilingual("team \(p.id) registered: \(p.name.en)", "队伍 \(p.id) 登记：\(p.name.zh)")
        case let .teamAssigned(t, i): return Bilingual("\(t) dispatched to \(i)", "\(t) 派往 \(i)")
        case let .teamStatusChanged(t, from, to): return Bilingual("\(t) \(from.name.en) → \(to.name.en)", "\(t) \(from.name.zh) → \(to.name.zh)")
        case let .teamReleased(t, i): return Bilingual("\(t) released from \(i)", "\(t) 撤离 \(i)")
        case let .responseDeclared(r, hazard, level, districts, reason):
            let area = districts.isEmpty ? "whole city" : districts.joined(separator: ", ")
            let areaZh = districts.isEmpty ? "全市" : districts.joined(separator: "、")
            return Bilingual("\(r) \(hazard.name.en) response level \(level.roman), \(area): \(reason)", "\(r) 启动\(hazard.name.zh) \(level.roman) 级响应，\(areaZh)：\(reason)")
        case let .responseAdjusted(r, level, districts, reason):
            if districts == [EmergencyResponse.wholeCity] {
                return Bilingual(
                    "\(r) city-wide level \(level.roman) (every district has its own now): \(reason)", "\(r) 全市统一级别改为 \(level.roman)（各区均已单独定级）：\(reason)")
            }
            let area = districts.isEmpty ? "whole city" : districts.joined(separator: ", ")
            let areaZh = districts.isEmpty ? "全市" : districts.joined(separator: "、")
            return Bilingual("\(r) adjusted to level \(level.roman), \(area): \(reason)", "\(r) 调整为 \(level.roman) 级，\(areaZh)：\(reason)")
        case let .responseEnded(r, reason): return Bilingual("\(r) ended: \(reason)", "\(r) 终止：\(reason)")
        case let .incidentJoinedResponse(i, r): return Bilingual("\(i) placed under \(r)", "\(i) 纳入 \(r)")
        case let .warningIssued(w):
            let area = w.districts.isEmpty ? "whole city" : w.districts.joined(separator: ", ")
            let areaZh = w.districts.isEmpty ? "全市" : w.districts.joined(separator: "、")
            let replaces = (w.supersedes ?? []).map(\.description)
            let en = replaces.isEmpty ? "" : ", replacing " + replaces.joined(separator: ", ")
            let zh = replaces.isEmpty ? "" : "，替代 " + replaces.joined(separator: "、")
            return Bilingual(
                "\(w.id) \(w.color.name.en) \(w.hazard.name.en) warning for \(area) by \(w.authority)\(en)", "\(w.id) \(w.authority) 发布\(w.hazard.name.zh)\(w.color.name.zh)预警：\(areaZh)\(zh)")
        case let .warningLifted(w, reason): return Bilingual("\(w) lifted: \(reason)", "\(w) 解除：\(reason)")
        case let .pageSent(p):
            if p.person.isEmpty { return Bilingual("\(p.incident) escalation step \(p.index + 1): nobody on call to page", "\(p.incident) 升级第 \(p.index + 1) 步：无人值班可呼") }
            let role = p.role.map { " (\($0.name.en))" } ?? ""
            let roleZh = p.role.map { "（\($0.name.zh)）" } ?? ""
            return Bilingual("\(p.incident) paged \(p.person)\(role): \(p.trigger.rawValue), step \(p.index + 1)", "\(p.incident) 已寻呼 \(p.person)\(roleZh)：\(p.trigger.rawValue)，第 \(p.index + 1) 步")
        case let .pageAcknowledged(id, _): return Bilingual("page \(id) acknowledged", "寻呼 \(id) 已确认")
        case let .pageNotified(id, _, n): return Bilingual("page \(id) delivered by the notify command (attempt \(n))", "寻呼 \(id) 已由通知程序送达（第 \(n) 次）")
        case let .pageNotifyFailed(id, _, n, error): return Bilingual("page \(id) notify attempt \(n) failed: \(error)", "寻呼 \(id) 第 \(n) 次通知失败：\(error)")
        case let .pageCancelled(id, _): return Bilingual("page \(id) withdrawn", "寻呼 \(id) 已撤回")
        case let .drillScheduled(d):
            let mode = d.disclosure == .blind ? ("blind", "双盲") : ("marked", "标记")
            if d.isSealedFrame && d.name.en.isEmpty && d.name.zh.isEmpty {
                return Bilingual("drill \(d.id) scheduled (\(mode.0)), sealed to its key", "演练 \(d.id) 已安排（\(mode.1)），已用其密钥加密")
            }
            return Bilingual("drill \(d.id) scheduled (\(mode.0)): \(d.name.en)", "演练 \(d.id) 已安排（\(mode.1)）：\(d.name.zh)")
        case let .injectFired(d, inject, incident, _, _, contingency, _, _):
            let on = incident.map { " on \($0)" } ?? ""
            let onZh = incident.map { "（\($0)）" } ?? ""
            let kind = contingency ? ("contingency ", "应变") : ("", "")
            return Bilingual("drill \(d): \(kind.0)inject \(inject) fired\(on)", "演练 \(d)：\(kind.1)注入 \(inject) 已触发\(onZh)")
        case let .injectSkipped(d, inject, reason): return Bilingual("drill \(d): inject \(inject) not fired: \(reason.text.en)", "演练 \(d)：注入 \(inject) 未触发：\(reason.text.zh)")
        case let .drillEnded(d, reason, aborted):
            return aborted ? Bilingual("drill \(d) ABORTED: \(reason)", "演练 \(d) 已中止：\(reason)") : Bilingual("drill \(d) ended: \(reason)", "演练 \(d) 结束：\(reason)")
        case let .actionRefused(_, action, reason): return Bilingual("REFUSED: \(action) — \(reason)", "已拒绝：\(action)——\(reason)")
        case let .teamUpdated(p): return Bilingual("team \(p.id) updated: \(p.name.en)", "队伍 \(p.id) 已更新：\(p.name.zh)")
        case let .teamRetired(t, reason): return Bilingual("team \(t) retired: \(reason)", "队伍 \(t) 已撤编：\(reason)")
        case let .facilityRegistered(f):
            return Bilingual("\(f.kind.name.en) \(f.id) registered: \(f.name.en)", "\(f.kind.name.zh) \(f.id) 已登记：\(f.name.zh)")
        case let .facilityUpdated(f):
            return Bilingual("\(f.kind.name.en) \(f.id) updated: \(f.name.en)", "\(f.kind.name.zh) \(f.id) 已更新：\(f.name.zh)")
        case let .shelterOpened(id, reason, incident):
            return Bilingual("shelter \(id) opened" + (incident.map { " for \($0)" } ?? "") + ": \(reason)", "避难场所 \(id) 开放" + (incident.map { "（\($0)）" } ?? "") + "：\(reason)")
        case let .shelterClosed(id, reason, incident):
            return Bilingual("shelter \(id) closed" + (incident.map { " for \($0)" } ?? "") + ": \(reason)", "避难场所 \(id) 关闭" + (incident.map { "（\($0)）" } ?? "") + "：\(reason)")
        case let .sheltered(id, count, incident):
            return Bilingual("\(count) checked in at shelter \(id)" + (incident.map { " from \($0)" } ?? ""), "\(count) 人入住避难场所 \(id)" + (incident.map { "（来自 \($0)）" } ?? ""))
        case let .shelterLeft(id, count, _): return Bilingual("\(count) checked out of shelter \(id)", "\(count) 人离开避难场所 \(id)")
        case let .stockReceived(depot, item, q, note):
            return Bilingual("\(depot) received \(q) \(item)" + (note.isEmpty ? "" : ": \(note)"), "\(depot) 入库 \(item) \(q)" + (note.isEmpty ? "" : "：\(note)"))
        case let .stockIssued(depot, item, q, note):
            return Bilingual("\(depot) issued \(q) \(item)" + (note.isEmpty ? "" : ": \(note)"), "\(depot) 出库 \(item) \(q)" + (note.isEmpty ? "" : "：\(note)"))
        case let .stockMinimumSet(depot, item, m): return Bilingual("\(depot) keeps at least \(m) \(item)", "\(depot) \(item) 最低储备 \(m)")
        case let .supplyRequested(r):
            let items = r.items.map { "\($0.item)=\($0.quantity)" }.joined(separator: ", ")
            let what = r.incident?.description ?? r.shelter?.description ?? ""
            return Bilingual("supply request \(r.id) for \(what) (\(r.priority.name.en)): \(items)", "物资申请 \(r.id)（\(what)，\(r.priority.name.zh)）：\(items)")
        case let .supplyApproved(id): return Bilingual("supply request \(id) approved", "物资申请 \(id) 已批准")
        case let .supplyCommitted(id, depot, items):
            let list = items.map { "\($0.item)=\($0.quantity)" }.joined(separator: ", ")
            return Bilingual("\(depot) committed to \(id): \(list)", "\(depot) 落实 \(id)：\(list)")
        case let .supplyDispatched(id, depot): return Bilingual("\(depot) sent its part of \(id)", "\(depot) 已发出 \(id) 的物资")
        case let .supplyDelivered(id, depot): return Bilingual("\(depot)'s part of \(id) delivered", "\(depot) 的 \(id) 物资已送达")
        case let .aidRequested(r):
            let what = (r.capabilities.map { "\($0.capability.rawValue)×\($0.count)" } + r.items.map { "\($0.item)=\($0.quantity)" }).joined(separator: ", ")
            return Bilingual("\(r.id): help asked of \(r.to) for \(r.incident): \(what)", "\(r.id)：为 \(r.incident) 请求\(r.to)支援：\(what)")
        case let .aidOffered(id, o):
            return Bilingual("\(o.from) offers \(o.teams.count) teams for \(id)", "\(o.from) 为 \(id) 提供 \(o.teams.count) 支队伍")
        case let .aidAccepted(id, k): return Bilingual("offer \(k) for \(id) accepted", "已接受 \(id) 的第 \(k) 个响应")
        case let .aidReleased(id, reason): return Bilingual("visiting teams of \(id) released: \(reason)", "\(id) 的支援队伍返回：\(reason)")
        case let .sitrepDrafted(v):
            return Bilingual(
                "\(v.incident) situation report v\(v.version) (\(v.stage.name.en), \(v.edited ? "edited" : "drafted from the record"), sha256 \(v.sha256.prefix(12)))",
                "\(v.incident) 信息报告第 \(v.version) 版（\(v.stage.name.zh)，\(v.edited ? "已修改" : "据记录起草")，sha256 \(v.sha256.prefix(12))）")
        case let .sitrepApproved(i, version, hash):
            return Bilingual("\(i) situation report v\(version) approved (sha256 \(hash.prefix(12)))", "\(i) 信息报告第 \(version) 版已审核（sha256 \(hash.prefix(12))）")
        case let .handoverAccepted(h):
            let from = h.from.map { " from \($0)" } ?? ""
            let fromZh = h.from.map { "（交班人 \($0)）" } ?? ""
            return Bilingual(
                "shift handover accepted\(from): \(h.openIncidents) open incidents\(h.sha256.map { ", brief sha256 \($0.prefix(12))" } ?? "")",
                "已接班\(fromZh)：未结事件 \(h.openIncidents) 起\(h.sha256.map { "，简报 sha256 \($0.prefix(12))" } ?? "")")
        case let .correctiveActionRaised(a):
            return Bilingual(
                "corrective action \(a.id) for \(a.drill) \(a.objective) (\(a.category.name.en), \(a.owner), due \(CentreTime.format(a.due))): \(a.text)",
                "改进措施 \(a.id)（\(a.drill) \(a.objective)，\(a.category.name.zh)，责任人 \(a.owner)，期限 \(CentreTime.format(a.due))）：\(a.text)")
        case let .correctiveActionUpdated(id, status, note):
            return Bilingual("corrective action \(id) \(status.name.en)\(note.isEmpty ? "" : ": \(note)")", "改进措施 \(id) \(status.name.zh)\(note.isEmpty ? "" : "：\(note)")")
        case let .drillObserved(d, about, text):
            return Bilingual("\(d) observation on \(about): \(text)", "\(d) 关于 \(about) 的观察：\(text)")
        case let .drillExpectationScored(d, inject, expectation, outcome, note):
            return Bilingual(
                "\(d) \(inject) manual expectation \(expectation) scored \(outcome.name.en)\(note.isEmpty ? "" : ": \(note)")",
                "\(d) \(inject) 人工预期 \(expectation) 评为\(outcome.name.zh)\(note.isEmpty ? "" : "：\(note)")")
        case let .drillObjectiveJudged(d, objective, rating, reason):
            guard let rating else { return Bilingual("\(d) objective \(objective): computed rating accepted", "\(d) 目标 \(objective)：认可计算评定") }
            return Bilingual("\(d) objective \(objective) rated \(rating.rawValue) by the evaluator: \(reason)", "\(d) 目标 \(objective) 经评估员评定为 \(rating.rawValue)：\(reason)")
        case let .sitrepFiled(i, version, to, hash):
            return Bilingual(
                "\(i) situation report v\(version) filed\(to.map { " to \($0)" } ?? "") (sha256 \(hash.prefix(12)))",
                "\(i) 信息报告第 \(version) 版已报送\(to.map { " \($0)" } ?? "")（sha256 \(hash.prefix(12))）")
        case let .feedReceived(r): return Bilingual("\(r.incident) from feed \(r.source) \(r.external)", "\(r.incident) 来自数据源 \(r.source) \(r.external)")
        case let .capAlertReceived(r):
            let did: Bilingual
            switch r.msgType {
            case .cancel: did = Bilingual("cancels \(r.changed.map(\.description).joined(separator: ", "))", "取消 \(r.changed.map(\.description).joined(separator: "、"))")
            case .update, .alert, .ack, .error:
                let made = r.warning.map(\.description) ?? "-"
                if let later = r.overtakenBy {
                    did = Bilingual("arrived after \(later): no warning", "晚于 \(later) 到达：无预警")
                } else if r.changed.isEmpty {
                    did = Bilingual("is \(made)", "即 \(made)")
                } else {
                    did = Bilingual("is \(made), replacing \(r.changed.map(\.description).joined(separator: ", "))", "即 \(made)，取代 \(r.changed.map(\.description).joined(separator: "、"))")
                }
            }
            let unknown =
                r.unknownReferences.isEmpty
                ? Bilingual("", "")
                : Bilingual("; unknown references: \(r.unknownReferences.map(\.identifier).joined(separator: ", "))", "；未知引用：\(r.unknownReferences.map(\.identifier).joined(separator: "、"))")
            return Bilingual("CAP \(r.msgType.rawValue) \(r.identifier) from \(r.sender) \(did.en)\(unknown.en)", "CAP \(r.msgType.rawValue) \(r.identifier)（\(r.sender)）\(did.zh)\(unknown.zh)")
        case let .feedAdvanced(p):
            return Bilingual(
                "feed \(p.feed) read to line \(p.line) (\(p.applied) applied, \(p.duplicates) duplicates, \(p.updated) updated, \(p.rejected) rejected)",
                "数据源 \(p.feed) 已读至第 \(p.line) 行（应用 \(p.applied)，重复 \(p.duplicates)，更新 \(p.updated)，拒收 \(p.rejected)）")
        case let .facilityRetired(id, reason):
            return Bilingual("facility \(id) retired: \(reason)", "设施 \(id) 已撤销：\(reason)")
        case let .journalSealed(d, _):
            return Bilingual("\(d) journal entry, sealed to the drill's key", "\(d) 日志条目，已用演练密钥加密")
        case let .rosterAdopted(digest, source):
            return Bilingual("roster adopted: \(source) (sha256 \(digest.prefix(12))…)", "启用值班表：\(source)（sha256 \(digest.prefix(12))…）")
        case let .aidArrived(id): return Bilingual("visiting teams of \(id) arrived at the meeting point", "\(id) 的支援队伍已到达会合地点")
        case let .aidMessageReceived(m):
            let what = m.step.summary
            return Bilingual(
                "from \(m.from) (its event \(m.seq), hash \(m.hash.prefix(12))): \(what.en)", "来自 \(m.from)（其第 \(m.seq) 条事件，哈希 \(m.hash.prefix(12))）：\(what.zh)")
        case let .aidMessageDelivered(to, seq, r):
            return Bilingual(
                "event \(seq) received by \(to) (its event \(r.seq), hash \(r.hash.prefix(12)))", "第 \(seq) 条事件已由 \(to) 收到（其第 \(r.seq) 条事件，哈希 \(r.hash.prefix(12))）")
        case let .centreUnreachable(c, _, reason): return Bilingual("\(c) unreachable: \(reason)", "无法联系 \(c)：\(reason)")
        case let .centreReachable(c): return Bilingual("\(c) reachable again", "已恢复联系 \(c)")
        case let .boardShared(c): return Bilingual("board shared with \(c)", "已向 \(c) 共享态势")
        case let .boardUnshared(c): return Bilingual("board no longer shared with \(c)", "已停止向 \(c) 共享态势")
        }
    }
}

extension AidStep {
    /// One line on what the step says.
    public var summary: Bilingual {
        switch self {
        case let .request(r):
            let what = (r.capabilities.map { "\($0.capability.rawValue)×\($0.count)" } + r.items.map { "\($0.item)=\($0.quantity)" }).joined(separator: ", ")
            return Bilingual("request \(r.id) for \(r.incident): \(what)", "支援请求 \(r.id)（\(r.incident)）：\(what)")
        case let .offer(id, o):
            let teams = o.teams.map(\.id.raw).joined(separator: ", ")
            return Bilingual("offer on \(id): \(teams)", "响应 \(id)：\(teams)")
        case let .accept(id, k, _): return Bilingual("offer \(k) on \(id) accepted", "已接受 \(id) 的第 \(k) 个响应")
        case let .arrived(id): return Bilingual("the teams of \(id) arrived", "\(id) 的队伍已到达")
        case let .release(id, reason): return Bilingual("the teams of \(id) released: \(reason)", "\(id) 的队伍返回：\(reason)")
        }
    }
}
