import CommandModel
import Foundation
import Testing

/// Golden tests at every statutory boundary: a wrong threshold fails here. Each set is tested
/// as a centre that grades by it alone would use it (`national`), and as the shipped Beijing
/// centre does (`beijing` first, `national` for the types the city does not grade itself).
@Suite("Suggested level from statutory criteria")
struct SuggestedLevelTests {
    static let national = plans(criteria: ["national"])
    static let beijing = shippedPlans

    // MARK: National sets

    @Test(arguments: [
        (0, ResponseLevel.iv), (2, .iv), (3, .iii), (9, .iii), (10, .ii), (29, .ii), (30, .i), (31, .i),
    ])
    func decree493Deaths(deaths: Int, level: ResponseLevel) {
        #expect(Self.national.suggestion(for: .gasExplosion, figures: Figures(deaths: deaths)).level == level)
    }

    /// Production-safety accidents count the missing with the dead (死亡（含失踪）).
    @Test(arguments: [
        (2, 0, ResponseLevel.iv), (2, 1, .iii), (0, 3, .iii), (8, 1, .iii), (8, 2, .ii), (9, 1, .ii), (25, 4, .ii), (25, 5, .i), (0, 30, .i),
    ])
    func decree493DeathsAndMissing(deaths: Int, missing: Int, level: ResponseLevel) {
        #expect(Self.national.suggestion(for: .gasExplosion, figures: Figures(deaths: deaths, missing: missing)).level == level)
    }

    @Test(arguments: [(9, ResponseLevel.iv), (10, .iii), (49, .iii), (50, .ii), (99, .ii), (100, .i)])
    func decree493SeriousInjuries(n: Int, level: ResponseLevel) {
        #expect(Self.national.suggestion(for: .fire, figures: Figures(seriouslyInjured: n)).level == level)
    }

    @Test(arguments: [
        (9_999_999, ResponseLevel.iv), (10_000_000, .iii), (49_999_999, .iii), (50_000_000, .ii), (99_999_999, .ii), (100_000_000, .i),
    ])
    func decree493Loss(loss: Int, level: ResponseLevel) {
        #expect(Self.national.suggestion(for: .hazmatLeak, figures: Figures(directLossCNY: loss)).level == level)
    }

    @Test(arguments: [(19, ResponseLevel.none), (20, .iv), (49, .iv), (50, .iii), (99, .iii), (100, .ii), (199, .ii), (200, .i)])
    func naturalDisasterDeaths(deaths: Int, level: ResponseLevel) {
        #expect(Self.national.suggestion(for: .flood, figures: Figures(deaths: deaths)).level == level)
    }

    /// The relief plan counts "死亡和失踪": 40 dead and 10 missing is III, not IV.
    @Test(arguments: [
        (19, 0, ResponseLevel.none), (19, 1, .iv), (0, 20, .iv), (40, 9, .iv), (40, 10, .iii), (80, 19, .iii), (80, 20, .ii), (150, 49, .ii), (150, 50, .i),
    ])
    func naturalDisasterDeathsAndMissing(deaths: Int, missing: Int, level: ResponseLevel) {
        #expect(Self.national.suggestion(for: .earthquake, figures: Figures(deaths: deaths, missing: missing)).level == level)
    }

    @Test(arguments: [(99_999, ResponseLevel.none), (100_000, .iv), (499_999, .iv), (500_000, .iii), (999_999, .iii), (1_000_000, .ii), (1_999_999, .ii), (2_000_000, .i)])
    func naturalDisasterEvacuated(n: Int, level: ResponseLevel) {
        #expect(Self.national.suggestion(for: .earthquake, figures: Figures(evacuated: n)).level == level)
    }

    /// A landslide under national rules: the geological-hazard grades (deaths only) and the
    /// relief plan both apply; the higher wins.
    @Test(arguments: [
        (0, 0, 0, ResponseLevel.iv), (2, 5, 0, .iv), (3, 0, 0, .iii), (9, 0, 0, .iii), (10, 0, 0, .ii), (29, 0, 0, .ii), (30, 0, 0, .i), (0, 0, 999_999, .iv), (0, 0, 1_000_000, .iii),
        (0, 0, 4_999_999, .iii), (0, 0, 5_000_000, .ii), (0, 0, 9_999_999, .ii), (0, 0, 10_000_000, .i), (0, 50, 0, .iii),
    ])
    func nationalGeologicalHazard(deaths: Int, missing: Int, loss: Int, level: ResponseLevel) {
        #expect(Self.national.suggestion(for: .landslide, figures: Figures(deaths: deaths, missing: missing, directLossCNY: loss)).level == level)
    }

