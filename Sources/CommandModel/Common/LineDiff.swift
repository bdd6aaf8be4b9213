import Foundation

/// A line diff of two texts by longest common subsequence: every line of the old text is kept or
/// removed, every line of the new one kept or added, in order, with as few changes as possible.
///
/// Pure and bounded: the common head and tail are matched first (two versions of a report share
/// most of their lines), and the quadratic table covers only the middle; a middle beyond
/// `tableLimit` cells (two texts with almost nothing in common, thousands of lines each) is shown
/// as removed then added, which is still a correct diff, only not the shortest.
public enum LineDiff {
    public enum Line: Hashable, Sendable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The most cells of the table: about 16 MB of counts.
    public static let tableLimit = 4_000_000

    /// The lines of a text (a final newline ends the last line; it does not start an empty one).
    public static func split(_ text: String) -> [String] {
        if text.isEmpty { return [] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if text.hasSuffix("\n") { lines.removeLast() }
        return lines
    }

    /// The diff of `old` to `new`, line by line.
    public static func diff(_ old: String, _ new: String) -> [Line] { diff(lines: split(old), split(new)) }

    public static func diff(lines a: [String], _ b: [String]) -> [Line] {
        var head = 0
        while head < a.count, head < b.count, a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head, tail < b.count - head, a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        let x = Array(a[head..<(a.count - tail)]), y = Array(b[head..<(b.count - tail)])
        var out = a[..<head].map(Line.same)
        out += middle(x, y)
        out += a[(a.count - tail)...].map(Line.same)
        return out
    }

    /// The LCS table over the middle, then one walk from its top-left corner.
    static func middle(_ x: [String], _ y: [String]) -> [Line] {
        if x.isEmpty { return y.map(Line.added) }
        if y.isEmpty { return x.map(Line.removed) }
        let n = x.count, m = y.count
        guard n.multipliedReportingOverflow(by: m).partialValue <= tableLimit, n <= tableLimit, m <= tableLimit else {
            return x.map(Line.removed) + y.map(Line.added)
        }
        // lcs[i][j]: the longest common subsequence of x[i...] and y[j...], row-major.
        let width = m + 1
        var lcs = [Int32](repeating: 0, count: (n + 1) * width)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i * width + j] = x[i] == y[j] ? lcs[(i + 1) * width + j + 1] + 1 : max(lcs[(i + 1) * width + j], lcs[i * width + j + 1])
            }
        }
        var out: [Line] = []
        out.reserveCapacity(n + m)
        var i = 0, j = 0
        while i < n && j < m {
            if x[i] == y[j] {
                out.append(.same(x[i]))
                i += 1
                j += 1
            } else if lcs[(i + 1) * width + j] >= lcs[i * width + j + 1] {
                // Removals before additions, as a reader expects "old, then new".
                out.append(.removed(x[i]))
                i += 1
            } else {
                out.append(.added(y[j]))
                j += 1
            }
        }
        out += x[i...].map(Line.removed)
        out += y[j...].map(Line.added)
        return out
    }

    /// The diff as text: `- ` removed, `+ ` added, `  ` kept, with runs of more than
    /// 2 × `context` kept lines between changes folded into one line saying how many.
    public static func render(_ lines: [Line], context: Int = 3, folded: (Int) -> String) -> String {
        var out: [String] = []
        var kept: [String] = []
        var seenChange = false
        func flush(last: Bool) {
            let lead = seenChange ? context : 0
            let trail = last ? 0 : context
            if kept.count > lead + trail + 1 {
                out += kept.prefix(lead).map { "  " + $0 }
                out.append(folded(kept.count - lead - trail))
                out += kept.suffix(trail).map { "  " + $0 }
            } else {
                out += kept.map { "  " + $0 }
            }
            kept = []
        }
        for line in lines {
            switch line {
            case let .same(s): kept.append(s)
            case let .removed(s):
                flush(last: false)
                seenChange = true
                out.append("- " + s)
            case let .added(s):
                flush(last: false)
                seenChange = true
                out.append("+ " + s)
            }
        }
        flush(last: true)
        return out.joined(separator: "\n") + "\n"
    }

    /// How many lines the diff removes and adds (both 0: the texts are the same).
    public static func changes(_ lines: [Line]) -> (removed: Int, added: Int) {
        var removed = 0, added = 0
        for l in lines {
            switch l {
            case .same: break
            case .removed: removed += 1
            case .added: added += 1
            }
        }
        return (removed, added)
    }
}
