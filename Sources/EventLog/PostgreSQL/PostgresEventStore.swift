import CommandModel
import Crypto
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// A centre's event log in PostgreSQL: the same chain, tables and guarantees as the SQLite store,
/// for several consoles on several machines (and several centres in one cluster).
///
/// Guarantees: every append locks the one head row (`SELECT … FOR UPDATE`), so sequence numbers
/// have no gaps and of two writers holding the same head exactly one lands, the other is told
/// the newer head; an append lands whole or not at all; `NOTIFY` on the centre's channel wakes
/// followers when it commits (`waitForChange`), and a follower that misses it finds the change
/// by polling. Checkpoints are signed with the centre's key, kept outside the database.
///
/// The store protocol is synchronous and PostgresNIO is asynchronous: each call waits for its
/// future on PostgresNIO's own event loop (never on Swift's cooperative pool), one query at a
/// time per store (see docs/DECISIONS.md).
public final class PostgresEventStore: EventStore, @unchecked Sendable {
    // @unchecked: every mutable property is read and written under `lock`, except
    // `checkpointEvery` and `checkpointInterval`, set once after opening.
    public let location: String
    public let url: PostgresStoreURL
    public let readOnly: Bool
    let signer: SigningKey?
    /// Whether this process signs, and if not, why.
    public let signing: SigningKey.Lookup
    /// A checkpoint is signed inside the append that takes the log this many events past the
    /// last checkpoint this process knows of, or that comes `checkpointInterval` after it.
    public var checkpointEvery: Int64 = 1_000
    public var checkpointInterval: TimeInterval = 600
    /// Why this store refuses to write, if it does: the record no longer matches its newest
    /// signed checkpoint. Reading still works.
    public private(set) var writeRefusal: StoreError?

    private let lock = NSLock()
    private var connection: PostgresConnection?
    /// Set by `close()` (under `lock`).
    private var closed = false
    private let codec = EventCodec()
    private var lastCheckpointLog: Int64 = 0
    private var lastCheckpointAt = Date.distantPast
    /// The head this store's last append left, if nothing failed since (guarded by `lock`).
    private var knownHead: HeadRow?
    private let listener: ChangeListener

