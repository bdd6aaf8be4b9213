import CommandModel
import Foundation
import Testing

@testable import EventLog

/// The plan book's cache form holds every field: a field the codec forgot would make a cached
/// start decide differently from a start that read the YAML.
@Suite("The plan book's binary form")
struct PlanBookCodecTests {
    /// A book with every field away from its default, each optional both set and unset.
    static let full: PlanBook = {
        let criterion = LevelCriterion(
            id: "flood-bj", name: Bilingual("Flood", "洪涝"), source: "Decree 493, art. 3", short: "493/3", categories: [.naturalDisaster, .accidentDisaster], types: [.flood, .fire],
            thresholds: [.i: [.deaths: 30, .missing: 10], .iii: [.evacuated: 1_000]], baseline: .iv, jurisdiction: "beijing", countsMissing: true)
        let card = RunCard(
            type: .flood, level: .ii, needs: [.floodRescue: 2, .medical: 1],
            checklist: [ChecklistItem(id: "c1", text: Bilingual("Open shelters", "开放避难场所"), level: .ii), ChecklistItem(id: "c2", text: Bilingual("Tell the district", "通报区"), level: .iii)],
            supplies: ["sandbags": 2_000, "tents": 40])
        let rule = ReportingRule(
            categories: [.naturalDisaster], source: "Regulations art. 7",
            stages: [
                ReportingStage(id: "district", name: Bilingual("district", "区"), withinMinutes: 30),
                ReportingStage(id: "state", name: Bilingual("State Council", "国务院"), withinMinutes: 240, levels: [.i, .ii], source: "art. 9"),
            ])
        var centre = CentreRules(city: Bilingual("Beijing", "北京"), criteria: ["beijing", "national"], outside: .record)
        centre.aidLevels = [.i, .ii]
        centre.neighbours = ["hebei": Bilingual("Hebei", "河北"), "tianjin": Bilingual("Tianjin", "天津")]
        var book = PlanBook(criteria: [criterion], cards: [card], reporting: [rule], centre: centre)
        book.supplies = [SupplyItem(id: "sandbags", name: Bilingual("sandbags", "沙袋"), unit: Bilingual("bags", "条"))]
        return book
    }()

    @Test func everyFieldReadsBack() {
        let bytes = PlanBookCodec.encode(Self.full)
        #expect(bytes.withUnsafeBytes { PlanBookCodec.decode($0) } == Self.full)
        #expect(PlanBookCodec.encode(PlanBook.empty).withUnsafeBytes { PlanBookCodec.decode($0) } == PlanBook.empty)
    }

    @Test func theSameBookGivesTheSameBytes() {
        // Sets and dictionaries are written in order, so a cache file depends on the book only.
        var copy = Self.full
        copy.centre.neighbours = Dictionary(uniqueKeysWithValues: Self.full.centre.neighbours.reversed())
        #expect(PlanBookCodec.encode(copy) == PlanBookCodec.encode(Self.full))
    }

    @Test func cutOrLengthenedBytesAreNoBook() {
        let bytes = PlanBookCodec.encode(Self.full)
        for cut in stride(from: 0, to: bytes.count, by: 7) {
            #expect(Array(bytes.prefix(cut)).withUnsafeBytes { PlanBookCodec.decode($0) } == nil, "cut at \(cut)")
        }
        #expect((bytes + [0]).withUnsafeBytes { PlanBookCodec.decode($0) } == nil)
    }
}
