import CommandModel
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
