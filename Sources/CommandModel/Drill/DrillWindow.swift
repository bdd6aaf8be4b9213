import Foundation

/// The local hours a drill may start in ("09:00-17:00"; "22:00-06:00" runs past midnight).
public struct DrillWindow: Hashable, Sendable {
    /// Minutes after local midnight.
    public var from: Int
    public var to: Int

    public init?(parsing text: String) {
        let parts = text.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces).split(separator: ":").compactMap { Int($0) } }
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && (0..<24).contains($0[0]) && (0..<60).contains($0[1]) }) else { return nil }
        from = parts[0][0] * 60 + parts[0][1]
        to = parts[1][0] * 60 + parts[1][1]
        if from == to { return nil }
    }

    /// The moments a drill may start at, at or after `now`: what is left of today's window, else
    /// the whole of the next one.
    public func range(after now: Date, timeZone: TimeZone) -> ClosedRange<Date> {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let length = Double((to - from + 1440) % 1440) * 60
        // Today's window, and yesterday's (a window past midnight may still be open).
        let midnight = calendar.startOfDay(for: now)
        for dayOffset in [-1, 0, 1] {
            guard let day = calendar.date(byAdding: .day, value: dayOffset, to: midnight) else { continue }
            let opens = day.addingTimeInterval(Double(from) * 60)
            let closes = opens.addingTimeInterval(length)
            if closes > now { return max(opens, now)...closes }
        }
        return now...now.addingTimeInterval(length)
    }
}
