/// Travel times in minutes from every cell to one target cell, from a single shortest-path
/// search rooted at the target (the cost of a step is symmetric, so one search serves every
/// team).
public struct TravelTimes: Sendable {
    public let target: Cell
    let width: Int
    let minutes: [Float]

    /// Minutes from `cell` to the target, nil where unreachable.
    public func minutes(from cell: Cell) -> Double? {
        guard cell.x >= 0, cell.y >= 0, cell.x < width, cell.y * width + cell.x < minutes.count else { return nil }
        let m = minutes[cell.y * width + cell.x]
        return m.isFinite ? Double(m) : nil
    }
}

extension Grid {
    /// Dijkstra over the 8-neighbour grid from `target`. A step costs the mean of the two cells'
    /// minutes-per-km times the step's length; water without a road cannot be entered. The search
    /// stops past `limit` minutes: cells further away read as unreachable.
    public func travelTimes(to target: Cell, limit: Double = .infinity) -> TravelTimes {
        let n = width * height
        var dist = [Float](repeating: .infinity, count: n)
        guard contains(target) else { return TravelTimes(target: target, width: width, minutes: dist) }
        let (dx, dy) = cellSizeKm
        let diag = (dx * dx + dy * dy).squareRoot()
        var cost = [Float](repeating: .infinity, count: n)
        for i in 0..<n { if let m = minutesPerKm(i) { cost[i] = Float(m) } }
        let steps: [(Int, Int, Float)] = [
            (1, 0, Float(dx)), (-1, 0, Float(dx)), (0, 1, Float(dy)), (0, -1, Float(dy)),
            (1, 1, Float(diag)), (1, -1, Float(diag)), (-1, 1, Float(diag)), (-1, -1, Float(diag)),
        ]
        var heap = MinHeap()
        let t = index(target)
        dist[t] = 0
        heap.push(0, t)
        // The incident's own cell may be water (a flooded street): start from it anyway.
        let stop = Float(limit)
        while let (d, i) = heap.pop() {
            if d > dist[i] { continue }
            if d > stop { break }
            let x = i % width, y = i / width
            let ci = cost[i].isFinite ? cost[i] : 0
            for (sx, sy, len) in steps {
                let nx = x + sx, ny = y + sy
                if nx < 0 || ny < 0 || nx >= width || ny >= height { continue }
                let j = ny * width + nx
                let cj = cost[j]
                if !cj.isFinite { continue }
                let nd = d + (ci + cj) * 0.5 * len
                if nd < dist[j] {
                    dist[j] = nd
                    heap.push(nd, j)
                }
            }
        }
        if stop.isFinite {
            for k in dist.indices where dist[k] > stop { dist[k] = .infinity }
        }
        return TravelTimes(target: target, width: width, minutes: dist)
    }
}

/// A binary min-heap of (priority, index) pairs, kept in two flat arrays.
struct MinHeap {
    private var keys: [Float] = []
    private var values: [Int] = []

    mutating func push(_ key: Float, _ value: Int) {
        keys.append(key)
        values.append(value)
        var i = keys.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if keys[p] <= keys[i] { break }
            keys.swapAt(p, i)
            values.swapAt(p, i)
            i = p
        }
    }

    mutating func pop() -> (Float, Int)? {
        guard let top = keys.first, let v = values.first else { return nil }
        let lastK = keys.removeLast(), lastV = values.removeLast()
        if !keys.isEmpty {
            keys[0] = lastK
            values[0] = lastV
            var i = 0
            let n = keys.count
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < n && keys[l] < keys[m] { m = l }
                if r < n && keys[r] < keys[m] { m = r }
                if m == i { break }
                keys.swapAt(m, i)
                values.swapAt(m, i)
                i = m
            }
        }
        return (top, v)
    }
}
