import CommandModel
import Crypto
import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// The event log in one SQLite file, in WAL mode with `synchronous = FULL`.
///
/// Several processes may share the file: appends are serialised by SQLite's write lock and
/// checked against the expected head inside an immediate transaction.
public final class SQLiteEventStore: EventStore, @unchecked Sendable {
    // @unchecked: `database` is GRDB's thread-safe DatabasePool or DatabaseQueue; `codec` is
    // only used under `lock`.
    public let location: String
    private let connection: any DatabaseWriter
    private let closed = Mutex(false)

    /// The file's connection (or pool of them); refused once `close()` has run, since GRDB does
    /// not refuse a closed connection itself.
    var database: any DatabaseWriter {
        get throws(StoreError) {
            if closed.withLock({ $0 }) { throw .closed(location) }
            return connection
        }
    }
    let busyTimeout: TimeInterval
    /// Whether the file has the drill journal: a store written by an older version and opened
    /// read-only (not migrated) has none, and reads as a store without drills.
    private(set) var hasJournal = true
    /// Whether the file has the checkpoints table (a store from before them, opened read-only,
    /// has none).
    private(set) var hasCheckpoints = true
    private let codec = EventCodec()
    private let lock = NSLock()

    /// The key this process signs checkpoints with, when it holds one.
    let signer: SigningKey?
    /// Whether this process signs, and if not, why.
    public let signing: SigningKey.Lookup
    /// A checkpoint is signed inside the append that takes the log this many events past the
    /// last checkpoint this process knows of (and on `checkpoint()`, at every exit).
    public var checkpointEvery: Int64 = 1_000
    /// ... or the append that comes this long after the newest checkpoint this process knows
    /// of: a console or runner that runs for days and is stopped by a signal (no exit hook
    /// runs) leaves at most this much unsigned.
    public var checkpointInterval: TimeInterval = 600
    /// The log sequence number and time of the newest checkpoint this process knows of
    /// (guarded by `lock`).
    private var lastCheckpointLog: Int64 = 0
    private var lastCheckpointAt = Date.distantPast
    /// Why this store refuses to write, if it does: the writer's opening check (`PRAGMA
    /// quick_check`) failed, or the record no longer matches its newest signed checkpoint.
    /// Reading still works. Waits for the quick check when it is still running.
    public var writeRefusal: StoreError? { openingRefusal ?? health.wait() }
    private var openingRefusal: StoreError?
    private let health = HealthCheck()

    /// Bumped whenever `CommandState`'s encoding changes; older snapshots are ignored.
    static let modelVersion = 15

    /// How the file is held open.
    public enum Connections: Sendable {
        /// A writer with readers beside it (GRDB's pool): anything that reads while it writes,
        /// or lives long (a console, a runner, a relay).
        case pool
        /// One connection for reads and writes (GRDB's queue): a short-lived process that does
        /// one thing at a time (one `exec`). Opening the pool's reader and setting up its WAL
        /// mode were a tenth of such a call. A file that does not exist yet is still created
        /// through a pool, which puts it in WAL mode.
        case single
    }

    /// Where the signing key is looked for.
    public enum KeySource: Sendable {
        /// `$DECISION_HUB_SIGNING_KEY_FILE`, else `STORE.key` beside the store.
        case standard
        /// This process does not sign.
        case none
        case key(SigningKey)
    }

