import CommandModel
import Foundation
import NIOCore
import PostgresNIO

/// One runner per centre across every machine (`oncall run`): a PostgreSQL session-level
/// advisory lock, held on a connection of its own for as long as this value lives.
///
/// Like the file lock it stands in for, it dies with the process (the server ends the session);
/// it is also lost if the server ends the session (a restart): a runner asks `isHeld` before
/// each round and takes it again (or ends, if another runner took it meanwhile).
public final class PostgresRunnerLock: @unchecked Sendable {
    // @unchecked: immutable after init.
    private let connection: PostgresConnection

    private init(_ connection: PostgresConnection) { self.connection = connection }

    /// Takes the lock named `name` for the centre, or returns nil when another session holds it.
    public static func take(_ url: PostgresStoreURL, name: String) throws(StoreError) -> PostgresRunnerLock? {
        let conn = try PostgresEventStore.connect(url, readOnly: false)
        let key = url.schema + "." + name
        let got: Bool
        do {
            got = try conn.query("SELECT pg_try_advisory_lock(hashtext(\(key)))", logger: PostgresEventStore.logger).wait().rows.first.map { try $0.makeRandomAccess()[0].decode(Bool.self) } ?? false
        } catch {
            PostgresEventStore.closeSoon(conn)
            throw PostgresEventStore.mapped(error, url.redacted)
        }
        guard got else {
            PostgresEventStore.closeSoon(conn)
            return nil
        }
        return PostgresRunnerLock(conn)
    }

    /// Whether this session still holds the lock: asked of the server on the lock's own
    /// connection (false when that connection or its session is gone).
    public var isHeld: Bool {
        guard !connection.isClosed else { return false }
        let held = try? connection.query(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted", logger: PostgresEventStore.logger
        ).wait().rows.first.map { try $0.makeRandomAccess()[0].decode(Int64.self) }
        return (held ?? 0) > 0
    }

    /// The server process of the lock's session (tests end it, as a restart would).
    var backendPID: Int32? {
        try? connection.query("SELECT pg_backend_pid()", logger: PostgresEventStore.logger).wait().rows.first.map { try $0.makeRandomAccess()[0].decode(Int32.self) }
    }

    deinit { PostgresEventStore.closeSoon(connection) }
}