    /// Nothing is logged: a log line could carry the URL, and a password never appears in one.
    static let logger = Logger(label: "decision-hub.postgresql", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Where the key of a centre's store lives: `$DECISION_HUB_SIGNING_KEY_FILE`, else
    /// `~/.config/decision-hub/DATABASE-CENTRE.key` (outside the database, as beside an SQLite
    /// file).
    public static func keyPath(_ url: PostgresStoreURL, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let p = environment[SigningKey.environmentVariable], !p.isEmpty { return p }
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.config")
        return base + "/decision-hub/\(url.database)-\(url.centre).key"
    }

    /// Opens a centre's store. A missing schema is an error naming `decision-hub init`; a
    /// `readOnly` store runs every transaction read-only and never reads the signing key.
    public init(url: PostgresStoreURL, readOnly: Bool = false, signingKey: SQLiteEventStore.KeySource = .standard) throws(StoreError) {
        self.url = url
        location = url.redacted
        self.readOnly = readOnly
        if readOnly {
            signing = .absent(path: "")
        } else {
            switch signingKey {
            case .standard: signing = SigningKey.load(path: Self.keyPath(url))
            case .none: signing = .absent(path: "")
            case let .key(k): signing = .found(k)
            }
        }
        if case let .found(k) = signing { signer = k } else { signer = nil }
        listener = ChangeListener(url: url)
        lock.lock()
        defer { lock.unlock() }
        try checkSchema()
        guard !readOnly else { return }
        let newest = try checkpointsLocked(newestOnly: true).first
        lastCheckpointLog = newest?.logSequence ?? 0
        lastCheckpointAt = newest?.time ?? .distantPast
        // Writing on after a record that no longer matches its newest signature would bury the
        // alteration under new events: refuse, and say so.
        if let newest, let why = try mismatchLocked(newest) {
            writeRefusal = StoreError(
                .tampered, path: location,
                Bilingual(
                    "\(location) no longer matches its newest signed checkpoint (event \(newest.logSequence), signed \(newest.at)): \(why.en); nothing will be written to it. Run decision-hub verify --store URL",
                    "\(location) 与其最新的签名检查点（第 \(newest.logSequence) 条事件，签于 \(newest.at)）不符：\(why.zh)；不会再写入任何内容。请运行 decision-hub verify --store 地址"))
        }
    }

    /// Opens the store named by a URL (`postgresql://…?centre=…`).
    public convenience init(_ text: String, readOnly: Bool = false, signingKey: SQLiteEventStore.KeySource = .standard) throws(StoreError) {
        try self.init(url: PostgresStoreURL.parse(text), readOnly: readOnly, signingKey: signingKey)
    }

    /// Creates a centre's schema; an existing one is refused rather than altered.
    @discardableResult
    public static func create(url: PostgresStoreURL, signingKey: SQLiteEventStore.KeySource = .standard) throws(StoreError) -> PostgresEventStore {
        let conn = try connect(url, readOnly: false)
        defer { closeSoon(conn) }
        let exists: Bool
        do {
            let rows = try conn.query("SELECT 1 FROM pg_namespace WHERE nspname = \(url.schema)", logger: logger).wait()
            exists = rows.rows.count > 0
        } catch {
            throw mapped(error, url.redacted)
        }
        if exists {
            throw StoreError(
                .io, path: url.redacted,
                Bilingual("a store for centre \(url.centre) already exists in \(url.redacted); nothing was changed", "\(url.redacted) 中已有中心 \(url.centre) 的事件库；未作任何改动"))
        }
        do {
            _ = try conn.query("BEGIN", logger: logger).wait()
            for statement in PostgresSchema.create(schema: url.schema) {
                _ = try conn.query(PostgresQuery(unsafeSQL: statement), logger: logger).wait()
            }
            _ = try conn.query("COMMIT", logger: logger).wait()
        } catch {
            _ = try? conn.query("ROLLBACK", logger: logger).wait()
            throw mapped(error, url.redacted)
        }
        return try PostgresEventStore(url: url, signingKey: signingKey)
    }

    deinit {
        if let connection { PostgresEventStore.closeSoon(connection) }
        listener.stop()
    }

    // MARK: Connection

    /// Closes a connection without waiting (the future-returning `close`, not the async one).
    static func closeSoon(_ connection: PostgresConnection) {
        // Kept alive until closed: PostgresNIO asserts that a connection is closed before it goes.
        let closing: EventLoopFuture<Void> = connection.close()
        closing.whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// One connection to the server, with the centre's schema first on the search path.
    static func connect(_ url: PostgresStoreURL, readOnly: Bool) throws(StoreError) -> PostgresConnection {
        let config: PostgresConnection.Configuration
        if let socket = url.socketPath {
            config = PostgresConnection.Configuration(unixSocketPath: socket, username: url.user, password: url.password, database: url.database)
        } else {
            config = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: .disable)
        }
        let conn: PostgresConnection
        do {
            conn = try PostgresConnection.connect(on: PostgresConnection.defaultEventLoopGroup.any(), configuration: config, id: 1, logger: logger).wait()
        } catch {
            throw mapped(error, url.redacted)
        }
        do {
            _ = try conn.query(PostgresQuery(unsafeSQL: "SET search_path TO \(url.schema)"), logger: logger).wait()
            // The head row's lock must not wait for ever behind a stuck writer.
            _ = try conn.query("SET lock_timeout = '10s'", logger: logger).wait()
            if readOnly { _ = try conn.query("SET default_transaction_read_only = on", logger: logger).wait() }
        } catch {
            PostgresEventStore.closeSoon(conn)
            throw mapped(error, url.redacted)
        }
        return conn
    }

    /// Ends the session and stops listening; every later call is refused.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        closed = true
        knownHead = nil
        if let c = connection { Self.closeSoon(c) }
        connection = nil
        listener.stop()
    }

    /// The open connection, opened again when the server closed it (a restart, a failover);
    /// none once the store is closed.
    private func connectedLocked() throws(StoreError) -> PostgresConnection {
        if closed { throw .closed(location) }
        if let connection, !connection.isClosed { return connection }
        let c = try Self.connect(url, readOnly: readOnly)
        connection = c
        return c
    }

    /// A failure mapped for the caller; when it says the server cannot be reached, the
    /// connection it came on is let go, so the next call opens a new one. (The client may not
    /// yet know that the server ended the session: a connection it still thinks open would
    /// fail again, each time after a wait.)
    private func failedLocked(_ error: any Error, on c: PostgresConnection) -> StoreError {
        let mapped = Self.mapped(error, location)
        if mapped.kind == .unreachable, connection === c {
            connection = nil
            Self.closeSoon(c)
        }
        return mapped
    }

