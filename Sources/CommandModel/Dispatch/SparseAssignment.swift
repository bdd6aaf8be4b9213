/// Minimum-cost assignment on a sparse cost matrix: rows to columns along the edges given, each
/// column used at most once.
///
/// Guarantees: the most rows possible are assigned, and among such assignments the total cost is
/// the least; ties are broken the same way every time. Each row has a private "unassigned"
/// column priced above any total of real costs, so a full assignment always exists; after an
/// augmenting row reduction, the rows left are added one at a time along a shortest augmenting
/// path (Jonker-Volgenant / Crouse, with a heap over the columns the search reaches), keeping
/// dual potentials so that reduced costs stay non-negative. Costs are integers: no rounding can break optimality.
struct SparseAssignment {
    let rows: Int
    let cols: Int
    private var edges: [[(col: Int32, cost: Int64)]]
    private var maxCost: Int64 = 0

    init(rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
        edges = Array(repeating: [], count: rows)
    }

    mutating func add(row: Int, col: Int, cost: Int64) {
        precondition(row >= 0 && row < rows && col >= 0 && col < cols && cost >= 0, "edge \(row)→\(col) cost \(cost) outside \(rows)x\(cols)")
        edges[row].append((Int32(col), cost))
        maxCost = max(maxCost, cost)
    }

    /// The column of each row, nil for rows left unassigned; nil overall when `proceed` says stop.
    func solve(proceed: (Double) -> Bool = { _ in true }) -> [Int?]? {
        guard rows > 0 else { return [] }
        // Any assignment with one more real edge is cheaper than any with one fewer.
        let unassigned = (maxCost + 1) * Int64(rows + 1)
        let total = cols + rows  // real columns, then one private column per row
        // The edges as flat rows (row i's are start[i]..<start[i + 1]).
        var start = [Int](repeating: 0, count: rows + 1)
        for i in 0..<rows { start[i + 1] = start[i] + edges[i].count }
        var edgeCol = [Int](repeating: 0, count: start[rows])
        var edgeCost = [Int64](repeating: 0, count: start[rows])
        for i in 0..<rows {
            for (k, e) in edges[i].enumerated() {
                edgeCol[start[i] + k] = Int(e.col)
                edgeCost[start[i] + k] = e.cost
            }
        }
        var u = [Int64](repeating: 0, count: rows)
        var v = [Int64](repeating: 0, count: total)
        var col4row = [Int](repeating: -1, count: rows)
        var row4col = [Int](repeating: -1, count: total)
        var shortest = [Int64](repeating: .max, count: total)
        var path = [Int](repeating: -1, count: total)
        var done = [Bool](repeating: false, count: total)
        var touched: [Int] = []
        var scanned: [Int] = []
        var visitedRows: [Int] = []
        var heap = PairHeap()
        // Augmenting row reduction (Jonker and Volgenant): a free row takes the column of its
        // least reduced cost and lowers that column's potential to its second least, bumping the
        // row that held it. Column potentials only go down, a taken column stays taken, and every
        // taken row sits on a column of least reduced cost: the augmenting phase below starts
        // from a valid (often nearly complete) assignment. Two passes, and a bound on the steps.
        var pending = Array(0..<rows)
        var budget = 32 * rows + 64
        for _ in 0..<2 where !pending.isEmpty {
            var queue = pending
            var next: [Int] = []
            var k = 0
            while k < queue.count && budget > 0 {
                budget -= 1
                let i = queue[k]
                k += 1
                var u1 = Int64.max, u2 = Int64.max, j1 = -1, j2 = -1
                for e in start[i]..<start[i + 1] {
                    let j = edgeCol[e], r = edgeCost[e] - v[j]
                    if r < u1 || (r == u1 && j < j1) {
                        (u2, j2, u1, j1) = (u1, j1, r, j)
                    } else if r < u2 || (r == u2 && j < j2) {
                        (u2, j2) = (r, j)
                    }
                }
                let own = cols + i, r = unassigned - v[own]
                if r < u1 {
                    (u2, j2, u1, j1) = (u1, j1, r, own)
                } else if r < u2 {
                    (u2, j2) = (r, own)
                }
                var target = j1
                var bumped = row4col[j1]
                let lowers = j2 >= 0 && u1 < u2
                if lowers {
                    v[j1] -= u2 - u1
                } else if bumped >= 0 && j2 >= 0 {
                    target = j2
                    bumped = row4col[j2]
                }
                row4col[target] = i
                col4row[i] = target
                if bumped >= 0 {
                    col4row[bumped] = -1
                    if lowers {
                        k -= 1
                        queue[k] = bumped
                    } else {
                        next.append(bumped)
                    }
                }
            }
            pending = next + queue[k...]
        }
        // Row potentials from the columns: tight where taken, the least reduced cost elsewhere.
        for i in 0..<rows {
            var least = unassigned - v[cols + i]
            for e in start[i]..<start[i + 1] { least = min(least, edgeCost[e] - v[edgeCol[e]]) }
            u[i] = least
        }
        for (n, cur) in pending.enumerated() {
            if n & 63 == 0, !proceed(Double(n) / Double(pending.count)) { return nil }
            var minVal: Int64 = 0
            var i = cur
            var sink = -1
            while sink < 0 {
                visitedRows.append(i)
                let base = minVal - u[i]
                for e in start[i]..<start[i + 1] {
                    let j = edgeCol[e]
                    if done[j] { continue }
                    let r = base + edgeCost[e] - v[j]
                    if r < shortest[j] {
                        if shortest[j] == .max { touched.append(j) }
                        shortest[j] = r
                        path[j] = i
                        heap.push(r, j)
                    }
                }
                let own = cols + i
                if !done[own] {
                    let r = base + unassigned - v[own]
                    if r < shortest[own] {
                        if shortest[own] == .max { touched.append(own) }
                        shortest[own] = r
                        path[own] = i
                        heap.push(r, own)
                    }
                }
                // The nearest column not yet settled.
                var next = -1
                while let (d, j) = heap.pop() {
                    if done[j] || d != shortest[j] { continue }
                    next = j
                    break
                }
                precondition(next >= 0, "no augmenting path for row \(cur): the private column must always be reachable")
                minVal = shortest[next]
                if row4col[next] < 0 {
                    sink = next
                } else {
                    done[next] = true
                    scanned.append(next)
                    i = row4col[next]
                }
            }
            // Update the potentials, then flip the path.
            u[cur] += minVal
            for r in visitedRows where r != cur { u[r] += minVal - shortest[col4row[r]] }
            for j in scanned { v[j] -= minVal - shortest[j] }
            var j = sink
            while true {
                let r = path[j]
                row4col[j] = r
                let previous = col4row[r]
                col4row[r] = j
                if r == cur { break }
                j = previous
            }
            for j in touched {
                shortest[j] = .max
                done[j] = false
            }
            touched.removeAll(keepingCapacity: true)
            scanned.removeAll(keepingCapacity: true)
            visitedRows.removeAll(keepingCapacity: true)
            heap.removeAll()
        }
        return col4row.map { $0 >= 0 && $0 < cols ? $0 : nil }
    }
}

