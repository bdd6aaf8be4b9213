import CommandModel
import Foundation
import Testing

/// Situation reports: drafted from the record in the statutory first/follow-up/final shape,
/// approved by a leader, filed against the reporting deadline, versions kept, changes since the
/// last report marked.
@Suite("Situation reports")
struct SitrepTests {
    static let id = IncidentID(1)

    /// A scripted flood night: reported at minute 0 (1 dead, 3 missing), acknowledged, level III
    /// at minute 5, a boat team sent at 10, the phone report filed at 20, the district notified
    /// at 25; now minute 50.
    func night() throws -> Scenario {
        var s = Scenario()
        s.run(try line("report flood at cell:4,4 deaths=1 missing=3 title \"Flash flood, Yanchi\""), .incident(.acknowledge(Self.id)))
        s.now = t0 + 5 * 60
        s.run(try line("level INC-0001 III three missing, water rising"))
        s.now = t0 + 10 * 60
        s.run(.team(.register(team("FR-1", [.floodRescue], at: Cell(x: 1, y: 1)))), .team(.assign(TeamID("FR-1"), to: Self.id)))
        s.now = t0 + 20 * 60
        s.run(try line("filed INC-0001 city-phone"))
        s.now = t0 + 25 * 60
        s.run(try line("check INC-0001 notify-district"))
        s.now = t0 + 50 * 60
        return s
    }

    func draft(_ s: Scenario, _ stage: SitrepStage? = nil) throws -> SituationReport {
        try #require(SituationReport.draft(Self.id, stage: stage, state: s.state, plans: s.plans, grid: s.grid, now: s.now, markExercise: false))
    }

    @Test func theFirstReportAtMinute50SaysWhatTheRecordSays() throws {
        let s = try night()
        let report = try draft(s)
        #expect(report.stage == .first && report.version == 1 && report.since == nil)
        #expect(report.markdown(.zh) == Self.firstZh, "\(textDiff(report.markdown(.zh), Self.firstZh))")
        #expect(report.markdown(.en) == Self.firstEn, "\(textDiff(report.markdown(.en), Self.firstEn))")
        #expect(report.plainText(.en).contains("  · Deaths: 1") && !report.plainText(.en).contains("##"))
    }

    @Test func draftedApprovedAndFiledItClosesTheOneHourDeadline() throws {
        var s = try night()
        // Given the draft on the record
        let drafted = try #require(s.when(try line("sitrep draft INC-0001")).events)
        guard case let .sitrepDrafted(v)? = drafted.first else { Issue.record("\(drafted)"); return }
        #expect(v.version == 1 && v.stage == .first && v.language == .zh && !v.edited)
        #expect(v.text == Self.firstZh && v.sha256 == SHA256Hex.of(Self.firstZh))
        // When it is filed before a leader approved it: refused
        #expect(s.trying(try line("sitrep file INC-0001")).rejection == .sitrepNotApproved(Self.id, version: 1))
        #expect(s.trying(try line("sitrep approve INC-0001 v2")).rejection == .sitrepNotLatest(Self.id, version: 2, latest: 1))
        s.run(try line("sitrep approve INC-0001"))
        #expect(s.trying(try line("sitrep approve INC-0001")).rejection == .sitrepAlreadyApproved(Self.id, version: 1))
        // Then filing closes the soonest deadline still open: the written report within the hour
        let filed = try #require(s.when(try line("sitrep file INC-0001")).events)
        #expect(filed == [.reportFiled(incident: Self.id, stage: "city-written"), .sitrepFiled(incident: Self.id, version: 1, to: "city-written", sha256: v.sha256)])
        let written = try #require(s.state.incidents[Self.id]?.deadlines(at: s.now, plans: s.plans).first { $0.stage.id == "city-written" })
        #expect(written.standing == .filed(s.now) && written.due == t0 + 3600)
        #expect(s.state.sitreps[Self.id]?.lastFiled?.figuresFiled == Figures(deaths: 1, missing: 3))
        #expect(s.trying(try line("sitrep file INC-0001")).rejection == .sitrepAlreadyFiled(Self.id, version: 1))
    }

