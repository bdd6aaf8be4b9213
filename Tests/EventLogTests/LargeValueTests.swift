import Foundation
import GRDB
import Testing

@testable import EventLog

/// A large stored value read with SQLite's blob reader gives back exactly the bytes a `SELECT`
/// gives, on both sides of the size from which its buffer is mapped, and nil where the `SELECT`
/// gives none.
@Suite("Large values read back") struct LargeValueTests {
    @Test func everySizeReadsBackAsTheSelectGivesIt() throws {
        let dir = TempDir()
        let queue = try DatabaseQueue(path: dir.path("v.sqlite"))
        let sizes = [0, 1, 4_095, LargeValue.mappedFrom - 1, LargeValue.mappedFrom, LargeValue.mappedFrom + 1, 700_001, 3 * 1_048_576 + 7]
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)")
            for (k, size) in sizes.enumerated() {
                let bytes = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ k) })
                try db.execute(sql: "INSERT INTO t (id, v) VALUES (?, ?)", arguments: [k + 1, bytes])
            }
            try db.execute(sql: "INSERT INTO t (id, v) VALUES (100, NULL), (101, 'text ✓'), (102, 42)")
        }
        try queue.read { db in
            for k in sizes.indices {
                let selected = try Data.fetchOne(db, sql: "SELECT v FROM t WHERE id = ?", arguments: [k + 1])
                let read = try LargeValue.read(db, table: "t", column: "v", rowid: Int64(k + 1))
                #expect(read?.count == sizes[k])
                #expect(read == selected, "size \(sizes[k])")
            }
            #expect(try LargeValue.read(db, table: "t", column: "v", rowid: 100) == nil, "NULL")
            #expect(try LargeValue.read(db, table: "t", column: "v", rowid: 101) == Data("text ✓".utf8))
            #expect(try LargeValue.read(db, table: "t", column: "v", rowid: 102) == nil, "a number is not bytes")
            #expect(try LargeValue.read(db, table: "t", column: "v", rowid: 7_777) == nil, "no such row")
            #expect(throws: DatabaseError.self, "a column that is not there is an error, not an empty value") {
                try LargeValue.read(db, table: "t", column: "w", rowid: 1)
            }
            #expect(throws: DatabaseError.self, "so is a table that is not there") { try LargeValue.read(db, table: "u", column: "v", rowid: 1) }
        }
    }

    /// The bytes outlive the transaction and the connection they were read in.
    @Test func theBytesAreTheirOwn() throws {
        let dir = TempDir()
        let bytes = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        var read: Data?
        do {
            let queue = try DatabaseQueue(path: dir.path("v.sqlite"))
            try queue.write { db in
                try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)")
                try db.execute(sql: "INSERT INTO t (id, v) VALUES (1, ?)", arguments: [bytes])
            }
            read = try queue.read { db in try LargeValue.read(db, table: "t", column: "v", rowid: 1) }
            try queue.write { db in try db.execute(sql: "UPDATE t SET v = zeroblob(200000) WHERE id = 1") }
            try queue.close()
        }
        #expect(read == bytes)
    }
}
