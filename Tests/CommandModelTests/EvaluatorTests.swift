import CommandModel
import Foundation
import Testing

/// Evaluators in drills: observations tied to an objective or inject, journal only; after the end,
/// each computed rating accepted or overridden with a reason, both kept, disagreement shown.
@Suite("Evaluators in drills")
struct EvaluatorTests {
    static let roster: Roster = {
        let yaml = """
            timezone: Asia/Shanghai
            people:
              - {id: ev1, name: {en: Gao Yu, zh: 高宇}, logins: [gao.yu], roles: [evaluator]}
              - {id: duty, name: {en: Li Na, zh: 李娜}, logins: [li.na], roles: [duty-officer]}
            """
        let (r, issues) = Roster.load(yaml, file: "roster.yaml")
        precondition(issues.isEmpty, "\(issues)")
        return r
    }()

    func drill() -> Scenario {
        var s = Scenario()
        var info = drillInfo(.blind)
        info.objectives = [DrillScenario.Objective(id: "ack", text: Bilingual("Acknowledge within 5 minutes", "5 分钟内确认"))]
        info.injects = ["flood"]
        s.run(.drill(.schedule(info)))
        return s
    }

    @Test func observationsGoToTheJournalAndRatingsWaitForTheEnd() throws {
        var s = drill()
        let observed = try #require(s.when(try line("evaluate DRL-1 observe flood the hotline call was logged late")).events)
        #expect(observed == [.drillObserved(drill: "DRL-1", about: "flood", text: "the hotline call was logged late")])
        #expect(observed.allSatisfy(\.isJournal) && observed.allSatisfy { $0.drill == "DRL-1" }, "players read only the log")
        #expect(s.trying(try line("evaluate DRL-1 observe nothing x")).rejection == .unknownDrillTarget("DRL-1", "nothing", known: ["ack", "flood"]))
        #expect(s.trying(try line("evaluate DRL-1 rate ack M slow")).rejection == .drillNotOver("DRL-1"))
        s.run(.drill(.end(drill: "DRL-1", reason: "over", aborted: false)))
        #expect(s.trying(.evaluator(.judge(drill: "DRL-1", objective: "ack", rating: .majorChallenges, reason: " "))).rejection == .reasonRequired)
        s.operatorName = "gao.yu"
        s.run(try line("evaluate DRL-1 rate ack M acknowledged only after the second call"))
        #expect(s.state.evaluators["DRL-1"]?.judgements["ack"]?["gao.yu"]?.rating == .majorChallenges)
        #expect(s.state.evaluators["DRL-1"]?.observations.map(\.about) == ["flood"])
    }

