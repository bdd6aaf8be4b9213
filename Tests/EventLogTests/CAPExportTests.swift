import CommandModel
import Foundation
import Testing

@testable import EventLog

/// The OASIS CAP 1.2 schema check (`tools/cap/validate.py`, over PyPI's capvalidator, which
/// `.ci/run` installs): skipped, saying so, on a machine without it; never skipped in CI.
enum CAPSchema {
    static let script = repoRoot.appendingPathComponent("tools/cap/validate.py").path
    static let isMissing: Bool = {
        guard let r = try? runProcess("/usr/bin/env", ["python3", "-c", "import capvalidator, lxml"]) else { return true }
        return r.status != 0
    }()
    static var inCI: Bool { !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }
    static let skipped: Comment = "capvalidator is not installed (pip install capvalidator): the CAP schema validation is SKIPPED (.ci/run installs it)"

    /// Each file's verdict; fails the test for any invalid one.
    static func validate(_ files: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try runProcess("/usr/bin/env", ["python3", script] + files)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stdout.split(separator: "\n").filter { $0.hasSuffix(": ok") }.count == files.count, "\(r.stdout)", sourceLocation: sourceLocation)
    }
}

@Suite("CAP 1.2: exported in China's profile")
struct CAPExportTests {
    let now = Date()
    let r = Resources.shared

    var export: CAPExport {
        CAPExport(areaCode: "110000", sender: "decision-hub@110000", senderName: Bilingual("Decision Hub 110000", "应急指挥中心 110000"), grid: r.grid, places: r.places)
    }

    func ledger(_ path: String) throws -> Ledger {
        let ledger = try Ledger(store: try SQLiteEventStore(path: path, create: true), plans: r.plans, grid: r.grid)
        ledger.places = r.places
        return ledger
    }

    /// A store with a multi-district warning, a city-wide one, an incident and a (marked)
    /// drill's warning.
    func world(_ dir: TempDir) throws -> Ledger {
        let l = try ledger(dir.path("a.sqlite"))
        for line in [
            "warn rainstorm red fangshan,mentougou until +6h by Beijing Meteorological Observatory",
            "warn flood yellow city until +12h by 北京市水务局",
            "report flood at gcj02:39.9400,116.0400 title \"Flash flood, Yanchi & <Zhaitang>\" deaths=2 missing=5",
        ] {
            try l.execute(try Grammar.parse(line, now: now), operatorName: "li.na", now: { now })
        }
        return l
    }