    @Test func aFollowUpMarksWhatChangedSinceTheFirst() throws {
        var s = try night()
        s.run(try line("sitrep draft INC-0001"), try line("sitrep approve INC-0001"), try line("sitrep file INC-0001"))
        // Given the night goes on: one more dead, one missing found, level II
        s.now = t0 + 80 * 60
        s.run(try line("figures INC-0001 deaths=2 missing=2"), try line("level INC-0001 II second death"))
        s.now = t0 + 90 * 60
        // When the next report is drafted
        let report = try draft(s)
        // Then it is a follow-up, version 2, with the changes marked
        #expect(report.stage == .followup && report.version == 2 && report.since?.version == 1)
        #expect(report.markdown(.zh) == Self.followupZh, "\(textDiff(report.markdown(.zh), Self.followupZh))")
        #expect(report.markdown(.en) == Self.followupEn, "\(textDiff(report.markdown(.en), Self.followupEn))")
        // Filing it with nothing left to close at its level's deadlines is still on the record
        s.run(try line("sitrep draft INC-0001"), try line("sitrep approve INC-0001"))
        let filed = try #require(s.when(try line("sitrep file INC-0001 to state-duty")).events)
        #expect(filed.first == .reportFiled(incident: Self.id, stage: "state-duty"))
        #expect(s.state.sitreps[Self.id]?.versions.map(\.version) == [1, 2])
    }

    @Test func anEditedVersionKeepsItsOwnTextAndHash() throws {
        var s = try night()
        let text = "# 首报\n\n- 死亡 1 人，失踪 3 人（经现场核实）\n"
        let events = try #require(s.when(.report(.draftSitrep(Self.id, stage: nil, language: .zh, text: text))).events)
        #expect(events == [.sitrepDrafted(sitrep: SitrepVersion(incident: Self.id, stage: .first, version: 1, language: .zh, text: text, edited: true))])
        #expect(s.state.sitreps[Self.id]?.latest?.sha256 == SHA256Hex.of(text))
        // A second version supersedes it: approval is for the latest only
        s.run(try line("sitrep draft INC-0001 en"))
        #expect(s.trying(.report(.approveSitrep(Self.id, version: 1))).rejection == .sitrepNotLatest(Self.id, version: 1, latest: 2))
        #expect(s.state.sitreps[Self.id]?.latest?.language == .en)
        // Bounded where it is decided; empty refused
        let long = String(repeating: "字", count: Limits.reportText + 1)
        guard case .outOfBounds? = s.trying(.report(.draftSitrep(Self.id, stage: nil, language: .zh, text: long))).rejection else {
            Issue.record("a text beyond the limit was accepted")
            return
        }
        #expect(s.trying(.report(.draftSitrep(Self.id, stage: nil, language: .zh, text: "  \n"))).rejection == .emptyText("situation report"))
        // A draft the record makes too long is bounded too
        var busy = s
        for k in 0..<9 { busy.run(.incident(.addNote(Self.id, text: String(repeating: "水", count: Limits.text - 10) + "\(k)"))) }
        guard case .outOfBounds? = busy.trying(try line("sitrep draft INC-0001")).rejection else {
            Issue.record("a draft beyond the limit was accepted")
            return
        }
        #expect(s.trying(try line("sitrep approve INC-0009")).rejection == .unknownIncident(IncidentID(9)))
        #expect(s.trying(.report(.fileSitrep(IncidentID(1), stage: nil))).rejection == .sitrepNotApproved(Self.id, version: 2))
    }

    @Test func aBlindDrillsReportLooksRealToPlayersUntilTheEnd() throws {
        var s = Scenario()
        s.run(.drill(.schedule(drillInfo(.blind))))
        s.exercise = "DRL-1"
        s.run(try line("report flood at cell:4,4 deaths=1"))
        s.exercise = nil
        let during = try #require(s.when(try line("sitrep draft INC-0001")).events)
        guard case let .sitrepDrafted(v)? = during.first else { Issue.record("\(during)"); return }
        #expect(!v.text.contains("演练") && !v.text.contains("DRL-1"))
        // Its events belong to the drill all the same
        #expect(s.state.exercise(ofBatch: during, actingIn: nil) == "DRL-1")
        s.run(.drill(.end(drill: "DRL-1", reason: "over", aborted: false)))
        let after = try #require(s.trying(try line("sitrep draft INC-0001 en")).events)
        guard case let .sitrepDrafted(w)? = after.first else { Issue.record("\(after)"); return }
        #expect(w.text.hasPrefix("# EXERCISE DRL-1 · First report"))
    }

    @Test func anAreaResponsesReportSumsItsIncidents() throws {
        var s = try night()
        s.run(try line("report flood at cell:2,2 deaths=2 evacuated=40 title \"Riverside\""))
        s.run(try line("respond flood II west for INC-0001 record rainfall"), try line("join INC-0002 RSP-1"))
        let report = try #require(SituationReport.draft(response: ResponseID(1), state: s.state, grid: s.grid, now: s.now, markExercise: false))
        #expect(report.response == ResponseID(1) && report.incident == nil)
        let en = report.markdown(.en)
        #expect(en.hasPrefix("# First report · RSP-1 flood response\n"), "\(en)")
        #expect(en.contains("- 2 incidents; deaths 3, missing 3, evacuated 40"), "\(en)")
        #expect(en.contains("- West: level II") && en.contains("- FR-1 FR-1: dispatched · INC-0001"), "\(en)")
        #expect(report.markdown(.zh).contains("- 事件 2 起；死亡 3，失踪 3，转移安置 40"))
        #expect(SituationReport.draft(response: ResponseID(9), state: s.state, now: s.now, markExercise: false) == nil)
    }

