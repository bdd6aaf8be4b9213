import Foundation

extension DrillScenario {
    /// The jitter of an inject for a drill: deterministic from the drill's seed, so a restarted
    /// runner computes the same times and never fires an inject twice.
    public func jitter(of inject: Inject, seed: UInt64) -> Int {
        guard inject.jitterMinutes > 0 else { return 0 }
        var h: UInt64 = seed ^ 0x9E37_79B9_7F4A_7C15
        for b in inject.id.utf8 { h = (h ^ UInt64(b)) &* 0x1000_0000_01B3 }
        let span = UInt64(2 * inject.jitterMinutes + 1)
        return Int(h % span) - inject.jitterMinutes
    }

    /// When each inject fires if every earlier inject fires on time, from a start time: the
    /// coordinator's dry run. Contingencies are listed at the time they would fire if their
    /// expectation is missed.
    public func timeline(start: Date, seed: UInt64) -> [(inject: Inject, at: Date)] {
        var at: [String: Date] = [:]
        var out: [(Inject, Date)] = []
        for i in injects {
            let base: Date?
            switch i.timing {
            case let .offset(m): base = start.addingTimeInterval(wallSeconds(m))
            case let .after(other, m): base = at[other].map { $0.addingTimeInterval(wallSeconds(m)) }
            }
            guard let b = base else { continue }
            let t = b.addingTimeInterval(wallSeconds(jitter(of: i, seed: seed)))
            at[i.id] = t
            out.append((i, t))
        }
        return out
    }
}
