import CommandModel
import Crypto
import EventLog
import Foundation
import Testing

/// Tamper evidence that survives recomputation: what someone with sqlite3 and the project's own
/// hash function, but not the centre's signing key, can do to a store, and that it shows.
@Suite("Signed checkpoints")
struct CheckpointTests {
    @Test func checkpointsAreSignedEveryNEventsAndTheIntactStoreVerifies() throws {
        let dir = TempDir()
        let s = try signedStore(dir)
        let stored = try s.store.checkpoints()
        let total = Int64(StoreTests.everyKind.count)
        let last = total / 10 * 10
        #expect(total > 30 && total % 10 != 0, "the example list ends between checkpoints")
        #expect(stored.map(\.logSequence) == Array(stride(from: 10, through: last, by: 10)))
        #expect(stored.allSatisfy { $0.signatureIsValid })
        #expect(stored.allSatisfy { $0.keyID == s.key.id })
        let before = try s.store.verify { _, _ in }
        #expect(before.ok, "\(before.problems)")
        #expect(before.keyPinned, "the key file beside the store is readable here")
        #expect(before.lastGoodCheckpoint?.logSequence == last && before.unsignedEvents == total - last)
        // An exit signs the head; a second one, with nothing new, signs nothing more.
        #expect(try s.store.checkpoint()?.logSequence == total)
        #expect(try s.store.checkpoint() == nil)
        let report = try s.store.verify { _, _ in }
        #expect(report.ok && report.lastGoodCheckpoint?.logSequence == total && report.unsignedEvents == 0)
    }

