import CommandModel
import Foundation
import PropertyBased
import Testing

/// The line diff that compares two versions of a situation report: both texts read back from it,
/// and it keeps as many lines as a longest common subsequence does.
@Suite("Line diff")
struct LineDiffTests {
    @Test func aFollowUpAgainstTheFirstReport() {
        let old = "# First report\n\n- Deaths: 1\n- Missing: 3\n- Level: III\n"
        let new = "# Follow-up report\n\n- ▲ Deaths: 1 → 2 (+1)\n- Missing: 3\n- Level: III\n- Shelter SH-03 open\n"
        let d = LineDiff.diff(old, new)
        #expect(
            d == [
                .removed("# First report"), .added("# Follow-up report"), .same(""), .removed("- Deaths: 1"), .added("- ▲ Deaths: 1 → 2 (+1)"), .same("- Missing: 3"), .same("- Level: III"),
                .added("- Shelter SH-03 open"),
            ])
        #expect(LineDiff.changes(d) == (removed: 2, added: 3))
        #expect(LineDiff.changes(LineDiff.diff(old, old)) == (removed: 0, added: 0))
        #expect(LineDiff.diff("", "a\n") == [.added("a")] && LineDiff.diff("a\n", "") == [.removed("a")])
    }

    @Test func longRunsOfUnchangedLinesAreFolded() {
        let old = (1...20).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "line 10\n", with: "line ten\n")
        let text = LineDiff.render(LineDiff.diff(old, new), context: 2) { "… \($0) unchanged" }
        #expect(
            text == """
                … 7 unchanged
                  line 8
                  line 9
                - line 10
                + line ten
                  line 11
                  line 12
                … 8 unchanged

                """)
    }

    /// The longest common subsequence's length, the slow and obvious way.
    static func lcs(_ a: [String], _ b: [String]) -> Int {
        var t = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0..<a.count { for j in 0..<b.count { t[i + 1][j + 1] = a[i] == b[j] ? t[i][j] + 1 : max(t[i][j + 1], t[i + 1][j]) } }
        return t[a.count][b.count]
    }

    @Test func bothTextsReadBackAndTheKeptLinesAreALongestCommonSubsequence() async {
        // Few distinct lines, so the texts share many in different orders.
        let lines = Gen.int(in: 0...4).array(of: 0...30)
        await propertyCheck(count: 300, input: lines, lines) { x, y in
            let a = x.map { "l\($0)" }, b = y.map { "l\($0)" }
            let d = LineDiff.diff(lines: a, b)
            var old: [String] = [], new: [String] = [], kept = 0
            for l in d {
                switch l {
                case let .same(s):
                    old.append(s)
                    new.append(s)
                    kept += 1
                case let .removed(s): old.append(s)
                case let .added(s): new.append(s)
                }
            }
            #expect(old == a && new == b)
            #expect(kept == Self.lcs(a, b))
        }
    }
}
