import CommandModel
import Foundation
import Testing

/// A centre's own setup (`centre:` among the plan files): which jurisdictions grade, and what a
/// report outside the city meets.
@Suite("Centre rules")
struct CentreRulesTests {
    static let criteria = """
        version: 1
        criteria:
          - id: nat
            name: {en: National, zh: 国家}
            source: a national plan
            short: NAT
            categories: [natural-disaster]
            levels:
              I: {deaths: 100}
          - id: city
            name: {en: City, zh: 市}
            source: a city plan
            short: CITY
            categories: [natural-disaster]
            types: [flood]
            counts: deaths+missing
            jurisdiction: city
            levels:
              I: {deaths: 10}
        """

    static func book(_ centre: String) -> (PlanBook, [FileIssue]) {
        PlanBook.load(files: [("criteria.yaml", criteria), ("centre.yaml", centre)])
    }

    @Test func theShippedCentreGradesByBeijingFirstAndRefusesOutside() {
        var expected = CentreRules(city: Bilingual("Beijing", "北京"), criteria: ["beijing", "national"], outside: .refuse)
        expected.aidLevels = [.i, .ii]
        expected.neighbours = ["hebei": Bilingual("Hebei", "河北"), "tianjin": Bilingual("Tianjin", "天津")]
        #expect(shippedPlans.centre == expected)
    }

    @Test func theFirstJurisdictionCoveringATypeGradesIt() {
        let (book, issues) = Self.book("centre: {criteria: [city, national], outside: record}")
        #expect(issues.isEmpty, "\(issues)")
        #expect(book.centre.outside == .record)
        #expect(book.criteria(for: .flood).map(\.id) == ["city"])
        #expect(book.criteria(for: .earthquake).map(\.id) == ["nat"])
        #expect(book.suggestion(for: .flood, figures: Figures(deaths: 6, missing: 4)).level == .i)
        #expect(book.suggestion(for: .earthquake, figures: Figures(deaths: 99, missing: 4)).level == .none)
    }

    @Test func withoutACentreEveryCriterionGradesAndOutsideIsRefused() {
        let (book, issues) = PlanBook.load(files: [("criteria.yaml", Self.criteria)])
        #expect(issues.isEmpty)
        #expect(book.centre == .standard && book.centre.outside == .refuse)
        #expect(book.criteria(for: .flood).map(\.id) == ["nat", "city"])
    }

    @Test func aBadCentreNamesLineAndColumn() {
        let (_, issues) = Self.book(
            """
            centre:
              criteria: [city]
              outside: accept
              colour: red
            """)
        #expect(issues.map { "\($0.file):\($0.line):\($0.column)" } == ["centre.yaml:3:12", "centre.yaml:4:11"], "\(issues)")
        #expect(issues.first?.message.en.contains("refuse, record") == true, "\(issues)")
    }

    /// A jurisdiction no criterion has (a typo) would grade nothing: named where it is.
    @Test func aJurisdictionNoCriterionHasIsRefused() {
        let (_, issues) = Self.book("centre: {criteria: [citty, national], outside: record}")
        #expect(issues.map { "\($0.file):\($0.line):\($0.column)" } == ["centre.yaml:1:21"], "\(issues)")
        #expect(issues.first?.message.en == "no criterion has jurisdiction 'citty'")
    }

    @Test func aBadCountsIsRefused() {
        let (_, issues) = PlanBook.load(files: [("c.yaml", Self.criteria.replacingOccurrences(of: "counts: deaths+missing", with: "counts: deaths+injured"))])
        #expect(issues.map { "\($0.line):\($0.column)" } == ["16:13"], "\(issues)")
    }
}
