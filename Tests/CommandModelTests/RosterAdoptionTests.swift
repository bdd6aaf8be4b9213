import CommandModel
import Foundation
import Testing

/// Pinning a store to a roster is a commander's act, on the record with the file's digest.
@Suite("Adopting a roster")
struct RosterAdoptionTests {
    let digest = String(repeating: "0123456789abcdef", count: 4)

    @Test func aCommanderAdoptsARosterByItsDigestOnce() throws {
        var s = Scenario()
        // Given a store, when a commander adopts a roster (digest in any case), then it is pinned.
        #expect(s.when(.roster(.adopt(digest: digest.uppercased(), source: "roster.yaml"))).events == [.rosterAdopted(digest: digest, source: "roster.yaml")])
        #expect(s.state.roster?.digest == digest && s.state.roster?.by == s.operatorName)
        #expect(s.trying(.roster(.adopt(digest: digest, source: "roster.yaml"))).rejection == .rosterAlreadyAdopted("roster.yaml"))
        #expect(s.trying(.roster(.adopt(digest: "not-a-digest", source: "roster.yaml"))).rejection == .badRosterDigest("not-a-digest"))
    }

    @Test func onlyACommanderMay() {
        let s = Scenario()
        var context = s.context
        context.actor = Actor(login: "li.na", person: nil, roles: [.dutyOfficer, .onCallLeader], onCallNow: [:])
        do throws(Rejection) {
            _ = try decide(.roster(.adopt(digest: digest, source: "r.yaml")), s.state, context)
            Issue.record("a duty officer adopted a roster")
        } catch {
            guard case let .notAuthorized(_, needs, _, _) = error else { Issue.record("\(error)"); return }
            #expect(needs == [.commander])
        }
    }
}