    @Test func aLongRunningWriterSignsAfterTheIntervalEvenBelowNEvents() throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        _ = try SigningKey.create(path: path + ".key")
        let store = try SQLiteEventStore.create(path: path)
        func note(_ n: Int64) throws {
            _ = try store.append([PendingEvent(id: "n\(n)", at: t0, by: "x", exercise: nil, event: .noteAdded(incident: IncidentID(1), text: "\(n)"))], expectedHead: n - 1)
        }
        // No checkpoint yet: the first append signs (the interval since "never" has passed).
        try note(1)
        try note(2)
        #expect(try store.checkpoints().map(\.logSequence) == [1])
        store.checkpointInterval = 0
        try note(3)
        #expect(try store.checkpoints().map(\.logSequence) == [1, 3])
    }

    @Test func theRecomputationHelperIsFaithful() throws {
        // Recomputing an untouched chain changes nothing: so the tests below that recompute
        // after an edit test the edit, not a helper that scrambles hashes.
        let dir = TempDir()
        let s = try signedStore(dir)
        let before = try sqlite(s.path, "SELECT group_concat(hash) FROM events")
        try recomputeChain(s.path)
        #expect(try sqlite(s.path, "SELECT group_concat(hash) FROM events") == before)
        #expect(try s.store.verify { _, _ in }.ok)
    }

    @Test func aPayloadEditedWithRecomputedHashesIsDetected() throws {
        let dir = TempDir()
        let s = try signedStore(dir)
        // Event 5 is "raised to level II: 12 dead"; make it say 2 dead, and recompute the chain.
        try sqlite(s.path, "DROP TRIGGER events_no_update; UPDATE events SET payload = replace(payload, '12 dead', '2 dead') WHERE seq = 5")
        try recomputeChain(s.path)
        let report = try SQLiteEventStore(path: s.path, readOnly: true).verify { _, _ in }
        #expect(!report.ok)
        // Checkpoint 10 no longer matches; none before it: the first event after the last good
        // checkpoint (none: the start) is named.
        #expect(report.firstBadSequence == 1, "\(report.problems)")
        #expect(report.problems.contains { $0.en.contains("event 10 no longer has the hash that was signed") }, "\(report.problems)")
    }

    @Test func aForgedLevelRaiseByAnotherOperatorWithRecomputedHashesIsDetected() throws {
        let dir = TempDir()
        let s = try signedStore(dir)
        // Event 25 (a status change) becomes "raised to level I by liu.yang".
        let forged = EventCodec().payload(.levelRaised(incident: IncidentID(1), from: .ii, to: .i, reason: "ordered"))
        try sqlite(s.path, "DROP TRIGGER events_no_update; UPDATE events SET operator = 'liu.yang', kind = 'levelRaised', payload = \(quoted(forged)) WHERE seq = 25")
        try recomputeChain(s.path)
        let report = try SQLiteEventStore(path: s.path, readOnly: true).verify { _, _ in }
        #expect(!report.ok)
        #expect(report.firstBadSequence == 21, "checkpoints at 10 and 20 still hold: \(report.problems)")
        #expect(report.lastGoodCheckpoint?.logSequence == 20)
        // A writer refuses to bury it under new events.
        let writer = try SQLiteEventStore(path: s.path)
        #expect(writer.writeRefusal?.kind == .tampered)
        #expect(throws: StoreError.self) {
            try writer.append([PendingEvent(id: "late", at: t0, by: "x", exercise: nil, event: .noteAdded(incident: IncidentID(1), text: "late"))], expectedHead: 30)
        }
    }

    @Test func aDeletedTailWithTheHeadSetBackIsDetected() throws {
        let dir = TempDir()
        let s = try signedStore(dir)
        try sqlite(s.path, "DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq > 24; UPDATE head SET seq = 24, hash = (SELECT hash FROM events WHERE seq = 24)")
        let report = try SQLiteEventStore(path: s.path, readOnly: true).verify { _, _ in }
        #expect(!report.ok)
        #expect(report.firstBadSequence == 21, "\(report.problems)")
        #expect(report.problems.contains { $0.en.contains("it covers event 30, but the log now ends at 24") }, "\(report.problems)")
    }

    @Test func anErasedDrillJournalIsDetected() throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        _ = try SigningKey.create(path: path + ".key")
        let store = try SQLiteEventStore.create(path: path)
        let ledger = try Ledger(store: store)
        let scenario = try #require(DrillScenario.load(DrillRunTests.scenarioYAML, file: "drill.yaml").scenario)
        _ = try DrillRunner.scheduleOrResume(
            ledger: ledger, scenario: scenario, sealed: Data("sealed".utf8), window: nil, at: t0.addingTimeInterval(3600), coordinator: "coord", now: t0, seed: 7)
        #expect(try store.position().journal == 1)
        try store.checkpoint()
        #expect(try store.verify { _, _ in }.ok)
        try sqlite(
            path,
            "DROP TRIGGER journal_no_delete; DELETE FROM journal; UPDATE head SET journal_seq = 0, journal_hash = '\(EventCodec.genesis)'")
        let report = try SQLiteEventStore(path: path, readOnly: true).verify { _, _ in }
        #expect(!report.ok)
        #expect(report.problems.contains { $0.en.contains("the journal was erased or cut short") }, "\(report.problems)")
    }

    @Test func aCheckpointAlteredToMatchARewriteFailsItsSignature() throws {
        let dir = TempDir()
        let s = try signedStore(dir)
        try sqlite(s.path, "DROP TRIGGER events_no_update; UPDATE events SET payload = replace(payload, '12 dead', '2 dead') WHERE seq = 5")
        let head = try recomputeChain(s.path)
        let h10 = try sqlite(s.path, "SELECT hash FROM events WHERE seq = 10"), h20 = try sqlite(s.path, "SELECT hash FROM events WHERE seq = 20")
        try sqlite(
            s.path,
            "DROP TRIGGER checkpoints_no_update; UPDATE checkpoints SET log_hash = CASE log_seq WHEN 10 THEN '\(h10)' WHEN 20 THEN '\(h20)' ELSE '\(head)' END")
        let report = try SQLiteEventStore(path: s.path, readOnly: true).verify { _, _ in }
        #expect(!report.ok)
        #expect(report.problems.contains { $0.en.contains("its signature does not verify") }, "\(report.problems)")
    }

    @Test func checkpointsReSignedWithAnotherKeyAreRefusedWhenTheCentresKeyIsKnown() throws {
        let dir = TempDir()
        let s = try signedStore(dir)
        try sqlite(s.path, "DROP TRIGGER events_no_update; UPDATE events SET payload = replace(payload, '12 dead', '2 dead') WHERE seq = 5")
        let head = try recomputeChain(s.path)
        // The attacker's own key, stored in the file, signing the rewritten head.
        let mallory = SigningKey(Curve25519.Signing.PrivateKey())
        let c = Checkpoint.sign(log: 30, logHash: head, journal: 0, journalHash: EventCodec.genesis, at: t0, key: mallory)
        try sqlite(
            s.path,
            """
            DROP TRIGGER checkpoints_no_delete; DELETE FROM checkpoints;
            INSERT INTO signing_keys VALUES ('\(mallory.id)', '\(c.publicKey)', '\(c.at)');
            INSERT INTO checkpoints (log_seq, log_hash, journal_seq, journal_hash, at, key_id, signature) VALUES (30, '\(head)', 0, '\(EventCodec.genesis)', '\(c.at)', '\(mallory.id)', '\(c.signature)');
            """)
        let report = try SQLiteEventStore(path: s.path, readOnly: true).verify { _, _ in }
        #expect(!report.ok)
        #expect(report.problems.contains { $0.en.contains("which is not the centre's key") }, "\(report.problems)")
        // Without the key file (a verifier who cannot read it), the report says the key was
        // not pinned rather than claiming more than it knows.
        try FileManager.default.removeItem(atPath: s.path + ".key")
        let unpinned = try SQLiteEventStore(path: s.path, readOnly: true).verify { _, _ in }
        #expect(!unpinned.keyPinned)
        #expect(unpinned.notes.contains { $0.en.contains("not one from outside it") }, "\(unpinned.notes)")
    }

    @Test func aProcessWithoutTheKeyWorksAndSignsNothing() throws {
        let dir = TempDir()
        let store = try SQLiteEventStore.create(path: dir.path("s.sqlite"))
        store.checkpointEvery = 1
        _ = try store.append([PendingEvent(id: "a", at: t0, by: "x", exercise: nil, event: .noteAdded(incident: IncidentID(1), text: "a"))], expectedHead: 0)
        #expect(try store.checkpoint() == nil)
        #expect(try store.checkpoints().isEmpty)
        let report = try store.verify { _, _ in }
        #expect(report.ok)
        #expect(report.notes.contains { $0.en.hasPrefix("no signed checkpoint") })
    }

    @Test func aKeyFileOthersCanReadIsNotUsed() throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        _ = try SigningKey.create(path: path + ".key")
        chmod(path + ".key", 0o644)
        let store = try SQLiteEventStore.create(path: path)
        guard case let .unusable(_, why) = store.signing else {
            Issue.record("a world-readable key was used")
            return
        }
        #expect(why.en.contains("chmod 600"))
    }

    @Test func exportedHeadsProveTheStoreExtendsThemAndARewriteFails() throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        #expect(try runHub(["init", "--store", path]).status == 0)
        for n in 1...3 { #expect(try runHub(["exec", "--store", path, "--operator", "x", "report fire at cell:\(n),\(n)"]).status == 0) }
        let export = try runHub(["verify", "--store", path, "--export-head"])
        #expect(export.status == 0, "\(export.stderr)")
        let line = export.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!line.contains("\n"), "one line")
        let head = try #require(Checkpoint.parseExport(line))
        #expect(head.logSequence == 3 && head.signatureIsValid)
        let file = dir.path("head.txt")
        try line.write(toFile: file, atomically: true, encoding: .utf8)
        // The store grows: it still extends the exported head.
        #expect(try runHub(["exec", "--store", path, "--operator", "x", "note INC-1 later"]).status == 0)
        let good = try runHub(["verify", "--store", path, "--against", file])
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        #expect(good.stdout.contains("the store extends the exported head"))
        // Rewritten with recomputed hashes, and every checkpoint removed: only the head kept
        // elsewhere shows it.
        try sqlite(path, "DROP TRIGGER events_no_update; UPDATE events SET payload = replace(payload, 'cell', 'cell') , operator = 'mallory' WHERE seq = 2")
        try recomputeChain(path)
        try sqlite(path, "DROP TRIGGER checkpoints_no_delete; DELETE FROM checkpoints")
        let bad = try runHub(["verify", "--store", path, "--against", file])
        #expect(bad.status == 3, "\(bad.stdout)\(bad.stderr)")
        #expect(bad.stdout.contains("TAMPERED: the record breaks at event 1"), "\(bad.stdout)")
        #expect(bad.stdout.contains("the exported head (event 3"), "\(bad.stdout)")
    }
}

