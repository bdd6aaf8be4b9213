import CommandModel
import Foundation
import GRDB
import Testing

@testable import EventLog

@Suite("The SQLite event store")
struct StoreTests {
    /// One example of every event kind.
    static let everyKind: [Event] = {
        let i = IncidentID(1), t = TeamID("FR-01")
        return [
            .incidentReported(
                report: IncidentReport(
                    id: i, type: .flood, title: "山洪 flash flood", location: Location(cell: Cell(x: 1, y: 2), point: GeoPoint(lat: 39.9, lon: 116.3)), district: "mentougou", reporter: "12345",
                    figures: Figures(deaths: 2, missing: 5), notes: "G108 cut", causedBy: nil)),
            .incidentAcknowledged(incident: i), .incidentVerified(incident: i),
            .figuresUpdated(incident: i, figures: Figures(deaths: 3, directLossCNY: 12_000_000)),
            .levelRaised(incident: i, from: .none, to: .ii, reason: "12 dead"), .levelLowered(incident: i, from: .ii, to: .iii, reason: "corrected"),
            .teamRegistered(profile: TeamProfile(id: t, name: Bilingual("Fangshan flood rescue", "房山防汛抢险队"), capabilities: [.floodRescue], base: Cell(x: 0, y: 0), district: "fangshan")),
            .teamAssigned(team: t, incident: i), .statusChanged(incident: i, from: .acknowledged, to: .responding),
            .teamStatusChanged(team: t, from: .dispatched, to: .onScene), .checklistItemDone(incident: i, item: "notify-district"),
            .noteAdded(incident: i, text: "水位上涨"), .reportFiled(incident: i, stage: "district"),
            .incidentReported(report: IncidentReport(id: IncidentID(2), type: .powerOutage, title: "substation", location: Location(cell: Cell(x: 3, y: 3)), reporter: "x", causedBy: i)),
            .causeLinked(incident: IncidentID(2), cause: i),
            .responseDeclared(response: ResponseID(1), hazard: .flood, level: .i, districts: [], reason: "record rain"),
            .responseAdjusted(response: ResponseID(1), level: .ii, districts: ["dongcheng"], reason: "eased"),
            .incidentJoinedResponse(incident: i, response: ResponseID(1)),
            .warningIssued(
                warning: WarningIssued(
                    id: WarningID(1), hazard: .rainstorm, color: .red, districts: ["fangshan"], authority: "北京市气象台", issued: t0, expires: t0.addingTimeInterval(3600.5))),
            .warningLifted(warning: WarningID(1), reason: "stopped"), .responseEnded(response: ResponseID(1), reason: "over"),
            .teamReleased(team: t, incident: i), .statusChanged(incident: i, from: .responding, to: .contained),
            .incidentClosed(incident: i, summary: "done"), .incidentReopened(incident: i, reason: "again"),
            .incidentCancelled(incident: IncidentID(2), reason: "dup"), .incidentMarkedFalseAlarm(incident: IncidentID(2), reason: "x"),
            .actionRefused(incident: i, action: "raise INC-0001 to level II", reason: "needs a commander"),
            .pageSent(page: PageSent(id: "INC-0001/unacked/0/li-na", incident: i, policy: "unacked", trigger: .unacknowledged, index: 0, person: "li-na", role: .dutyOfficer, sentAt: t0)),
            .pageNotifyFailed(page: "INC-0001/unacked/0/li-na", incident: i, attempt: 1, error: "exit 3: gateway down"),
            .pageNotified(page: "INC-0001/unacked/0/li-na", incident: i, attempt: 2),
            .pageAcknowledged(page: "INC-0001/unacked/0/li-na", incident: i),
            .rosterAdopted(digest: String(repeating: "5e", count: 32), source: "/etc/decision-hub/roster.yaml"),
            .teamUpdated(profile: TeamProfile(id: t, name: Bilingual("Fangshan flood rescue", "房山防汛抢险队"), capabilities: [.floodRescue, .engineering], base: Cell(x: 1, y: 0), district: "fangshan")),
            .teamRetired(team: t, reason: "merged"),
            .facilityRegistered(
                facility: Facility(
                    id: FacilityID("SH-01"), kind: .shelter, name: Bilingual("Ritan Park", "日坛公园"), point: GeoPoint(lat: 39.91, lon: 116.44), cell: Cell(x: 3, y: 4),
                    district: "chaoyang", capacity: 5000)),
            .facilityUpdated(facility: Facility(id: FacilityID("HS-01"), kind: .hazard, name: Bilingual("Gas station", "燃气站"), point: nil, cell: Cell(x: 5, y: 6), detail: "gas")),
            .facilityRetired(facility: FacilityID("SH-01"), reason: "closed for works"),
            .shelterOpened(shelter: FacilityID("SH-02"), reason: "red rainstorm warning"),
            .sheltered(shelter: FacilityID("SH-02"), count: 120, incident: IncidentID(9)),
            .shelterLeft(shelter: FacilityID("SH-02"), count: 40),
            .shelterClosed(shelter: FacilityID("SH-02"), reason: "all home"),
            .stockReceived(depot: FacilityID("DP-01"), item: "sandbags", quantity: 5000, note: "from the city reserve"),
            .stockIssued(depot: FacilityID("DP-01"), item: "sandbags", quantity: 100, note: ""),
            .stockMinimumSet(depot: FacilityID("DP-01"), item: "sandbags", minimum: 2000),
            .supplyRequested(
                request: SupplyRequestRaised(
                    id: "REQ-1", incident: IncidentID(9), shelter: nil, items: [ItemQuantity("sandbags", 2000), ItemQuantity("pumps", 4)], priority: .urgent,
                    neededBy: t0.addingTimeInterval(3 * 3600))),
            .supplyApproved(request: "REQ-1"),
            .supplyCommitted(request: "REQ-1", depot: FacilityID("DP-01"), items: [ItemQuantity("sandbags", 1000)]),
            .supplyDispatched(request: "REQ-1", depot: FacilityID("DP-01")),
            .supplyDelivered(request: "REQ-1", depot: FacilityID("DP-01")),
            .aidRequested(
                request: AidRequestRaised(
                    id: "AID-1", incident: IncidentID(9), to: "hebei", capabilities: [CapabilityCount(.floodRescue, 2)], items: [ItemQuantity("boats", 4)], meetAt: Cell(x: 7, y: 8),
                    neededBy: nil)),
            .aidOffered(
                request: "AID-1",
                offer: AidOffer(
                    from: "hebei", teams: [TeamProfile(id: TeamID("HB-B1"), name: Bilingual("Hebei boats 1", "河北舟艇一队"), capabilities: [.floodRescue], base: Cell(x: 7, y: 8), home: "hebei")],
                    eta: t0.addingTimeInterval(3600))),
            .aidAccepted(request: "AID-1", offer: 1),
            .aidReleased(request: "AID-1", reason: "water down"),
            .sitrepDrafted(
                sitrep: SitrepVersion(incident: IncidentID(9), stage: .first, version: 1, language: .zh, text: "# 首报 · INC-0009 山洪\n\n## 1. 事件概况\n\n- ▲ 死亡：3 (+1)\n", edited: true)),
            .sitrepApproved(incident: IncidentID(9), version: 1, sha256: SHA256Hex.of("# 首报 · INC-0009 山洪\n\n## 1. 事件概况\n\n- ▲ 死亡：3 (+1)\n")),
            .correctiveActionRaised(
                action: CorrectiveAction(
                    id: "CA-1", drill: "DRL-1", objective: "ack", text: "drill the hotline log with every shift", owner: "li.na", category: .training, due: t0 + 30 * 86_400)),
            .correctiveActionUpdated(action: "CA-1", status: .done, note: "trained all four shifts"),
            .handoverAccepted(handover: HandoverAccepted(from: "li.na", since: t0, sha256: String(repeating: "ab", count: 32), openIncidents: 3)),
            .sitrepFiled(incident: IncidentID(9), version: 1, to: "city", sha256: SHA256Hex.of("# 首报 · INC-0009 山洪\n\n## 1. 事件概况\n\n- ▲ 死亡：3 (+1)\n")),
            .feedReceived(receipt: FeedReceipt(source: "12345", external: "A-000123", incident: IncidentID(9), time: t0, figures: Figures(evacuated: 12), text: FeedReport.digest("水漫进院子"))),
            .feedAdvanced(position: FeedPosition(feed: "/var/feeds/12345.jsonl", offset: 4096, line: 17, applied: 12, duplicates: 2, updated: 1, rejected: 2)),
            .capAlertReceived(
                receipt: CAPReceipt(
                    sender: "110000000000@bjmb.gov.cn", identifier: "11000041600000_20260731040000", sent: t0, msgType: .update,
                    references: [CAPAlert.Reference(sender: "110000000000@bjmb.gov.cn", identifier: "11000041600000_20260731020000", sent: t0 - 7200)],
                    texts: [
                        CAPText(language: "zh-CN", event: "暴雨", headline: "暴雨橙色预警", description: "房山 & 门头沟 <雷电>", instruction: nil),
                        CAPText(language: "en-US", event: "Rainstorm", headline: "Orange rainstorm warning"),
                    ], warning: WarningID(2), changed: [WarningID(1)], unknownReferences: [], unknownCodes: ["ADCODE 110199"])),
            .aidArrived(request: "AID-1"),
            .aidMessageReceived(
                message: AidMessage(
                    from: "tianjin", to: "beijing", seq: 41, previous: 12, hash: String(repeating: "7f", count: 32),
                    step: .offer(
                        request: "AID-2",
                        offer: AidOffer(
                            from: "tianjin", teams: [TeamProfile(id: TeamID("TJ-M1"), name: Bilingual("Tianjin medics", "天津医疗队"), capabilities: [.medical], base: Cell(x: 0, y: 0))],
                            eta: t0.addingTimeInterval(7200))))),
            .aidMessageDelivered(to: "tianjin", seq: 60, receipt: AidReceipt(seq: 44, hash: String(repeating: "0a", count: 32))),
            .centreUnreachable(centre: "hebei", lastContact: t0.addingTimeInterval(-600), reason: "cannot open /srv/hebei.sqlite"),
            .centreReachable(centre: "hebei"),
            .boardShared(with: "tianjin"),
            .boardUnshared(with: "tianjin"),
            // (one more, so that the list ends between two checkpoints of ten: see CheckpointTests)
            .stockReceived(depot: FacilityID("DP-01"), item: "pumps", quantity: 4, note: ""),
        ]
    }()

