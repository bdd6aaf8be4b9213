import ArgumentParser
import CommandModel
import EventLog
import Foundation

struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map", abstract: "Check or build one-map files. 检查或生成一张图文件。",
        subcommands: [Check.self, Build.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate a map file (or a .places file); report every problem with its line and column. 检查地图文件（或 .places 边界文件）。")
        @Option(name: .long, help: "Language of messages: en or zh. 语言：en 或 zh。") var lang: Language?
        @Argument(help: "The map file. 地图文件。") var file: String

        func run() throws {
            let language = lang ?? localeLanguage()
            if file.hasSuffix(".places") { return try checkPlaces(language) }
            let (map, issues) = try MapFiles.read(file, language)
            for i in issues { print(i.text(language)) }
            guard let map else { throw ExitCode(1) }
            print(
                Bilingual(
                    "ok: \(map.name.en), \(map.width)x\(map.height) cells, \(map.districts.count) districts, \(map.labels.count) labels",
                    "正常：\(map.name.zh)，\(map.width)x\(map.height) 格，\(map.districts.count) 个区，\(map.labels.count) 个标注")(language))
        }

        func checkPlaces(_ language: Language) throws {
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw fail(Bilingual("cannot read \(file); check the path", "无法读取 \(file)；请检查路径")(language))
            }
            let (text, readIssues) = SourceFile.read(file)
            let (places, issues) = text.map { Places.parse($0, file: file) } ?? (nil, [])
            for i in readIssues + issues { print(i.text(language)) }
            guard let places else { throw ExitCode(1) }
            let points = places.places.reduce(0) { $0 + $1.rings.reduce(0) { $0 + $1.points.count } }
            print(
                Bilingual(
                    "ok: \(places.places.count) places, \(points) points, frame \(places.frame.name)",
                    "正常：\(places.places.count) 个地点，\(points) 个点，坐标系 \(places.frame.name)")(language))
        }
    }

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "build",
            abstract: "Rasterise GeoJSON layers into a map file. 由 GeoJSON 生成地图文件。",
            discussion: "Beijing is rebuilt with tools/maps/build-beijing.sh.")
        @Option(help: "District boundaries (features with code, slug, name_en, name_zh). 区界 GeoJSON。") var districts: String
        @Option(help: "Terrain areas (kind: mountain, hill, plain, urban), later on top. 地形 GeoJSON。") var terrain: String?
        @Option(help: "Water (kind: river or reservoir). 水系 GeoJSON。") var water: String?
        @Option(help: "Roads (kind: ring, expressway or road). 道路 GeoJSON。") var roads: String?
        @Option(help: "The map's name, 'English | 中文'. 地图名称。") var name: String
        @Option(help: "The box: 'north south west east' in degrees. 经纬度范围：北 南 西 东。") var box: String
        @Option(help: "Grid size: 'width height'. 格网尺寸：宽 高。") var size: String
        @Option(help: "Where the data came from, written into the file. 数据来源说明。") var source: String = ""
        @Option(help: "Output map file. 输出地图文件。") var out: String

        func run() throws {
            let b = box.split(separator: " ").compactMap { Double($0) }
            let s = size.split(separator: " ").compactMap { Int($0) }
            let nm = name.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard b.count == 4, b[0] > b[1], b[3] > b[2] else { throw ValidationError("--box must be 'north south west east' / 范围应为“北 南 西 东”") }
            guard s.count == 2, s[0] > 0, s[1] > 0 else { throw ValidationError("--size must be 'width height' / 尺寸应为“宽 高”") }
            guard nm.count == 2 else { throw ValidationError("--name must be 'English | 中文' / 名称应为“English | 中文”") }
            func load(_ path: String?) throws -> [GeoFeature] {
                guard let path else { return [] }
                guard let data = FileManager.default.contents(atPath: path) else { throw fail("cannot read \(path); check the path / 无法读取 \(path)，请检查路径") }
                do { return try GeoJSON.features(from: data, file: path) } catch { throw fail(error.text(.en)) }
            }
            let started = Date()
            let builder = MapBuilder(name: Bilingual(nm[0], nm[1]), box: GeoBox(north: b[0], south: b[1], west: b[2], east: b[3]), width: s[0], height: s[1], source: source)
            do {
                let map = try builder.build(districts: try load(districts), terrain: try load(terrain), water: try load(water), roads: try load(roads))
                try map.text().write(toFile: out, atomically: true, encoding: .utf8)
                let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
                let size = "\(map.width)x\(map.height)"
                print("wrote \(out): \(size), \(map.districts.count) districts, \(map.labels.count) labels (\(seconds) s)")
                print("已写入 \(out)：\(size)，\(map.districts.count) 个区，\(map.labels.count) 个标注")
            } catch let e as FileIssues {
                throw fail(e.text(.en))
            }
        }
    }
}

/// Reading map files with clear errors; used by `map check` and the console.
enum MapFiles {
    static func read(_ path: String, _ language: Language) throws -> (OneMap?, [FileIssue]) {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw fail(Bilingual("cannot read \(path); check the path", "无法读取 \(path)；请检查路径")(language))
        }
        let (text, issues) = SourceFile.read(path)
        guard let text else { return (nil, issues) }
        return OneMap.parse(text, file: path)
    }
}
