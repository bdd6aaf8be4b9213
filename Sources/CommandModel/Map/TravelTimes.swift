/// Travel times in minutes from every cell to one target cell, from a single shortest-path
/// search rooted at the target (the cost of a step is symmetric, so one search serves every
/// team).
public struct TravelTimes: Sendable {
    public let target: Cell
    let width: Int
    /// Fixed-point minutes (`StepTable.unitsPerMinute`), `.max` where unreachable.
    let units: [UInt32]

    /// Minutes from `cell` to the target, nil where unreachable.
    public func minutes(from cell: Cell) -> Double? {
        guard cell.x >= 0, cell.y >= 0, cell.x < width, cell.y * width + cell.x < units.count else { return nil }
        let u = units[cell.y * width + cell.x]
        return u == .max ? nil : StepTable.minutes(u)
    }
}

extension Grid {
    /// Dijkstra over the 8-neighbour grid from `target`. A step costs the mean of the two cells'
    /// minutes-per-km times the step's length; water without a road cannot be entered. The search
    /// stops past `limit` minutes: cells further away read as unreachable.
    public func travelTimes(to target: Cell, limit: Double = .infinity) -> TravelTimes {
        let table = StepTable(self)
        var search = GridSearch(table)
        var units = [UInt32](repeating: .max, count: width * height)
        guard contains(target) else { return TravelTimes(target: target, width: width, units: units) }
        // The incident's own cell may be water (a flooded street): start from it anyway.
        search.run(from: index(target), expandImpassableRoot: true, limit: StepTable.units(limit)) { cell, d in
            units[cell] = d
            return true
        }
        return TravelTimes(target: target, width: width, units: units)
    }
}

/// The grid's steps as fixed-point weights, shared by many searches. Cheap to build (one pass
/// over the cells); a step's weight is computed when the search takes it.
///
/// Guarantees: the weight of a step is the same in both directions (so a search rooted at a team
/// and one rooted at an incident find the same minutes, to the unit), and sums are exact
/// (integers), so totals compare exactly.
struct StepTable: Sendable {
    /// Fixed point: 1/4096 minute (15 ms) per unit; a path across the whole map stays far
    /// below `UInt32.max`.
    static let unitsPerMinute = 4096.0

    static func minutes(_ units: UInt32) -> Double { Double(units) / unitsPerMinute }
    static func units(_ minutes: Double) -> UInt32 {
        guard minutes.isFinite else { return .max - 1 }
        return UInt32(max(0, min(Double(UInt32.max - 1), (minutes * unitsPerMinute).rounded(.down))))
    }

    let width: Int
    let height: Int
    /// Per cell, half its minutes per km in units (0 where impassable: a step into a target
    /// standing in water costs what the other cell's half does).
    let half: [Double]
    let passable: [Bool]
    /// Per cell, which of the eight steps stay on the grid (bit k for `offsets[k]`).
    let onGrid: [UInt8]
    /// Index offsets and lengths (km) of the eight steps.
    let offsets: [Int]
    let lengths: [Double]

    init(_ grid: Grid) {
        width = grid.width
        height = grid.height
        let n = width * height
        // Minutes per km by (road, terrain), looked up by raw value: one pass, no switches.
        var byKind = [Double](repeating: -1, count: 256 * 8)
        for r in RoadClass.allCases {
            for t in Terrain.allCases { byKind[Int(r.rawValue) * 8 + Int(t.rawValue)] = r.minutesPerKm ?? t.minutesPerKm ?? -1 }
        }
        var half = [Double](repeating: 0, count: n)
        var passable = [Bool](repeating: false, count: n)
        for i in 0..<n {
            let m = byKind[Int(grid.road[i].rawValue) * 8 + Int(grid.terrain[i].rawValue)]
            if m >= 0 {
                half[i] = m * 0.5 * Self.unitsPerMinute
                passable[i] = true
            }
        }
        let (dx, dy) = grid.cellSizeKm
        let diag = (dx * dx + dy * dy).squareRoot()
        let steps: [(Int, Int, Double)] = [(1, 0, dx), (-1, 0, dx), (0, 1, dy), (0, -1, dy), (1, 1, diag), (1, -1, diag), (-1, 1, diag), (-1, -1, diag)]
        // Bits of the steps that stay on the grid: 0 east, 1 west, 2 south, 3 north, then the
        // diagonals (SE, NE, SW, NW), each allowed where both its parts are.
        var onGrid = [UInt8](repeating: 0, count: n)
        for y in 0..<height {
            let s: UInt8 = y < height - 1 ? 1 : 0, no: UInt8 = y > 0 ? 1 : 0
            for x in 0..<width {
                let e: UInt8 = x < width - 1 ? 1 : 0, w: UInt8 = x > 0 ? 1 : 0
                onGrid[y * width + x] = e | w << 1 | s << 2 | no << 3 | (e & s) << 4 | (e & no) << 5 | (w & s) << 6 | (w & no) << 7
            }
        }
        self.half = half
        self.passable = passable
        self.onGrid = onGrid
        offsets = steps.map { $0.1 * grid.width + $0.0 }
        lengths = steps.map(\.2)
    }
}