    /// Runs one statement on the store's connection (the caller holds `lock`).
    @discardableResult
    func runLocked(_ query: PostgresQuery) throws(StoreError) -> [PostgresRandomAccessRow] {
        let c = try connectedLocked()
        do {
            return try c.query(query, logger: Self.logger).wait().rows.map { $0.makeRandomAccess() }
        } catch {
            throw failedLocked(error, on: c)
        }
    }

    /// Sends statements together and waits for all of them (the caller holds `lock`); the first
    /// failure is thrown, after every reply has come back.
    func pipelineLocked(_ queries: [PostgresQuery]) throws(StoreError) -> [[PostgresRandomAccessRow]] {
        let c = try connectedLocked()
        var out: [[PostgresRandomAccessRow]] = []
        var first: (any Error)?
        for result in Self.all(queries, on: c) {
            switch result {
            case let .success(r): out.append(r.rows.map { $0.makeRandomAccess() })
            case let .failure(error):
                if first == nil { first = error }
                out.append([])
            }
        }
        if let first { throw failedLocked(first, on: c) }
        return out
    }

    /// Sends statements together and waits for all of them; the first failure, unmapped.
    func pipelineFailure(_ queries: [PostgresQuery]) -> (any Error)? {
        let c: PostgresConnection
        do { c = try connectedLocked() } catch { return error }
        for result in Self.all(queries, on: c) {
            if case let .failure(error) = result {
                _ = failedLocked(error, on: c)
                return error
            }
        }
        return nil
    }

    /// Every reply, waited for once. The statements are sent from the connection's own event
    /// loop in one hand-over (sent from this thread, each one was a hand-over and a wake-up of
    /// the loop: a third of an append's time).
    static func all(_ queries: [PostgresQuery], on c: PostgresConnection) -> [Result<PostgresQueryResult, any Error>] {
        let loop = c.eventLoop
        let sent = loop.flatSubmit { EventLoopFuture.whenAllComplete(queries.map { c.query($0, logger: Self.logger) }, on: loop) }
        do { return try sent.wait() } catch { return [.failure(error)] }
    }

    /// Runs `body` inside one transaction, holding `lock`; rolled back when it throws or returns
    /// false in `commit`.
    func transaction<T>(_ body: () throws(StoreError) -> (value: T, commit: Bool)) throws(StoreError) -> T {
        try runLocked("BEGIN")
        do {
            let (value, commit) = try body()
            try runLocked(commit ? "COMMIT" : "ROLLBACK")
            return value
        } catch {
            if let c = connection, !c.isClosed { _ = try? c.query("ROLLBACK", logger: Self.logger).wait() }
            throw error
        }
    }

    func locked<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Refuses a database without this centre's store, or with a store of a later version.
    private func checkSchema() throws(StoreError) {
        let rows: [PostgresRandomAccessRow]
        do {
            rows = try runLocked("SELECT application_id, version FROM store_info WHERE one = 1")
        } catch  where error.kind == .notFound {
            throw StoreError(
                .notFound, path: location,
                Bilingual(
                    "there is no store for centre \(url.centre) in database \(url.database); create it with: decision-hub init --store '\(location)'",
                    "数据库 \(url.database) 中没有中心 \(url.centre) 的事件库；请先创建：decision-hub init --store '\(location)'"))
        }
        guard let row = rows.first, let app = try? row[0].decode(Int32.self), app == Schema.applicationID else { throw StoreError.foreign(location) }
        let version = (try? rows[0][1].decode(Int.self)) ?? 0
        if version > PostgresSchema.version { throw StoreError.newer(location, "store version \(version)") }
    }

    // MARK: Reading

    public func head() throws(StoreError) -> Int64 {
        try locked { () throws(StoreError) -> Int64 in
            try Self.int(try runLocked("SELECT seq FROM head WHERE one = 1").first, 0, location)
        }
    }

    public func position() throws(StoreError) -> StorePosition {
        try locked { () throws(StoreError) -> StorePosition in
            guard let row = try runLocked("SELECT seq, journal_seq FROM head WHERE one = 1").first else { throw missingHead }
            return StorePosition(log: try Self.int(row, 0, location), journal: try Self.int(row, 1, location))
        }
    }