    @Test func anOverrideStandsBesideTheComputedRatingAndDisagreementShows() throws {
        var s = drill()
        s.run(.drill(.end(drill: "DRL-1", reason: "over", aborted: false)))
        let run = try #require(s.state.drills["DRL-1"])
        var evaluation = DrillEvaluation.evaluate(run: run, events: [], teams: [:], at: s.now)
        evaluation.objectives[0].rating = .performed  // as if computed from the record
        // One evaluator overrides it: the override stands, the computed one beside it
        s.operatorName = "gao.yu"
        s.run(try line("evaluate DRL-1 rate ack M acknowledged only after the second call"))
        let one = evaluation.judged(by: s.state.evaluators["DRL-1"])
        #expect(one.map(\.standing) == [.majorChallenges] && one.map(\.disagreement) == [false])
        let en = evaluation.evaluatorsMarkdown(s.state.evaluators["DRL-1"], .en)
        #expect(
            en.contains("| Acknowledge within 5 minutes | **P** performed without challenges | gao.yu: M — acknowledged only after the second call | **M** performed with major challenges |"), "\(en)")
        // A second evaluator accepts the computed rating: they disagree, the computed one stands
        s.operatorName = "wu.lan"
        s.run(try line("evaluate DRL-1 accept ack"))
        let two = evaluation.judged(by: s.state.evaluators["DRL-1"])
        #expect(two.map(\.standing) == [.performed] && two.map(\.disagreement) == [true])
        #expect(evaluation.evaluatorsMarkdown(s.state.evaluators["DRL-1"], .zh).contains("（评估员意见不一）"))
    }

    @Test func aManualExpectationIsPendingUntilAnEvaluatorScoresItAndThenCountsInTheRating() throws {
        var s = drill()
        let call = DrillScenario.ManualExpectation(id: "call-leader", text: Bilingual("Call the district leader", "致电区领导"), withinMinutes: 10, objectives: ["ack"])
        #expect(s.trying(try line("evaluate DRL-1 score flood call-leader met")).rejection == .injectNotFired("DRL-1", inject: "flood", fired: []))
        s.run(.drill(.fireInject(drill: "DRL-1", inject: "flood", commands: [], line: "x", expect: .init(objectives: ["ack"], manual: [call]), contingency: false)))
        func evaluation() throws -> DrillEvaluation {
            DrillEvaluation.evaluate(run: try #require(s.state.drills["DRL-1"]), events: [], teams: [:], at: s.now, scores: s.state.evaluators["DRL-1"])
        }
        // Given nobody has scored it: pending, and the objective is not rated yet
        let pending = try evaluation()
        #expect(pending.injects.first?.checks.map(\.outcome) == [.pending])
        #expect(pending.objectives.map(\.rating) == [nil])
        #expect(pending.markdown(.en).contains("| flood | Call the district leader (manual) | 10 min | — | … pending (to be scored by an evaluator) |"), "\(pending.markdown(.en))")
        #expect(pending.markdown(.zh).contains("| flood | 致电区领导（人工） | 10 分钟 | — | … 进行中（待评估员评分） |"), "\(pending.markdown(.zh))")
        // What cannot be scored
        #expect(
            s.trying(try line("evaluate DRL-1 score flood call-press met")).rejection
                == .unknownManualExpectation("DRL-1", inject: "flood", expectation: "call-press", known: ["call-leader"]))
        #expect(s.trying(.evaluator(.score(drill: "DRL-1", inject: "flood", expectation: "call-leader", outcome: .late, note: " "))).rejection == .reasonRequired)
        #expect(s.trying(.evaluator(.score(drill: "DRL-1", inject: "flood", expectation: "call-leader", outcome: .pending, note: ""))).rejection == .notAScore("pending"))
        #expect(throws: GrammarError.self) { try Grammar.parse("evaluate DRL-1 score flood call-leader soon", now: t0) }
        // When an evaluator scores it late: a journal event, and the objective is rated with it
        s.operatorName = "gao.yu"
        let scored = try #require(s.when(try line("evaluate DRL-1 score flood call-leader late called after 25 minutes")).events)
        #expect(scored == [.drillExpectationScored(drill: "DRL-1", inject: "flood", expectation: "call-leader", outcome: .late, note: "called after 25 minutes")])
        #expect(scored.allSatisfy(\.isJournal) && scored.allSatisfy { $0.drill == "DRL-1" }, "players read only the log")
        let one = try evaluation()
        #expect(one.injects.first?.checks.map(\.outcome) == [.late])
        #expect(one.objectives.map(\.rating) == [.someChallenges])
        #expect(one.markdown(.en).contains("| flood | Call the district leader (manual) | 10 min | gao.yu: late — called after 25 minutes | ✘ late |"), "\(one.markdown(.en))")
        #expect(one.markdown(.zh).contains("| flood | 致电区领导（人工） | 10 分钟 | gao.yu: 超时 — called after 25 minutes | ✘ 超时 |"), "\(one.markdown(.zh))")
        #expect(
            one.improvements == [
                Bilingual("flood: Call the district leader was done late, evaluators say (gao.yu: called after 25 minutes)", "flood：致电区领导超时完成（评估员评分）（gao.yu: called after 25 minutes）")
            ])
        // A second evaluator scores it met: they disagree, the worse score counts, and the report says so
        s.operatorName = "wu.lan"
        s.run(try line("evaluate DRL-1 score flood call-leader met"))
        let two = try evaluation()
        #expect(two.injects.first?.checks.map(\.disagreement) == [true] && two.objectives.map(\.rating) == [.someChallenges])
        #expect(two.markdown(.en).contains("gao.yu: late — called after 25 minutes; wu.lan: met | ✘ late (evaluators disagree) |"), "\(two.markdown(.en))")
        #expect(two.markdown(.zh).contains("✘ 超时 （评估员意见不一） |"), "\(two.markdown(.zh))")
        // The first evaluator's later score replaces their earlier one: now they agree it was met
        s.operatorName = "gao.yu"
        s.run(try line("evaluate DRL-1 score flood call-leader met the district office confirms the call at 10:08"))
        let agreed = try evaluation()
        #expect(agreed.objectives.map(\.rating) == [.performed] && agreed.injects.first?.checks.map(\.disagreement) == [false])
        #expect(s.state.evaluators["DRL-1"]?.scores(inject: "flood", expectation: "call-leader").map(\.by) == ["gao.yu", "wu.lan"])
    }

    @Test func anEvaluatorActsOnlyAsOne() throws {
        var s = drill()
        let evaluator = Actor.from(roster: Self.roster, login: "gao.yu", at: s.now)
        let officer = Actor.from(roster: Self.roster, login: "li.na", at: s.now)
        func decide(_ c: Command, as actor: Actor) -> Rejection? {
            var context = s.context
            context.actor = actor
            do throws(Rejection) {
                _ = try CommandModel.decide(c, s.state, context)
                return nil
            } catch { return error }
        }
        guard case .notAuthorized? = decide(try line("report flood at cell:4,4"), as: evaluator) else {
            Issue.record("an evaluator reported an incident")
            return
        }
        #expect(decide(try line("evaluate DRL-1 observe flood noted"), as: evaluator) == nil)
        guard case .notAuthorized? = decide(try line("evaluate DRL-1 observe flood noted"), as: officer) else {
            Issue.record("a player recorded an evaluator's observation")
            return
        }
        guard case .notAuthorized? = decide(try line("evaluate DRL-1 score flood call-leader met"), as: officer) else {
            Issue.record("a player scored a manual expectation")
            return
        }
        s.exercise = "DRL-1"
        guard case .notInDrill? = s.trying(try line("evaluate DRL-1 observe flood noted")).rejection else {
            Issue.record("an inject recorded an observation")
            return
        }
    }

    @Test func aCorrectiveActionIsTrackedUntilALaterDrillRetestsIt() throws {
        var s = drill()
        s.run(.drill(.end(drill: "DRL-1", reason: "over", aborted: false)))
        // Given a finding turned into a corrective action
        let raised = try #require(s.when(try line("improve DRL-1 ack owner li.na category training due +30d drill the hotline log with every shift")).events)
        #expect(
            raised == [
                .correctiveActionRaised(
                    action: CorrectiveAction(
                        id: "CA-1", drill: "DRL-1", objective: "ack", text: "drill the hotline log with every shift", owner: "li.na", category: .training, due: t0 + 30 * 86_400))
            ])
        #expect(s.trying(try line("improve DRL-1 nothing owner x category training due +1d y")).rejection == .unknownDrillTarget("DRL-1", "nothing", known: ["ack"]))
        #expect(throws: GrammarError.self) { try Grammar.parse("improve DRL-1 ack owner li.na text without category", now: t0) }
        // When a later scenario exercises the same objective, the open action is listed
        #expect(s.state.openActions(exercisedBy: ["ack", "dispatch"]).map(\.action.id) == ["CA-1"])
        #expect(s.state.openActions(exercisedBy: ["dispatch"]).isEmpty)
        s.run(try line("improve CA-1 in-progress two shifts trained"))
        #expect(s.trying(try line("improve CA-1 in-progress again")).rejection == .correctiveActionUnchanged("CA-1", CorrectiveAction.Status.inProgress.name))
        s.run(try line("improve CA-1 done trained all four shifts"))
        #expect(s.state.correctiveActions["CA-1"]?.notes == ["two shifts trained", "trained all four shifts"])
        #expect(s.state.openActions(exercisedBy: ["ack"]).isEmpty, "done: not retested any more")
        #expect(s.trying(try line("improve CA-9 done x")).rejection == .unknownCorrectiveAction("CA-9"))
    }
}
