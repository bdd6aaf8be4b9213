import CommandModel
import EventLog
import Foundation
import Testing

/// Broken plan and city files refuse to start the console and `exec`, every problem listed.
@Suite("The centre's files: one policy for console and exec", .serialized)
struct CentreFilesTests {
    let dir = TempDir()
    var root: String { dir.path("Resources") }

    /// A copy of the resources with `edit` applied to one file.
    func resources(_ file: String, _ edit: (String) -> String) throws {
        let fm = FileManager.default
        try fm.copyItem(atPath: repoRoot.appendingPathComponent("Resources").path, toPath: root)
        let path = root + "/" + file
        try edit(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// A folder's YAML files, every one and nothing else, in the order of their names; an
    /// unreadable folder has none.
    @Test func aFoldersYAMLFilesAreListedInOrder() throws {
        let fm = FileManager.default
        let plans = root + "/plans"
        try fm.createDirectory(atPath: plans + "/nested.yaml", withIntermediateDirectories: true)
        for (name, text) in [("b.yml", "b: 1\n"), ("a.yaml", "a: 1\n"), ("c.txt", "c\n"), ("计划.yaml", "d: 1\n"), (".hidden.yaml", "e: 1\n")] {
            try text.write(toFile: plans + "/" + name, atomically: true, encoding: .utf8)
        }
        let resources = ResourceFiles(path: root)
        let (files, issues) = resources.yamlBytes(in: "plans")
        #expect(files.map { String($0.name.dropFirst(plans.count + 1)) } == [".hidden.yaml", "a.yaml", "b.yml", "计划.yaml"], "the folder named like a YAML file is not one")
        #expect(files.first { $0.name.hasSuffix("/a.yaml") }?.bytes == Data("a: 1\n".utf8))
        #expect(issues.count == 1, "the folder named like a YAML file is named as unreadable: \(issues)")
        #expect(resources.yamlBytes(in: "no-such-folder").files.isEmpty)
    }

    @Test func theShippedFilesHaveNoProblem() throws {
        let files = try CentreFiles.load(root: ResourceFiles(root: repoRoot.appendingPathComponent("Resources")))
        #expect(!files.plans.criteria.isEmpty)
        #expect(!files.city.teams.isEmpty)
    }

    @Test func aBrokenPlanRefusesTheLibraryLoad() throws {
        try resources("plans/criteria.yaml") { $0.replacingOccurrences(of: "short: Decree 493 art. 3", with: "short: Decree 493 art. 3\n    short: twice") }
        #expect(throws: FileIssues.self) { try CentreFiles.load(root: ResourceFiles(root: URL(fileURLWithPath: root)), withCity: false) }
        do {
            _ = try CentreFiles.load(root: ResourceFiles(root: URL(fileURLWithPath: root)), withCity: false)
        } catch {
            #expect(error.issues.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.line):\($0.column)" } == ["criteria.yaml:12:5"], "\(error)")
        }
    }

    @Test func aBrokenPlanRefusesExecAndTheConsoleWithTheProblemListed() throws {
        try resources("plans/criteria.yaml") { $0.replacingOccurrences(of: "baseline: IV", with: "baseline: IV\u{1}") }
        let store = dir.path("s.sqlite")
        _ = try SQLiteEventStore.create(path: store)
        let env = ["DECISION_HUB_RESOURCES": root]
        let exec = try runHub(["exec", "--store", store, "report flood at mentougou"], env: env)
        #expect(exec.status == 1)
        #expect(exec.stderr.contains("criteria.yaml:14:17: control character U+0001"), "\(exec.stderr)")
        #expect(exec.stderr.contains("nothing was started"))
        #expect(try SQLiteEventStore(path: store).head() == 0)
        // The console's path (snapshot renders through it, without a terminal).
        let console = try runHub(["snapshot", "--store", store], env: env)
        #expect(console.status == 1)
        #expect(console.stderr.contains("criteria.yaml:14:17"), "\(console.stderr)")
    }

    /// A broken places file refuses an `exec` line with a point (and the console), naming the
    /// line and column; a line without a point does not read it. A Zhuozhou report through the
    /// real binary says Hebei, and is kept when the centre says `record`.
    @Test func placesThroughTheBinary() throws {
        try resources("maps/beijing.places") { $0.replacingOccurrences(of: "frame: gcj02", with: "frame: bd09") }
        let store = dir.path("s.sqlite")
        _ = try SQLiteEventStore.create(path: store)
        let env = ["DECISION_HUB_RESOURCES": root]
        let point = try runHub(["exec", "--store", store, "report flood at 39.4855,115.9740"], env: env)
        #expect(point.status == 1)
        #expect(point.stderr.contains("beijing.places:3:8: frame: unknown frame 'bd09'"), "\(point.stderr)")
        let noPoint = try runHub(["exec", "--store", store, "report flood at mentougou"], env: env)
        #expect(noPoint.status == 0, "\(noPoint.stderr)")
        #expect(try runHub(["snapshot", "--store", store], env: env).status == 1)

        let fixed = try String(contentsOfFile: root + "/maps/beijing.places", encoding: .utf8).replacingOccurrences(of: "frame: bd09", with: "frame: gcj02")
        try fixed.write(toFile: root + "/maps/beijing.places", atomically: true, encoding: .utf8)
        let refused = try runHub(["exec", "--store", store, "report flood at 39.4855,115.9740"], env: env)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("Hebei · Zhuozhou, outside Beijing"), "\(refused.stderr)")
        let centre = root + "/plans/centre.yaml"
        try String(contentsOfFile: centre, encoding: .utf8).replacingOccurrences(of: "outside: refuse", with: "outside: record").write(toFile: centre, atomically: true, encoding: .utf8)
        let kept = try runHub(["exec", "--store", store, "report flood at 39.4855,115.9740"], env: env)
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(kept.stdout.contains("reported: flood outside the city, in Hebei · Zhuozhou \"flood · Hebei · Zhuozhou\""), "\(kept.stdout)")
    }

    @Test func aBrokenCityFileRefusesTheConsole() throws {
        try resources("sample/beijing.yaml") { $0 + "\nteams: []\n" }
        let store = dir.path("s.sqlite")
        _ = try SQLiteEventStore.create(path: store)
        let r = try runHub(["snapshot", "--store", store], env: ["DECISION_HUB_RESOURCES": root])
        #expect(r.status == 1)
        #expect(r.stderr.contains("beijing.yaml:") && r.stderr.contains("appears twice"), "\(r.stderr)")
    }
}

@Suite("Map check and oncall read bytes, never replace them")
struct CommandLineReadersTests {
    @Test func mapCheckRefusesInvalidUTF8AtItsPlace() throws {
        let dir = TempDir()
        let path = dir.path("m.map")
        var bytes = Array((OneMap.formatLine + "\nname: A | ").utf8)
        bytes += [0xE7, 0x94]  // a character cut short
        bytes += Array("\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let r = try runHub(["map", "check", path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("\(path):2:11: invalid UTF-8"), "\(r.stdout)")
    }

    @Test func oncallRefusesARosterWithAControlCharacterAtItsPlace() throws {
        let dir = TempDir()
        let path = dir.path("r.yaml")
        try "people:\n  - {id: a, name: {en: A\u{1B}, zh: 甲}}\n".write(toFile: path, atomically: true, encoding: .utf8)
        let r = try runHub(["oncall", "now", "--roster", path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(path):2:25: control character U+001B"), "\(r.stderr)")
    }
}
