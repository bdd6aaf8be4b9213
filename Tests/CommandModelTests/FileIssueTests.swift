import CommandModel
import Foundation
import Testing

/// Every reader names the place: file, line and column, for bytes that are not text as much
/// as for a wrong field.
@Suite("Hand-written files: every problem at its line and column")
struct FileIssueTests {
    let roster = """
        people:
          - {id: a, name: {en: A, zh: 甲}}
        """

    @Test func invalidUTF8IsRefusedAtItsPlaceNotReplaced() {
        // Line 2, after "  - {id: 李" (a CJK character counts as one column).
        var bytes = Array("people:\n  - {id: 李".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array("}\n".utf8)
        let (text, issues) = FileIssue.decode(bytes, file: "r.yaml")
        #expect(text == nil)
        #expect(issues.first.map { "\($0.file):\($0.line):\($0.column)" } == "r.yaml:2:11")
        #expect(issues.first?.message.en.hasPrefix("invalid UTF-8") == true)
        // An encoded surrogate and an overlong form are not UTF-8 either.
        #expect(FileIssue.decode([0x61, 0xED, 0xA0, 0x80], file: "x").text == nil)
        #expect(FileIssue.decode([0xC0, 0xAF], file: "x").text == nil)
        #expect(FileIssue.decode(Array("甲\tb\r\n".utf8), file: "x").text == "甲\tb\r\n")
    }

    @Test func nulAndControlCharactersAreReportedWhereTheyAre() {
        var r = YAMLReader(file: "r.yaml")
        #expect(r.root("people:\n  - {id: a\u{0}b}\n") == nil)
        #expect(r.issues.map { "\($0.line):\($0.column)" } == ["2:11"])
        #expect(r.issues.first?.message.en.contains("NUL") == true)
        var s = YAMLReader(file: "r.yaml")
        #expect(s.root("a: 1\nb: x\u{1B}[31m\n") == nil)
        #expect(s.issues.map { "\($0.line):\($0.column)" } == ["2:5"])
        #expect(s.issues.first?.message.en.contains("U+001B") == true)
        // The same checks reach every YAML document through the reader.
        let (_, issues) = Roster.load(roster.replacingOccurrences(of: "A,", with: "A\u{7},"), file: "roster.yaml")
        #expect(issues.map { $0.text(.en) }.first?.hasPrefix("roster.yaml:2:25: control character U+0007") == true, "\(issues)")
    }

    @Test func aDuplicateKeyIsReportedAtItsSecondPlace() {
        let text = """
            people:
              - id: a
                name: {en: A, zh: 甲}
                id: b
            """
        let (_, issues) = Roster.load(text, file: "roster.yaml")
        #expect(issues.count == 1)
        #expect(issues.first.map { "\($0.line):\($0.column)" } == "4:5")
        #expect(issues.first?.message.en == "the key 'id' appears twice in one mapping (first at line 2); keep one")
        // At the top level, and in a flow mapping (reported at the first place, named).
        var r = YAMLReader(file: "x.yaml")
        _ = r.root("version: 1\npeople: []\n# note\nversion: 2\n")
        #expect(r.issues.map { "\($0.line):\($0.column)" } == ["4:1"])
        var f = YAMLReader(file: "x.yaml")
        _ = f.root("a: {b: 1, b: 2}\n")
        #expect(f.issues.first?.line == 1)
        #expect(f.issues.first?.message.en.contains("'b' appears twice") == true)
    }

    @Test func noProblemIsAtLineZero() {
        var r = YAMLReader(file: "x.yaml")
        _ = r.root("")
        #expect(r.issues.map { "\($0.line):\($0.column)" } == ["1:1"])
    }

    @Test func theMapFileReportsControlCharactersAtTheirPlace() {
        let text = OneMap.formatLine + "\nname: A | 甲\u{0}\nbox: 1 0 0 1\n"
        let (map, issues) = OneMap.parse(text, file: "m.map")
        #expect(map == nil)
        #expect(issues.map { "\($0.file):\($0.line):\($0.column)" } == ["m.map:2:12"])
    }
}
