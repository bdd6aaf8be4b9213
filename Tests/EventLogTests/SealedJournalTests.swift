import CommandModel
import DecisionHubTestSupport
import EventLog
import Foundation
import Testing

/// A drill's journal sealed to its key, on a real SQLite store: a reader of the file learns
/// nothing of what a blind drill is, the key's holder folds it in full, and both views stay
/// what a replay makes of the record (snapshots hold only what everyone may know).
@Suite("Sealed drill journal")
struct SealedJournalTests {
    static let start = Date(timeIntervalSince1970: 1_785_000_000)
    static func at(_ minutes: Double) -> Date { start.addingTimeInterval(minutes * 60) }

    /// Strings only the drill's key may reveal: none of them may be anywhere in the store's
    /// files. (The inject's own report, under the scenario's operator name, is the world it
    /// stands for: it is in the log, as a real report would be.)
    static let secrets = [
        "Kestrel night exercise", "夜鹰演练", "objective-kestrel", "Acknowledge inside four minutes", "inject-first-kestrel", "inject-second-kestrel", "Warehouse smoke",
        "the duty desk hesitated", "call-kestrel-leader", "Call the kestrel leader", "rang only at minute nine",
    ]

    static let scenarioYAML = """
        name: {en: Kestrel night exercise, zh: 夜鹰演练}
        disclosure: blind
        operator: 12345-kestrel-line
        end: +60m
        objectives:
          - {id: objective-kestrel, text: {en: Acknowledge inside four minutes, zh: 四分钟内确认}}
        injects:
          - id: inject-first-kestrel
            at: +0m
            do: report flood at cell:10,10 title "Culvert overflowing" deaths=1
            expect:
              acknowledge-within: 4m
              objective: objective-kestrel
              manual:
                - {id: call-kestrel-leader, text: {en: Call the kestrel leader, zh: 致电领导}, within: 10m}
          - id: inject-second-kestrel
            at: +30m
            do: report fire at cell:20,20 title "Warehouse smoke"
        """

    struct World {
        let dir = TempDir()
        let path: String
        let key = Seal.newKey()
        let scenario: DrillScenario
        /// Sealed once: the same file started again resumes its drill (by its digest).
        let sealed: Data

        init() throws {
            sealed = try Seal.seal(Data(SealedJournalTests.scenarioYAML.utf8), key: key)
            path = dir.path("s.sqlite")
            _ = try SQLiteEventStore.create(path: path)
            scenario = try #require(DrillScenario.load(SealedJournalTests.scenarioYAML, file: "drill.yaml").scenario)
        }

        /// Another process's ledger over the store, with the drill key or without.
        func ledger(withKey: Bool) throws -> Ledger {
            let ledger = try Ledger(store: SQLiteEventStore(path: path))
            if withKey { try ledger.open(drillKey: key) }
            return ledger
        }

        /// The coordinator schedules the drill and fires what is due at `minutes`.
        func coordinator(at minutes: Double) throws -> (Ledger, String) {
            let ledger = try ledger(withKey: true)
            let publicKey = try JournalSeal.publicKey(drillKey: key)
            let (drill, _) = try DrillRunner.scheduleOrResume(
                ledger: ledger, scenario: scenario, sealed: sealed, publicKey: publicKey, window: nil, at: SealedJournalTests.start, coordinator: "coord",
                now: SealedJournalTests.at(-5), seed: 3)
            try DrillRunner(ledger: ledger, scenario: scenario, drill: drill, coordinator: "coord").tick(now: SealedJournalTests.at(minutes))
            return (ledger, drill)
        }