    public func journal(after: Int64, upTo: Int64) throws(StoreError) -> [RecordedEvent] {
        try fetch("SELECT after, id, at, operator, payload, drill, seq FROM journal WHERE seq > \(after) AND seq <= \(upTo) ORDER BY seq", journal: true)
    }

    /// The events after a sequence number, in order; a row that cannot be read ends the result
    /// (the next call, starting at it, throws naming it), as on SQLite.
    public func events(after: Int64, limit: Int) throws(StoreError) -> [RecordedEvent] {
        try fetch("SELECT seq, id, at, operator, payload, exercise FROM events WHERE seq > \(after) ORDER BY seq LIMIT \(Int64(limit))", prefix: true)
    }

    public func chainHash(at sequence: Int64) throws(StoreError) -> String? {
        try locked { () throws(StoreError) -> String? in
            guard let row = try runLocked("SELECT hash FROM events WHERE seq = \(sequence)").first else { return nil }
            do { return try row[0].decode(String.self) } catch { throw Self.mapped(error, location) }
        }
    }

    public func events(incident: IncidentID) throws(StoreError) -> [RecordedEvent] {
        try fetch("SELECT seq, id, at, operator, payload, exercise FROM events WHERE incident = \(incident.description) ORDER BY seq")
    }

    public func events(exercise: String) throws(StoreError) -> [RecordedEvent] {
        let log = try fetch("SELECT seq, id, at, operator, payload, exercise FROM events WHERE exercise = \(exercise) ORDER BY seq")
        let journal = try fetch("SELECT after, id, at, operator, payload, drill, seq FROM journal WHERE drill = \(exercise) ORDER BY seq", journal: true)
        return SQLiteEventStore.merged(log, journal)
    }

    /// Every drill's scheduling (from the journal) and ending (from the log), in order.
    public func drillControlEvents() throws(StoreError) -> [RecordedEvent] {
        let scheduled = try fetch("SELECT after, id, at, operator, payload, drill, seq FROM journal WHERE kind = 'drillScheduled' ORDER BY seq", journal: true)
        let ended = try fetch("SELECT seq, id, at, operator, payload, exercise FROM events WHERE exercise IS NOT NULL AND kind = 'drillEnded' ORDER BY seq")
        return SQLiteEventStore.merged(ended, scheduled)
    }

    /// Rows of (seq, id, at, operator, payload, exercise[, journal seq]) as recorded events.
    private func fetch(_ query: PostgresQuery, journal: Bool = false, prefix: Bool = false) throws(StoreError) -> [RecordedEvent] {
        let rows = try locked { () throws(StoreError) -> [PostgresRandomAccessRow] in try runLocked(query) }
        var out: [RecordedEvent] = []
        out.reserveCapacity(rows.count)
        for row in rows {
            let seq = try Self.int(row, 0, location)
            do {
                let at = try row[2].decode(String.self)
                guard let time = Timestamp.parse(at) else {
                    throw StoreError(.badPayload, path: location, Bilingual("event \(seq) has a bad time '\(at)'; run decision-hub verify", "事件 \(seq) 的时间“\(at)”有误；请运行 decision-hub verify"))
                }
                let event = try codec.event(from: try row[4].decode(String.self))
                out.append(
                    RecordedEvent(
                        sequence: seq, id: try row[1].decode(String.self), at: time, by: try row[3].decode(String.self), exercise: try row[5].decode(String?.self), event: event,
                        journal: journal ? try row[6].decode(Int64.self) : nil))
            } catch {
                if prefix && !out.isEmpty { return out }
                if let e = error as? StoreError { throw e }
                throw StoreError(
                    .badPayload, path: location,
                    Bilingual(
                        "event \(seq) cannot be read (\(error)); it may come from a newer version, or be damaged: run decision-hub verify",
                        "事件 \(seq) 无法读取（\(error)）；可能来自更新版本或已损坏：请运行 decision-hub verify"))
            }
        }
        return out
    }

    // MARK: Appending

