import Foundation

/// The centre's own time: one zone (Beijing's unless a roster names another), and one way to
/// write a moment for people, with its offset so a reader in another zone is never a day out.
public enum CentreTime {
    /// The zone every front door reads and writes times in, unless the roster names another.
    public static let zone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? .gmt

    /// `2026-12-03 02:08:05 +08:00`: the wall clock in `zone`, with the zone's offset.
    public static func format(_ date: Date, in zone: TimeZone = zone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let offset = zone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        func two(_ v: Int?) -> String { String(format: "%02d", v ?? 0) }
        let hh = two(abs(offset) / 3600), mm = two(abs(offset) % 3600 / 60)
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)):\(two(c.second)) \(sign)\(hh):\(mm)"
    }
}

extension Bilingual {
    /// An age in a few words: seconds, minutes, hours, days ("12 min", "12 分钟"). One wording for
    /// every front door (the console's header, `verify`, `board --follow`).
    public static func age(_ seconds: TimeInterval) -> Bilingual {
        let s = Int(max(0, min(seconds, 1e12)))
        if s < 120 { return Bilingual("\(s) s", "\(s) 秒") }
        if s < 7_200 { return Bilingual("\(s / 60) min", "\(s / 60) 分钟") }
        if s < 172_800 { return Bilingual("\(s / 3_600) h", "\(s / 3_600) 小时") }
        return Bilingual("\(s / 86_400) days", "\(s / 86_400) 天")
    }
}
