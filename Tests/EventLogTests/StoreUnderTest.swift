import CommandModel
import Foundation
import PostgresNIO
import Testing

@testable import EventLog

/// The PostgreSQL server the conformance suite runs against: `DECISION_HUB_TEST_POSTGRES`, a
/// store URL without its centre (`postgresql://dh@/hub?host=/tmp/pg`), which `.ci/run` sets after
/// starting a throwaway cluster. Each test gets a centre (a schema) of its own.
enum TestPostgres {
    static let environment = ProcessInfo.processInfo.environment
    static let base: String? = environment["DECISION_HUB_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    static var isMissing: Bool { base == nil }
    /// CI must never skip PostgreSQL silently.
    static var inCI: Bool { !(environment["CI"] ?? "").isEmpty }
    static let skipped: Comment =
        "DECISION_HUB_TEST_POSTGRES is not set: the PostgreSQL half of the store conformance suite is SKIPPED (.ci/run starts a throwaway cluster; .ci/postgres start DIR prints the URL)"

    /// A URL naming a centre no other test uses.
    static func freshURL(_ name: String = "t") -> String? {
        guard let base else { return nil }
        let centre = name + "_" + UUID().uuidString.prefix(8).lowercased().filter { $0.isLetter || $0.isNumber }
        return base + (base.contains("?") ? "&" : "?") + "centre=" + centre
    }
}

/// One store kind of the conformance suite, and how to reach behind its back (to tamper).
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, memory, postgres

    var testDescription: String { rawValue }

    /// The kinds this run can test: PostgreSQL only when a server is given.
    static var available: [StoreKind] { allCases.filter { $0 != .postgres || !TestPostgres.isMissing } }
    /// The kinds that keep the record outside this process.
    static var durable: [StoreKind] { available.filter { $0 != .memory } }
}

/// A store of one kind, made fresh for one test.
final class StoreUnderTest: @unchecked Sendable {
    // @unchecked: immutable after init.
    let kind: StoreKind
    let dir = TempDir()
    /// The SQLite file's path or the PostgreSQL URL (empty for the in-memory store).
    let location: String
    let store: any EventStore

    init(_ kind: StoreKind, key: SigningKey? = nil) throws {
        self.kind = kind
        let source: SQLiteEventStore.KeySource = key.map { .key($0) } ?? .none
        switch kind {
        case .sqlite:
            location = dir.path("s.sqlite")
            store = try SQLiteEventStore(path: location, create: true, signingKey: source)
        case .memory:
            location = ""
            store = InMemoryEventStore()
        case .postgres:
            location = try #require(TestPostgres.freshURL(), TestPostgres.skipped)
            store = try PostgresEventStore.create(url: PostgresStoreURL.parse(location), signingKey: source)
        }
    }

    /// Another connection to the same store, as a second console would have (the same object
    /// for the in-memory store, which lives in this process only).
    func second(key: SigningKey? = nil) throws -> any EventStore {
        let source: SQLiteEventStore.KeySource = key.map { .key($0) } ?? .none
        switch kind {
        case .sqlite: return try SQLiteEventStore(path: location, signingKey: source)
        case .memory: return store
        case .postgres: return try PostgresEventStore(location, signingKey: source)
        }
    }

    var durable: any DurableEventStore {
        get throws { try #require(store as? any DurableEventStore) }
    }

    /// Runs SQL behind the store's back, with the append-only triggers out of the way (as an
    /// attacker with the database's password could).
    func tamper(_ sql: String) throws {
        switch kind {
        case .sqlite:
            try sqlite(location, "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete; " + sql)
        case .memory:
            Issue.record("the in-memory store cannot be tampered with from outside")
        case .postgres:
            let raw = try PostgresEventStore(location, signingKey: .none)
            try raw.locked { () throws(StoreError) in
                try raw.runLocked("ALTER TABLE events DISABLE TRIGGER USER")
                for statement in sql.split(separator: ";") where !statement.trimmingCharacters(in: .whitespaces).isEmpty {
                    try raw.runLocked(PostgresQuery(unsafeSQL: String(statement)))
                }
                try raw.runLocked("ALTER TABLE events ENABLE TRIGGER USER")
            }
        }
    }
}
