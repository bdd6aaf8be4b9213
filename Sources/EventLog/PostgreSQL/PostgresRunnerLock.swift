import CommandModel
import Foundation
import NIOCore
import PostgresNIO

/// One runner per centre across every machine (`oncall run`, `relay`): a PostgreSQL
/// session-level advisory lock, held on a connection of its own for as long as this value lives.
///
/// Like the file lock it stands in for, it dies with the process (the server ends the session);
/// it is also lost if the server ends the session (a restart). A runner asks `RunnerLock.stillHeld()`
/// before each round, which takes it again, waits for an old session of its own to let go, or
/// says another runner has it.
public final class PostgresRunnerLock: @unchecked Sendable {
    // @unchecked: immutable after init.
    private let connection: PostgresConnection
    /// The lock's session: its server process and when that process started (a process id
    /// alone may be reused by another session after a restart).
    let session: Session
    private let location: String

    /// A server session, told apart from later ones that reuse its process id.
    struct Session: Equatable {
        var pid: Int32
        var started: String?
    }

    /// The server process of the lock's session.
    var backendPID: Int32 { session.pid }

    private init(_ connection: PostgresConnection, session: Session, location: String) {
        self.connection = connection
        self.session = session
        self.location = location
    }

    /// The advisory lock's key for the centre's runner `name`.
    static func key(_ url: PostgresStoreURL, _ name: String) -> String { url.schema + "." + name }

    /// Takes the lock named `name` for the centre, or returns nil when another session holds it.
    public static func take(_ url: PostgresStoreURL, name: String) throws(StoreError) -> PostgresRunnerLock? {
        let conn = try PostgresEventStore.connect(url, readOnly: false)
        let key = key(url, name)
        let got: (Bool, Session)?
        do {
            got = try conn.query(
                "SELECT pg_try_advisory_lock(hashtext(\(key))), pg_backend_pid(), (SELECT backend_start::text FROM pg_stat_activity WHERE pid = pg_backend_pid())",
                logger: PostgresEventStore.logger
            ).wait().rows.first.map {
                let row = $0.makeRandomAccess()
                return (try row[0].decode(Bool.self), Session(pid: try row[1].decode(Int32.self), started: try row[2].decode(String?.self)))
            }
        } catch {
            PostgresEventStore.closeSoon(conn)
            throw PostgresEventStore.mapped(error, url.redacted)
        }
        guard let got, got.0 else {
            PostgresEventStore.closeSoon(conn)
            return nil
        }
        return PostgresRunnerLock(conn, session: got.1, location: url.redacted)
    }

    /// Whether this session still holds the lock, asked on the lock's own connection: false when
    /// that connection is closed or the server says the lock is not held; throws (the server
    /// could not be asked) when the query fails on a connection that still looks open, so a
    /// passing failure is waited out rather than taken for a lost lock.
    public func isHeld() throws(StoreError) -> Bool {
        guard !connection.isClosed else { return false }
        do {
            let held = try connection.query(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted", logger: PostgresEventStore.logger
            ).wait().rows.first.map { try $0.makeRandomAccess()[0].decode(Int64.self) }
            return (held ?? 0) > 0
        } catch {
            if connection.isClosed { return false }
            throw PostgresEventStore.mapped(error, location)
        }
    }

    /// The session holding the runner lock `name` now, if any (asked on a connection of its
    /// own; another role's session shows no start time).
    static func holder(_ url: PostgresStoreURL, name: String) throws(StoreError) -> Session? {
        let conn = try PostgresEventStore.connect(url, readOnly: true)
        defer { PostgresEventStore.closeSoon(conn) }
        let key = key(url, name)
        // pg_try_advisory_lock(bigint) keeps the key's high half in classid, its low half in
        // objid, with objsubid 1; hashtext's integer is widened to bigint with its sign.
        do {
            return try conn.query(
                """
                SELECT l.pid, (SELECT a.backend_start::text FROM pg_stat_activity a WHERE a.pid = l.pid)
                FROM pg_locks l, (SELECT hashtext(\(key))::bigint AS k) h
                WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND l.classid = ((h.k >> 32) & 4294967295)::oid AND l.objid = (h.k & 4294967295)::oid
                """, logger: PostgresEventStore.logger
            ).wait().rows.first.map {
                let row = $0.makeRandomAccess()
                return Session(pid: try row[0].decode(Int32.self), started: try row[1].decode(String?.self))
            }
        } catch {
            throw PostgresEventStore.mapped(error, url.redacted)
        }
    }

    /// Ends a session of the centre's own that outlived its connection (a network partition
    /// the server has not noticed yet), so its lock is let go.
    static func endSession(_ url: PostgresStoreURL, pid: Int32) throws(StoreError) {
        let conn = try PostgresEventStore.connect(url, readOnly: false)
        defer { PostgresEventStore.closeSoon(conn) }
        do {
            _ = try conn.query("SELECT pg_terminate_backend(\(pid))", logger: PostgresEventStore.logger).wait()
        } catch {
            throw PostgresEventStore.mapped(error, url.redacted)
        }
    }

    deinit { PostgresEventStore.closeSoon(connection) }
}
