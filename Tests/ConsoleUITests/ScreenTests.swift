import CommandModel
import PropertyBased
import Testing

@testable import ConsoleUI

@Suite("Screen and display width")
struct ScreenTests {
    @Test func chineseTakesTwoColumns() {
        #expect(DisplayWidth.of("朝阳区") == 6)
        #expect(DisplayWidth.of("INC-0042 朝阳") == 13)
        #expect(DisplayWidth.pad("东城", to: 6) == "东城  ")
        #expect(DisplayWidth.truncate("门头沟区防汛", to: 7) == "门头沟…")
    }

    @Test func wideCharactersOccupyTwoCellsAndNeverStraddleAnEdge() {
        var s = Screen(width: 7, height: 1)
        let end = s.put("朝阳区x", x: 0, y: 0)
        #expect(end == 7)
        #expect(s.lines == ["朝阳区x"])
        #expect(s[1, 0].isContinuation)
        var t = Screen(width: 5, height: 1)
        t.put("朝阳区", x: 0, y: 0)
        #expect(t.lines == ["朝阳 "], "the third character would straddle the edge: a space instead")
    }

    @Test func boxesAndClipping() {
        var s = Screen(width: 12, height: 3)
        s.box(s.area, title: "事件 Incidents", glyphs: .ascii)
        #expect(s.lines == ["+ 事件 In… +", "|          |", "+----------+"])
    }
}

/// However views overlap, no row of the screen gains or loses a column: a wide character whose
/// other half is overwritten becomes a space.
@Suite("Rows keep the screen's width")
struct ScreenWidthTests {
    @Test func overlappingWideAndNarrowWritesNeverChangeARowsWidth() async {
        let pieces = ["朝阳区", "Xicheng", "西城区海淀", "·", "⌂", "石景山", "ab", "门"]
        await propertyCheck(count: 300, input: Gen.int(in: 0...1_000_000).array(of: 1...30)) { ops in
            var screen = Screen(width: 12, height: 2)
            for op in ops {
                let x = op % 14 - 1, y = (op / 14) % 2, piece = pieces[(op / 28) % pieces.count]
                switch (op / 300) % 3 {
                case 0: screen.put(piece, x: x, y: y)
                case 1: screen.set(x, y, "✖", Style(.normal))
                default: screen.fill(Rect(x: x, y: y, width: (op / 7) % 4, height: 1))
                }
            }
            for line in screen.lines { #expect(DisplayWidth.of(line) == 12, "'\(line)'") }
        }
    }
}