    /// People to be relocated from a geological hazard (险情): 100, 500, 1,000.
    @Test(arguments: [(99, ResponseLevel.iv), (100, .iii), (499, .iii), (500, .ii), (999, .ii), (1_000, .i)])
    func geologicalHazardRelocations(n: Int, level: ResponseLevel) {
        #expect(Self.national.suggestion(for: .landslide, figures: Figures(evacuated: n)).level == level)
        #expect(Self.beijing.suggestion(for: .landslide, figures: Figures(evacuated: n)).level == level)
    }

    @Test func theSuggestionSaysWhichCriterionTriggeredIt() {
        let s = Self.national.suggestion(for: .buildingCollapse, figures: Figures(deaths: 12))
        #expect(s.level == .ii)
        #expect(s.reason.en == "II: 12 deaths and missing >= 10 (Decree 493 art. 3)")
        #expect(s.reason.zh == "II级：死亡和失踪 12 ≥ 10（Decree 493 art. 3）")
    }

    @Test func categoriesWithoutNumericCriteriaSuggestNothing() {
        #expect(Self.national.suggestion(for: .epidemicCluster, figures: Figures(deaths: 500)).level == .none)
        #expect(Self.beijing.suggestion(for: .epidemicCluster, figures: Figures(deaths: 500)).level == .none)
    }

    // MARK: The Beijing municipal set

    /// Flood, rainstorm and waterlogging: the city's flood-control plan, dead and missing
    /// together.
    @Test(arguments: [
        (0, 0, ResponseLevel.none), (1, 0, .iv), (0, 1, .iv), (2, 0, .iv), (3, 0, .iii), (2, 1, .iii), (0, 3, .iii), (4, 0, .iii), (4, 1, .ii), (5, 0, .ii), (9, 0, .ii),
        (9, 1, .i), (10, 0, .i), (0, 10, .i),
    ])
    func beijingFlood(deaths: Int, missing: Int, level: ResponseLevel) {
        for type in [IncidentType.flood, .rainstorm, .urbanWaterlogging] {
            #expect(Self.beijing.suggestion(for: type, figures: Figures(deaths: deaths, missing: missing)).level == level, "\(type)")
        }
    }

    /// The "7·21" rainstorm of 2012 (79 dead) and the "23·7" flood of 2023 (33 dead, 18
    /// missing): Beijing declared its highest level, I; the national relief plan alone says III.
    @Test func theTwoGreatBeijingFloodsSuggestTheLevelTheCityDeclared() {
        let july21 = Figures(deaths: 79)
        let s = Self.beijing.suggestion(for: .rainstorm, figures: july21)
        #expect(s.level == .i)
        #expect(s.reason.en == "I: 79 deaths and missing >= 10 (Beijing flood-control plan (figures unverified))")
        #expect(s.reason.zh == "I级：死亡和失踪 79 ≥ 10（Beijing flood-control plan (figures unverified)）")
        #expect(Self.national.suggestion(for: .rainstorm, figures: july21).level == .iii)

        let july23 = Figures(deaths: 33, missing: 18)
        let t = Self.beijing.suggestion(for: .flood, figures: july23)
        #expect(t.level == .i)
        #expect(t.reason.en == "I: 51 deaths and missing >= 10 (Beijing flood-control plan (figures unverified))")
        #expect(Self.national.suggestion(for: .flood, figures: july23).level == .iii)
    }

