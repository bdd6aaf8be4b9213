import CNcurses
import CommandModel
import Testing

@testable import ConsoleUI

@Suite("Palette: colour carries level, and monochrome still tells levels apart")
struct PaletteTests {
    @Test func levelsHaveDistinctColoursIn256AndTheRightFamiliesIn16() {
        let many = [ResponseLevel.i, .ii, .iii, .iv].map { Palette.foreground(.level($0), true) }
        #expect(Set(many).count == 4, "I red, II orange, III yellow, IV blue")
        #expect(Palette.foreground(.level(.i), false) == Int16(COLOR_RED))
        #expect(Palette.foreground(.level(.iii), false) == Int16(COLOR_YELLOW))
        #expect(Palette.foreground(.level(.iv), false) == Int16(COLOR_BLUE))
        // Warnings use the same colours but are a separate role: never mixed with levels.
        #expect(Role.warning(.red) != Role.level(.i))
    }

    @Test func monochromeAttributesDifferPerLevel() {
        let attrs = [ResponseLevel.i, .ii, .iii, .iv].map { Palette.monochrome(.level($0), bold: 1, reverse: 2, underline: 4, dim: 8) }
        #expect(Set(attrs).count == 4, "I reverse+bold, II bold, III underline, IV plain: \(attrs)")
    }
}