    @Test(arguments: ["", "abc", String(repeating: "a", count: 56), String(repeating: "a", count: 1000)])
    func sha256MatchesTheStandardsVectors(_ input: String) {
        let expected: [String: String] = [
            "": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "abc": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            String(repeating: "a", count: 56): "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
            String(repeating: "a", count: 1000): "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3",
        ]
        #expect(SHA256Hex.of(input) == expected[input])
    }

    @Test func theGrammarTakesEverySitrepLine() throws {
        #expect(try line("sitrep draft INC-0001 final en") == .report(.draftSitrep(Self.id, stage: .final, language: .en, text: nil)))
        #expect(try line("sitrep draft INC-0001") == .report(.draftSitrep(Self.id, stage: nil, language: .zh, text: nil)))
        #expect(try line("信息报告 起草 INC-0001 续报") == .report(.draftSitrep(Self.id, stage: .followup, language: .zh, text: nil)))
        #expect(try line("sitrep approve INC-0001 v3") == .report(.approveSitrep(Self.id, version: 3)))
        #expect(try line("sitrep file INC-0001 to city") == .report(.fileSitrep(Self.id, stage: "city")))
        #expect(throws: GrammarError.self) { try Grammar.parse("sitrep draft INC-0001 second", now: t0) }
        #expect(throws: GrammarError.self) { try Grammar.parse("sitrep approve INC-0001 vx", now: t0) }
    }

    static let firstZh = """
        # 首报 · INC-0001 Flash flood, Yanchi

        > INC-0001 第 1 次报告，据记录起草于 2026-07-26 02:10:00 +08:00

        ## 1. 事件概况

        - Flash flood, Yanchi（洪水）
        - 地点：西区
        - 接报：2026-07-26 01:20:00 +08:00，报告人 li.na
        - 状态：处置中，尚未核实

        ## 2. 人员伤亡和财产损失

        - 死亡：1
        - 失踪：3

        ## 3. 响应级别

        - 当前响应级别：III 级
        - 2026-07-26 01:25:00 +08:00 未定级 → III 级，li.na：three missing, water rising

        ## 4. 投入力量和物资

        - FR-1：已派出（自 2026-07-26 01:30:00 +08:00）

        ## 5. 转移安置

        - 暂无人员转移安置

        ## 6. 已采取的措施

        - 2026-07-26 01:45:00 +08:00 通知区防汛办

        ## 7. 需求和缺口

        - 队伍缺口：医疗救护 缺 1（需 1）

        ## 8. 下一步工作

        - 开放就近避难场所（III 级）

        ## 9. 信息报送

        - 市值班室（电话）：已报送 2026-07-26 01:40:00 +08:00
        - 市值班室（书面）：时限 2026-07-26 02:20:00 +08:00，仅剩 10 分钟

        """

    static let firstEn = """
        # First report · INC-0001 Flash flood, Yanchi

        > Report 1 on INC-0001, drafted from the record at 2026-07-26 02:10:00 +08:00

        ## 1. What happened

        - Flash flood, Yanchi (flood)
        - Where: West
        - Reported: 2026-07-26 01:20:00 +08:00 by li.na
        - Status: responding, not yet verified

        ## 2. Casualties and losses

        - Deaths: 1
        - Missing: 3

        ## 3. Response level

        - Response level now: III
        - 2026-07-26 01:25:00 +08:00 none → III by li.na: three missing, water rising

        ## 4. Teams and supplies committed

        - FR-1: dispatched since 2026-07-26 01:30:00 +08:00

        ## 5. Shelters and evacuees

        - No evacuation reported

        ## 6. Actions taken

        - 2026-07-26 01:45:00 +08:00 Notify the district flood-control office

        ## 7. Needs and shortfalls

        - Teams short: medical 1 of 1

        ## 8. Next steps

        - Open the nearest shelters (level III)

        ## 9. Reporting

        - Municipal duty office (phone): filed 2026-07-26 01:40:00 +08:00
        - Municipal duty office (written): due 2026-07-26 02:20:00 +08:00, only 10 min left

        """

