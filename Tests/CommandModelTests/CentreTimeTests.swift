import Foundation
import Testing

@testable import CommandModel

@Suite("The centre's time")
struct CentreTimeTests {
    @Test func aLateUTCEveningIsTheNextMorningInBeijingWithItsOffset() throws {
        // 2026-12-02 18:08:05 UTC is 02:08 on the 3rd in Beijing: a calendar day apart.
        let date = Date(timeIntervalSince1970: 1_796_234_885)
        #expect(CentreTime.format(date) == "2026-12-03 02:08:05 +08:00")
        #expect(CentreTime.format(date, in: try #require(TimeZone(identifier: "UTC"))) == "2026-12-02 18:08:05 +00:00")
        #expect(CentreTime.format(date, in: try #require(TimeZone(secondsFromGMT: -(3 * 3600 + 1800)))) == "2026-12-02 14:38:05 -03:30")
    }

    /// Dates written out by hand: leap days, the turn of a century that is not a leap year, a
    /// moment before 1970, a fraction of a second, an offset with minutes.
    @Test func knownDatesAreWrittenOut() throws {
        let utc = try #require(TimeZone(secondsFromGMT: 0))
        let newfoundland = try #require(TimeZone(secondsFromGMT: -(3 * 3600 + 1800)))
        #expect(CentreTime.format(Date(timeIntervalSince1970: 951_782_400), in: utc) == "2000-02-29 00:00:00 +00:00")
        #expect(CentreTime.format(Date(timeIntervalSince1970: 4_107_542_399.9), in: utc) == "2100-02-28 23:59:59 +00:00")
        #expect(CentreTime.format(Date(timeIntervalSince1970: 4_107_542_400), in: utc) == "2100-03-01 00:00:00 +00:00")
        #expect(CentreTime.format(Date(timeIntervalSince1970: -1), in: utc) == "1969-12-31 23:59:59 +00:00")
        #expect(CentreTime.format(Date(timeIntervalSince1970: -11_676_096_000), in: utc) == "1600-01-01 00:00:00 +00:00")
        #expect(CentreTime.format(Date(timeIntervalSince1970: 0), in: newfoundland) == "1969-12-31 20:30:00 -03:30")
    }

    /// The counted-out date is the calendar's, to the second, in zones east and west, with
    /// summer time, across leap days, centuries and the edges of the counted range.
    @Test func theCountedDateIsTheCalendars() throws {
        let zones =
            try ["Asia/Shanghai", "UTC", "America/New_York", "Australia/Lord_Howe", "Pacific/Kiritimati", "Pacific/Pago_Pago"].map { try #require(TimeZone(identifier: $0)) }
            + [try #require(TimeZone(secondsFromGMT: -(3 * 3600 + 1800)))]
        var dates: [Date] = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -1), Date(timeIntervalSince1970: -0.5), Date(timeIntervalSince1970: 951_782_399.999),  // 2000-02-28T23:59:59.999Z
            Date(timeIntervalSince1970: 951_868_800),  // 2000-03-01
            Date(timeIntervalSince1970: 4_107_542_400),  // 2100-03-01 (not a leap year)
            Date(timeIntervalSince1970: -11_999_999_999), Date(timeIntervalSince1970: 2.9e12), Date(timeIntervalSince1970: -12_000_000_001), Date(timeIntervalSince1970: 3.1e12),
            .distantPast, .distantFuture,
        ]
        var random = SplitMix64(seed: 20_261_207)
        for _ in 0..<2_000 {
            dates.append(Date(timeIntervalSince1970: Double(random.next() % 16_000_000_000) - 11_000_000_000 + Double(random.next() % 1_000) / 1_000))
        }
        for zone in zones {
            for date in dates {
                #expect(CentreTime.format(date, in: zone) == CentreTime.formatByCalendar(date, in: zone), "\(date.timeIntervalSince1970) in \(zone.identifier)")
            }
        }
    }
}
