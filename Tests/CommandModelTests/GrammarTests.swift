import CommandModel
import Foundation
import Testing

@Suite("The command grammar")
struct GrammarTests {
    func parse(_ line: String) throws -> [Command] { try Grammar.parse(line, now: t0) }

    func error(_ line: String) -> GrammarError? {
        do { _ = try Grammar.parse(line, now: t0); return nil } catch { return error }
    }

    @Test func report() throws {
        let c = try parse(#"report flood at mentougou title "Flash flood, Yanchi" deaths=2 missing=5 caused-by INC-12"#)
        #expect(c == [.incident(.report(NewIncident(type: .flood, title: "Flash flood, Yanchi", place: .district("mentougou"), figures: Figures(deaths: 2, missing: 5), causedBy: IncidentID(12))))])
        #expect(try parse("report waterlogging at 39.9042,116.4074") == [.incident(.report(NewIncident(type: .urbanWaterlogging, place: .point(GeoPoint(lat: 39.9042, lon: 116.4074)))))])
        #expect(try parse("上报 火灾 在 cell:3,4 标题 “仓库起火”") == [.incident(.report(NewIncident(type: .fire, title: "仓库起火", place: .cell(Cell(x: 3, y: 4)))))])
    }

    @Test func everyVerbParses() throws {
        #expect(try parse("ack INC-0042") == [.incident(.acknowledge(IncidentID(42)))])
        #expect(try parse("verify 42") == [.incident(.verify(IncidentID(42)))])
        #expect(try parse("figures INC-7 deaths=12 loss=60_000_000") == [.incident(.updateFigures(IncidentID(7), FigureUpdate([.deaths: 12, .directLossCNY: 60_000_000])))])
        #expect(try parse("level INC-7 二级 12 dead, Decree 493") == [.incident(.setLevel(IncidentID(7), .ii, reason: "12 dead, Decree 493"))])
        #expect(try parse("status INC-7 on-scene") == [.incident(.setStatus(IncidentID(7), .onScene))])
        #expect(try parse("cancel INC-7 duplicate of INC-6") == [.incident(.cancel(IncidentID(7), reason: "duplicate of INC-6"))])
        #expect(try parse("false-alarm INC-7 prank") == [.incident(.markFalseAlarm(IncidentID(7), reason: "prank"))])
        #expect(try parse("close INC-7 \"all clear\"") == [.incident(.close(IncidentID(7), summary: "all clear"))])
        #expect(try parse("reopen INC-7 flare-up") == [.incident(.reopen(IncidentID(7), reason: "flare-up"))])
        #expect(try parse("link INC-8 caused-by INC-7") == [.incident(.linkCause(IncidentID(8), cause: IncidentID(7)))])
        #expect(try parse("check INC-7 activate-hq") == [.incident(.completeChecklistItem(IncidentID(7), item: "activate-hq"))])
        #expect(try parse("note INC-7 road G108 cut") == [.incident(.addNote(IncidentID(7), text: "road G108 cut"))])
        #expect(try parse("filed INC-7 district") == [.incident(.fileReport(IncidentID(7), stage: "district"))])
        #expect(try parse("assign INC-7 fr-07 MD-12") == [.team(.assign(TeamID("FR-07"), to: IncidentID(7))), .team(.assign(TeamID("MD-12"), to: IncidentID(7)))])
        #expect(try parse("team FR-07 en-route") == [.team(.setStatus(TeamID("FR-07"), .enRoute))])
        #expect(try parse("release FR-07") == [.team(.release(TeamID("FR-07")))])
        #expect(try parse("respond flood I city record rain") == [.area(.declareResponse(hazard: .flood, level: .i, districts: [], reason: "record rain"))])
        #expect(try parse("respond RSP-1 II dongcheng,xicheng rain eased") == [.area(.adjustResponse(ResponseID(1), level: .ii, districts: ["dongcheng", "xicheng"], reason: "rain eased"))])
        #expect(try parse("respond end RSP-1 over") == [.area(.endResponse(ResponseID(1), reason: "over"))])
        #expect(try parse("join INC-7 RSP-1") == [.area(.joinResponse(IncidentID(7), ResponseID(1)))])
        #expect(try parse("end-drill drl-3") == [.drill(.end(drill: "DRL-3", reason: "ended by the coordinator · 导调结束", aborted: false))])
        #expect(try parse("abort-drill DRL-3 real flood in Fangshan") == [.drill(.end(drill: "DRL-3", reason: "real flood in Fangshan", aborted: true))])
        #expect(error("abort-drill DRL-3")?.message.en.contains("reason") == true)
        #expect(error("end-drill INC-3")?.message.en.contains("not a drill id") == true)
        #expect(
            try parse("warn rainstorm red mentougou,fangshan until +6h by Beijing Meteorological Observatory") == [
                .area(.issueWarning(hazard: .rainstorm, color: .red, districts: ["mentougou", "fangshan"], authority: "Beijing Meteorological Observatory", expires: t0.addingTimeInterval(6 * 3600)))
            ])
        #expect(try parse("warn lift WRN-2 rain stopped") == [.area(.liftWarning(WarningID(2), reason: "rain stopped"))])
        // Every declared verb is reachable.
        #expect(Set(Grammar.verbs.map(\.name)).count == Grammar.verbs.count)
    }

    @Test(arguments: [
        ("akc INC-1", 1, "unknown command 'akc'"),
        ("ack INC-x", 5, "'INC-x' is not an incident id"),
        ("ack", 4, "expected an incident id"),
        ("ack INC-1 extra", 11, "unexpected 'extra'"),
        ("level INC-1 V too big", 13, "'V' is not a level"),
        ("level INC-1 II", 15, "expected a reason"),
        ("figures INC-1 deaths=x", 22, "'x' is not a whole number"),
        ("figures INC-1 dead=1 bodies=2", 22, "unknown figure 'bodies'"),
        ("report flood", 13, "where is it?"),
        ("report flood at mentougou title \"unclosed", 33, "never closed"),
        ("warn rainstorm II city by CMA", 16, "warnings are not response levels"),
        ("warn rainstorm red until 25:99 by CMA", 26, "is not a time"),
    ])
    func errorsNameTheColumn(line: String, column: Int, message: String) throws {
        let e = try #require(error(line))
        #expect(e.column == column, "\(e)")
        #expect(e.message.en.contains(message), "\(e)")
        #expect(!e.message.zh.isEmpty)
    }
}
