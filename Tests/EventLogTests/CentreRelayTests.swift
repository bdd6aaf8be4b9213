import CommandModel
import Foundation
import Testing

@testable import EventLog

/// Three centres (Beijing, Tianjin, Hebei), each with a store of its own, exchanging mutual aid
/// through their relays: each chain holds the other's receipt, `verify --centres` checks them,
/// an unreachable centre's messages wait and arrive once, in order, and a relay that stopped
/// between its two appends delivers nothing twice.
@Suite("Mutual aid between centres' stores", .serialized)
struct CentreRelayTests {
    /// The three stores and a centres file naming them; `location` makes each store's location
    /// (a file in `dir`, or a PostgreSQL URL).
    final class Region {
        let dir = TempDir()
        let names = ["beijing", "hebei", "tianjin"]
        var locations: [String: String] = [:]
        let file: String

        init(postgres base: String? = nil) throws {
            for n in names {
                if let base {
                    let url = base + (base.contains("?") ? "&" : "?") + "centre=" + n + "_" + UUID().uuidString.prefix(8).lowercased().filter { $0.isLetter || $0.isNumber }
                    _ = try PostgresEventStore.create(url: PostgresStoreURL.parse(url))
                    locations[n] = url
                } else {
                    locations[n] = dir.path("\(n).sqlite")
                    _ = try SQLiteEventStore.create(path: locations[n] ?? "")
                }
            }
            file = dir.path("centres.yaml")
            // Paths relative to the file, as an operator would write them.
            let yaml = names.map { n -> String in
                let store = base == nil ? "\(n).sqlite" : (locations[n] ?? "")
                let share = n == "tianjin" ? "\n    share-board: [beijing]" : ""
                return "  \(n):\n    store: \"\(store)\"\(share)"
            }.joined(separator: "\n")
            try "version: 1\ncentres:\n\(yaml)\n".write(toFile: file, atomically: true, encoding: .utf8)
        }

