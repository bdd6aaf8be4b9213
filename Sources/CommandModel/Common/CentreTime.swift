import Foundation

/// The centre's own time: one zone (Beijing's unless a roster names another), and one way to
/// write a moment for people, with its offset so a reader in another zone is never a day out.
public enum CentreTime {
    /// The zone every front door reads and writes times in, unless the roster names another.
    public static let zone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? .gmt

    /// `2026-12-03 02:08:05 +08:00`: the wall clock in `zone`, with the zone's offset.
    ///
    /// The date is counted out on the proleptic Gregorian calendar (days since 1970 to a civil
    /// date, as in Howard Hinnant's `civil_from_days`): `Calendar`'s components and
    /// `String(format:)` were a twentieth of a short `exec`, which writes one such line. The same
    /// wording as `Calendar` gives (tested against it), which still writes the moments before
    /// 1590 (it turns Julian before 15 October 1582) and after the year 95,000.
    public static func format(_ date: Date, in zone: TimeZone = zone) -> String {
        let offset = zone.secondsFromGMT(for: date)
        let since = date.timeIntervalSince1970.rounded(.down)
        guard since.isFinite, since > -12_000_000_000, since < 3e12 else { return formatByCalendar(date, in: zone) }
        let local = Int(since) + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let second = local - days * 86_400
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return written(year, month, day, second / 3_600, second % 3_600 / 60, second % 60, offset: offset)
    }

    /// The same date through Foundation's calendar.
    static func formatByCalendar(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return written(c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0, offset: zone.secondsFromGMT(for: date))
    }

    /// `2026-12-03 02:08:05 +08:00` from its parts.
    private static func written(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int, offset: Int) -> String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let sign = offset < 0 ? "-" : "+"
        return "\(year)-\(two(month))-\(two(day)) \(two(hour)):\(two(minute)):\(two(second)) \(sign)\(two(abs(offset) / 3_600)):\(two(abs(offset) % 3_600 / 60))"
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
