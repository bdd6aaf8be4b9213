import CommandModel
import Foundation
import Testing

/// The verb table is the grammar: every verb's examples parse, and the help, docs and README
/// are generated from it (and kept in step by these tests).
@Suite("The verb table")
struct VerbTableTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: Grammar.verbs.map(\.name))
    func everyExampleParses(verb: String) throws {
        let v = try #require(Grammar.verb(named: verb))
        #expect(!v.examples.isEmpty, "\(verb) has no example")
        for e in v.examples {
            #expect(throws: Never.self, "'\(e)'") { try Grammar.parse(e, now: t0) }
            #expect(Grammar.verb(named: String(e.split(separator: " ")[0]))?.name == verb, "an example of \(verb) starts with it")
        }
        for alias in v.aliases { #expect(Grammar.verb(named: alias)?.name == verb) }
    }

    @Test func noTwoVerbsShareAName() {
        let words = Grammar.verbs.flatMap { [$0.name] + $0.aliases }
        #expect(Set(words).count == words.count)
    }

    @Test func docsGrammarIsGeneratedFromTheTable() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("docs/GRAMMAR.md"), encoding: .utf8)
        #expect(text == Grammar.markdown(), "docs/GRAMMAR.md is out of step: run decision-hub debug grammar > docs/GRAMMAR.md")
    }

    @Test func readmeListsEveryVerb() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("\n" + Grammar.readmeList() + "\n"), "README's verb line is out of step; it should read:\n\(Grammar.readmeList())")
    }

    @Test func aMistypedVerbGetsADidYouMean() {
        do {
            _ = try Grammar.parse("akc INC-0001", now: t0)
            Issue.record("accepted")
        } catch {
            #expect(error.column == 1)
            #expect(error.message.en.hasPrefix("unknown command 'akc' (did you mean 'ack'?)"), "\(error.message.en)")
            #expect(error.message.zh.contains("是否要输入“ack”"))
        }
        #expect(Grammar.suggestion(for: "relase") == "release")
        #expect(Grammar.suggestion(for: "zzzzzzzz") == nil)
    }

    @Test func execHelpListsEveryVerbInBothLanguages() {
        for v in Grammar.verbs {
            #expect(Grammar.helpText(.en).contains(v.usage) && Grammar.helpText(.en).contains(v.help.en))
            #expect(Grammar.helpText(.zh).contains(v.help.zh))
        }
    }
}