/// One shortest-path search at a time over a `StepTable`, reusing its arrays between searches
/// (only the cells a search touched are reset).
struct GridSearch {
    let table: StepTable
    private var dist: [UInt32]
    private var touched: [Int32] = []
    private var heap = PackedHeap()
    /// Cells that may be entered although impassable (targets standing in water), and are not
    /// left again.
    var enterable: [Bool]

    init(_ table: StepTable) {
        self.table = table
        dist = [UInt32](repeating: .max, count: table.width * table.height)
        enterable = [Bool](repeating: false, count: table.width * table.height)
    }

    /// Settles cells from `root` in order of distance (ties by cell index), calling `settled`
    /// with each cell and its distance in units until it returns false or the limit is passed.
    /// An impassable root is left only when `expandImpassableRoot` (an incident in water).
    @inline(__always)
    mutating func run(from root: Int, expandImpassableRoot: Bool, limit: UInt32, settled: (Int, UInt32) -> Bool) {
        for c in touched { dist[Int(c)] = .max }
        touched.removeAll(keepingCapacity: true)
        heap.removeAll()
        dist[root] = 0
        touched.append(Int32(root))
        heap.push(0, root)
        let table = self.table
        let enterable = self.enterable
        // The hot loop reads through raw buffers: every index below is a cell of the grid
        // (a step is taken only where `onGrid` says it stays on it).
        table.half.withUnsafeBufferPointer { half in
            table.passable.withUnsafeBufferPointer { passable in
                table.onGrid.withUnsafeBufferPointer { onGrid in
                    enterable.withUnsafeBufferPointer { enterable in
                        dist.withUnsafeMutableBufferPointer { dist in
                            let offsets = (table.offsets[0], table.offsets[1], table.offsets[2], table.offsets[3], table.offsets[4], table.offsets[5], table.offsets[6], table.offsets[7])
                            let lengths = table.lengths
                            while let (d, i) = heap.pop() {
                                if d > dist[i] { continue }
                                if d > limit { break }
                                if !settled(i, d) { return }
                                if !passable[i] && !(i == root && expandImpassableRoot) { continue }
                                let steps = onGrid[i]
                                let hi = half[i]
                                for k in 0..<8 where steps & (1 << UInt8(k)) != 0 {
                                    let j: Int
                                    switch k {
                                    case 0: j = i + offsets.0
                                    case 1: j = i + offsets.1
                                    case 2: j = i + offsets.2
                                    case 3: j = i + offsets.3
                                    case 4: j = i + offsets.4
                                    case 5: j = i + offsets.5
                                    case 6: j = i + offsets.6
                                    default: j = i + offsets.7
                                    }
                                    if !passable[j] && !enterable[j] { continue }
                                    // (half i + half j) is the same number from either end.
                                    let w = UInt32(max(1, min((hi + half[j]) * lengths[k] + 0.5, 1e9)))
                                    let nd = d + w
                                    if nd < dist[j] {
                                        if dist[j] == .max { touched.append(Int32(j)) }
                                        dist[j] = nd
                                        heap.push(nd, j)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A binary min-heap of (distance, cell) packed in one UInt64: distance in the high half, the
/// cell in the low half, so equal distances pop in cell order (deterministic).
struct PackedHeap {
    private var items: [UInt64] = []

    mutating func removeAll() { items.removeAll(keepingCapacity: true) }

    mutating func push(_ key: UInt32, _ value: Int) {
        let item = UInt64(key) << 32 | UInt64(UInt32(truncatingIfNeeded: value))
        var i = items.count
        items.append(item)
        while i > 0 {
            let p = (i - 1) / 2
            let parent = items[p]
            if parent <= item { break }
            items[i] = parent
            i = p
        }
        items[i] = item
    }

    mutating func pop() -> (UInt32, Int)? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        let n = items.count
        if n > 0 {
            var i = 0
            while true {
                let l = 2 * i + 1
                if l >= n { break }
                var m = l
                if l + 1 < n && items[l + 1] < items[l] { m = l + 1 }
                if items[m] >= last { break }
                items[i] = items[m]
                i = m
            }
            items[i] = last
        }
        return (UInt32(truncatingIfNeeded: top >> 32), Int(UInt32(truncatingIfNeeded: top)))
    }
}
