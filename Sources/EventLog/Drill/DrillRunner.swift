import CommandModel
import Crypto
import Foundation

/// Runs one drill against the shared store: fires its injects at their times under the
/// scenario's operator name, on the coordinator's authority, skips contingencies that are not
/// needed, and stands the drill down at the scenario's end.
///
/// Everything it decides comes from the record (`DrillScenario.nextStep`), so a runner started
/// again after a crash carries on without firing anything twice; two runners racing on one
/// drill cannot either (the second is refused: the inject is already done).
public final class DrillRunner {
    public let ledger: Ledger
    public let scenario: DrillScenario
    public let drill: String
    /// Who runs it: the coordinator's login, whose authority the injects act on.
    public let coordinator: String

    public init(ledger: Ledger, scenario: DrillScenario, drill: String, coordinator: String) {
        self.ledger = ledger
        self.scenario = scenario
        self.drill = drill
        self.coordinator = coordinator
    }

    /// The SHA-256 of a sealed scenario file, hex: the same file started again resumes its drill.
    public static func digest(_ sealed: Data) -> String {
        Hex.lowercase(SHA256.hash(data: sealed))
    }

    /// Schedules a drill of a sealed scenario with a start at random in `window` (or at `at`),
    /// or finds the drill of the same sealed file still running: (id, resumed). With the drill's
    /// `publicKey` (``Ledger/open(drillKey:)``, as the command line always does), its journal is
    /// sealed to it; without, the journal is written in the clear (as before sealing).
    public static func scheduleOrResume(
        ledger: Ledger, scenario: DrillScenario, sealed: Data, publicKey: String? = nil, window: DrillWindow?, at: Date?, coordinator: String, now: Date,
        random: (ClosedRange<Double>) -> Double = { Double.random(in: $0) }, seed: UInt64 = UInt64.random(in: 1...UInt64.max)
    ) throws(ExecutionError) -> (drill: String, resumed: Bool) {
        do { try ledger.refresh() } catch { throw .store(error) }
        let digest = digest(sealed)
        if let running = ledger.state.runningDrills.first(where: { $0.info.digest == digest }) { return (running.id, true) }
        let start: Date
        if let at {
            start = at
        } else {
            // No window: any moment in the next day.
            let range = window?.range(after: now, timeZone: Grammar.centreTimeZone) ?? now...now.addingTimeInterval(86_400)
            start = Date(timeIntervalSince1970: random(range.lowerBound.timeIntervalSince1970...range.upperBound.timeIntervalSince1970).rounded())
        }
        let info = DrillInfo(
            name: scenario.name, disclosure: scenario.disclosure, startsAt: start, endsAt: scenario.endsAt(start: start, seed: seed), seed: seed, digest: digest,
            sealed: sealed.base64EncodedString(), operatorName: scenario.operatorName, objectives: scenario.objectives, injects: scenario.injects.map(\.id),
            speed: scenario.speed, sources: scenario.sources, publicKey: publicKey)
        let recorded = try ledger.execute([.drill(.schedule(info))], operatorName: coordinator, now: { now })
        guard case let .drillScheduled(d)? = recorded.first?.event else { throw .rejected(.unknownDrill("?")) }
        return (d.id, false)
    }

    /// The drill as the record has it now.
    public var run: DrillRun? { ledger.state.drills[drill] }

    /// The drill's events so far (its control events and its exercise data).
    public func record() throws(StoreError) -> [RecordedEvent] {
        ledger.opened(try ledger.store.events(exercise: drill))
    }

    /// What a tick recorded before it failed: returned by the next tick, so a runner that waits
    /// a store outage out still shows every inject it fired.
    private var unreturned: [RecordedEvent] = []

    /// Does everything due at `now`, in order; returns what was recorded (and what an earlier
    /// tick recorded before it failed).
    @discardableResult
    public func tick(now: Date) throws(ExecutionError) -> [RecordedEvent] {
        var out = unreturned
        unreturned = []
        do throws(ExecutionError) {
            try steps(now: now, into: &out)
        } catch {
            unreturned = out
            throw error
        }
        return out
    }

    private func steps(now: Date, into out: inout [RecordedEvent]) throws(ExecutionError) {
        do { try ledger.refresh() } catch { throw .store(error) }
        var events: [RecordedEvent]?
        var refusals = 0
        while let run = ledger.state.drills[drill] {
            // Only the drill as its key opens it can be run: a frame has no times, no injects.
            guard !run.info.isSealedFrame else { throw .rejected(.drillSealed(drill)) }
            var failure: StoreError?
            let step = scenario.nextStep(run: run, now: now) { fired, at in
                // Read the drill's record only when a contingency needs it.
                if events == nil {
                    do throws(StoreError) { events = try self.record() } catch {
                        failure = error
                        return false
                    }
                }
                return DrillEvaluation.missed(fired, run: run, events: events ?? [], teams: self.ledger.state.teams, at: at)
            }
            if let failure { throw .store(failure) }
            guard let step else { break }
            // Checked here, not left to the decider: a refusal would be recorded in the log
            // players read, under the coordinator's name, and give a blind drill away.
            if let roster = ledger.roster {
                let actor = Actor.from(roster: roster, login: coordinator, at: now)
                guard actor.roles.contains(.drillCoordinator) else {
                    throw .rejected(
                        .notAuthorized(
                            action: Bilingual("run a drill's injects", "执行演练注入"), needs: [.drillCoordinator], onCallNow: actor.onCallNow[.drillCoordinator] ?? [], incident: nil))
                }
            }
            // An inject acts under its source's name (a hotline, a feed), else the scenario's.
            var actingAs = run.info.operatorName
            if case let .drill(.fireInject(_, id, _, _, _, _)) = step, let source = scenario.injects.first(where: { $0.id == id })?.source { actingAs = source }
            do throws(ExecutionError) {
                out += try ledger.execute([step], operatorName: coordinator, recordAs: actingAs, now: { now })
                events = nil
            } catch {
                guard case let .rejected(r) = error, refusals < 100 else { throw error }
                refusals += 1
                switch (step, r) {
                case (_, .injectAlreadyDone), (_, .drillOver):
                    continue  // another runner did it a moment ago; the state now shows it
                case (_, .notAuthorized):
                    throw error
                case let (.drill(.fireInject(_, inject, _, _, _, _)), rejection):
                    // The world moved on (the players closed the incident it updates): the
                    // inject cannot fire; say why on the record.
                    out += try ledger.execute(
                        [.drill(.skipInject(drill: drill, inject: inject, reason: .refused(rejection.message)))], operatorName: coordinator, recordAs: run.info.operatorName, now: { now })
                default:
                    throw error
                }
            }
        }
    }
}