    /// Opens a store. A missing file is an error unless `create` is true. A write waits up to
    /// `busyTimeout` seconds for another process's lock before it is refused.
    /// A `readOnly` store never writes to the file (no migration, no pragma that writes), so
    /// inspecting a damaged or foreign file cannot alter it, and never reads the signing key.
    /// A writer runs SQLite's quick check once; if it fails, appends are refused (`writeRefusal`).
    /// A new file is created with mode 0660 (its WAL and SHM follow it): owner and group only.
    public init(
        path: String, create: Bool = false, busyTimeout: TimeInterval = 10, readOnly: Bool = false, signingKey: KeySource = .standard, connections: Connections = .pool
    ) throws(StoreError) {
        location = path
        let fm = FileManager.default
        let exists = fm.fileExists(atPath: path)
        if !exists && !create { throw .notFound(path) }
        let inWALMode = exists ? try Self.checkHeader(path) : false
        if !exists {
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty && !fm.fileExists(atPath: dir) {
                throw StoreError(.io, path: path, Bilingual("the folder \(dir) does not exist; create it first", "目录 \(dir) 不存在；请先创建"))
            }
            try Self.createFile(path)
        }
        if readOnly && exists {
            signing = .absent(path: "")
        } else {
            switch signingKey {
            case .standard: signing = SigningKey.load(path: SigningKey.path(forStore: path))
            case .none: signing = .absent(path: "")
            case let .key(k): signing = .found(k)
            }
        }
        if case let .found(k) = signing { signer = k } else { signer = nil }
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.readonly = readOnly && exists
        config.label = "decision-hub"
        // One connection that will close (a one-shot process) keeps the log's two files when it
        // closes last, the log emptied rather than removed: the next one-shot process then
        // creates no file (no sync of the folder), and removes none.
        let keepsLogFiles = connections == .single && !config.readonly
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA mmap_size = 268435456")
            if keepsLogFiles {
                var persist: CInt = 1
                _ = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_PERSIST_WAL, &persist)
                try db.execute(sql: "PRAGMA journal_size_limit = 0")
            }
        }
        do {
            // (One connection only on a file already in WAL mode: a queue would not set it.)
            switch connections {
            case .single where inWALMode: connection = try DatabaseQueue(path: path, configuration: config)
            case .single, .pool: connection = try DatabasePool(path: path, configuration: config)
            }
        } catch {
            if !exists { unlink(path) }  // the empty file made above: never leave one behind
            throw Self.mapped(error, path, busyTimeout: busyTimeout)
        }
        self.busyTimeout = busyTimeout
        // What the opening needs to know, in one read (each read is a transaction of its own).
        let opening = try Self.guardIdentity(database, path, now: Date(), within: quickCheckValidity)
        if config.readonly {
            readTables()
            return
        }
        // Once per writer, not per append. It reads the whole file (~0.45 s for a year's
        // store), so it runs beside the opening and the first write waits for it; a store that
        // still needs migrating is checked first, so a damaged file is never migrated.
        let database = connection
        let quickCheck: @Sendable () -> StoreError? = {
            let check = (try? database.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check").joined(separator: "; ") }) ?? "cannot be read"
            guard check != "ok" else { return nil }
            return StoreError(
                .corrupt, path: path,
                Bilingual(
                    "\(path) failed SQLite's quick check (\(check.prefix(200))); nothing will be written to it. Run decision-hub verify, and restore from a backup",
                    "\(path) 未通过 SQLite 快速检查（\(check.prefix(200))）；不会再写入任何内容。请运行 decision-hub verify 并从备份恢复"))
        }
        let migrated = opening.migrated
        let skipped = migrated && opening.recentlyChecked
        if skipped {
            health.finish(nil)
        } else if migrated {
            health.start {
                let outcome = quickCheck()
                if outcome == nil { Self.recordCheck(database, now: Date()) }
                return outcome
            }
        } else {
            health.finish(quickCheck())
            if health.wait() != nil {
                readTables()
                return
            }
        }
        do {
            // (A store with every migration this build knows has none to run.)
            if !migrated { try Schema.migrator.migrate(database) }
            // GRDB's pool sets synchronous = NORMAL on its writer after prepareDatabase runs:
            // durability needs FULL, set here, on the writer (or the one connection), after opening.
            try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            if !migrated { Self.recordCheck(database, now: Date()) }
            let (newest, mismatch) = try database.read { db in
                let newest = try Self.checkpoints(db, newestOnly: true).first
                return (newest, try newest.flatMap { try Self.mismatch(db, $0) })
            }
            lastCheckpointLog = newest?.logSequence ?? 0
            lastCheckpointAt = newest?.time ?? .distantPast
            // Writing on after a record that no longer matches its newest signature would bury
            // the alteration under new events (and new signatures): refuse, and say so.
            if let newest, let why = mismatch {
                openingRefusal = StoreError(
                    .tampered, path: path,
                    Bilingual(
                        "\(path) no longer matches its newest signed checkpoint (event \(newest.logSequence), signed \(newest.at)): \(why.en); nothing will be written to it. Run decision-hub verify --store \(path)",
                        "\(path) 与其最新的签名检查点（第 \(newest.logSequence) 条事件，签于 \(newest.at)）不符：\(why.zh)；不会再写入任何内容。请运行 decision-hub verify --store \(path)"))
            }
        } catch {
            // A damaged file fails here too: when the quick check says so, the store stays open
            // for reading (the record shown up to the damage), refusing to write. A check
            // skipped as recent is run now: the file failed since.
            if skipped { health.finish(quickCheck()) }
            guard health.wait() != nil else { throw Self.mapped(error, path, busyTimeout: busyTimeout) }
            readTables()
        }
        // Held open by this process from here (see `openFiles`).
        let key = Self.canonical(path)
        Self.openFiles.withLock { $0[key, default: 0] += 1 }
        registeredKey = key
    }

    /// Closes the file, once the opening check is done; nothing can be read or written through
    /// this store afterwards. The last connection to a file that closes folds the write-ahead
    /// log into it and removes the log, so the next process to open it reads the file alone
    /// instead of first rebuilding the log's index from every frame in it (left open to the
    /// exit, a one-shot `exec` had the next one do that: a tenth of its time). With other
    /// processes holding the file, closing only lets go of it.
    /// Call it when this process is done with the store (nothing else reading or writing
    /// through it); anything asked of it afterwards is refused with a `StoreError`.
    public func close() {
        _ = health.wait()
        let first = closed.withLock { wasClosed -> Bool in
            defer { wasClosed = true }
            return !wasClosed
        }
        if first { try? connection.close() }
    }

    /// How long a passing quick check (recorded in the `health` table) spares later writers
    /// theirs. A file damaged in between is still refused by SQLite on the pages an append
    /// touches, named by the console's background check (every ten minutes) and by `verify`.
    public var quickCheckValidity: TimeInterval { Self.quickCheckValidity }
    public static let quickCheckValidity: TimeInterval = 600

    /// Whether the quick check passed on this file less than `within` seconds ago (a time in
    /// the future, or a page count that changed by more than growth explains, does not count).
    static func recentlyChecked(_ db: Database, now: Date, within: TimeInterval) -> Bool {
        guard
            let row = try? Row.fetchOne(db, sql: "SELECT h.checked, h.pages, (SELECT page_count FROM pragma_page_count()) FROM health h WHERE one = 1"),
            let checked = Timestamp.parse(row[0] as String), let pages = row[1] as Int64?, let now_pages = row[2] as Int64?
        else { return false }
        let age = now.timeIntervalSince(checked)
        return age >= 0 && age < within && now_pages >= pages
    }

    /// Records a passing quick check (best effort: a store that cannot be written checks again).
    static func recordCheck(_ database: any DatabaseWriter, now: Date) {
        _ = try? database.write { db in
            guard try db.tableExists("health") else { return }
            try db.execute(
                sql: "INSERT OR REPLACE INTO health (one, checked, pages) VALUES (1, ?, (SELECT page_count FROM pragma_page_count()))", arguments: [Timestamp.format(now)])
        }
    }

    /// The file watch a follower's `mayHaveChanged` asks (made on first use).
    private lazy var watch: ChangeWatch? = ChangeWatch(store: location)

    public func mayHaveChanged() -> Bool {
        lock.lock()
        let w = watch
        lock.unlock()
        return w?.mayHaveChanged() ?? true
    }

    /// Which later tables an unmigrated file (opened read-only, or too damaged to migrate) has.
    private func readTables() {
        hasJournal = (try? database.read { db in try db.tableExists("journal") }) ?? false
        hasCheckpoints = (try? database.read { db in try db.tableExists("checkpoints") }) ?? false
    }

    /// Creates an empty file with mode 0660 for SQLite to fill: SQLite would create it 0644
    /// (less the umask), readable by every local user. Its WAL and SHM get the same mode.
    static func createFile(_ path: String) throws(StoreError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o660)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw StoreError(.io, path: path, Bilingual("cannot create \(path) (\(reason)); check the folder's permissions", "无法创建 \(path)（\(reason)）；请检查目录权限"))
        }
        // The umask narrows the mode given to open; the group's access is the point.
        fchmod(fd, 0o660)
        closeDescriptor(fd)
    }

    /// Creates a new store; an existing file is refused rather than altered.
    public static func create(path: String) throws(StoreError) -> SQLiteEventStore {
        if FileManager.default.fileExists(atPath: path) {
            throw StoreError(.io, path: path, Bilingual("\(path) already exists; nothing was changed", "\(path) 已存在；未作任何改动"))
        }
        return try SQLiteEventStore(path: path, create: true)
    }

    /// The writer's `PRAGMA synchronous` (2 = FULL), for tests and `doctor`.
    public func synchronousMode() throws(StoreError) -> Int {
        do { return try database.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 } } catch { throw Self.mapped(error, location, busyTimeout: busyTimeout) }
    }

    public func journalMode() throws(StoreError) -> String {
        do { return try database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "?" } } catch { throw Self.mapped(error, location, busyTimeout: busyTimeout) }
    }

    // MARK: Reading

    public func head() throws(StoreError) -> Int64 {
        do { return try database.read { db in try Int64.fetchOne(db, sql: "SELECT seq FROM head WHERE one = 1") ?? 0 } } catch { throw Self.mapped(error, location, busyTimeout: busyTimeout) }
    }

    public func position() throws(StoreError) -> StorePosition {
        guard hasJournal else { return StorePosition(log: try head(), journal: 0) }
        do {
            return try database.read { db in
                let row = try Row.fetchOne(db, sql: "SELECT seq, journal_seq FROM head WHERE one = 1")
                return StorePosition(log: row?[0] ?? 0, journal: row?[1] ?? 0)
            }
        } catch {
            throw Self.mapped(error, location, busyTimeout: busyTimeout)
        }
    }

    public func journal(after: Int64, upTo: Int64) throws(StoreError) -> [RecordedEvent] {
        guard hasJournal else { return [] }
        return try fetch(
            sql: "SELECT after, id, at, operator, payload, drill, seq FROM journal WHERE seq > ? AND seq <= ? ORDER BY seq", arguments: [after, upTo], journal: true)
    }

    /// The events after a sequence number, in order. When one cannot be read, the events before
    /// it are returned; the next call, starting at the unreadable one, throws naming it. So a
    /// reader keeps every good event up to a damaged one.
    public func events(after: Int64, limit: Int) throws(StoreError) -> [RecordedEvent] {
        try fetch(sql: "SELECT seq, id, at, operator, payload, exercise FROM events WHERE seq > ? ORDER BY seq LIMIT ?", arguments: [after, limit], prefix: true)
    }

    public func chainHash(at sequence: Int64) throws(StoreError) -> String? {
        do { return try database.read { db in try String.fetchOne(db, sql: "SELECT hash FROM events WHERE seq = ?", arguments: [sequence]) } } catch {
            throw Self.mapped(error, location, busyTimeout: busyTimeout)
        }
    }

    /// Every drill's scheduling (from the journal) and ending (from the log), in order.
    public func drillControlEvents() throws(StoreError) -> [RecordedEvent] {
        guard hasJournal else { return [] }
        let scheduled = try fetch(sql: "SELECT after, id, at, operator, payload, drill, seq FROM journal WHERE kind = 'drillScheduled' ORDER BY seq", arguments: [], journal: true)
        let ended = try fetch(
            sql: "SELECT seq, id, at, operator, payload, exercise FROM events WHERE exercise IS NOT NULL AND kind = 'drillEnded' ORDER BY seq", arguments: [])
        return Self.merged(ended, scheduled)
    }

    /// A drill's whole record: its exercise data from the log and its journal entries, in order.
    public func events(exercise: String) throws(StoreError) -> [RecordedEvent] {
        let log = try fetch(sql: "SELECT seq, id, at, operator, payload, exercise FROM events WHERE exercise = ? ORDER BY seq", arguments: [exercise])
        guard hasJournal else { return log }
        let journal = try fetch(sql: "SELECT after, id, at, operator, payload, drill, seq FROM journal WHERE drill = ? ORDER BY seq", arguments: [exercise], journal: true)
        return Self.merged(log, journal)
    }

    /// Log events and journal entries in one order: a journal entry right after the log event
    /// it follows.
    static func merged(_ log: [RecordedEvent], _ journal: [RecordedEvent]) -> [RecordedEvent] {
        var out: [RecordedEvent] = []
        out.reserveCapacity(log.count + journal.count)
        var j = 0
        for e in log {
            while j < journal.count, journal[j].sequence < e.sequence {
                out.append(journal[j])
                j += 1
            }
            out.append(e)
        }
        out += journal[j...]
        return out
    }

    public func events(incident: IncidentID) throws(StoreError) -> [RecordedEvent] {
        try fetch(sql: "SELECT seq, id, at, operator, payload, exercise FROM events WHERE incident = ? ORDER BY seq", arguments: [incident.description])
    }

    /// Rows of (seq, id, at, operator, payload, exercise[, journal seq]) as recorded events.
    /// With `prefix`, a row that cannot be decoded ends the result instead of failing it (unless
    /// it is the first).
    private func fetch(sql: String, arguments: StatementArguments, journal: Bool = false, prefix: Bool = false) throws(StoreError) -> [RecordedEvent] {
        // Read the rows first (one connection, in order), then decode the JSON payloads on all
        // cores: decoding is most of a replay's cost.
        struct Raw: Sendable {
            var seq: Int64
            var id: String
            var at: String
            var by: String
            var payload: String
            var exercise: String?
            var journal: Int64?
        }
        let rows: [Raw]
        do {
            rows = try database.read { db in
                var out: [Raw] = []
                let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
                while let row = try cursor.next() {
                    out.append(Raw(seq: row[0], id: row[1], at: row[2], by: row[3], payload: row[4], exercise: row[5], journal: journal ? row[6] : nil))
                }
                return out
            }
        } catch {
            throw Self.mapped(error, location, busyTimeout: busyTimeout)
        }
        // (A slot of our own, not `Result<RecordedEvent, StoreError>?`: making that generic
        // type asks the runtime whether StoreError is an Error, a scan of every conformance.)
        enum Slot {
            case pending
            case event(RecordedEvent)
            case failure(StoreError)
        }
        var decoded = [Slot](repeating: .pending, count: rows.count)
        let location = self.location
        let chunks = rows.count < 2_000 ? 1 : max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
        let size = (rows.count + chunks - 1) / max(1, chunks)
        decoded.withUnsafeMutableBufferPointer { out in
            // Each chunk writes only its own slots.
            nonisolated(unsafe) let base = out
            // One chunk (a short tail) on this thread, without asking the pool of threads.
            let perform: (Int, @Sendable (Int) -> Void) -> Void = chunks == 1 ? { _, body in body(0) } : { DispatchQueue.concurrentPerform(iterations: $0, execute: $1) }
            perform(chunks) { c in
                let codec = EventCodec()
                for k in (c * size)..<min(rows.count, (c + 1) * size) {
                    let r = rows[k]
                    guard let at = Timestamp.parse(r.at) else {
                        base[k] = .failure(
                            StoreError(.badPayload, path: location, Bilingual("event \(r.seq) has a bad time '\(r.at)'; run decision-hub verify", "事件 \(r.seq) 的时间“\(r.at)”有误；请运行 decision-hub verify"))
                        )
                        continue
                    }
                    do {
                        let event = try codec.event(from: r.payload)
                        base[k] = .event(RecordedEvent(sequence: r.seq, id: r.id, at: at, by: r.by, exercise: r.exercise, event: event, journal: r.journal))
                    } catch {
                        base[k] = .failure(
                            StoreError(
                                .badPayload, path: location,
                                Bilingual(
                                    "event \(r.seq) cannot be read (\(error)); it may come from a newer version, or be damaged: run decision-hub verify",
                                    "事件 \(r.seq) 无法读取（\(error)）；可能来自更新版本或已损坏：请运行 decision-hub verify")))
                    }
                }
            }
        }
        var out: [RecordedEvent] = []
        out.reserveCapacity(rows.count)
        for d in decoded {
            switch d {
            case let .event(e): out.append(e)
            case let .failure(e):
                if prefix && !out.isEmpty { return out }
                throw e
            case .pending: preconditionFailure("a row was not decoded")
            }
        }
        return out
    }

    // MARK: Appending

    public func append(_ events: [PendingEvent], expectedHead: Int64, expectedJournal: Int64?) throws(StoreError) -> AppendOutcome {
        guard !events.isEmpty else { return .appended([]) }
        if let writeRefusal { throw writeRefusal }
        lock.lock()
        defer { lock.unlock() }
        // Encoded, and read back, before the write lock is taken: nothing goes on the record that
        // a reader cannot decode (one unreadable row would stop every console that opens it).
        var columns: [(at: String, payload: String)] = []
        columns.reserveCapacity(events.count)
        for e in events {
            let at = Timestamp.format(e.at), payload = codec.payload(e.event)
            try Self.checkReadsBack(at: at, payload: payload, codec: codec, path: location)
            columns.append((at, payload))
        }
        do {
            return try database.writeWithoutTransaction { db in
                var outcome = AppendOutcome.conflict(head: -1)
                // Cached statements, the transaction's own included: an append is on the
                // officer's critical path, and parsing SQL each time was a measurable part of it.
                try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
                let commit: Bool
                do {
                    commit = try appendRows(db)
                } catch {
                    try? db.execute(sql: "ROLLBACK TRANSACTION")
                    throw error
                }
                try db.cachedStatement(sql: commit ? "COMMIT TRANSACTION" : "ROLLBACK TRANSACTION").execute()
                return outcome

                /// The rows, inside the transaction; false when the head moved (roll back).
                func appendRows(_ db: Database) throws -> Bool {
                    guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT seq, hash, journal_seq, journal_hash FROM head WHERE one = 1")) else {
                        throw StoreError(.corrupt, path: location, Bilingual("the head record is missing; run decision-hub verify", "头记录缺失；请运行 decision-hub verify"))
                    }
                    var seq: Int64 = row[0]
                    var previous: String = row[1]
                    var journalSeq: Int64 = row[2]
                    var journalPrevious: String = row[3]
                    guard seq == expectedHead, expectedJournal.map({ $0 == journalSeq }) ?? true else {
                        outcome = .conflict(head: seq)
                        return false
                    }
                    var recorded: [RecordedEvent] = []
                    let insert = try db.cachedStatement(sql: "INSERT INTO events (seq, id, at, operator, kind, incident, payload, exercise, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    for (e, (at, payload)) in zip(events, columns) {
                        if e.event.isJournal, let drill = e.event.drill {
                            // After the log events before it in this batch.
                            journalSeq += 1
                            let hash = EventCodec.hash(
                                sequence: journalSeq, id: e.id, at: at, by: e.by, kind: e.event.kind.rawValue, incident: String(seq), payload: payload, exercise: drill, previous: journalPrevious)
                            try db.cachedStatement(sql: "INSERT INTO journal (seq, after, id, at, operator, kind, drill, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                                .execute(arguments: [journalSeq, seq, e.id, at, e.by, e.event.kind.rawValue, drill, payload, journalPrevious, hash])
                            journalPrevious = hash
                            recorded.append(RecordedEvent(sequence: seq, id: e.id, at: Timestamp.rounded(e.at), by: e.by, exercise: drill, event: e.event, journal: journalSeq))
                            continue
                        }
                        seq += 1
                        let incident = e.event.incident?.description
                        let hash = EventCodec.hash(
                            sequence: seq, id: e.id, at: at, by: e.by, kind: e.event.kind.rawValue, incident: incident, payload: payload, exercise: e.exercise, previous: previous)
                        try insert.execute(arguments: [seq, e.id, at, e.by, e.event.kind.rawValue, incident, payload, e.exercise, previous, hash])
                        previous = hash
                        recorded.append(RecordedEvent(sequence: seq, id: e.id, at: Timestamp.rounded(e.at), by: e.by, exercise: e.exercise, event: e.event))
                    }
                    try db.cachedStatement(sql: "UPDATE head SET seq = ?, hash = ?, journal_seq = ?, journal_hash = ? WHERE one = 1")
                        .execute(arguments: [seq, previous, journalSeq, journalPrevious])
                    // Every `checkpointEvery` events or `checkpointInterval` seconds, signed in
                    // the same transaction (~50 µs, once in a thousand appends) by a writer that
                    // holds the key.
                    if let signer, seq > lastCheckpointLog {
                        let now = Date()
                        if seq - lastCheckpointLog >= checkpointEvery || now.timeIntervalSince(lastCheckpointAt) >= checkpointInterval {
                            try Self.insertCheckpoint(db, Checkpoint.sign(log: seq, logHash: previous, journal: journalSeq, journalHash: journalPrevious, at: now, key: signer), key: signer)
                            lastCheckpointLog = seq
                            lastCheckpointAt = now
                        }
                    }
                    outcome = .appended(recorded)
                    return true
                }
            }
        } catch let e as StoreError {
            throw e
        } catch let e as DatabaseError where e.resultCode == .SQLITE_CONSTRAINT && (e.message ?? "").contains(".seq") {
            throw headMismatch(journal: (e.message ?? "").contains("journal.seq"))
        } catch {
            throw Self.mapped(error, location, busyTimeout: busyTimeout)
        }
    }

    /// The head record says the log (or the drill journal) ends before rows that are there (the
    /// head was set back): an append would reuse a sequence number. Names both numbers.
    func headMismatch(journal: Bool) -> StoreError {
        let numbers = try? database.read { db in
            journal
                ? (try Int64.fetchOne(db, sql: "SELECT journal_seq FROM head WHERE one = 1") ?? 0, try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM journal") ?? 0)
                : (try Int64.fetchOne(db, sql: "SELECT seq FROM head WHERE one = 1") ?? 0, try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM events") ?? 0)
        }
        let (head, last) = numbers ?? (-1, -1)
        return journal ? StoreError.journalHeadMismatch(location, head: head, table: last) : StoreError.headMismatch(location, head: head, table: last)
    }

    /// Refuses a row that would not read back as it was written.
    static func checkReadsBack(at: String, payload: String, codec: EventCodec, path: String) throws(StoreError) {
        let readBack: String?
        if Timestamp.parse(at) == nil {
            readBack = nil
        } else {
            readBack = (try? codec.event(from: payload)).map { codec.payload($0) }
        }
        guard readBack == payload else {
            throw StoreError(
                .badPayload, path: path,
                Bilingual(
                    "an event at \(at) would not read back as written (\(payload.prefix(120))); nothing was written. This is a bug: please report it",
                    "时间为 \(at) 的事件写入后无法按原样读回（\(payload.prefix(120))）；未写入任何内容。这是程序缺陷，请报告"))
        }
    }

    // MARK: Snapshots

    public func latestSnapshot(atMost: Int64) throws(StoreError) -> CommandState? {
        try loadSnapshot(atMost: atMost).state
    }

    /// The newest snapshot at or below `atMost` that is whole and still belongs to the chain:
    /// its bytes match their digest, the event it was folded up to still has the hash it had,
    /// and it decodes to that event's position. Every one passed over for any other reason than
    /// an older format is named in `warnings`; the caller then replays the log.
    public func loadSnapshot(atMost: Int64) throws(StoreError) -> SnapshotLoad {
        lock.lock()
        defer { lock.unlock() }
        do {
            return try database.read { db -> SnapshotLoad in
                var load = SnapshotLoad(state: nil, warnings: [])
                // The newest first, each one's bytes read only when it is the one tried. (The
                // digest is stored after the state: SQLite reaches it only by walking the state's
                // overflow pages, 23 MB for an old whole snapshot. So it is read just after the
                // state, whose pages are then at hand, and only for a snapshot of this model.)
                let rows = try Self.rows(db, sql: "SELECT seq, hash, model FROM snapshots WHERE seq <= ? ORDER BY seq DESC LIMIT 4", arguments: [atMost])
                for row in rows {
                    let seq: Int64 = row[0]
                    let model: Int = row[2]
                    // An older format, or one saved before digests: not damage, just not usable.
                    guard model == Self.modelVersion, hasCheckpoints,
                        let data = try LargeValue.read(db, table: "snapshots", column: "state", rowid: seq),
                        let digest = try String.fetchOne(db, sql: "SELECT digest FROM snapshots WHERE seq = ?", arguments: [seq])
                    else { continue }
                    if let problem = try Self.snapshotProblem(db, seq: seq, hash: row[1], data: data, digest: digest) {
                        load.warnings.append(problem)
                        continue
                    }
                    var archive: IncidentArchive?
                    if case let reference?? = SnapshotCodec.archiveReference(data) {
                        guard let found = try self.archive(db, reference) else {
                            load.warnings.append(
                                Self.snapshotWarning(
                                    seq, Bilingual("its closed incidents (saved at event \(reference.sequence)) are missing or altered", "其已结束事件存档（第 \(reference.sequence) 条事件处保存）缺失或被修改")))
                            continue
                        }
                        archive = found
                    }
                    // Incidents decoded on first use; one whose record fails then comes from the log.
                    // (A busy store is tried again for a few seconds before giving up.)
                    let rebuild: @Sendable (Int64, Int64) -> [IncidentID: Incident] = { [self] seq, journal in
                        var attempt = 0
                        while true {
                            do throws(StoreError) { return try Refold.state(of: self, upTo: seq, journal: journal).incidents.all } catch {
                                attempt += 1
                                guard attempt < 10 else {
                                    preconditionFailure("the incidents saved at event \(seq) can be read neither from their snapshot nor from the log: \(error.text(.en))")
                                }
                                Thread.sleep(forTimeInterval: 0.5)
                            }
                        }
                    }
                    guard let state = SnapshotCodec.decode(data, archive: { _ in archive }, rebuild: rebuild), state.sequence == seq else {
                        load.warnings.append(Self.snapshotWarning(seq, Bilingual("it does not decode to event \(seq)", "无法解码为第 \(seq) 条时的状态")))
                        continue
                    }
                    load.state = state
                    return load
                }
                return load
            }
        } catch {
            throw Self.mapped(error, location, busyTimeout: busyTimeout)
        }
    }

    /// Every row a statement gives, copied out: `Row.fetchAll` without the mapped cursor it
    /// builds, a generic type whose first use scans the binary's conformances (on every `exec`).
    static func rows(_ db: Database, sql: String, arguments: StatementArguments = StatementArguments()) throws -> [Row] {
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        var out: [Row] = []
        while let row = try cursor.next() { out.append(row.copy()) }
        return out
    }

    /// Why a stored snapshot cannot be trusted, or nil: its bytes against their digest, and the
    /// chain hash it was folded from against the log's.
    static func snapshotProblem(_ db: Database, seq: Int64, hash: String, data: Data, digest: String) throws -> Bilingual? {
        if Self.digest(data) != digest {
            return snapshotWarning(seq, Bilingual("its bytes do not match their digest (edited or damaged)", "其内容与摘要不符（被修改或已损坏）"))
        }
        // A snapshot counts only while the chain still has the hash it was folded from.
        if try String.fetchOne(db, sql: "SELECT hash FROM events WHERE seq = ?", arguments: [seq]) != hash {
            return snapshotWarning(seq, Bilingual("event \(seq) no longer has the hash it was folded from", "第 \(seq) 条事件的哈希已不是快照生成时的哈希"))
        }
        return nil
    }

    static func snapshotWarning(_ seq: Int64, _ why: Bilingual) -> Bilingual {
        Bilingual(
            "the saved state at event \(seq) was ignored: \(why.en); the state was rebuilt from the log. Run decision-hub verify --deep",
            "第 \(seq) 条事件处保存的状态已被忽略：\(why.zh)；状态已由日志重建。请运行 decision-hub verify --deep")
    }

    /// SHA-256 of a snapshot's bytes, hex.
    static func digest(_ data: Data) -> String {
        Hex.lowercase(SHA256.hash(data: data))
    }

    /// Saves the state for a fast start, split: the closed incidents in an archive of their
    /// own, the rest in the snapshot. The archive is written anew only when at least
    /// `archiveAfter` closed incidents are not in it yet (a year's 75,000 closed incidents are
    /// then not rewritten every snapshot), else the snapshot refers to the archive the state
    /// came with.
    public func saveSnapshot(_ state: CommandState) throws(StoreError) {
        guard state.sequence > 0 else { return }
        if let writeRefusal { throw writeRefusal }
        // Encoded before the store's lock is taken: reading saved incidents may fold the log
        // again (a record or archive that cannot be trusted), which reads this store.
        let table = state.incidents
        let unarchived = table.unarchived
        let closedInMemory = unarchived.values.reduce(0) { $0 + ($1.isActive ? 0 : 1) }
        var fresh: (reference: SnapshotCodec.ArchiveReference, data: Data)?
        let data: Data
        if let archive = table.archive, closedInMemory - table.shadowed.count < archiveAfter {
            let reference = SnapshotCodec.ArchiveReference(sequence: archive.sequence, count: archive.count, highest: archive.highest, digest: archive.digest)
            data = SnapshotCodec.encode(state, incidents: unarchived, archive: reference, shadowed: table.shadowed)
        } else if table.archive == nil && closedInMemory < archiveAfter {
            data = SnapshotCodec.encode(state, incidents: unarchived, archive: nil, shadowed: [])
        } else {
            let all = table.all
            let closed = all.values.filter { !$0.isActive }
            let archiveData = SnapshotCodec.encodeArchive(closed)
            let reference = SnapshotCodec.ArchiveReference(
                sequence: state.sequence, count: closed.count, highest: closed.map(\.id.number).max() ?? 0, digest: Self.digest(archiveData))
            fresh = (reference, archiveData)
            data = SnapshotCodec.encode(state, incidents: all.filter(\.value.isActive), archive: reference, shadowed: [])
        }
        let digest = Self.digest(data)
        let archiveSeq = fresh?.reference.sequence ?? table.archive?.sequence
        lock.lock()
        defer { lock.unlock() }
        do {
            try database.write { db in
                guard let hash = try String.fetchOne(db, sql: "SELECT hash FROM events WHERE seq = ?", arguments: [state.sequence]) else { return }
                if let fresh {
                    try db.execute(
                        sql: "INSERT OR REPLACE INTO snapshot_archives (seq, journal, digest, count, data) VALUES (?, ?, ?, ?, ?)",
                        arguments: [fresh.reference.sequence, state.journalSequence, fresh.reference.digest, fresh.reference.count, fresh.data])
                }
                try db.execute(
                    sql: "INSERT OR REPLACE INTO snapshots (seq, hash, model, state, digest, archive) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [state.sequence, hash, Self.modelVersion, data, digest, archiveSeq])
                // Keep the two newest, and the archives they (or a console opened a while ago)
                // refer to: the three newest archives; an older one is rebuilt from the log.
                try db.execute(sql: "DELETE FROM snapshots WHERE seq NOT IN (SELECT seq FROM snapshots ORDER BY seq DESC LIMIT 2)")
                try db.execute(
                    sql: """
                        DELETE FROM snapshot_archives WHERE seq NOT IN (SELECT archive FROM snapshots WHERE archive IS NOT NULL)
                            AND seq NOT IN (SELECT seq FROM snapshot_archives ORDER BY seq DESC LIMIT 3)
                        """)
            }
        } catch {
            throw Self.mapped(error, location, busyTimeout: busyTimeout)
        }
    }

    /// Closed incidents kept in memory before a snapshot moves them into a new archive.
    public var archiveAfter = 2_000

    /// The archive a snapshot refers to, if it is stored with the digest and count the
    /// snapshot recorded (its bytes are read, checked and decoded on first use).
    func archive(_ db: Database, _ reference: SnapshotCodec.ArchiveReference) throws -> IncidentArchive? {
        guard
            let row = try Row.fetchOne(db, sql: "SELECT digest, count, journal FROM snapshot_archives WHERE seq = ?", arguments: [reference.sequence]),
            row[0] as String == reference.digest, row[1] as Int == reference.count
        else { return nil }
        let journal: Int64 = row[2]
        return IncidentArchive(sequence: reference.sequence, count: reference.count, highest: reference.highest, digest: reference.digest) { [self] in
            readArchive(reference, journal: journal)
        }
    }

    /// An archive's incidents: its saved bytes when they still match their digest, else (gone,
    /// or altered since) the closed incidents of the log folded again up to its event.
    func readArchive(_ reference: SnapshotCodec.ArchiveReference, journal: Int64) -> [IncidentID: Incident] {
        let saved = try? database.read { db in try LargeValue.read(db, table: "snapshot_archives", column: "data", rowid: reference.sequence) }
        if let saved = saved ?? nil, Self.digest(saved) == reference.digest, let incidents = SnapshotCodec.decodeArchive(saved), incidents.count == reference.count {
            return incidents
        }
        let state: CommandState
        do { state = try Refold.state(of: self, upTo: reference.sequence, journal: journal) } catch {
            preconditionFailure("the closed incidents up to event \(reference.sequence) can be read neither from their archive nor from the log: \(error.text(.en))")
        }
        return state.incidents.all.filter { !$0.value.isActive }
    }

    // MARK: Opening checks

    /// A file that is not SQLite at all is refused before SQLite can touch it.
    /// Store files this process holds open, by file (their count of open stores).
    ///
    /// POSIX advisory locks belong to the process, and closing *any* descriptor of a file drops
    /// all of them: reading a store's header with a file handle of our own while this process's
    /// SQLite connection holds the file would silently release its locks (another process could
    /// then checkpoint and delete the WAL under it: events lost). So a file already open here is
    /// not opened again by hand; its header was checked when it was first opened.
    private static let openFiles = Mutex<[String: Int]>([:])

    /// The file's one name: its device and inode, so that every path to it (a symbolic or a
    /// hard link, `..`) is the same file; for a path that names no file, Foundation's reading of
    /// the path.
    static func canonical(_ path: String) -> String {
        var info = stat()
        if stat(path, &info) == 0 { return "file \(info.st_dev):\(info.st_ino)" }
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// The name this store counted itself under in `openFiles` (a failed open never did): kept,
    /// so that the count goes down under the same name even if the file has gone since.
    private var registeredKey: String?

    deinit {
        guard let key = registeredKey else { return }
        Self.openFiles.withLock { open in
            if let n = open[key] { open[key] = n > 1 ? n - 1 : nil }
        }
    }

    /// Refuses a file that is not an SQLite database (or is empty); returns whether its header
    /// says WAL mode (false when the file is already open here, so not read again).
    @discardableResult
    static func checkHeader(_ path: String) throws(StoreError) -> Bool {
        // Size without opening the file (stat): an empty file is refused whoever holds it.
        var info = stat()
        if stat(path, &info) == 0 && info.st_size == 0 {
            throw StoreError(
                .corrupt, path: path,
                Bilingual(
                    "\(path) is empty (0 bytes): it is not a store, and it is not re-created. Restore the store from a backup, or remove the empty file and run decision-hub init --store \(path)",
                    "\(path) 为空文件（0 字节）：不是事件库，也不会被重新创建。请从备份恢复事件库，或删除该空文件后运行 decision-hub init --store \(path)"))
        }
        // Already open in this process: checked then, and a second descriptor would drop the locks.
        if openFiles.withLock({ $0[canonical(path)] != nil }) { return false }
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw StoreError(.readOnly, path: path, Bilingual("cannot read \(path); check its permissions", "无法读取 \(path)；请检查文件权限"))
        }
        defer { try? h.close() }
        let head = Array((try? h.read(upToCount: 20)) ?? Data())
        guard !head.isEmpty else {
            // SQLite would take an empty file for a new database and write a fresh, empty store
            // over what was (a truncated store must be noticed, not replaced).
            throw StoreError(
                .corrupt, path: path,
                Bilingual(
                    "\(path) is empty (0 bytes): it is not a store, and it is not re-created. Restore the store from a backup, or remove the empty file and run decision-hub init --store \(path)",
                    "\(path) 为空文件（0 字节）：不是事件库，也不会被重新创建。请从备份恢复事件库，或删除该空文件后运行 decision-hub init --store \(path)"))
        }
        guard head.prefix(16).elementsEqual("SQLite format 3\0".utf8) else {
            throw StoreError(.foreign, path: path, Bilingual("\(path) is not an SQLite database, so not a Decision Hub store; check the path", "\(path) 不是 SQLite 数据库，因而不是决策中枢事件库；请检查路径"))
        }
        // The file format's read and write versions (bytes 18 and 19): 2 in WAL mode.
        return head.count == 20 && head[18] == 2 && head[19] == 2
    }

    /// What opening a file learns in its first read: whether every migration this build knows
    /// has run, and whether a quick check passed less than `within` seconds ago.
    struct Opening {
        var migrated: Bool
        var recentlyChecked: Bool
    }

    /// Refuses a file that is not a store, or one written by a newer build; else what the
    /// opening needs to know of it (``Opening``), read in the same transaction.
    static func guardIdentity(_ database: any DatabaseWriter, _ path: String, now: Date, within: TimeInterval) throws(StoreError) -> Opening {
        do {
            let (appID, tables, superseded, opening) = try database.read { db in
                let migrated = (try? Schema.migrator.hasCompletedMigrations(db)) ?? false
                return (
                    try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                    try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"),
                    try Schema.migrator.hasBeenSuperseded(db),
                    Opening(migrated: migrated, recentlyChecked: migrated && recentlyChecked(db, now: now, within: within))
                )
            }
            if appID != Schema.applicationID && !(appID == 0 && tables.isEmpty) { throw StoreError.foreign(path) }
            if superseded { throw StoreError.newer(path, "schema migrations this build does not know") }
            return opening
        } catch let e as StoreError {
            throw e
        } catch {
            throw mapped(error, path)
        }
    }

    /// Maps SQLite's failures to messages that name the file and what to do.
    static func mapped(_ error: any Error, _ path: String, busyTimeout: TimeInterval = 10) -> StoreError {
        if let e = error as? StoreError { return e }
        guard let db = error as? DatabaseError else {
            return StoreError(.io, path: path, Bilingual("cannot use \(path): \(error)", "无法使用 \(path)：\(error)"))
        }
        switch db.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            let secs = Int(busyTimeout.rounded())
            return StoreError(
                .locked, path: path,
                Bilingual(
                    "\(path) stayed locked by another process for \(secs) s; nothing was written. Check for a stuck process (fuser \(path)) and try again",
                    "\(path) 被其他进程锁定超过 \(secs) 秒；未写入任何内容。请检查是否有卡住的进程（fuser \(path)）后重试"))
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            return StoreError(
                .readOnly, path: path,
                Bilingual("\(path) cannot be written (read-only file or folder); nothing was written. Check permissions of the file and its folder", "\(path) 无法写入（文件或目录只读）；未写入任何内容。请检查文件及所在目录的权限"))
        case .SQLITE_FULL:
            return StoreError(.full, path: path, Bilingual("the disk holding \(path) is full; nothing was written. Free space and try again", "\(path) 所在磁盘已满；未写入任何内容。请释放空间后重试"))
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return StoreError(
                .corrupt, path: path, Bilingual("\(path) is damaged; nothing was written. Run decision-hub verify, and restore from a backup", "\(path) 已损坏；未写入任何内容。请运行 decision-hub verify 并从备份恢复"))
        case .SQLITE_CANTOPEN:
            return StoreError(.io, path: path, Bilingual("cannot open \(path); check the path and the folder's permissions", "无法打开 \(path)；请检查路径及目录权限"))
        default:
            return StoreError(.io, path: path, Bilingual("\(path): \(db.message ?? "\(db.resultCode)")", "\(path)：\(db.message ?? "\(db.resultCode)")"))
        }
    }
}

/// The writer's opening check, run once on another thread; `wait` returns its outcome.
final class HealthCheck: @unchecked Sendable {
    // @unchecked: `outcome` is written once, before `group` is left, and read only after
    // waiting on it.
    private let group = DispatchGroup()
    private var outcome: StoreError?

    init() {}

    func start(_ check: @escaping @Sendable () -> StoreError?) {
        group.enter()
        DispatchQueue.global(qos: .utility).async {
            self.outcome = check()
            self.group.leave()
        }
    }

    func finish(_ result: StoreError?) { outcome = result }

    func wait() -> StoreError? {
        group.wait()
        return outcome
    }
}

/// `close(2)`, out of reach of the store's own `close()`.
private func closeDescriptor(_ fd: Int32) { close(fd) }