    public func append(_ events: [PendingEvent], expectedHead: Int64, expectedJournal: Int64?) throws(StoreError) -> AppendOutcome {
        guard !events.isEmpty else { return .appended([]) }
        if readOnly { throw StoreError(.readOnly, path: location, Bilingual("\(location) was opened read-only; nothing was written", "\(location) 以只读方式打开；未写入任何内容")) }
        lock.lock()
        defer { lock.unlock() }
        if let writeRefusal { throw writeRefusal }
        // Encoded, and read back, before the head is locked: nothing goes on the record that a
        // reader cannot decode.
        var columns: [(at: String, payload: String)] = []
        columns.reserveCapacity(events.count)
        for e in events {
            let at = Timestamp.format(e.at), payload = codec.payload(e.event)
            try SQLiteEventStore.checkReadsBack(at: at, payload: payload, codec: codec, path: location)
            columns.append((at, payload))
        }
        do throws(StoreError) {
            // One round trip when this store wrote the head the caller expects (a console's
            // commands in a row): everything is sent with the lock, behind a guard that fails
            // the transaction if the head is not the one remembered.
            if let known = knownHead, known.seq == expectedHead, expectedJournal.map({ $0 == known.journalSeq }) ?? true {
                let plan = appendPlan(events, columns, after: known)
                let guarded: PostgresQuery =
                    "SELECT 1 / (SELECT COUNT(*)::int FROM head WHERE one = 1 AND seq = \(known.seq) AND hash = \(known.hash) AND journal_seq = \(known.journalSeq) AND journal_hash = \(known.journalHash))"
                knownHead = nil
                let failure = pipelineFailure(["BEGIN", "SELECT seq FROM head WHERE one = 1 FOR UPDATE", guarded] + plan.statements)
                if let failure {
                    rollbackQuietly()
                    // Another writer moved the head: decide on the newest head below.
                    if (failure as? PSQLError)?.serverInfo?[.sqlState] != "22012" { throw Self.mapped(failure, location) }
                } else {
                    return committed(plan)
                }
            }
            // Two round trips: BEGIN with the head's lock, then every row, the head, the
            // notification and COMMIT sent together (PostgreSQL runs them in order; after a
            // failure the rest fail too and COMMIT rolls back).
            // (A lock not had within the lock timeout fails the transaction BEGIN opened: it is
            // rolled back, or every later statement of this session would be refused.)
            let opened: [[PostgresRandomAccessRow]]
            do throws(StoreError) {
                opened = try pipelineLocked(["BEGIN", "SELECT seq, hash, journal_seq, journal_hash FROM head WHERE one = 1 FOR UPDATE"])
            } catch {
                rollbackQuietly()
                throw error
            }
            do throws(StoreError) {
                // The one lock every writer of this centre takes: a second append waits here
                // until the first commits, then sees its head.
                guard let row = opened[1].first else { throw missingHead }
                let head = HeadRow(
                    seq: try Self.int(row, 0, location), hash: try Self.text(row, 1, location), journalSeq: try Self.int(row, 2, location),
                    journalHash: try Self.text(row, 3, location))
                guard head.seq == expectedHead, expectedJournal.map({ $0 == head.journalSeq }) ?? true else {
                    try runLocked("ROLLBACK")
                    return .conflict(head: head.seq)
                }
                let plan = appendPlan(events, columns, after: head)
                _ = try pipelineLocked(plan.statements)
                return committed(plan)
            } catch {
                rollbackQuietly()
                throw error
            }
        } catch  where error.kind == .corrupt && error.message.en.contains("_pkey") {
            throw headMismatchLocked(journal: error.message.en.contains("journal_pkey"))
        }
    }

    /// The head as one append leaves it, for the next append of this store.
    struct HeadRow: Hashable {
        var seq: Int64
        var hash: String
        var journalSeq: Int64
        var journalHash: String
    }

    /// What an append sends after the head's lock: its rows, the new head, a checkpoint when one
    /// is due, the notification and COMMIT; and what it records.
    struct AppendPlan {
        var statements: [PostgresQuery] = []
        var recorded: [RecordedEvent] = []
        var head: HeadRow
        var signed: Date?
    }

