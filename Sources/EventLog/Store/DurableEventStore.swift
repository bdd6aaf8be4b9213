import CommandModel
import Crypto
import Foundation

/// A store that keeps the record for real (an SQLite file, or a centre's schema in PostgreSQL):
/// the store protocol, and what the command line needs beyond it (signing, verifying, drills).
///
/// The model and the console see only `EventStore`; this is for `decision-hub`'s commands.
public protocol DurableEventStore: EventStore {
    /// Why this store refuses to write, if it does.
    var writeRefusal: StoreError? { get }
    /// The keys a verification trusts by default (the centre's key, when readable here).
    var standardTrustedKeys: [Curve25519.Signing.PublicKey]? { get }
    /// Signs the head as it is now, when this process holds the key and something is unsigned.
    @discardableResult func checkpoint(now: Date) throws(StoreError) -> Checkpoint?
    /// Every stored checkpoint, oldest first.
    func checkpoints() throws(StoreError) -> [Checkpoint]
    /// Checks the chain, the signed checkpoints and the snapshots.
    func verify(options: VerifyOptions, progress: (Int64, Int64) -> Void) throws(StoreError) -> VerificationReport
    /// Every drill's scheduling and ending, in order.
    func drillControlEvents() throws(StoreError) -> [RecordedEvent]
    /// Lets go of the store when this process is done with it (a one-shot `exec`): SQLite folds
    /// its write-ahead log in when this was the last connection, PostgreSQL ends the session at
    /// once. Anything asked of it afterwards is refused with a `StoreError`.
    func close()
}

extension SQLiteEventStore: DurableEventStore {}
extension PostgresEventStore: DurableEventStore {}

/// Opens the store a location names: a `postgresql://…?centre=…` URL, or an SQLite file's path.
public enum StoreLocation {
    /// Whether the location names a PostgreSQL store.
    public static func isPostgres(_ location: String) -> Bool { PostgresStoreURL.isPostgres(location) }

    /// Opens a store. `create` makes a missing SQLite file (never a PostgreSQL schema: that is
    /// `decision-hub init`'s); `busyTimeout` bounds SQLite's wait for another writer's lock.
    public static func open(_ location: String, create: Bool = false, busyTimeout: TimeInterval = 10, readOnly: Bool = false) throws(StoreError) -> any DurableEventStore {
        if isPostgres(location) { return try PostgresEventStore(location, readOnly: readOnly) }
        return try SQLiteEventStore(path: location, create: create, busyTimeout: busyTimeout, readOnly: readOnly)
    }

    /// Where the signing key of the store at `location` is kept.
    public static func keyPath(_ location: String) throws(StoreError) -> String {
        if isPostgres(location) { return PostgresEventStore.keyPath(try PostgresStoreURL.parse(location)) }
        return SigningKey.path(forStore: location)
    }
}
