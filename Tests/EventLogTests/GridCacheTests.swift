import CommandModel
import EventLog
import Foundation
import Testing

/// `exec` reads the shipped map's grid from a cache keyed by the map's bytes: the same grid as a
/// parse, and a damaged or stale cache never decides anything.
@Suite("The map's grid, cached by its digest")
struct GridCacheTests {
    let dir = TempDir()
    var resources: ResourceFiles { ResourceFiles(root: repoRoot.appendingPathComponent("Resources")) }

    @Test func theCachedGridIsTheParsedOne() throws {
        let cache = GridCache(folder: dir.path("cache"))
        let parsed = try CentreFiles.load(root: resources, withCity: false, withPlaces: false).grid
        let first = try CentreFiles.deciding(root: resources, withPlaces: false, cache: cache)
        #expect(first.grid == parsed)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path("cache")).sorted()
        #expect(files.count == 2 && files[0].hasPrefix("grid-") && files[1].hasPrefix("plans-"), "\(files)")
        let second = try CentreFiles.deciding(root: resources, withPlaces: false, cache: cache)
        #expect(second.grid == parsed, "read back from the cache")
    }

    /// The plan book's cache file is named by SHA-256 over each file's own name, a zero byte,
    /// its bytes and a zero byte (the first 16 bytes of the digest), as the domain's own
    /// SHA-256 computes it: a moved checkout, or a build that hashes another way, finds it.
    @Test func thePlanCacheIsNamedByTheDigestOfTheFilesNamesAndBytes() throws {
        let cache = GridCache(folder: dir.path("cache"))
        let files = resources.yamlBytes(in: "plans").files
        #expect(files.count >= 2)
        _ = try CentreFiles.deciding(root: resources, withPlaces: false, cache: cache)
        var message: [UInt8] = []
        for f in files {
            let name: String = f.name.split(separator: "/").last.map(String.init) ?? f.name
            message.append(contentsOf: Array(name.utf8))
            message.append(0)
            message.append(contentsOf: Array(f.bytes))
            message.append(0)
        }
        let expected = "plans-" + String(SHA256Hex.of(bytes: message).prefix(32)) + ".bin"
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path("cache"))
        #expect(names.contains(expected), "\(names) lacks \(expected)")
    }

    @Test func aDamagedCacheFileIsIgnoredAndWrittenAgain() throws {
        let cache = GridCache(folder: dir.path("cache"))
        let parsed = try CentreFiles.load(root: resources, withCity: false, withPlaces: false).grid
        _ = try CentreFiles.deciding(root: resources, withPlaces: false, cache: cache)
        let file = dir.path("cache") + "/" + (try #require(try FileManager.default.contentsOfDirectory(atPath: dir.path("cache")).first { $0.hasPrefix("grid-") }))
        let good = try Data(contentsOf: URL(fileURLWithPath: file))
        for damaged in [Data(), good.prefix(40), good.dropLast(1), Data(good.map { $0 == 1 ? 9 : $0 }), flipped(good, at: good.count - 40)] {
            try damaged.write(to: URL(fileURLWithPath: file))
            let again = try CentreFiles.deciding(root: resources, withPlaces: false, cache: cache)
            #expect(again.grid == parsed)
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == good, "written anew")
        }
    }

    /// One cell's byte changed to another valid value: it would still decode.
    func flipped(_ data: Data, at i: Int) -> Data {
        var d = data
        d[d.startIndex + i] = d[d.startIndex + i] == 1 ? 2 : 1
        return d
    }

    @Test func anotherMapIsNeverServedTheCachedGrid() throws {
        let cache = GridCache(folder: dir.path("cache"))
        _ = try CentreFiles.deciding(root: resources, withPlaces: false, cache: cache)
        let root = dir.path("Resources")
        try FileManager.default.copyItem(atPath: repoRoot.appendingPathComponent("Resources").path, toPath: root)
        let map = root + "/maps/beijing.map"
        try (try String(contentsOfFile: map, encoding: .utf8)).replacingOccurrences(of: "\n", with: "\n\u{1}", options: [], range: nil).write(toFile: map, atomically: true, encoding: .utf8)
        #expect(throws: FileIssues.self, "a broken map is parsed, and refused") {
            try CentreFiles.deciding(root: ResourceFiles(root: URL(fileURLWithPath: root)), withPlaces: false, cache: cache)
        }
    }

    @Test func theCachedPlanBookIsTheParsedOneAndADamagedOneIsIgnored() throws {
        let cache = GridCache(folder: dir.path("cache"))
        let parsed = try CentreFiles.load(root: resources, withCity: false, withPlaces: false).plans
        #expect(try CentreFiles.deciding(root: resources, withPlaces: false, cache: cache).plans == parsed)
        let file = dir.path("cache") + "/" + (try #require(try FileManager.default.contentsOfDirectory(atPath: dir.path("cache")).first { $0.hasPrefix("plans-") }))
        let good = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(try CentreFiles.deciding(root: resources, withPlaces: false, cache: cache).plans == parsed, "read back from the cache")
        // A digit changed in the JSON would still decode: the digest refuses it.
        let text = String(decoding: good, as: UTF8.self)
        let digit = try #require(text.firstIndex(where: { $0 == "5" }))
        var edited = text
        edited.replaceSubrange(digit...digit, with: "6")
        for damaged in [Data(), good.prefix(20), good.dropLast(1), Data(edited.utf8)] {
            try damaged.write(to: URL(fileURLWithPath: file))
            #expect(try CentreFiles.deciding(root: resources, withPlaces: false, cache: cache).plans == parsed)
            // Written anew (sets and dictionaries encode in their own order: compared by content).
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)).count == good.count, "written anew")
            #expect(cache.plans(for: resources.yamlBytes(in: "plans").files) == parsed)
        }
    }

    @Test func changedPlansAreReadAgainAndBrokenOnesRefusedNotServedFromTheCache() throws {
        let cache = GridCache(folder: dir.path("cache"))
        _ = try CentreFiles.deciding(root: resources, withPlaces: false, cache: cache)
        let root = dir.path("Resources")
        try FileManager.default.copyItem(atPath: repoRoot.appendingPathComponent("Resources").path, toPath: root)
        let plans = root + "/plans/centre.yaml"
        let text = try String(contentsOfFile: plans, encoding: .utf8)
        try (text + "\nnot-a-section: [\n").write(toFile: plans, atomically: true, encoding: .utf8)
        #expect(throws: FileIssues.self, "broken plans are read, and refused") {
            try CentreFiles.deciding(root: ResourceFiles(root: URL(fileURLWithPath: root)), withPlaces: false, cache: cache)
        }
    }
}