@Suite("Snapshots verified or ignored")
struct SnapshotTrustTests {
    /// A store with INC-0001 reported and a snapshot of it.
    func storeWithSnapshot(_ dir: TempDir) throws -> (SQLiteEventStore, String) {
        let path = dir.path("s.sqlite")
        let store = try SQLiteEventStore.create(path: path)
        let ledger = try Ledger(store: store, newID: FixedIDs().next)
        try ledger.execute(try Grammar.parse("report fire at cell:3,4 title \"Warehouse\"", now: t0), operatorName: "li.na", now: { t0 })
        try store.saveSnapshot(ledger.state)
        #expect(ledger.state.nextIncident == 2)
        return (store, path)
    }

    /// The snapshot's bytes as hex, with `edit` applied to them.
    func editSnapshot(_ path: String, recomputeDigest: Bool, _ edit: (inout [UInt8]) -> Void) throws {
        let hex = try sqlite(path, "SELECT hex(state) FROM snapshots")
        var bytes: [UInt8] = stride(from: 0, to: hex.count, by: 2).compactMap { i in
            let a = hex.index(hex.startIndex, offsetBy: i)
            return UInt8(hex[a..<hex.index(a, offsetBy: 2)], radix: 16)
        }
        edit(&bytes)
        let newHex = bytes.map { String(format: "%02X", $0) }.joined()
        let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        try sqlite(path, "UPDATE snapshots SET state = X'\(newHex)'" + (recomputeDigest ? ", digest = '\(digest)'" : ""))
    }

