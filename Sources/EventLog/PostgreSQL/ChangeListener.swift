import Foundation
import NIOCore
import PostgresNIO

/// A follower's wake-up: one connection that `LISTEN`s on a centre's channel and remembers the
/// newest head announced by `NOTIFY`.
///
/// Only a wake-up: a notification is lost while the connection is down, so whoever waits reads
/// the head afterwards anyway (polling), and the connection is opened again on the next wait.
final class ChangeListener: @unchecked Sendable {
    // @unchecked: every mutable property is read and written under `condition`.
    private let url: PostgresStoreURL
    private let condition = NSCondition()
    private var connection: PostgresConnection?
    private var newest: Int64 = 0

    init(url: PostgresStoreURL) { self.url = url }

    /// Starts listening, unless already; a failure to connect leaves the caller polling.
    func start() {
        condition.lock()
        defer { condition.unlock() }
        if let connection, !connection.isClosed { return }
        guard let conn = try? PostgresEventStore.connect(url, readOnly: true) else { return }
        conn.addListener(channel: url.channel) { [weak self] _, note in
            guard let self, let head = Int64(note.payload) else { return }
            self.condition.lock()
            self.newest = max(self.newest, head)
            self.condition.broadcast()
            self.condition.unlock()
        }
        do {
            _ = try conn.query(PostgresQuery(unsafeSQL: "LISTEN \(url.channel)"), logger: PostgresEventStore.logger).wait()
            connection = conn
        } catch {
            PostgresEventStore.closeSoon(conn)
        }
    }

    /// Waits until a head above `after` is announced or `deadline` passes; true when announced.
    func wait(beyond after: Int64, until deadline: Date) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while newest <= after {
            if !condition.wait(until: deadline) { return newest > after }
        }
        return true
    }

    func stop() {
        condition.lock()
        defer { condition.unlock() }
        if let connection { PostgresEventStore.closeSoon(connection) }
        connection = nil
    }
}
