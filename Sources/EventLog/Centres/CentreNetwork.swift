import CommandModel
import Foundation

/// A failure to do with other centres that is not a store's: the centres file, or which centre
/// this store is. Its text says what to do.
public struct CentreError: Error, Sendable {
    public var message: Bilingual
    /// The centre's store could not be opened or read (as opposed to a refusal): worth trying again.
    public var unreachable = false
    public init(_ message: Bilingual, unreachable: Bool = false) {
        self.message = message
        self.unreachable = unreachable
    }
}

/// The centres file read for one centre: every centre's store, resolved (a relative path
/// against the file's folder), and which of them this store is.
public struct CentreNetwork: Sendable {
    public let directory: CentreDirectory
    /// This centre's name in the file.
    public let me: String
    /// Every centre's store location, by name (this centre's included).
    public let locations: [String: String]
    /// Opens a centre's store: (location, read-only). Tests hand in their own.
    public let open: @Sendable (String, Bool) throws(StoreError) -> any EventStore

    /// The other centres, sorted.
    public var neighbours: [String] { locations.keys.filter { $0 != me }.sorted() }

    /// Reads the centres file at `path`; every problem with its line and column.
    public static func read(_ path: String) throws(FileIssues) -> CentreDirectory {
        let (text, readIssues) = SourceFile.read(path)
        guard let text else { throw FileIssues(readIssues) }
        let (directory, issues) = CentreDirectory.parse(text, file: path)
        guard let directory, issues.isEmpty else { throw FileIssues(readIssues + issues) }
        return directory
    }

    /// The network as seen from the store at `store`: which centre of the file it is (by its
    /// location: the same file, or the same database and centre).
    public init(
        directory: CentreDirectory, store: String,
        open: @escaping @Sendable (String, Bool) throws(StoreError) -> any EventStore = { (location, readOnly) throws(StoreError) in
            try StoreLocation.open(location, readOnly: readOnly)
        }
    ) throws(CentreError) {
        let folder = (directory.file as NSString).deletingLastPathComponent
        var locations: [String: String] = [:]
        for (id, entry) in directory.entries {
            let s = entry.store
            locations[id] = StoreLocation.isPostgres(s) || s.hasPrefix("/") || folder.isEmpty ? s : folder + "/" + s
        }
        // Two names for one store would let a message go to the wrong centre (and a store learns
        // its name from the first message it receives): refused, naming both.
        let named = locations.sorted(by: { $0.key < $1.key })
        for (k, a) in named.enumerated() {
            if let b = named.dropFirst(k + 1).first(where: { Self.sameStore(a.value, $0.value) }) {
                throw CentreError(
                    Bilingual(
                        "\(directory.file): \(a.key) and \(b.key) name the same store (\(Self.shown(a.value))): each centre needs a store of its own",
                        "\(directory.file)：\(a.key) 与 \(b.key) 指向同一事件库（\(Self.shown(a.value))）：每个中心须有自己的事件库"))
            }
        }
        guard let me = named.first(where: { Self.sameStore($0.value, store) })?.key else {
            throw CentreError(
                Bilingual(
                    "the store \(Self.shown(store)) is none of the centres in \(directory.file) (\(directory.names.joined(separator: ", "))): add this centre, or give its store as the file does",
                    "事件库 \(Self.shown(store)) 不是 \(directory.file) 中的任何中心（\(directory.names.joined(separator: "、"))）：请添加本中心，或按文件中的写法指定事件库"))
        }
        self.directory = directory
        self.me = me
        self.locations = locations
        self.open = open
    }

    /// Whether two locations name one store: the same file (after symlinks), or the same
    /// server, database and centre.
    static func sameStore(_ a: String, _ b: String) -> Bool {
        switch (StoreLocation.isPostgres(a), StoreLocation.isPostgres(b)) {
        case (true, true):
            guard let x = try? PostgresStoreURL.parse(a, environment: [:]), let y = try? PostgresStoreURL.parse(b, environment: [:]) else { return false }
            return x.host == y.host && x.port == y.port && x.database == y.database && x.centre == y.centre
        case (false, false):
            return SQLiteEventStore.canonical(a) == SQLiteEventStore.canonical(b)
        case (true, false), (false, true):
            return false
        }
    }

    /// A location as messages show it (a URL without its password).
    static func shown(_ location: String) -> String {
        StoreLocation.isPostgres(location) ? PostgresStoreURL.redactPassword(location) : location
    }

    /// Opens a neighbour's store.
    public func store(of centre: String, readOnly: Bool) throws(CentreError) -> any EventStore {
        guard let location = locations[centre] else {
            throw CentreError(
                Bilingual(
                    "\(centre) is not in the centres file \(directory.file) (\(directory.names.joined(separator: ", ")))",
                    "\(centre) 不在中心配置文件 \(directory.file) 中（\(directory.names.joined(separator: "、"))）"))
        }
        do { return try open(location, readOnly) } catch {
            throw CentreError(Bilingual("\(centre) cannot be reached: \(error.message.en)", "无法联系 \(centre)：\(error.message.zh)"), unreachable: true)
        }
    }
}
