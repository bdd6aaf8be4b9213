import Foundation
import GRDB
import GRDBSQLite

#if canImport(Glibc)
    import Glibc
#endif

/// A large stored value (a snapshot's state, an archive's incidents) read into memory once.
///
/// A `SELECT` copies such a value twice before we see it: SQLite gathers its overflow pages into
/// a buffer of its own, and GRDB copies that into the row. Each copy of a 700 KB snapshot is 170
/// freshly touched pages, a fault each, and on this machine kind the faults were a tenth of a
/// short `exec`. SQLite's incremental blob reader copies the pages straight into our buffer, and
/// a buffer of more than `mappedFrom` bytes is mapped with its pages already in place (one call
/// into the kernel instead of a fault per page).
enum LargeValue {
    static let mappedFrom = 64 * 1_024

    /// `column` of the row `rowid` of `table`, or nil when there is no such row or the value is
    /// NULL. The value must be a blob or text; the read runs in the caller's transaction.
    static func read(_ db: Database, table: String, column: String, rowid: Int64) throws -> Data? {
        var blob: OpaquePointer?
        let opened = sqlite3_blob_open(db.sqliteConnection, "main", table, column, rowid, 0, &blob)
        defer { sqlite3_blob_close(blob) }
        guard opened == SQLITE_OK, let blob else {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            // No such row, or a NULL (or numeric) value: nothing to read. A table or column
            // that is not there (a typo, a schema that moved) is an error, not an empty value:
            // it would otherwise pass for a store without snapshots.
            if opened == SQLITE_ERROR && (message.hasPrefix("no such rowid") || message.hasPrefix("cannot open value of type")) { return nil }
            throw DatabaseError(resultCode: ResultCode(rawValue: opened), message: message)
        }
        let count = Int(sqlite3_blob_bytes(blob))
        guard count > 0 else { return Data() }
        let (bytes, release) = buffer(count)
        let read = sqlite3_blob_read(blob, bytes, Int32(count), 0)
        guard read == SQLITE_OK else {
            release(bytes, count)
            throw DatabaseError(resultCode: ResultCode(rawValue: read), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
        // (Given back whole, whatever length the data has by then.)
        return Data(bytesNoCopy: bytes, count: count, deallocator: .custom { pointer, _ in release(pointer, count) })
    }

    /// `count` bytes to be written over, and how to give them back: mapped and populated when
    /// large, else from the heap.
    private static func buffer(_ count: Int) -> (UnsafeMutableRawPointer, @Sendable (UnsafeMutableRawPointer, Int) -> Void) {
        #if os(Linux)
            if count >= mappedFrom,
                let mapped = mmap(nil, count, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0),
                mapped != MAP_FAILED
            {
                return (mapped, { pointer, size in munmap(pointer, size) })
            }
        #endif
        return (UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 16), { pointer, _ in pointer.deallocate() })
    }
}