        /// Every byte of the store's files (the database, its WAL), as a reader with `cat` sees them.
        func fileBytes() throws -> String {
            var all = Data()
            for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: path + suffix) {
                all += try Data(contentsOf: URL(fileURLWithPath: path + suffix))
            }
            return String(decoding: all, as: UTF8.self)
        }
    }

    @Test func aBlindDrillsJournalRevealsNothingToAReaderOfTheFile() throws {
        let w = try World()
        let (coordinator, drill) = try w.coordinator(at: 1)
        // An evaluator without the key records an observation: sealed to the drill all the same.
        let evaluator = try w.ledger(withKey: false)
        try evaluator.execute(
            [try #require(Grammar.parse("evaluate \(drill) observe objective-kestrel the duty desk hesitated", now: Self.at(2)).first)], operatorName: "gao.yu", now: { Self.at(2) })
        try evaluator.execute(
            [try #require(Grammar.parse("evaluate \(drill) score inject-first-kestrel call-kestrel-leader late rang only at minute nine", now: Self.at(3)).first)], operatorName: "gao.yu",
            now: { Self.at(3) })
        // The coordinator's process saves a snapshot of what it folded in full.
        try coordinator.refresh()
        try coordinator.store.saveSnapshot(coordinator.state)

        let bytes = try w.fileBytes()
        let shown = Self.secrets.filter { bytes.contains($0) }
        #expect(shown.isEmpty, "the store's files show \(shown)")
        // What the journal does say: that entries of DRL-1 exist, and of which kinds.
        let journal = try coordinator.store.journal(after: 0, upTo: Int64.max)
        #expect(journal.map(\.event.kind) == [.drillScheduled, .journalSealed, .journalSealed, .journalSealed], "\(journal.map(\.event.kind))")
        // The key's holder reads the evaluator's score.
        let opened = try w.ledger(withKey: true)
        #expect(opened.state.evaluators[drill]?.scores.isEmpty == false, "\(String(describing: opened.state.evaluators[drill]))")
        #expect(journal.allSatisfy { $0.event.drill == drill })
        guard case let .drillScheduled(frame)? = journal.first?.event else { throw Unexpected.event }
        #expect(frame.isSealedFrame && frame.name.en.isEmpty && frame.objectives.isEmpty && frame.injects.isEmpty && frame.sealed.isEmpty && frame.startsAt == DrillInfo.sealedTime)
        // The chain holds over the sealed entries, and a replay equals every snapshot.
        let store = try SQLiteEventStore(path: w.path)
        #expect(try store.verify { _, _ in }.ok)
        #expect(try store.verify(options: VerifyOptions(deep: true)) { _, _ in }.ok)
    }

    @Test func theKeysHolderReadsTheDrillInFullAndOthersOnlyItsFrame() throws {
        let w = try World()
        let (coordinator, drill) = try w.coordinator(at: 1)
        try w.ledger(withKey: false).execute(
            [try #require(Grammar.parse("evaluate \(drill) observe objective-kestrel the duty desk hesitated", now: Self.at(2)).first)], operatorName: "gao.yu", now: { Self.at(2) })
        try coordinator.refresh()

        // Without the key: the drill exists, blind and running; nothing else.
        let player = try w.ledger(withKey: false)
        let framed = try #require(player.state.drills[drill])
        #expect(framed.isRunning && framed.info.disclosure == .blind && framed.info.isSealedFrame)
        #expect(framed.fired.isEmpty && framed.info.objectives.isEmpty && player.state.evaluators[drill] == nil)
        #expect(framed.info.label.en == "\(drill) (sealed)")

        // With it, in the running coordinator and in a process opened later alike.
        for ledger in [coordinator, try w.ledger(withKey: true)] {
            let run = try #require(ledger.state.drills[drill])
            #expect(run.info.name.en == "Kestrel night exercise" && run.info.objectives.map(\.id) == ["objective-kestrel"])
            #expect(run.fired.keys.sorted() == ["inject-first-kestrel"])
            #expect(ledger.state.evaluators[drill]?.observations.map(\.text) == ["the duty desk hesitated"])
            // The drill's record, opened: the evaluation reads the acknowledgement check.
            let events = ledger.opened(try ledger.store.events(exercise: drill))
            #expect(events.contains { if case .injectFired(_, "inject-first-kestrel", _, _, _, _, _, _) = $0.event { true } else { false } })
            let e = DrillEvaluation.evaluate(run: run, events: events, teams: ledger.state.teams, at: Self.at(10))
            #expect(e.injects.map(\.inject) == ["inject-first-kestrel"])
        }
        // Without the key the record's entries stay sealed.
        #expect(!player.opened(try player.store.events(exercise: drill)).contains { $0.event.kind == .injectFired })
        // Another drill's key opens nothing.
        let stranger = try w.ledger(withKey: false)
        try stranger.open(drillKey: Seal.newKey())
        #expect(stranger.state.drills[drill]?.info.isSealedFrame == true)
    }

    @Test func aSnapshotHoldsOnlyTheFrameAndTheKeysHolderReopensItFromTheJournal() throws {
        let w = try World()
        let (coordinator, drill) = try w.coordinator(at: 1)
        try coordinator.store.saveSnapshot(coordinator.state)
        // A process without the key starts from that snapshot: exactly the frames' fold.
        let fromSnapshot = try w.ledger(withKey: false).state
        // … which a re-fold of the whole record confirms.
        #expect(try SQLiteEventStore(path: w.path).verify(options: VerifyOptions(deep: true)) { _, _ in }.ok)
        #expect(fromSnapshot.drills == coordinator.state.sealedView().drills)
        #expect(fromSnapshot.drills[drill]?.info.isSealedFrame == true)
        // The key's holder, from the same snapshot, folds the drill in full again.
        let reopened = try w.ledger(withKey: true).state
        #expect(reopened.drills == coordinator.state.drills)
    }

    @Test func aRestartedRunnerOnASealedJournalFiresNothingTwice() throws {
        let w = try World()
        let (first, drill) = try w.coordinator(at: 1)
        #expect(first.state.drills[drill]?.fired.count == 1)
        // The runner dies and starts again (same file, same key): it resumes and fires only
        // what is due since.
        let (second, resumed) = try w.coordinator(at: 1)
        #expect(resumed == drill)
        #expect(second.state.drills[drill]?.fired.count == 1)
        let (third, _) = try w.coordinator(at: 31)
        #expect(third.state.drills[drill]?.fired.keys.sorted() == ["inject-first-kestrel", "inject-second-kestrel"])
        let fired = third.opened(try third.store.events(exercise: drill)).filter { $0.event.kind == .injectFired }
        #expect(fired.count == 2)
    }

    @Test func aRunnerWithoutTheKeyRefusesToRunTheDrill() throws {
        let w = try World()
        let (_, drill) = try w.coordinator(at: 1)
        // Its frame has no times and no injects: run as it is, it would stand the drill down at
        // once, or fire everything.
        let runner = DrillRunner(ledger: try w.ledger(withKey: false), scenario: w.scenario, drill: drill, coordinator: "coord")
        #expect {
            try runner.tick(now: Self.at(31))
        } throws: { error in
            guard case .rejected(.drillSealed(drill))? = error as? ExecutionError else { return false }
            return true
        }
        let after = try w.ledger(withKey: true).state.drills[drill]
        #expect(after?.isRunning == true && after?.fired.count == 1, "nothing fired, nothing stood down")
    }

    @Test func aScheduleThatCannotBeSealedIsRefusedNotWrittenInTheClear() throws {
        let w = try World()
        let ledger = try w.ledger(withKey: false)
        let info = DrillInfo(
            name: Bilingual("Kestrel night exercise", "夜鹰演练"), disclosure: .blind, startsAt: Self.at(0), endsAt: Self.at(60), seed: 1, digest: "d", sealed: "", operatorName: "hotline",
            objectives: [], injects: ["inject-first-kestrel"], publicKey: "not a key")
        #expect(throws: ExecutionError.self) { try ledger.execute([.drill(.schedule(info))], operatorName: "coord", now: { Self.at(-5) }) }
        #expect(try ledger.store.position().journal == 0, "nothing written")
        #expect(!(try w.fileBytes()).contains("Kestrel night exercise"))
    }

    @Test func aBoxIsOpenedOnlyByItsDrillsKeyAndAnAlteredBoxNotAtAll() throws {
        let key = Seal.newKey()
        let publicKey = try JournalSeal.publicKey(drillKey: key)
        #expect(publicKey == (try JournalSeal.publicKey(drillKey: key)), "derived, not random")
        let box = try #require(JournalSeal.seal(Data("secret".utf8), to: publicKey))
        #expect(JournalSeal.open(box, with: try JournalSeal.privateKey(drillKey: key)) == Data("secret".utf8))
        #expect(JournalSeal.open(box, with: try JournalSeal.privateKey(drillKey: Seal.newKey())) == nil)
        var bytes = try #require(Data(base64Encoded: box))
        bytes[bytes.count - 1] ^= 1
        #expect(JournalSeal.open(bytes.base64EncodedString(), with: try JournalSeal.privateKey(drillKey: key)) == nil)
        // Two boxes of one text differ (a fresh ephemeral key each): equal entries look unequal.
        #expect(JournalSeal.seal(Data("secret".utf8), to: publicKey) != box)
    }

    enum Unexpected: Error { case event }
}
