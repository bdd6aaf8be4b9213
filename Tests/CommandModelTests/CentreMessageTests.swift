import CommandModel
import Foundation
import Testing

/// Mutual aid between two centres' records, decided without a store: Beijing's steps addressed
/// to Tianjin wait in Beijing's outbox (a fold of its own events), Tianjin's decider takes each
/// in order exactly once, its answers travel back the same way, and the receipts empty the
/// outbox in order.
@Suite("Messages between centres")
struct CentreMessageTests {
    /// Beijing with a level II flood (INC-0001) and Tianjin, each its own record.
    func centres() throws -> (beijing: Scenario, tianjin: Scenario) {
        var b = Scenario()
        b.plans.centre.aidLevels = [.i, .ii]
        b.plans.centre.neighbours = ["hebei": Bilingual("Hebei", "河北"), "tianjin": Bilingual("Tianjin", "天津")]
        b.run(try line("report flood at cell:4,4 deaths=12"), .incident(.acknowledge(IncidentID(1))), .incident(.setLevel(IncidentID(1), .ii, reason: "twelve dead")))
        var t = Scenario()
        t.operatorName = "wang.fang"
        return (b, t)
    }

    /// A made-up chain hash for an event (the store computes the real one).
    func hash(_ centre: String, _ seq: Int64) -> String {
        let digits = String(centre.utf8.reduce(UInt64(seq)) { $0 &* 31 &+ UInt64($1) }, radix: 16)
        return String(repeating: "0", count: 64 - digits.count) + digits
    }

    /// What a relay does for the first message waiting from `from` to `to`: the message as the
    /// receiver's decider sees it.
    func firstMessage(from sender: Scenario, _ name: String, to: String) throws -> AidMessage {
        let entry = try #require(sender.state.centres.outbox[to]?.first, "nothing waits for \(to)")
        return AidMessage(from: name, to: to, seq: entry.seq, previous: entry.previous, hash: hash(name, entry.seq), step: entry.step)
    }

    /// Carries every waiting message from one record to the other, with receipts: the relay's
    /// round, by hand.
    func relay(_ sender: inout Scenario, _ name: String, to receiver: inout Scenario, _ to: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        while sender.state.centres.outbox[to]?.first != nil {
            let m = try firstMessage(from: sender, name, to: to)
            receiver.run(.centre(.receive(m)), sourceLocation: sourceLocation)
            let held = receiver.state.sequence
            sender.run(.centre(.delivered(to: to, seq: m.seq, receipt: AidReceipt(seq: held, hash: hash(to, held)))), sourceLocation: sourceLocation)
        }
    }

    @Test func requestOfferAcceptanceArrivalAndReleaseTravelBetweenTheTwoRecords() throws {
        var (b, t) = try centres()
        b.run(try line("aid request INC-0001 tianjin teams medical=1 items pumps=2 at cell:3,3 by +6h"))
        // Beijing's request waits in its outbox: its own event, addressed to Tianjin.
        let waiting = try #require(b.state.centres.outbox["tianjin"])
        #expect(waiting.count == 1 && waiting[0].seq == b.state.sequence && waiting[0].previous == 0)
        guard case let .request(raised) = waiting[0].step else {
            Issue.record("not a request: \(waiting[0].step)")
            return
        }
        #expect(raised.id == "AID-1" && raised.to == "tianjin")

        try relay(&b, "beijing", to: &t, "tianjin")
        #expect(b.state.centres.outbox["tianjin"] == nil, "the receipt empties the outbox")
        let incoming = try #require(t.state.centres.incoming["AID-1@beijing"])
        #expect(incoming.stage == Bilingual("asked of us", "待响应") && incoming.raised.capabilities == [CapabilityCount(.medical, 1)])
        #expect(t.state.centres.name == "tianjin")

        // Tianjin answers from its own console: its offer, in its own record, addressed back.
        t.run(try line("aid offer AID-1@beijing team TJ-M1 medical \"Tianjin medics\" eta +3h"))
        #expect(t.state.centres.incoming["AID-1@beijing"]?.offers.first?.from == "tianjin")
        #expect(t.trying(try line("aid accept AID-1@beijing")).rejection == .aidOfAnotherCentre("AID-1@beijing", centre: "beijing"))
        try relay(&t, "tianjin", to: &b, "beijing")
        let offer = try #require(b.state.aidRequests["AID-1"]?.offers.first)
        #expect(offer.from == "tianjin" && offer.teams.map(\.id) == [TeamID("TJ-M1")] && offer.teams[0].home == "tianjin" && offer.teams[0].base == Cell(x: 3, y: 3))

        // Beijing accepts, the teams arrive, and go home: each step reaches Tianjin.
        b.run(try line("aid accept AID-1"))
        #expect(b.state.teams[TeamID("TJ-M1")] != nil)
        #expect(b.trying(try line("aid accept AID-1")).rejection == .aidClosed("AID-1"))
        b.run(try line("aid arrived AID-1"))
        b.run(try line("aid release AID-1 the water is down"))
        #expect(b.state.centres.outbox["tianjin"]?.map(\.step.name.en) == ["acceptance", "arrival", "release"])
        // Each names the one before it to the same centre: the receiver sees a gap.
        let sent = try #require(b.state.centres.outbox["tianjin"])
        #expect(sent[1].previous == sent[0].seq && sent[2].previous == sent[1].seq)
        try relay(&b, "beijing", to: &t, "tianjin")
        let done = try #require(t.state.centres.incoming["AID-1@beijing"])
        #expect(done.accepted?.map(\.id) == [TeamID("TJ-M1")] && done.arrivedAt != nil && done.releaseReason == "the water is down")
        #expect(done.stage == Bilingual("released", "已返回"))
        #expect(b.state.teams[TeamID("TJ-M1")] == nil)
    }