    private func appendPlan(_ events: [PendingEvent], _ columns: [(at: String, payload: String)], after head: HeadRow) -> AppendPlan {
        var plan = AppendPlan(head: head)
        var seq = head.seq, previous = head.hash, journalSeq = head.journalSeq, journalPrevious = head.journalHash
        for (e, (at, payload)) in zip(events, columns) {
            let kind = e.event.kind.rawValue
            if e.event.isJournal, let drill = e.event.drill {
                journalSeq += 1
                let hash = EventCodec.hash(sequence: journalSeq, id: e.id, at: at, by: e.by, kind: kind, incident: String(seq), payload: payload, exercise: drill, previous: journalPrevious)
                plan.statements.append(
                    "INSERT INTO journal (seq, after, id, at, operator, kind, drill, payload, prev_hash, hash) VALUES (\(journalSeq), \(seq), \(e.id), \(at), \(e.by), \(kind), \(drill), \(payload), \(journalPrevious), \(hash))"
                )
                journalPrevious = hash
                plan.recorded.append(RecordedEvent(sequence: seq, id: e.id, at: Timestamp.rounded(e.at), by: e.by, exercise: drill, event: e.event, journal: journalSeq))
                continue
            }
            seq += 1
            let incident = e.event.incident?.description
            let hash = EventCodec.hash(sequence: seq, id: e.id, at: at, by: e.by, kind: kind, incident: incident, payload: payload, exercise: e.exercise, previous: previous)
            plan.statements.append(
                "INSERT INTO events (seq, id, at, operator, kind, incident, payload, exercise, prev_hash, hash) VALUES (\(seq), \(e.id), \(at), \(e.by), \(kind), \(incident), \(payload), \(e.exercise), \(previous), \(hash))"
            )
            previous = hash
            plan.recorded.append(RecordedEvent(sequence: seq, id: e.id, at: Timestamp.rounded(e.at), by: e.by, exercise: e.exercise, event: e.event))
        }
        plan.statements.append("UPDATE head SET seq = \(seq), hash = \(previous), journal_seq = \(journalSeq), journal_hash = \(journalPrevious) WHERE one = 1")
        if let signer, seq > lastCheckpointLog {
            let now = Date()
            if seq - lastCheckpointLog >= checkpointEvery || now.timeIntervalSince(lastCheckpointAt) >= checkpointInterval {
                plan.statements += Self.checkpointStatements(Checkpoint.sign(log: seq, logHash: previous, journal: journalSeq, journalHash: journalPrevious, at: now, key: signer), key: signer)
                plan.signed = now
            }
        }
        // Delivered when the transaction commits, never before; followers that miss it find the
        // change by polling.
        plan.statements.append("SELECT pg_notify(\(url.channel), \(String(seq)))")
        plan.statements.append("COMMIT")
        plan.head = HeadRow(seq: seq, hash: previous, journalSeq: journalSeq, journalHash: journalPrevious)
        return plan
    }

    /// After an append's COMMIT came back: remembered for the next append.
    private func committed(_ plan: AppendPlan) -> AppendOutcome {
        knownHead = plan.head
        if let signed = plan.signed {
            lastCheckpointLog = plan.head.seq
            lastCheckpointAt = signed
        }
        return .appended(plan.recorded)
    }

    /// Ends a transaction that failed, on the connection it ran on (none to end when that
    /// connection was let go: the server rolled it back).
    func rollbackQuietly() {
        knownHead = nil
        if let c = connection, !c.isClosed { _ = try? c.query("ROLLBACK", logger: Self.logger).wait() }
    }