/// A binary min-heap of (key, index) pairs; equal keys pop in index order.
struct PairHeap {
    private var keys: [Int64] = []
    private var values: [Int] = []

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    private func less(_ a: Int, _ b: Int) -> Bool { keys[a] < keys[b] || (keys[a] == keys[b] && values[a] < values[b]) }

    mutating func push(_ key: Int64, _ value: Int) {
        keys.append(key)
        values.append(value)
        var i = keys.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if !less(i, p) { break }
            keys.swapAt(p, i)
            values.swapAt(p, i)
            i = p
        }
    }

    mutating func pop() -> (Int64, Int)? {
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
                if l < n && less(l, m) { m = l }
                if r < n && less(r, m) { m = r }
                if m == i { break }
                keys.swapAt(m, i)
                values.swapAt(m, i)
                i = m
            }
        }
        return (top, v)
    }
}

extension DispatchProblem {
    /// The assignment step alone, for benchmarks: the column of each row (nil: unassigned) that
    /// assigns the most rows at the least total cost along the given edges.
    public static func assign(rows: Int, cols: Int, edges: [(row: Int, col: Int, cost: Int64)]) -> [Int?] {
        var a = SparseAssignment(rows: rows, cols: cols)
        for e in edges { a.add(row: e.row, col: e.col, cost: e.cost) }
        return a.solve() ?? []
    }
}