    @Test func aWarningIsChinaProfileCAPWithBothLanguagesItsDistrictsPolygonsAndCodes() throws {
        let dir = TempDir()
        let l = try world(dir)
        let w = try #require(l.state.warnings[WarningID(1)])
        let doc = export.alert(for: w)
        #expect(doc.identifier == "110000DH_WRN-1_" + CAPExport.time(w.issued).prefix(19).filter(\.isNumber))
        let alert = try CAPAlert.read(Array(doc.xml.utf8))
        #expect(alert.identifier == doc.identifier && alert.status == .actual && alert.msgType == .alert)
        #expect(doc.xml.contains("<sent>" + CAPExport.time(w.issued) + "</sent>") && CAPExport.time(w.issued).hasSuffix("+08:00"))
        #expect(alert.infos.map(\.language) == ["zh-CN", "en-US"])
        #expect(alert.infos[0].headline == "暴雨红色预警：房山区、门头沟区" || alert.infos[0].headline == "暴雨红色预警：门头沟区、房山区")
        let areas = alert.infos[1].areas
        #expect(Set(areas.flatMap(\.geocodes).map(\.value)) == ["110111", "110109"])
        #expect(areas.allSatisfy { !$0.polygons.isEmpty && $0.polygons.allSatisfy { $0.count >= 4 && $0.count <= 201 && $0.first == $0.last } })
        // The polygons are WGS-84, within Beijing.
        #expect(areas.flatMap(\.polygons).joined().allSatisfy { $0.lat > 39.4 && $0.lat < 41.1 && $0.lon > 115.4 && $0.lon < 117.6 })
        let city = try CAPAlert.read(Array(export.alert(for: try #require(l.state.warnings[WarningID(2)])).xml.utf8))
        #expect(city.infos[0].areas.flatMap(\.geocodes).map(\.value) == ["110000"])
    }

    @Test func anExportedWarningImportedIntoAnotherStoreIsTheSameWarning() throws {
        let dir = TempDir()
        let a = try world(dir)
        let b = try ledger(dir.path("b.sqlite"))
        for id in [WarningID(1), WarningID(2)] {
            let w = try #require(a.state.warnings[id])
            let o = try CAPImport(ledger: b, operatorName: "cap", colours: capColours).importBytes(Array(export.alert(for: w).xml.utf8), name: id.description)
            #expect(o.applied, "\(o.text(.en))")
            let back = try #require(b.state.warnings[id])
            #expect(back.hazard == w.hazard && back.color == w.color && Set(back.districts) == Set(w.districts))
            // CAP times are whole seconds.
            #expect(abs((back.expires ?? .distantPast).timeIntervalSince(w.expires ?? .distantFuture)) < 1)
            #expect(back.authority == w.authority)
        }
    }

    @Test func anIncidentIsAnAlertWithItsPlaceAndFigures() throws {
        let dir = TempDir()
        let l = try world(dir)
        let i = try #require(l.state.incidents[IncidentID(1)])
        let doc = export.alert(for: i)
        let alert = try CAPAlert.read(Array(doc.xml.utf8))
        #expect(doc.xml.contains("<incidents>INC-0001</incidents>"))
        #expect(alert.infos[1].headline == "INC-0001 Flash flood, Yanchi & <Zhaitang>")
        #expect(alert.infos[0].areas[0].geocodes.map(\.value) == ["110109"])
        #expect(alert.infos[0].areas[0].circles.count == 1)
        #expect(alert.infos[1].description?.contains("deaths 2") == true)
    }

    @Test func aBlindDrillsWarningIsLeftOutUnlessTheCoordinatorRevealsItAndThenIsAnExercise() throws {
        let w = try DrillIsolationTests.World()
        let yaml = """
            name: {en: Blind rain, zh: 盲演暴雨}
            disclosure: blind
            operator: 12345-hotline
            end: +30m
            injects:
              - {id: warn, at: +0m, do: "warn rainstorm red fangshan by BMO"}
            """
        let (drill, _) = try w.run(yaml, until: 120, every: 60)
        let state = w.ledger.state
        let warning = try #require(state.warnings.values.first { $0.exercise == drill })
        #expect(!CAPExport.visible(warning.exercise, in: state, reveal: false), "a running blind drill's warning is never exported to players")
        #expect(CAPExport.visible(warning.exercise, in: state, reveal: true))
        #expect(CAPExport.visible(nil, in: state, reveal: false))
        let alert = try CAPAlert.read(Array(export.alert(for: warning).xml.utf8))
        #expect(alert.status == .exercise)
    }

    @Test("every exported alert validates against the OASIS CAP 1.2 schema", .disabled(if: CAPSchema.isMissing, CAPSchema.skipped))
    func everyExportedAlertValidates() throws {
        let dir = TempDir()
        let l = try world(dir)
        let drill = try DrillIsolationTests.World()
        let (_, _) = try drill.run(
            "name: {en: Marked rain, zh: 演练暴雨}\ndisclosure: marked\noperator: 12345-hotline\nend: +30m\ninjects:\n  - {id: warn, at: +0m, do: \"warn rainstorm orange fangshan,mentougou,haidian by BMO\"}\n  - {id: inc, at: +0m, do: \"report fire at cell:9,9 title \\\"Drill fire\\\"\"}\n",
            until: 60, every: 60)
        var docs = l.state.warnings.values.map { export.alert(for: $0) } + l.state.incidents.all.values.map { export.alert(for: $0) }
        docs += drill.ledger.state.warnings.values.map { export.alert(for: $0) } + drill.ledger.state.incidents.all.values.map { export.alert(for: $0) }
        #expect(docs.filter { $0.xml.contains("<status>Exercise</status>") }.count == 2)
        var files: [String] = []
        for (k, d) in docs.enumerated() {
            let path = dir.path("\(k).xml")
            try Data(d.xml.utf8).write(to: URL(fileURLWithPath: path))
            files.append(path)
        }
        // Our own fixtures in the China profile too (the reader's, not only the writer's).
        files += ["beijing-red-rainstorm", "beijing-red-rainstorm-update", "beijing-red-rainstorm-cancel"].map { repoRoot.appendingPathComponent("Tests/Fixtures/cap/\($0).xml").path }
        try CAPSchema.validate(files)
        // And the validator can fail: an element out of order is refused.
        let broken = dir.path("broken.xml")
        try Data(docs[0].xml.replacingOccurrences(of: "<scope>Public</scope>", with: "").utf8).write(to: URL(fileURLWithPath: broken))
        #expect(try runProcess("/usr/bin/env", ["python3", CAPSchema.script, broken]).status == 1)
    }

    @Test("the CAP schema validator is there when CI runs")
    func theValidatorIsThereInCI() {
        if CAPSchema.isMissing && CAPSchema.inCI {
            Issue.record("CI is set but capvalidator is not installed: exported alerts would go unvalidated. .ci/run installs it (pip install capvalidator)")
        }
    }

    @Test func theCommandLineExportsAllIntoAFolderAndRefusesAnUnknownId() throws {
        let dir = TempDir()
        _ = try world(dir)
        let out = dir.path("outbox")
        let r = try runHub(["cap", "export", "--store", dir.path("a.sqlite"), "--all", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files.count == 3, "\(files)")
        #expect(files.allSatisfy { $0.hasPrefix("110000DH_") && $0.hasSuffix(".xml") })
        let one = try runHub(["cap", "export", "--store", dir.path("a.sqlite"), "WRN-1"])
        #expect(one.stdout.hasPrefix("<?xml") && one.stdout.contains("<identifier>110000DH_WRN-1_"))
        let none = try runHub(["cap", "export", "--store", dir.path("a.sqlite"), "WRN-9"])
        #expect(none.status != 0 && none.stderr.contains("there is no warning or incident WRN-9"), "\(none.stderr)")
    }
}
