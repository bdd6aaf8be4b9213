import CommandModel
import Foundation
import Testing

@Suite("The centre's time")
struct CentreTimeTests {
    @Test func aLateUTCEveningIsTheNextMorningInBeijingWithItsOffset() throws {
        // 2026-12-02 18:08:05 UTC is 02:08 on the 3rd in Beijing: a calendar day apart.
        let date = Date(timeIntervalSince1970: 1_796_234_885)
        #expect(CentreTime.format(date) == "2026-12-03 02:08:05 +08:00")
        #expect(CentreTime.format(date, in: try #require(TimeZone(identifier: "UTC"))) == "2026-12-02 18:08:05 +00:00")
        #expect(CentreTime.format(date, in: try #require(TimeZone(secondsFromGMT: -(3 * 3600 + 1800)))) == "2026-12-02 14:38:05 -03:30")
    }
}