    static let followupZh = """
        # 续报 · INC-0001 Flash flood, Yanchi

        > INC-0001 第 2 次报告，据记录起草于 2026-07-26 02:50:00 +08:00
        > 自 2026-07-26 02:10:00 +08:00 报送的第 1 次报告以来的变化以 ▲ 标出

        ## 1. 事件概况

        - Flash flood, Yanchi（洪水）
        - 地点：西区
        - 接报：2026-07-26 01:20:00 +08:00，报告人 li.na
        - 状态：处置中，尚未核实

        ## 2. 人员伤亡和财产损失

        - ▲ 死亡：1 → 2 (+1)
        - ▲ 失踪：3 → 2 (-1)

        ## 3. 响应级别

        - ▲ 当前响应级别：III 级 → II 级
        - 2026-07-26 01:25:00 +08:00 未定级 → III 级，li.na：three missing, water rising
        - ▲ 2026-07-26 02:40:00 +08:00 III 级 → II 级，li.na：second death

        ## 4. 投入力量和物资

        - FR-1：已派出（自 2026-07-26 01:30:00 +08:00）

        ## 5. 转移安置

        - 暂无人员转移安置

        ## 6. 已采取的措施

        - 2026-07-26 01:45:00 +08:00 通知区防汛办

        ## 7. 需求和缺口

        - 队伍缺口：防汛抢险 缺 1（需 2）
        - 队伍缺口：医疗救护 缺 1（需 1）
        - 队伍缺口：搜救 缺 1（需 1）

        ## 8. 下一步工作

        - 开放就近避难场所（III 级）
        - 启动市防汛指挥部（II 级）
        - 通报天津、河北（II 级）

        ## 9. 信息报送

        - 市值班室（电话）：已报送 2026-07-26 01:40:00 +08:00
        - 市值班室（书面）：已报送 2026-07-26 02:10:00 +08:00
        - 国务院总值班室：时限 2026-07-26 06:40:00 +08:00，剩 230 分钟
        - 首次权威信息发布：时限 2026-07-26 07:40:00 +08:00，剩 290 分钟
        - 新闻发布会：时限 2026-07-27 02:40:00 +08:00，剩 1430 分钟

        """

    static let followupEn = """
        # Follow-up report · INC-0001 Flash flood, Yanchi

        > Report 2 on INC-0001, drafted from the record at 2026-07-26 02:50:00 +08:00
        > Since report 1 filed at 2026-07-26 02:10:00 +08:00: changes are marked ▲

        ## 1. What happened

        - Flash flood, Yanchi (flood)
        - Where: West
        - Reported: 2026-07-26 01:20:00 +08:00 by li.na
        - Status: responding, not yet verified

        ## 2. Casualties and losses

        - ▲ Deaths: 1 → 2 (+1)
        - ▲ Missing: 3 → 2 (-1)

        ## 3. Response level

        - ▲ Response level now: III → II
        - 2026-07-26 01:25:00 +08:00 none → III by li.na: three missing, water rising
        - ▲ 2026-07-26 02:40:00 +08:00 III → II by li.na: second death

        ## 4. Teams and supplies committed

        - FR-1: dispatched since 2026-07-26 01:30:00 +08:00

        ## 5. Shelters and evacuees

        - No evacuation reported

        ## 6. Actions taken

        - 2026-07-26 01:45:00 +08:00 Notify the district flood-control office

        ## 7. Needs and shortfalls

        - Teams short: flood rescue 1 of 2
        - Teams short: medical 1 of 1
        - Teams short: search and rescue 1 of 1

        ## 8. Next steps

        - Open the nearest shelters (level III)
        - Activate the municipal flood-control HQ (level II)
        - Notify Tianjin and Hebei (level II)

        ## 9. Reporting

        - Municipal duty office (phone): filed 2026-07-26 01:40:00 +08:00
        - Municipal duty office (written): filed 2026-07-26 02:10:00 +08:00
        - State Council duty office: due 2026-07-26 06:40:00 +08:00, 230 min left
        - First public information: due 2026-07-26 07:40:00 +08:00, 290 min left
        - Press conference: due 2026-07-27 02:40:00 +08:00, 1430 min left

        """

}

/// The first lines that differ between two texts, numbered (for a failing comparison).
private func textDiff(_ a: String, _ b: String) -> String {
    let x = a.split(separator: "\n", omittingEmptySubsequences: false), y = b.split(separator: "\n", omittingEmptySubsequences: false)
    var out: [String] = []
    for k in 0..<max(x.count, y.count) where (k < x.count ? x[k] : "") != (k < y.count ? y[k] : "") {
        out.append("line \(k + 1):\n- \(k < x.count ? x[k] : "")\n+ \(k < y.count ? y[k] : "")")
    }
    return out.prefix(10).joined(separator: "\n")
}