    private var isClosed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return closed
    }

    /// Whether the store holds a connection it thinks open (tests).
    var holdsConnection: Bool {
        lock.lock()
        defer { lock.unlock() }
        return connection.map { !$0.isClosed } ?? false
    }

    /// The head record says the log ends before rows that are there: an append would reuse a
    /// sequence number. Names both numbers.
    private func headMismatchLocked(journal: Bool) -> StoreError {
        let row = try? runLocked(
            journal
                ? "SELECT h.journal_seq, (SELECT COALESCE(MAX(seq), 0) FROM journal) FROM head h WHERE one = 1"
                : "SELECT h.seq, (SELECT COALESCE(MAX(seq), 0) FROM events) FROM head h WHERE one = 1"
        ).first
        let head = row.flatMap { try? $0[0].decode(Int64.self) } ?? -1
        let last = row.flatMap { try? $0[1].decode(Int64.self) } ?? -1
        return journal ? StoreError.journalHeadMismatch(location, head: head, table: last) : StoreError.headMismatch(location, head: head, table: last)
    }

    private var missingHead: StoreError {
        StoreError(.corrupt, path: location, Bilingual("the head record is missing; run decision-hub verify", "头记录缺失；请运行 decision-hub verify"))
    }

    // MARK: Following

    /// Starts listening for this centre's `NOTIFY` (once; again after the connection is lost).
    public func follow() {
        if !isClosed { listener.start() }
    }

    /// Waits until an append past `after` commits (woken by `NOTIFY`), or `timeout` passes;
    /// then reads the head (polling covers a notification missed while the listener was
    /// reconnecting). Returns the head, and whether a notification woke the wait.
    public func waitForChange(after: Int64, timeout: TimeInterval) throws(StoreError) -> (head: Int64, notified: Bool) {
        if isClosed { throw .closed(location) }
        listener.start()
        let notified = listener.wait(beyond: after, until: Date().addingTimeInterval(timeout))
        return (try head(), notified)
    }

    // MARK: Snapshots

    public func latestSnapshot(atMost: Int64) throws(StoreError) -> CommandState? {
        try loadSnapshot(atMost: atMost).state
    }

    public func loadSnapshot(atMost: Int64) throws(StoreError) -> SnapshotLoad {
        try locked { () throws(StoreError) -> SnapshotLoad in
            var load = SnapshotLoad(state: nil, warnings: [])
            let rows = try runLocked("SELECT seq, hash, model, state, digest FROM snapshots WHERE seq <= \(atMost) ORDER BY seq DESC LIMIT 4")
            for row in rows {
                let seq = try Self.int(row, 0, location)
                guard (try? row[2].decode(Int.self)) == SQLiteEventStore.modelVersion, let digest = try? row[4].decode(String.self),
                    let data = try? row[3].decode(Data.self), let hash = try? row[1].decode(String.self)
                else { continue }
                if let problem = try snapshotProblemLocked(seq: seq, hash: hash, data: data, digest: digest) {
                    load.warnings.append(problem)
                    continue
                }
                guard let state = SnapshotCodec.decode(data), state.sequence == seq else {
                    load.warnings.append(SQLiteEventStore.snapshotWarning(seq, Bilingual("it does not decode to event \(seq)", "无法解码为第 \(seq) 条时的状态")))
                    continue
                }
                load.state = state
                return load
            }
            return load
        }
    }

    func snapshotProblemLocked(seq: Int64, hash: String, data: Data, digest: String) throws(StoreError) -> Bilingual? {
        if SQLiteEventStore.digest(data) != digest {
            return SQLiteEventStore.snapshotWarning(seq, Bilingual("its bytes do not match their digest (edited or damaged)", "其内容与摘要不符（被修改或已损坏）"))
        }
        let current = try runLocked("SELECT hash FROM events WHERE seq = \(seq)").first.flatMap { try? $0[0].decode(String.self) }
        if current != hash {
            return SQLiteEventStore.snapshotWarning(seq, Bilingual("event \(seq) no longer has the hash it was folded from", "第 \(seq) 条事件的哈希已不是快照生成时的哈希"))
        }
        return nil
    }

    public func saveSnapshot(_ state: CommandState) throws(StoreError) {
        guard state.sequence > 0, !readOnly else { return }
        if let writeRefusal { throw writeRefusal }
        let data = SnapshotCodec.encode(state)
        let digest = SQLiteEventStore.digest(data)
        try locked { () throws(StoreError) in
            try transaction { () throws(StoreError) -> (value: Void, commit: Bool) in
                guard let hash = try runLocked("SELECT hash FROM events WHERE seq = \(state.sequence)").first.flatMap({ try? $0[0].decode(String.self) }) else { return ((), false) }
                try runLocked(
                    """
                    INSERT INTO snapshots (seq, hash, model, state, digest) VALUES (\(state.sequence), \(hash), \(SQLiteEventStore.modelVersion), \(ByteBuffer(bytes: data)), \(digest))
                    ON CONFLICT (seq) DO UPDATE SET hash = EXCLUDED.hash, model = EXCLUDED.model, state = EXCLUDED.state, digest = EXCLUDED.digest
                    """)
                // Keep the two newest.
                try runLocked("DELETE FROM snapshots WHERE seq NOT IN (SELECT seq FROM snapshots ORDER BY seq DESC LIMIT 2)")
                return ((), true)
            }
        }
    }

    // MARK: Columns

    static func int(_ row: PostgresRandomAccessRow?, _ index: Int, _ location: String) throws(StoreError) -> Int64 {
        guard let row else { return 0 }
        do { return try row[index].decode(Int64.self) } catch { throw mapped(error, location) }
    }

    static func text(_ row: PostgresRandomAccessRow, _ index: Int, _ location: String) throws(StoreError) -> String {
        do { return try row[index].decode(String.self) } catch { throw mapped(error, location) }
    }
}
