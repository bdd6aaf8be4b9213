import CommandModel
import EventLog
import Foundation
import Testing

/// `decision-hub exec` and `snapshot` on area responses, warnings and reporting stages: what a
/// wallboard or a report script reads.
@Suite("Area responses, warnings and stages at the command line", .serialized)
struct AreaCommandLineTests {
    let dir = TempDir()
    var store: String { dir.path("s.sqlite") }

    init() throws { _ = try SQLiteEventStore.create(path: dir.path("s.sqlite")) }

    @discardableResult
    func exec(_ line: String, status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation) throws -> ProcessResult {
        let r = try runHub(["exec", "--store", store, line])
        #expect(r.status == status, "\(line): \(r.stderr)", sourceLocation: sourceLocation)
        return r
    }

    func snapshot(_ lang: String = "en") throws -> String {
        let r = try runHub(["snapshot", "--store", store, "--width", "160", "--height", "30", "--lang", lang])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout
    }

    @Test func snapshotTextShowsEachDistrictsLevelAndClearsWhenTheResponseEnds() throws {
        try exec("respond flood I city record rainfall")
        try exec("respond RSP-1 III mentougou,fangshan eased in the west")
        let en = try snapshot()
        #expect(en.contains("FLOOD RESPONSE I: rest of city (14)"), "\(en)")
        #expect(en.contains("RSP-1 flood response · I rest of city (14) · III Mentougou, Fangshan"), "\(en)")
        #expect(try snapshot("zh").contains("RSP-1 洪水应急响应 · I级 其余14区 · III级 门头沟区、房山区"))
        try exec("respond end RSP-1 the rain has passed")
        let after = try snapshot()
        #expect(!after.contains("RSP-1") && !after.contains("RESPONSE"), "\(after)")
    }

    @Test func anUpgradedWarningReplacesTheOldOneOnTheRecordAndOnScreen() throws {
        try exec("warn rainstorm yellow fangshan by Beijing Meteorological Observatory")
        let r = try exec("warn rainstorm orange fangshan,mentougou by Beijing Meteorological Observatory")
        #expect(r.stdout.contains("WRN-2 orange rainstorm warning") && r.stdout.contains("replacing WRN-1"), "\(r.stdout)")
        let header = try snapshot().split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("⚠ ORANGE rainstorm: Fangshan, Mentougou") && !header.contains("YELLOW"), "\(header)")
        // The replaced warning cannot be lifted again.
        let lift = try exec("warn lift WRN-1 rain stopped", status: 1)
        #expect(lift.stderr.contains("replaced by WRN-2"), "\(lift.stderr)")
    }

    @Test func aLevelIVRubbishFireOwesNoStateCouncilReport() throws {
        try exec("report fire at chaoyang title \"rubbish fire\"")
        try exec("level INC-0001 IV a rubbish fire")
        let refused = try exec("filed INC-0001 state", status: 1)
        #expect(refused.stderr.contains("at level IV owes no 'state' report (owed at levels I, II only); owed: district, city"), "\(refused.stderr)")
        try exec("filed INC-0001 district")
    }
}