    /// Geological hazards: the municipal entry (deaths only), and no longer the relief plan.
    @Test(arguments: [
        (0, 0, 0, ResponseLevel.iv), (2, 5, 0, .iv), (3, 0, 0, .iii), (9, 0, 0, .iii), (10, 0, 0, .ii), (29, 0, 0, .ii), (30, 0, 0, .i), (0, 0, 999_999, .iv),
        (0, 0, 1_000_000, .iii), (0, 0, 5_000_000, .ii), (0, 0, 10_000_000, .i), (0, 50, 0, .iv),
    ])
    func beijingGeologicalHazard(deaths: Int, missing: Int, loss: Int, level: ResponseLevel) {
        let s = Self.beijing.suggestion(for: .landslide, figures: Figures(deaths: deaths, missing: missing, directLossCNY: loss))
        #expect(s.level == level)
        #expect(s.reasons.allSatisfy { $0.en.contains("Beijing geohazard plan") })
    }

    /// Production safety: 25 dead and 5 missing is I; 8 dead and 2 missing is II.
    @Test(arguments: [
        (0, 0, 0, ResponseLevel.iv), (2, 0, 0, .iv), (2, 1, 0, .iii), (8, 1, 0, .iii), (8, 2, 0, .ii), (25, 4, 0, .ii), (25, 5, 0, .i), (0, 0, 9, .iv), (0, 0, 10, .iii),
        (0, 0, 49, .iii), (0, 0, 50, .ii), (0, 0, 99, .ii), (0, 0, 100, .i),
    ])
    func beijingProductionSafety(deaths: Int, missing: Int, serious: Int, level: ResponseLevel) {
        let s = Self.beijing.suggestion(for: .gasExplosion, figures: Figures(deaths: deaths, missing: missing, seriouslyInjured: serious))
        #expect(s.level == level)
        #expect(s.reasons.allSatisfy { $0.en.contains("Beijing production-safety plan") })
    }

    @Test(arguments: [(9_999_999, ResponseLevel.iv), (10_000_000, .iii), (50_000_000, .ii), (100_000_000, .i)])
    func beijingFireLoss(loss: Int, level: ResponseLevel) {
        let s = Self.beijing.suggestion(for: .fire, figures: Figures(directLossCNY: loss))
        #expect(s.level == level)
        #expect(s.reasons.contains { $0.en.contains("Beijing fire plan") })
    }

    /// A type the city does not grade itself falls to the national set.
    @Test func anEarthquakeInBeijingIsGradedByTheNationalPlan() {
        let s = Self.beijing.suggestion(for: .earthquake, figures: Figures(deaths: 40, missing: 10))
        #expect(s.level == .iii)
        #expect(s.reason.en.contains("Disaster relief plan §5"))
    }

    // MARK: Every boundary of every shipped set, from the data

    /// For every criterion, level and figure: the threshold reaches the level, one less does
    /// not (with that figure alone); where the criterion counts the missing, one death short
    /// made up by one missing person reaches it, and where it does not, no number of missing
    /// does.
    @Test func everyThresholdOfEveryShippedCriterionIsABoundary() {
        for c in shippedPlans.criteria {
            var only = PlanBook(criteria: [c])
            only.centre.criteria = [c.jurisdiction]
            let type = IncidentType.allCases.first { c.covers($0) }
            guard let type else {
                Issue.record("\(c.id) covers no incident type")
                continue
            }
            for (level, limits) in c.thresholds {
                for (field, limit) in limits {
                    var at = Figures()
                    at[field] = limit
                    var below = Figures()
                    below[field] = limit - 1
                    #expect(only.suggestion(for: type, figures: at).level >= level, "\(c.id) \(level) \(field) at \(limit)")
                    #expect(only.suggestion(for: type, figures: below).level < level, "\(c.id) \(level) \(field) at \(limit - 1)")
                    guard field == .deaths else { continue }
                    let split = Figures(deaths: limit - 1, missing: 1)
                    if c.countsMissing {
                        #expect(only.suggestion(for: type, figures: split).level >= level, "\(c.id) \(level): \(limit - 1) dead + 1 missing")
                        if limit >= 2 { #expect(only.suggestion(for: type, figures: Figures(deaths: limit - 2, missing: 1)).level < level, "\(c.id) \(level): one short") }
                    } else {
                        #expect(only.suggestion(for: type, figures: Figures(deaths: limit - 1, missing: 1_000)).level < level, "\(c.id) counts deaths only")
                    }
                }
            }
        }
    }
}