    func filled(_ dir: TempDir) throws -> SQLiteEventStore {
        let store = try SQLiteEventStore.create(path: dir.path("s.sqlite"))
        let pending = Self.everyKind.enumerated().map {
            PendingEvent(id: "e\($0.offset)", at: t0.addingTimeInterval(Double($0.offset) + 0.0004), by: "李娜", exercise: $0.offset == 3 ? "DRILL-1" : nil, event: $0.element)
        }
        guard case .appended = try store.append(pending, expectedHead: 0) else { Issue.record("append failed"); return store }
        return store
    }

    @Test func everyEventKindRoundTrips() throws {
        let dir = TempDir()
        let store = try filled(dir)
        let back = try store.events(after: 0, limit: 1000)
        #expect(back.map(\.event) == Self.everyKind)
        #expect(back.map(\.sequence) == Array(1...Int64(Self.everyKind.count)))
        #expect(back[3].exercise == "DRILL-1" && back[4].exercise == nil)
        #expect(back[0].at == t0, "times are kept to the millisecond")
        #expect(back[0].by == "李娜")
        #expect(try store.events(incident: IncidentID(2)).count == 4)
        #expect(try store.events(incident: IncidentID(1)).last?.event.kind == .pageAcknowledged)
        // Every case of Event is covered by the example list.
        // Every kind but the drill's (they need a drill: the golden store holds them).
        let drillKinds: Set<Event.Kind> = [.pageCancelled, .drillScheduled, .injectFired, .injectSkipped, .drillEnded, .drillObserved, .drillObjectiveJudged, .journalSealed, .drillExpectationScored]
        #expect(
            Set(Self.everyKind.map(\.kind)) == Set(Event.Kind.allCases).subtracting(drillKinds),
            "\(Set(Self.everyKind.map(\.kind)).symmetricDifference(Set(Event.Kind.allCases).subtracting(drillKinds)))")
    }

    @Test func synchronousIsFullOnTheWriterAndJournalIsWAL() throws {
        let dir = TempDir()
        let store = try SQLiteEventStore.create(path: dir.path("s.sqlite"))
        #expect(try store.synchronousMode() == 2)
        #expect(try store.journalMode() == "wal")
    }

    /// A one-shot process holds the file with one connection: the same record, durable
    /// (synchronous FULL), and closed it leaves an empty write-ahead log behind when it was the
    /// last connection (folded into the file), so the next process reads the file alone.
    /// Beside a pool (a console), closing only lets go: the pool reads on, and the log stays.
    @Test func oneConnectionWritesTheSameRecordAndClosingLastFoldsTheLogIn() throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        _ = try SQLiteEventStore.create(path: path)
        let wal = path + "-wal"
        func walSize() throws -> Int { (try FileManager.default.attributesOfItem(atPath: wal)[.size] as? NSNumber)?.intValue ?? -1 }
        func note(_ n: Int) -> PendingEvent { PendingEvent(id: "n\(n)", at: t0, by: "x", exercise: nil, event: .noteAdded(incident: IncidentID(1), text: "note \(n)")) }
        let single = try SQLiteEventStore(path: path, connections: .single)
        #expect(try single.synchronousMode() == 2)
        #expect(try single.journalMode() == "wal")
        guard case .appended = try single.append([note(1)], expectedHead: 0) else { Issue.record("append failed"); return }
        #expect(FileManager.default.fileExists(atPath: wal), "written through the log")
        single.close()
        #expect(try walSize() == 0, "the last connection folded the log into the file, and kept the file")
        #expect(throws: StoreError.self, "a closed store is closed") { try single.head() }

        let console = try SQLiteEventStore(path: path)
        #expect(try console.events(after: 0, limit: 10).map(\.id) == ["n1"])
        let second = try SQLiteEventStore(path: path, connections: .single)
        guard case .appended = try second.append([note(2)], expectedHead: 1) else { Issue.record("append failed"); return }
        second.close()
        #expect(try walSize() > 0, "another connection keeps the log")
        #expect(try console.events(after: 0, limit: 10).map(\.id) == ["n1", "n2"])
        #expect(try sqlite(path, "SELECT count(*) FROM events") == "2")
    }

    /// A passing quick check spares the next writers theirs for `within` seconds, and only
    /// while the file has not shrunk: not a check from the future, not an older one, not one
    /// taken on a larger file.
    @Test func aRecentQuickCheckIsRecentOnlyWhileTheFileIsAsBig() throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        _ = try SQLiteEventStore.create(path: path)
        let queue = try DatabaseQueue(path: path)
        let checked = try #require(Timestamp.parse(try queue.read { db in try String.fetchOne(db, sql: "SELECT checked FROM health WHERE one = 1") } ?? ""))
        try queue.read { db in
            #expect(SQLiteEventStore.recentlyChecked(db, now: checked.addingTimeInterval(599), within: 600))
            #expect(!SQLiteEventStore.recentlyChecked(db, now: checked.addingTimeInterval(601), within: 600), "older than the validity")
            #expect(!SQLiteEventStore.recentlyChecked(db, now: checked.addingTimeInterval(-1), within: 600), "a check from the future")
        }
        try queue.write { db in try db.execute(sql: "UPDATE health SET pages = pages + 1000") }
        try queue.read { db in
            #expect(!SQLiteEventStore.recentlyChecked(db, now: checked.addingTimeInterval(1), within: 600), "taken on a larger file")
        }
        try queue.write { db in try db.execute(sql: "DELETE FROM health") }
        try queue.read { db in #expect(!SQLiteEventStore.recentlyChecked(db, now: checked, within: 600), "never checked") }
    }

    /// A store open in this process is known by its file, whatever path names it (a symbolic or
    /// a hard link): its header is then not read again with a descriptor of our own, whose
    /// closing would drop the process's locks on the file.
    @Test func aStoreIsKnownByItsFileUnderEveryPath() throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        _ = try SQLiteEventStore.create(path: path)
        #expect(link(path, dir.path("hard.sqlite")) == 0)
        #expect(symlink(path, dir.path("soft.sqlite")) == 0)
        try FileManager.default.createDirectory(atPath: dir.path("sub"), withIntermediateDirectories: true)
        let key = SQLiteEventStore.canonical(path)
        for other in ["hard.sqlite", "soft.sqlite", "sub/../s.sqlite"] {
            #expect(SQLiteEventStore.canonical(dir.path(other)) == key, "\(other)")
        }
        _ = try SQLiteEventStore.create(path: dir.path("t.sqlite"))
        #expect(SQLiteEventStore.canonical(dir.path("t.sqlite")) != key)
        // SQLite refuses a second name for a file it holds (its log would be another file); the
        // store open under the first name goes on writing.
        let first = try SQLiteEventStore(path: path)
        #expect(throws: StoreError.self) { try SQLiteEventStore(path: dir.path("hard.sqlite")).head() }
        let note = PendingEvent(id: "n1", at: t0, by: "x", exercise: nil, event: .noteAdded(incident: IncidentID(1), text: "note"))
        guard case .appended = try first.append([note], expectedHead: 0) else { Issue.record("append failed"); return }
        #expect(try first.head() == 1)
    }

    /// A file that left WAL mode (rebuilt by hand, restored from a dump) is not written with a
    /// rollback journal by a one-shot process: it is opened as a pool would, which sets WAL.
    @Test func oneConnectionOnAFileOutOfWALModePutsItBack() throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        _ = try SQLiteEventStore.create(path: path)
        #expect(try sqlite(path, "PRAGMA journal_mode = DELETE") == "delete")
        let single = try SQLiteEventStore(path: path, connections: .single)
        #expect(try single.journalMode() == "wal")
        let note = PendingEvent(id: "n1", at: t0, by: "x", exercise: nil, event: .noteAdded(incident: IncidentID(1), text: "note"))
        guard case .appended = try single.append([note], expectedHead: 0) else { Issue.record("append failed"); return }
        single.close()
        #expect(try sqlite(path, "PRAGMA journal_mode") == "wal")
    }

    @Test func theTableIsReadableWithPlainSqlite3() throws {
        let dir = TempDir()
        _ = try filled(dir)
        let row = try sqlite(dir.path("s.sqlite"), "SELECT seq, operator, kind, incident, exercise FROM events WHERE seq = 4")
        #expect(row == "4|李娜|figuresUpdated|INC-0001|DRILL-1")
        #expect(try sqlite(dir.path("s.sqlite"), "SELECT json_extract(payload, '$.levelRaised.reason') FROM events WHERE seq = 5") == "12 dead")
    }

    @Test func appendsOnlyOnTheExpectedHead() throws {
        let dir = TempDir()
        let store = try filled(dir)
        let n = Int64(Self.everyKind.count)
        let e = PendingEvent(id: "late", at: t0, by: "x", exercise: nil, event: .noteAdded(incident: IncidentID(1), text: "late"))
        guard case let .conflict(head) = try store.append([e], expectedHead: n - 1) else { Issue.record("stale append landed"); return }
        #expect(head == n)
        #expect(try store.head() == n)
        guard case .appended = try store.append([e], expectedHead: n) else { Issue.record("append on head failed"); return }
    }

    @Test func rowsCannotBeUpdatedThroughSQLiteTriggers() throws {
        let dir = TempDir()
        _ = try filled(dir)
        let out = try sqlite(dir.path("s.sqlite"), "UPDATE events SET operator = 'mallory' WHERE seq = 2")
        #expect(out.contains("append-only"))
    }

    @Test(arguments: ["edit", "delete", "reorder", "truncate", "edit-hash"])
    func tamperingIsDetectedWithTheFirstBadSequence(how: String) throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        _ = try filled(dir)
        let drop = "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;"
        switch how {
        case "edit": try sqlite(path, drop + "UPDATE events SET operator = 'mallory' WHERE seq = 5")
        case "delete": try sqlite(path, drop + "DELETE FROM events WHERE seq = 5")
        case "reorder": try sqlite(path, drop + "UPDATE events SET payload = (SELECT payload FROM events WHERE seq = 6), kind = (SELECT kind FROM events WHERE seq = 6) WHERE seq = 5")
        case "truncate": try sqlite(path, drop + "DELETE FROM events WHERE seq = (SELECT MAX(seq) FROM events)")
        default: try sqlite(path, drop + "UPDATE events SET payload = replace(payload, '12 dead', '2 dead') WHERE seq = 5; UPDATE events SET hash = 'x' || substr(hash, 2) WHERE seq = 5")
        }
        let store = try SQLiteEventStore(path: path)
        let report = try store.verify { _, _ in }
        #expect(!report.ok)
        #expect(report.firstBadSequence == (how == "truncate" ? Int64(Self.everyKind.count) : 5), "\(report.problems)")
    }

    @Test func anIntactStoreVerifies() throws {
        let dir = TempDir()
        let store = try filled(dir)
        let report = try store.verify { _, _ in }
        #expect(report.ok, "\(report.problems)")
        #expect(report.events == Int64(Self.everyKind.count))
    }

    @Test func missingForeignNewerAndNonSQLiteFilesAreRefusedUntouched() throws {
        let dir = TempDir()
        #expect(throws: StoreError.self) { try SQLiteEventStore(path: dir.path("typo.sqlite")) }
        do { _ = try SQLiteEventStore(path: dir.path("typo.sqlite")) } catch { #expect(error.kind == .notFound && error.message.en.contains("decision-hub init")) }
        #expect(!FileManager.default.fileExists(atPath: dir.path("typo.sqlite")), "a typo must not create a store")

        let foreign = dir.path("other.sqlite")
        try sqlite(foreign, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');")
        do { _ = try SQLiteEventStore(path: foreign); Issue.record("foreign file opened") } catch { #expect(error.kind == .foreign) }
        #expect(try sqlite(foreign, "SELECT name FROM sqlite_master WHERE type = 'table'") == "contacts", "nothing changed")

        let text = dir.path("notes.txt")
        try "hello, not a database, just text that is long enough".write(toFile: text, atomically: true, encoding: .utf8)
        do { _ = try SQLiteEventStore(path: text); Issue.record("text file opened") } catch { #expect(error.kind == .foreign) }

        let newer = dir.path("newer.sqlite")
        _ = try SQLiteEventStore.create(path: newer)
        try sqlite(newer, "INSERT INTO grdb_migrations VALUES ('v9-from-the-future')")
        do { _ = try SQLiteEventStore(path: newer); Issue.record("newer store opened") } catch { #expect(error.kind == .newerVersion && error.message.en.contains("upgrade")) }
        #expect(try sqlite(newer, "SELECT COUNT(*) FROM grdb_migrations") == "6", "nothing changed")
    }

    /// A store the operator may not write: a clear message naming the file, non-zero exit, and
    /// nothing changed. Root ignores permissions, so as root the writer runs as `nobody`.
    @Test func aReadOnlyStoreRefusesWritesAndLosesNothing() throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        _ = try filled(dir)
        let before = try sqlite(path, "SELECT COUNT(*), MAX(hash) FROM events")
        chmod(dir.url.path, 0o755)
        chmod(path, 0o444)
        for suffix in ["-wal", "-shm"] { chmod(path + suffix, 0o444) }
        let args = ["exec", "--store", path, "--operator", "x", "note INC-1 should not land"]
        let result =
            getuid() == 0
            ? try runProcess("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", hubBinary] + args)
            : try runHub(args)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains(path), "the message names the file: \(result.stderr)")
        #expect(result.stderr.contains("permission") || result.stderr.contains("read-only"), "\(result.stderr)")
        chmod(path, 0o644)
        #expect(try sqlite(path, "SELECT COUNT(*), MAX(hash) FROM events") == before)
    }

    @Test func snapshotsAreUsedOnlyWhileTheChainMatches() throws {
        let dir = TempDir()
        let store = try filled(dir)
        let ledger = try Ledger(store: store)
        try store.saveSnapshot(ledger.state)
        #expect(try store.latestSnapshot(atMost: 1000) == ledger.state)
        let reopened = try Ledger(store: SQLiteEventStore(path: dir.path("s.sqlite")))
        #expect(reopened.state == ledger.state)
        try sqlite(dir.path("s.sqlite"), "DROP TRIGGER events_no_update; UPDATE events SET hash = 'x' WHERE seq = \(Self.everyKind.count)")
        #expect(try store.latestSnapshot(atMost: 1000) == nil)
    }
}

@Suite("Faults of the environment", .serialized)
struct FaultTests {
    @Test func aLockedStoreIsRefusedWithTheFileAndWhatToDoAndNothingIsWritten() async throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        _ = try SQLiteEventStore.create(path: path)
        // Another process holds the write lock until told to commit (however slowly the hub
        // starts on a loaded machine): a sqlite3 shell reading its commands from a pipe.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        holder.arguments = [path]
        let commands = Pipe()
        holder.standardInput = commands
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        commands.fileHandleForWriting.write(Data("BEGIN EXCLUSIVE;\n".utf8))
        // Wait until the lock is really held (the holder may start slowly on a busy machine).
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline, try !sqlite(path, "BEGIN IMMEDIATE; ROLLBACK;", waitingForLock: false).contains("locked") {
            try await Task.sleep(for: .milliseconds(20))
        }
        let r = try runHub(["exec", "--store", path, "report fire at cell:1,1"], env: ["DECISION_HUB_BUSY_TIMEOUT": "0.5"])
        commands.fileHandleForWriting.write(Data("COMMIT;\n".utf8))
        try commands.fileHandleForWriting.close()
        holder.waitUntilExit()
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(path) stayed locked by another process"), "\(r.stderr)")
        #expect(r.stderr.contains("try again"))
        #expect(try SQLiteEventStore(path: path).head() == 0)
    }

    @Test func aDamagedStoreIsNamedAndNotTouched() throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        do {
            let store = try SQLiteEventStore.create(path: path)
            let events = (1...300).map { PendingEvent(id: "e\($0)", at: t0, by: "x", exercise: nil, event: .noteAdded(incident: IncidentID(1), text: String(repeating: "note ", count: 40))) }
            _ = try store.append(
                [
                    PendingEvent(
                        id: "r", at: t0, by: "x", exercise: nil,
                        event: .incidentReported(report: IncidentReport(id: IncidentID(1), type: .fire, title: "t", location: Location(cell: Cell(x: 0, y: 0)), reporter: "x")))
                ] + events, expectedHead: 0)
        }
        // Fold the WAL into the file, then scribble over the middle of it.
        try sqlite(path, "PRAGMA wal_checkpoint(TRUNCATE);")
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: 4096 * 3)
        handle.write(Data(repeating: 0xA5, count: 4096 * 4))
        try handle.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let r = try runHub(["verify", "--store", path])
        #expect(r.status != 0)
        let text = r.stdout + r.stderr
        #expect(text.contains("damaged") || text.contains("TAMPERED") || text.contains("integrity"), "\(text)")
        let after = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(before == after, "verify never alters the file")
    }
}

