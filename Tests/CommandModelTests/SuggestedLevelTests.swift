import CommandModel
import Foundation
import Testing

/// Golden tests at every statutory boundary: a wrong threshold fails here.
@Suite("Suggested level from statutory criteria")
struct SuggestedLevelTests {
    @Test(arguments: [
        (0, ResponseLevel.iv), (2, .iv), (3, .iii), (9, .iii), (10, .ii), (29, .ii), (30, .i), (31, .i),
    ])
    func decree493Deaths(deaths: Int, level: ResponseLevel) {
        #expect(shippedPlans.suggestion(for: .gasExplosion, figures: Figures(deaths: deaths)).level == level)
    }

    @Test(arguments: [(9, ResponseLevel.iv), (10, .iii), (49, .iii), (50, .ii), (99, .ii), (100, .i)])
    func decree493SeriousInjuries(n: Int, level: ResponseLevel) {
        #expect(shippedPlans.suggestion(for: .fire, figures: Figures(seriouslyInjured: n)).level == level)
    }

    @Test(arguments: [
        (9_999_999, ResponseLevel.iv), (10_000_000, .iii), (49_999_999, .iii), (50_000_000, .ii), (99_999_999, .ii), (100_000_000, .i),
    ])
    func decree493Loss(loss: Int, level: ResponseLevel) {
        #expect(shippedPlans.suggestion(for: .hazmatLeak, figures: Figures(directLossCNY: loss)).level == level)
    }

    @Test(arguments: [(19, ResponseLevel.none), (20, .iv), (49, .iv), (50, .iii), (99, .iii), (100, .ii), (199, .ii), (200, .i)])
    func naturalDisasterDeaths(deaths: Int, level: ResponseLevel) {
        #expect(shippedPlans.suggestion(for: .flood, figures: Figures(deaths: deaths)).level == level)
    }

    @Test(arguments: [(99_999, ResponseLevel.none), (100_000, .iv), (499_999, .iv), (500_000, .iii), (999_999, .iii), (1_000_000, .ii), (1_999_999, .ii), (2_000_000, .i)])
    func naturalDisasterEvacuated(n: Int, level: ResponseLevel) {
        #expect(shippedPlans.suggestion(for: .earthquake, figures: Figures(evacuated: n)).level == level)
    }

    @Test func theSuggestionSaysWhichCriterionTriggeredIt() {
        let s = shippedPlans.suggestion(for: .buildingCollapse, figures: Figures(deaths: 12))
        #expect(s.level == .ii)
        #expect(s.reason.en == "II: 12 deaths >= 10 (Decree 493 art. 3)")
        #expect(s.reason.zh == "II级：死亡 12 ≥ 10（Decree 493 art. 3）")
    }

    @Test func categoriesWithoutNumericCriteriaSuggestNothing() {
        #expect(shippedPlans.suggestion(for: .epidemicCluster, figures: Figures(deaths: 500)).level == .none)
    }
}