    @Test(arguments: [false, true])
    func aSnapshotWithAFalsifiedCounterIsIgnoredAndNoIncidentNumberIsGivenTwice(recomputeDigest: Bool) throws {
        let dir = TempDir()
        let (_, path) = try storeWithSnapshot(dir)
        // Layout: zigzag varints of sequence (1 → 2), journal sequence (0 → 0), next incident
        // (2 → 4). Make the next incident number 1 again.
        try editSnapshot(path, recomputeDigest: recomputeDigest) { bytes in
            #expect(Array(bytes.prefix(3)) == [2, 0, 4])
            bytes[2] = 2
        }
        let ledger = try Ledger(store: SQLiteEventStore(path: path))
        #expect(ledger.state.nextIncident == 2, "rebuilt from the log")
        #expect(!ledger.snapshotWarnings.isEmpty || recomputeDigest, "a digest that fails is said")
        let recorded = try ledger.execute(try Grammar.parse("report flood at cell:5,5", now: t0), operatorName: "li.na", now: { t0 })
        #expect(recorded.first?.event.incident == IncidentID(2), "never a second INC-0001: \(recorded)")
        let report = try SQLiteEventStore(path: path, readOnly: true).verify { _, _ in }
        #expect(!report.ok, "verify names the altered snapshot")
        #expect(report.problems.contains { $0.en.contains("the saved state at event 1 was ignored") }, "\(report.problems)")
    }

    @Test func aSnapshotEditedWithARecomputedDigestIsFoundByDeepVerify() throws {
        let dir = TempDir()
        let (store, path) = try storeWithSnapshot(dir)
        // The title "Warehouse" becomes "Warehoose": decodes fine, digest recomputed.
        try editSnapshot(path, recomputeDigest: true) { bytes in
            let title = Array("Warehouse".utf8)
            for i in 0..<(bytes.count - title.count) where Array(bytes[i..<(i + title.count)]) == title { bytes[i + 7] = UInt8(ascii: "o") }
        }
        #expect(try store.verify { _, _ in }.ok, "a shallow check cannot tell")
        let deep = try store.verify(options: VerifyOptions(deep: true)) { _, _ in }
        #expect(!deep.ok)
        #expect(deep.problems.contains { $0.en.contains("the saved state at event 1 differs from the fold of the log") }, "\(deep.problems)")
    }

    @Test func anIntactSnapshotIsUsedAndDeepVerifyAgrees() throws {
        let dir = TempDir()
        let (store, _) = try storeWithSnapshot(dir)
        let load = try store.loadSnapshot(atMost: 10)
        #expect(load.state?.sequence == 1 && load.warnings.isEmpty)
        #expect(try store.verify(options: VerifyOptions(deep: true)) { _, _ in }.ok)
    }
}