    @Test func aMessageIsHeldOnceAndOnlyInOrder() throws {
        var (b, t) = try centres()
        b.run(try line("aid request INC-0001 tianjin teams medical=1 at cell:3,3"), try line("aid request INC-0001 tianjin teams flood-rescue=1 at cell:3,3"))
        let queue = try #require(b.state.centres.outbox["tianjin"])
        #expect(queue.count == 2)
        let first = AidMessage(from: "beijing", to: "tianjin", seq: queue[0].seq, previous: queue[0].previous, hash: hash("beijing", queue[0].seq), step: queue[0].step)
        let second = AidMessage(from: "beijing", to: "tianjin", seq: queue[1].seq, previous: queue[1].previous, hash: hash("beijing", queue[1].seq), step: queue[1].step)
        // The second before the first: one is missing.
        #expect(t.trying(.centre(.receive(second))).rejection == .messageOutOfOrder(from: "beijing", seq: second.seq, previous: first.seq, last: 0))
        t.run(.centre(.receive(first)))
        let at = t.state.sequence
        // Again (a relay that stopped before its receipt): held already, and where.
        #expect(t.trying(.centre(.receive(first))).rejection == .messageAlreadyHeld(from: "beijing", seq: first.seq, at: at))
        t.run(.centre(.receive(second)))
        // Receipts in the order the messages were sent.
        #expect(
            b.trying(.centre(.delivered(to: "tianjin", seq: second.seq, receipt: AidReceipt(seq: 2, hash: hash("tianjin", 2))))).rejection
                == .receiptOutOfOrder(to: "tianjin", seq: second.seq, first: first.seq))
        #expect(
            b.trying(.centre(.delivered(to: "tianjin", seq: 999, receipt: AidReceipt(seq: 2, hash: hash("tianjin", 2))))).rejection == .noMessageWaiting(to: "tianjin", seq: 999))
        #expect(b.trying(.centre(.delivered(to: "tianjin", seq: first.seq, receipt: AidReceipt(seq: 1, hash: "not-a-hash")))).rejection == .badChainHash("not-a-hash"))
    }

    @Test func aMessageForAnotherCentreIsRefused() throws {
        var (b, t) = try centres()
        b.run(try line("aid request INC-0001 hebei teams medical=1 at cell:3,3"))
        // The centres file sent Hebei's request to Tianjin's store... once Tianjin knows its name.
        t.run(.centre(.receive(AidMessage(from: "hebei", to: "tianjin", seq: 1, previous: 0, hash: hash("hebei", 1), step: .arrived(request: "AID-7")))))
        let m = try firstMessage(from: b, "beijing", to: "hebei")
        #expect(t.trying(.centre(.receive(m))).rejection == .messageNotForUs(from: "beijing", to: "hebei", us: "tianjin"))
        var renamed = m
        renamed.to = "tianjin"
        // A request whose own addressee is another centre is not ours either.
        #expect(t.trying(.centre(.receive(renamed))).rejection == .messageNotForUs(from: "beijing", to: "hebei", us: "tianjin"))
        #expect(
            t.trying(.centre(.receive(AidMessage(from: "Bei Jing", to: "tianjin", seq: 1, previous: 0, hash: hash("x", 1), step: .arrived(request: "AID-1"))))).rejection == .badCentreName("Bei Jing"))
    }

    @Test func aDrillsRequestNeverLeavesTheCentre() throws {
        var (b, _) = try centres()
        b.run(.drill(.schedule(drillInfo(.marked, start: b.now))))
        b.exercise = "DRL-1"
        b.run(try line("report flood at cell:5,5"), .incident(.acknowledge(IncidentID(2))), .incident(.setLevel(IncidentID(2), .i, reason: "drill")))
        b.run(try line("aid request INC-0002 tianjin teams medical=1 at cell:5,5"))
        #expect(b.state.aidRequests["AID-1"]?.exercise == "DRL-1")
        #expect(b.state.centres.outbox.isEmpty, "a drill stays inside its centre")
        #expect(b.trying(.centre(.shareBoard(with: "tianjin"))).rejection == .notInDrill(Bilingual("exchange messages with other centres", "与其他中心交换消息")))
    }

    @Test func anOutageIsRecordedOnceAndItsEnd() throws {
        var (b, _) = try centres()
        let before = b.now.addingTimeInterval(-600)
        b.run(.centre(.unreachable("hebei", lastContact: before, reason: "cannot open /srv/hebei.sqlite")))
        #expect(b.trying(.centre(.unreachable("hebei", lastContact: nil, reason: "still"))).rejection == .centreAlreadyUnreachable("hebei"))
        let contact = try #require(b.state.centres.unreachable.first)
        #expect(contact.centre == "hebei" && contact.contact.unreachableSince == b.now && contact.contact.lastContact == before)
        b.run(.centre(.reachable("hebei")))
        #expect(b.state.centres.unreachable.isEmpty)
        #expect(b.trying(.centre(.reachable("hebei"))).rejection == .centreNotUnreachable("hebei"))
    }

    @Test func theBoardIsSharedByACommandOnTheRecord() throws {
        var (_, t) = try centres()
        t.run(try line("centre share-board with Beijing"))
        #expect(t.state.centres.boardSharedWith == ["beijing"])
        #expect(t.trying(try line("centre share-board beijing")).rejection == .boardAlreadyShared("beijing"))
        t.run(try line("centre unshare-board with beijing"))
        #expect(t.trying(try line("centre unshare-board with beijing")).rejection == .boardNotShared("beijing"))
        #expect(throws: GrammarError.self) { try Grammar.parse("centre share-board with Bei-Jing", now: t0) }
    }

    @Test func theOldRecordingOnTheOtherCentresWordStillWorksAndSendsOnlyOurSteps() throws {
        var (b, _) = try centres()
        b.run(try line("aid request INC-0001 hebei teams flood-rescue=1 at cell:3,3"))
        b.run(try line("aid offer AID-1 from hebei team HB-B1 flood-rescue \"Hebei boats\" eta +3h"), try line("aid accept AID-1"))
        // The offer typed on Hebei's word is Beijing's record, addressed to nobody; the request
        // and the acceptance go to Hebei (with the teams accepted).
        let steps = try #require(b.state.centres.outbox["hebei"]).map(\.step)
        #expect(steps.count == 2)
        guard case let .accept(id, k, teams) = steps[1] else {
            Issue.record("\(steps)")
            return
        }
        #expect(id == "AID-1" && k == 1 && teams.map(\.id) == [TeamID("HB-B1")])
        #expect(b.trying(try line("aid arrived AID-2")).rejection == .unknownAidRequest("AID-2"))
    }

    @Test func theGrammarNamesAnotherCentresRequest() throws {
        let medics = TeamProfile(id: TeamID("MD-1"), name: Bilingual("medics", "medics"), capabilities: [.medical], base: Cell(x: 0, y: 0))
        #expect(try line("aid offer aid-3@Tianjin team MD-1 medical \"medics\"") == .aid(.offer("AID-3@tianjin", AidOffer(from: "", teams: [medics], eta: nil))))
        #expect(try line("aid arrived AID-2") == .aid(.arrived("AID-2")))
        #expect(throws: GrammarError.self) { try Grammar.parse("aid offer AID-1 team MD-1 medical \"m\"", now: t0) }  // ours: say whose offer
        #expect(throws: GrammarError.self) { try Grammar.parse("aid offer AID-1@Bei Jing team MD-1 medical \"m\"", now: t0) }
    }

    @Test func theLinksRoundTripThroughJSON() throws {
        var (b, t) = try centres()
        b.run(try line("aid request INC-0001 tianjin teams medical=1 at cell:3,3"))
        try relay(&b, "beijing", to: &t, "tianjin")
        b.run(.centre(.unreachable("hebei", lastContact: nil, reason: "down")), .centre(.shareBoard(with: "tianjin")))
        for links in [b.state.centres, t.state.centres] {
            let back = try JSONDecoder().decode(CentreLinks.self, from: JSONEncoder().encode(links))
            #expect(back == links)
        }
    }
}
