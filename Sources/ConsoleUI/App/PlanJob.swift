import CommandModel
import Dispatch
import Foundation

/// A joint plan computed on a background queue for the runner: the worker writes progress and
/// the result here, the runner's loop reads them between keys and hands them to the model as
/// messages; cancelling tells the worker to stop at its next progress report.
///
/// Guarantees: every field is read and written under one lock, so it is safe across threads;
/// the worker holds only the problem (the needs and free teams, built on the input thread in a
/// few milliseconds) and the grid, never the runner or the whole state (a copy of a year's state
/// would be duplicated by the next event folded in while it runs).
final class PlanJob: @unchecked Sendable {
    let job: Int
    private let lock = NSLock()
    private var fraction = 0.0
    private var result: JointPlan?
    private var finished = false
    private var cancelled = false

    init(job: Int) { self.job = job }

    /// Starts the work on a background queue.
    static func start(job: Int, state: CommandState, incidents: [IncidentID], plans: PlanBook, grid: Grid) -> PlanJob {
        let box = PlanJob(job: job)
        let problem = state.dispatchProblem(for: incidents, plans: plans)
        DispatchQueue.global(qos: .userInitiated).async {
            let plan = problem.solve(grid: grid) { box.report($0) }
            box.finish(plan)
        }
        return box
    }

    func cancel() { lock.withLock { cancelled = true } }

    /// What the runner reads each turn: progress so far, and the plan once done (nil while
    /// running or when cancelled).
    func poll() -> (fraction: Double, finished: Bool, plan: JointPlan?) {
        lock.withLock { (fraction, finished, result) }
    }

    private func report(_ f: Double) -> Bool {
        lock.withLock {
            fraction = f
            return !cancelled
        }
    }

    private func finish(_ plan: JointPlan?) {
        lock.withLock {
            result = cancelled ? nil : plan
            finished = true
        }
    }
}
