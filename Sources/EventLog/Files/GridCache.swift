import CommandModel
import Crypto
import Foundation

/// The grid of a map file, saved after the first parse and found again by the SHA-256 of the
/// file's bytes: a short-lived `exec` then reads 60 KB of cells instead of parsing 120 KB of
/// map text and building the grid (about 12 ms). A cache file that is missing, damaged or of
/// another format is ignored and written anew; it never decides anything the map would not.
///
/// Where: `$DECISION_HUB_CACHE`, else `$XDG_CACHE_HOME/decision-hub`, else
/// `~/.cache/decision-hub` (`DECISION_HUB_CACHE=off` turns it off).
public struct GridCache: Sendable {
    public let folder: String

    public init(folder: String) { self.folder = folder }

    /// The cache for this account, or nil when turned off or there is no home to put it in.
    public static var standard: GridCache? {
        let env = ProcessEnvironment()
        if let dir = env["DECISION_HUB_CACHE"], !dir.isEmpty { return dir == "off" ? nil : GridCache(folder: dir) }
        if let xdg = env["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return GridCache(folder: xdg + "/decision-hub") }
        guard let home = env["HOME"], home.hasPrefix("/") else { return nil }
        return GridCache(folder: home + "/.cache/decision-hub")
    }

    static let magic = Array("DHGRID1\n".utf8)

    /// The file a map's grid is kept in: named by the digest of the map's bytes.
    func path(forMap bytes: Data) -> String {
        folder + "/grid-" + Hex.lowercase(SHA256.hash(data: bytes).prefix(16)) + ".bin"
    }

    /// The grid saved for exactly this map file (its bytes), if any.
    public func grid(forMap bytes: Data) -> Grid? {
        guard let data = FileManager.default.contents(atPath: path(forMap: bytes)) else { return nil }
        return Self.decode(data)
    }

    /// Saves the grid parsed from this map file (best effort: a cache that cannot be written
    /// only costs the next process a parse). Written beside and renamed, so no reader sees half.
    public func save(_ grid: Grid, forMap bytes: Data) {
        write(Self.encode(grid), to: path(forMap: bytes))
    }

    /// Writes a cache file beside its place and renames it there (best effort), for this
    /// account only.
    func write(_ data: Data, to target: String) {
        let fm = FileManager.default
        try? fm.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = target + ".\(getpid()).tmp"
        guard fm.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else { return }
        if rename(temporary, target) != 0 { unlink(temporary) }
    }

    static func encode(_ g: Grid) -> Data {
        var w = BinaryWriter()
        w.bytes += magic
        w.int(g.width); w.int(g.height)
        w.double(g.box.north); w.double(g.box.south); w.double(g.box.west); w.double(g.box.east)
        w.int(g.districts.count)
        for d in g.districts {
            w.string(d.code); w.string(d.slug); w.string(d.name.en); w.string(d.name.zh)
        }
        w.bytes += g.terrain.map(\.rawValue)
        w.bytes += g.road.map(\.rawValue)
        w.bytes += g.districtIndex
        // Its own digest last: a flipped byte that would still decode (a plain cell read as
        // urban) is refused, not believed.
        w.bytes += Array(SHA256.hash(data: w.bytes))
        return Data(w.bytes)
    }

    static func decode(_ data: Data) -> Grid? {
        guard data.count > magic.count + 32, Array(SHA256.hash(data: data.dropLast(32))) == Array(data.suffix(32)) else { return nil }
        return data.dropLast(32).withUnsafeBytes { raw -> Grid? in
            guard Array(raw.prefix(magic.count)) == magic else { return nil }
            var r = BinaryReader(raw)
            r.at = magic.count
            guard let width = r.int(), let height = r.int(), width > 0, height > 0, width <= 10_000, height <= 10_000,
                let north = r.double(), let south = r.double(), let west = r.double(), let east = r.double(),
                north > south, east > west, let n = r.count()
            else { return nil }
            var districts: [District] = []
            for _ in 0..<n {
                guard let code = r.string(), let slug = r.string(), let en = r.string(), let zh = r.string() else { return nil }
                districts.append(District(code: code, slug: slug, name: Bilingual(en, zh)))
            }
            let cells = width * height
            guard raw.count - r.at == 3 * cells else { return nil }
            var terrain: [Terrain] = []
            var road: [RoadClass] = []
            terrain.reserveCapacity(cells)
            road.reserveCapacity(cells)
            for i in 0..<cells {
                guard let t = Terrain(rawValue: raw[r.at + i]), let k = RoadClass(rawValue: raw[r.at + cells + i]) else { return nil }
                terrain.append(t)
                road.append(k)
            }
            let index = Array(raw[(r.at + 2 * cells)..<(r.at + 3 * cells)])
            return Grid(width: width, height: height, box: GeoBox(north: north, south: south, west: west, east: east), districts: districts, terrain: terrain, road: road, districtIndex: index)
        }
    }
}

extension GridCache {
    static let plansMagic = Array("DHPLANS2\n".utf8)

    /// The file a plan book is kept in: named by the digest of its files' names and bytes.
    func path(forPlans files: [(name: String, bytes: Data)]) -> String {
        var h = SHA256()
        // (Bytes handed over through pointers: `Data(_:)` of a sequence asks at run time
        // whether it is contiguous, a scan of the binary's conformances on a short `exec`.)
        let separator: [UInt8] = [0]
        for f in files {
            // The file's own name, not its folder: a moved checkout still finds its cache.
            var name = f.name.split(separator: "/").last.map(String.init) ?? f.name
            name.withUTF8 { h.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            separator.withUnsafeBytes { h.update(bufferPointer: $0) }
            h.update(data: f.bytes)
            separator.withUnsafeBytes { h.update(bufferPointer: $0) }
        }
        return folder + "/plans-" + Hex.lowercase(h.finalize().prefix(16)) + ".bin"
    }

    /// The plan book saved for exactly these files (names and bytes), if any, in
    /// ``PlanBookCodec``'s binary form: a small part of the time of reading the YAML again. Only
    /// a book that read without a single issue is ever saved, so a hit needs no checks the files
    /// would not have passed.
    public func plans(for files: [(name: String, bytes: Data)]) -> PlanBook? {
        guard let data = FileManager.default.contents(atPath: path(forPlans: files)), data.count > Self.plansMagic.count + 32,
            Array(data.prefix(Self.plansMagic.count)) == Self.plansMagic,
            Array(SHA256.hash(data: data.dropLast(32))) == Array(data.suffix(32))
        else { return nil }
        return data.dropFirst(Self.plansMagic.count).dropLast(32).withUnsafeBytes { PlanBookCodec.decode($0) }
    }

    /// Saves a plan book read from these files without an issue (best effort, like the grid).
    public func save(_ plans: PlanBook, for files: [(name: String, bytes: Data)]) {
        var bytes = Self.plansMagic + PlanBookCodec.encode(plans)
        bytes += Array(SHA256.hash(data: bytes))
        write(Data(bytes), to: path(forPlans: files))
    }
}