@Suite("Honest store health")
struct StoreHealthTests {
    @Test func aZeroByteStoreIsRefusedAndNeverRecreated() throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        for create in [false, true] {
            do {
                _ = try SQLiteEventStore(path: path, create: create)
                Issue.record("an empty file was opened as a store")
            } catch {
                #expect(error.kind == .corrupt && error.message.en.contains("0 bytes") && error.message.zh.contains("0 字节"), "\(error)")
            }
        }
        let r = try runHub(["exec", "--store", path, "report fire at cell:1,1"])
        #expect(r.status == 1 && r.stderr.contains("is empty (0 bytes)"), "\(r.stderr)")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == 0, "left as it was")
    }

    @Test func aHeadAheadOfTheTableSaysSoWithBothNumbers() throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        let store = try SQLiteEventStore.create(path: path)
        let ledger = try Ledger(store: store, newID: FixedIDs().next)
        for n in 1...3 { try ledger.execute(try Grammar.parse("report fire at cell:\(n),\(n)", now: t0), operatorName: "x", now: { t0 }) }
        try sqlite(path, "DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = 3")
        let reopened = try Ledger(store: SQLiteEventStore(path: path))
        let commands = try Grammar.parse("report fire at cell:9,9", now: t0)
        do {
            try reopened.execute(commands, operatorName: "x", now: { t0 })
            Issue.record("written on a store whose head and table disagree")
        } catch {
            let text = error.text(.en), zh = error.text(.zh)
            #expect(text.contains("ends at event 3") && text.contains("table ends at 2") && text.contains("decision-hub verify"), "\(text)")
            #expect(zh.contains("第 3 条") && zh.contains("decision-hub verify"))
            #expect(!text.contains("kept changing"))
        }
    }

    @Test func aHeadSetBackBelowTheTableSaysSoWithBothNumbers() throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        let store = try SQLiteEventStore.create(path: path)
        _ = try store.append((1...3).map { PendingEvent(id: "e\($0)", at: t0, by: "x", exercise: nil, event: .noteAdded(incident: IncidentID(1), text: "\($0)")) }, expectedHead: 0)
        try sqlite(path, "UPDATE head SET seq = 2")
        do {
            _ = try store.append([PendingEvent(id: "e4", at: t0, by: "x", exercise: nil, event: .noteAdded(incident: IncidentID(1), text: "4"))], expectedHead: 2)
            Issue.record("appended over an existing event")
        } catch {
            #expect(error.message.en.contains("ends at event 2, but the events table ends at 3"), "\(error)")
        }
    }

    @Test func aWriterRefusesAStoreThatFailsTheQuickCheck() throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        do {
            let store = try SQLiteEventStore.create(path: path)
            let events = (1...300).map { PendingEvent(id: "e\($0)", at: t0, by: "x", exercise: nil, event: .noteAdded(incident: IncidentID(1), text: String(repeating: "note ", count: 40))) }
            _ = try store.append(events, expectedHead: 0)
        }
        try sqlite(path, "PRAGMA wal_checkpoint(TRUNCATE);")
        // Scribble over a few pages of the events table, past the schema's.
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: 4096 * 12)
        handle.write(Data(repeating: 0xA5, count: 4096 * 3))
        try handle.close()
        #expect(try sqlite(path, "PRAGMA quick_check").contains("ok") == false)
        let store = try SQLiteEventStore(path: path)
        #expect(store.writeRefusal?.message.en.contains("failed SQLite's quick check") == true, "\(String(describing: store.writeRefusal))")
        do {
            _ = try store.append([PendingEvent(id: "late", at: t0, by: "x", exercise: nil, event: .noteAdded(incident: IncidentID(1), text: "late"))], expectedHead: 300)
            Issue.record("written to a damaged file")
        } catch {
            #expect(error.message.en.contains("quick check"), "\(error)")
        }
    }

    @Test func storesAreOwnerAndGroupOnlyAndTheKeyOwnerOnly() throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        let old = umask(0o022)
        defer { umask(old) }
        #expect(try runHub(["init", "--store", path]).status == 0)
        #expect(try mode(path) == "660")
        #expect(try mode(path + ".key") == "600")
        // The WAL and SHM exist while a writer has the store open; they follow the file.
        let store = try SQLiteEventStore(path: path)
        _ = try store.append([PendingEvent(id: "a", at: t0, by: "x", exercise: nil, event: .noteAdded(incident: IncidentID(1), text: "a"))], expectedHead: 0)
        #expect(try mode(path + "-wal") == "660")
        #expect(try mode(path + "-shm") == "660")
        let own = try SigningKey.create(path: dir.path("other.key"))
        #expect(try mode(dir.path("other.key")) == "600")
        #expect(throws: StoreError.self, "an existing key is never replaced") { try SigningKey.create(path: dir.path("other.key")) }
        guard case let .found(back) = SigningKey.load(path: dir.path("other.key")) else {
            Issue.record("the key does not read back")
            return
        }
        #expect(back.id == own.id)
    }
}