        func network(_ me: String) throws -> CentreNetwork {
            try CentreNetwork(directory: CentreNetwork.read(file), store: try #require(locations[me]))
        }

        /// A ledger over a centre's store, with plans that let it ask for help at levels I and II.
        func ledger(_ n: String) throws -> Ledger {
            let store = try StoreLocation.open(try #require(locations[n]))
            var plans = PlanBook.empty
            plans.centre.aidLevels = [.i, .ii]
            return try Ledger(store: store, plans: plans)
        }

        /// One `relay --once` of a centre: a fresh relay, as the command line makes.
        @discardableResult
        func relay(_ n: String, now: Date = t0) throws -> [CentreRelay.Note] {
            let notes = CentreRelay(ledger: try ledger(n), network: try network(n)).round(now: now)
            for note in notes where note.isProblem { Issue.record("\(n)'s relay: \(note.text.en)") }
            return notes
        }

        /// Every event of a centre's log.
        func events(_ n: String) throws -> [RecordedEvent] { try ledger(n).store.events(after: 0, limit: 10_000) }

        func received(_ n: String) throws -> [AidMessage] {
            try events(n).compactMap { if case let .aidMessageReceived(m) = $0.event { m } else { nil } }
        }

        func receipts(_ n: String) throws -> [(to: String, seq: Int64, receipt: AidReceipt)] {
            try events(n).compactMap { if case let .aidMessageDelivered(to, seq, r) = $0.event { (to, seq, r) } else { nil } }
        }
    }

    /// `line` at a centre, as its officer types it.
    @discardableResult
    func exec(_ l: Ledger, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [RecordedEvent] {
        try l.execute(Grammar.parse(text, now: t0), operatorName: "officer", now: { t0 })
    }

    /// Beijing's flood at level II, so it may ask for help.
    func flood(_ beijing: Ledger) throws {
        try exec(beijing, "report flood at cell:4,4 deaths=12")
        try exec(beijing, "ack INC-0001")
        try exec(beijing, "level INC-0001 II twelve dead")
    }

    /// The whole exchange, on whichever stores the region holds.
    func exchange(_ region: Region) throws {
        let beijing = try region.ledger("beijing")
        try flood(beijing)
        try exec(beijing, "aid request INC-0001 tianjin teams medical=1 at cell:3,3")
        try exec(beijing, "aid request INC-0001 hebei teams flood-rescue=2 at cell:3,3")
        try region.relay("beijing")
        // Each asked centre holds the request, with Beijing's chain hash; Beijing holds each receipt.
        for n in ["tianjin", "hebei"] {
            let got = try region.received(n)
            #expect(got.count == 1 && got[0].from == "beijing" && got[0].to == n)
            #expect(try region.ledger("beijing").store.chainHash(at: got[0].seq) == got[0].hash)
        }
        #expect(try region.receipts("beijing").map(\.to) == ["tianjin", "hebei"] || region.receipts("beijing").map(\.to) == ["hebei", "tianjin"])
        // Each answers from its own record.
        try exec(region.ledger("tianjin"), "aid offer AID-1@beijing team TJ-M1 medical \"Tianjin medics\" eta +3h")
        try exec(region.ledger("hebei"), "aid offer AID-2@beijing team HB-B1 flood-rescue \"Hebei boats 1\" team HB-B2 flood-rescue \"Hebei boats 2\"")
        try region.relay("tianjin")
        try region.relay("hebei")
        let b = try region.ledger("beijing")
        #expect(b.state.aidRequests["AID-1"]?.offers.first?.teams.map(\.id) == [TeamID("TJ-M1")])
        #expect(b.state.aidRequests["AID-2"]?.offers.first?.teams.count == 2)
        try exec(b, "aid accept AID-1")
        try exec(b, "aid accept AID-2")
        try exec(b, "aid arrived AID-1")
        try exec(b, "aid release AID-1 the medics are done")
        try region.relay("beijing")
        let t = try region.ledger("tianjin").state.centres.incoming["AID-1@beijing"]
        #expect(t?.stage == Bilingual("released", "已返回") && t?.accepted?.map(\.id) == [TeamID("TJ-M1")])
        #expect(try region.ledger("hebei").state.centres.incoming["AID-2@beijing"]?.stage == Bilingual("accepted", "已接受"))
        // Nothing waits anywhere; each chain holds the other's receipts, and they check.
        for n in region.names {
            #expect(try region.ledger(n).state.centres.queued == 0, "\(n) still has messages waiting")
            let check = try CentreReceipts.check(try region.ledger(n).store, network: try region.network(n))
            #expect(check.ok && check.notes.isEmpty, "\(n): \(check.problems.map(\.en)) \(check.notes.map(\.en))")
            #expect(check.checked > 0)
        }
        #expect(try region.received("tianjin").map(\.step.name.en) == ["request", "acceptance", "arrival", "release"])
        #expect(try region.receipts("tianjin").count == 1 && region.receipts("hebei").count == 1)
    }

    @Test func threeCentresExchangeRequestOfferAcceptanceArrivalAndReleaseWithReceipts() throws {
        let region = try Region()
        try exchange(region)
        // A receipt altered in Beijing's record no longer matches Tianjin's chain.
        let path = try #require(region.locations["beijing"])
        let receipt = try #require(region.receipts("beijing").first { $0.to == "tianjin" })
        try sqlite(
            path,
            "DROP TRIGGER IF EXISTS events_no_update; UPDATE events SET payload = replace(payload, '\(receipt.receipt.hash)', '\(String(repeating: "0", count: 64))') WHERE kind = 'aidMessageDelivered'"
        )
        let check = try CentreReceipts.check(try SQLiteEventStore(path: path, readOnly: true), network: try region.network("beijing"))
        #expect(!check.ok)
        #expect(check.problems.contains { $0.en.contains("tianjin's chain has another hash there") }, "\(check.problems.map(\.en))")
        // Tianjin's own receipts are untouched: they still check.
        #expect(try CentreReceipts.check(try SQLiteEventStore(path: try #require(region.locations["tianjin"]), readOnly: true), network: region.network("tianjin")).ok)
    }

    @Test func anUnreachableCentreIsRecordedOnceItsMessagesWaitAndArriveOnceInOrder() throws {
        let region = try Region()
        let beijing = try region.ledger("beijing")
        try flood(beijing)
        let hebei = try #require(region.locations["hebei"])
        try FileManager.default.moveItem(atPath: hebei, toPath: hebei + ".away")
        try exec(beijing, "aid request INC-0001 hebei teams flood-rescue=1 at cell:3,3")
        let down = try region.relay("beijing", now: t0.addingTimeInterval(60))
        #expect(down.contains { $0.centre == "hebei" && $0.text.en.contains("hebei unreachable") }, "\(down.map(\.text.en))")
        try exec(beijing, "aid request INC-0001 hebei items pumps=4 at cell:3,3")
        try region.relay("beijing", now: t0.addingTimeInterval(120))
        var state = try region.ledger("beijing").state
        #expect(state.centres.outbox["hebei"]?.count == 2, "both wait")
        #expect(state.centres.unreachable.map(\.centre) == ["hebei"])
        let outages = try region.events("beijing").filter { $0.event.kind == .centreUnreachable }
        #expect(outages.count == 1, "once per outage, not once per round")
        // Hebei comes back: the outage ends on the record, and both arrive in order, once.
        try FileManager.default.moveItem(atPath: hebei + ".away", toPath: hebei)
        try region.relay("beijing", now: t0.addingTimeInterval(180))
        try region.relay("beijing", now: t0.addingTimeInterval(240))
        state = try region.ledger("beijing").state
        #expect(state.centres.unreachable.isEmpty && state.centres.queued == 0)
        #expect(try region.events("beijing").filter { $0.event.kind == .centreReachable }.count == 1)
        let got = try region.received("hebei")
        #expect(got.map(\.step.request) == ["AID-1", "AID-2"])
        #expect(got[1].previous == got[0].seq)
        #expect(try region.ledger("hebei").state.centres.incoming.keys.sorted() == ["AID-1@beijing", "AID-2@beijing"])
        // The console's view of an outage: since when, and the last contact before it.
        let since = try #require(outages.first?.at)
        #expect(since == t0.addingTimeInterval(60))
    }

    @Test func aRelayStoppedBetweenItsTwoAppendsDeliversNothingTwice() throws {
        let region = try Region()
        let beijing = try region.ledger("beijing")
        try flood(beijing)
        try exec(beijing, "aid request INC-0001 tianjin teams medical=1 at cell:3,3")
        // Delivered, and the process "dies" before recording the receipt.
        let relay = CentreRelay(ledger: beijing, network: try region.network("beijing"))
        let entry = try #require(beijing.state.centres.outbox["tianjin"]?.first)
        let tianjin = try region.ledger("tianjin")
        guard case let .success(receipt) = relay.deliver(entry, to: "tianjin", via: tianjin, now: t0) else {
            Issue.record("not delivered")
            return
        }
        #expect(try region.receipts("beijing").isEmpty)
        #expect(try region.ledger("beijing").state.centres.queued == 1)
        // The next relay finds it held, and records the receipt of the event that holds it.
        try region.relay("beijing")
        #expect(try region.received("tianjin").count == 1, "no duplicate")
        let recorded = try region.receipts("beijing")
        #expect(recorded.count == 1 && recorded[0].receipt == receipt)
        #expect(try CentreReceipts.check(try region.ledger("beijing").store, network: region.network("beijing")).ok)
    }

    @Test func theBoardIsReadOnlyWhereItIsShared() throws {
        let region = try Region()
        let tianjin = try region.ledger("tianjin")
        try exec(tianjin, "report fire at cell:6,6 title \"Binhai warehouse\"")
        #expect(throws: CentreError.self) { try NeighbourBoard.read("tianjin", network: region.network("beijing")) }
        try exec(tianjin, "centre share-board with beijing")
        let board = try NeighbourBoard.read("tianjin", network: region.network("beijing"))
        #expect(board.activeIncidents.map(\.title) == ["Binhai warehouse"])
        // Shared with Beijing, not with Hebei.
        let hebei = try region.network("hebei")
        do throws(CentreError) {
            _ = try NeighbourBoard.read("tianjin", network: hebei)
            Issue.record("Hebei read a board not shared with it")
        } catch {
            #expect(error.message.en.contains("tianjin does not share its board with hebei"), "\(error.message.en)")
        }
    }

    @Test func aCentresFileWithMistakesIsRefusedWithLineAndColumn() throws {
        let dir = TempDir()
        let file = dir.path("centres.yaml")
        try "version: 1\ncentres:\n  beijing:\n    store: b.sqlite\n    share-board: [tianjn]\n  Tianjin:\n    stor: t.sqlite\n".write(toFile: file, atomically: true, encoding: .utf8)
        do {
            _ = try CentreNetwork.read(file)
            Issue.record("a bad file was read")
        } catch {
            let text = error.issues.map { $0.text(.en) }
            #expect(text.contains { $0.hasPrefix("\(file):6:3:") && $0.contains("'Tianjin' is not a centre name") }, "\(text)")
            #expect(text.contains { $0.hasPrefix("\(file):5:19:") && $0.contains("'tianjn' is not a centre of this file") }, "\(text)")
        }
        // A store the file does not name is said.
        try "centres:\n  beijing:\n    store: b.sqlite\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: CentreError.self) { try CentreNetwork(directory: CentreNetwork.read(file), store: dir.path("other.sqlite")) }
    }

    @Test("Three centres on PostgreSQL", .disabled(if: TestPostgres.isMissing, TestPostgres.skipped))
    func threeCentresOnPostgreSQL() throws {
        guard let base = TestPostgres.base else { return }
        let region = try Region(postgres: base)
        try exchange(region)
    }
}