@Suite("Stores from before the drill journal")
struct PreJournalStoreTests {
    /// A store as the version before the journal left it: no journal table, no journal head.
    func oldStore(_ dir: TempDir) throws -> String {
        let path = dir.path("old.sqlite")
        let store = try SQLiteEventStore.create(path: path)
        let report = IncidentReport(id: IncidentID(1), type: .fire, title: "old", location: Location(cell: Cell(x: 1, y: 1)), reporter: "li.na")
        _ = try store.append(
            [
                PendingEvent(id: "e1", at: t0, by: "li.na", exercise: nil, event: .incidentReported(report: report)),
                PendingEvent(id: "e2", at: t0, by: "li.na", exercise: nil, event: .noteAdded(incident: IncidentID(1), text: "before")),
            ], expectedHead: 0)
        try sqlite(
            path,
            "DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete; DROP TABLE journal; ALTER TABLE head DROP COLUMN journal_seq; ALTER TABLE head DROP COLUMN journal_hash; DELETE FROM grdb_migrations WHERE identifier = 'v3-drill-journal';"
        )
        return path
    }

    @Test func itReadsReadOnlyWithoutDrillsAndIsMigratedWhenWritten() throws {
        let dir = TempDir()
        let path = try oldStore(dir)
        // Read-only: nothing is changed, and it reads as a store without drills.
        let log = try runHub(["log", "--store", path])
        #expect(log.status == 0 && log.stdout.contains("INC-0001 note: before"), "\(log.stderr)")
        let verify = try runHub(["verify", "--store", path])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(try sqlite(path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'journal'") == "0")
        let readOnly = try Ledger(store: SQLiteEventStore(path: path, readOnly: true))
        #expect(readOnly.state.sequence == 2 && readOnly.state.drills.isEmpty)
        // Written: migrated first, and the journal works from then on.
        let store = try SQLiteEventStore(path: path)
        #expect(try store.position() == StorePosition(log: 2, journal: 0))
        #expect(try sqlite(path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'journal'") == "1")
        #expect(try store.verify { _, _ in }.ok)
    }
}
