import CommandModel
import Foundation

extension ConsoleWorld {
    /// From this many fresh reports of one feed source on, they are folded out of the work list
    /// into one line of its title ("12 new from 12345"), so a burst does not bury the incidents
    /// people are working. A search (`/12345`) shows them all.
    public static let feedFold = 5

    /// The feed source of an incident a feed reported, if one did.
    public func feedSource(of id: IncidentID) -> String? { state.feeds.sources[id] }

    /// Whether an incident is a fresh feed report: from a feed, not acknowledged, no level yet.
    func isFreshFeedReport(_ i: Incident) -> Bool {
        i.status == .reported && i.level == .none && state.feeds.sources[i.id] != nil
    }

    /// The sources whose fresh reports are folded now, with how many each (most first).
    public var feedBursts: [(source: String, count: Int)] {
        guard !state.feeds.sources.isEmpty else { return [] }
        var counts: [String: Int] = [:]
        for i in active where isFreshFeedReport(i) {
            if let s = state.feeds.sources[i.id] { counts[s, default: 0] += 1 }
        }
        return counts.filter { $0.value >= Self.feedFold }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) }
    }

    /// Whether the incident is folded into its source's line (with no search text).
    func isFolded(_ i: Incident, bursts: Set<String>) -> Bool {
        guard !bursts.isEmpty, isFreshFeedReport(i), let s = state.feeds.sources[i.id] else { return false }
        return bursts.contains(s)
    }
}
