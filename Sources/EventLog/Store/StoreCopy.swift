import CommandModel
import Foundation

/// A store's whole record as stored: every column the chain and the signatures cover, so a copy
/// carries the same hashes and the same signed checkpoints (snapshots are not copied: they are
/// rebuilt from the record).
public struct StoredRecord: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var seq: Int64
        /// For a journal entry, the log event it follows (0 for a log event).
        public var after: Int64
        public var id: String
        public var at: String
        public var by: String
        public var kind: String
        /// The incident of a log event; nil for a journal entry.
        public var incident: String?
        public var payload: String
        /// The drill of a log event (nil for a real one) or of a journal entry.
        public var exercise: String?
        public var previous: String
        public var hash: String
    }

    public struct Key: Sendable, Hashable {
        public var id: String
        public var publicKey: String
        public var added: String
    }

    public struct SignedHead: Sendable, Hashable {
        public var checkpoint: Checkpoint
        public var keyID: String
    }

    public var events: [Row] = []
    public var journal: [Row] = []
    public var keys: [Key] = []
    public var checkpoints: [SignedHead] = []
    /// The head record: the log's last sequence and hash, the journal's.
    public var head = StorePosition(log: 0, journal: 0)
    public var headHash = EventCodec.genesis
    public var journalHeadHash = EventCodec.genesis
}

/// A store whose record can be read and written whole (`decision-hub store copy`).
public protocol RecordCopying: DurableEventStore {
    /// The record as stored, read at one moment.
    func storedRecord() throws(StoreError) -> StoredRecord
    /// Writes a record into this store, which must be empty, in one transaction.
    func restore(_ record: StoredRecord) throws(StoreError)
}

/// Copies a store into an empty one and checks the copy: the same head, the same hashes, the
/// same signed checkpoints, and a verification that passes.
public enum StoreCopy {
    public static func copy(from source: any RecordCopying, to target: any RecordCopying) throws(StoreError) -> VerificationReport {
        guard try target.head() == 0, try target.position().journal == 0 else {
            throw StoreError(
                .io, path: target.location, Bilingual("\(target.location) is not empty; a copy goes only into a new store. Nothing was written", "\(target.location) 不是空库；只能复制到新建的事件库。未写入任何内容"))
        }
        let record = try source.storedRecord()
        try target.restore(record)
        let copied = try target.storedRecord()
        guard copied == record else {
            throw StoreError(
                .corrupt, path: target.location,
                Bilingual("the copy in \(target.location) differs from \(source.location); do not use it. Remove it and copy again", "\(target.location) 中的副本与 \(source.location) 不同；请勿使用，删除后重新复制"))
        }
        return try target.verify(options: VerifyOptions(trustedKeys: source.standardTrustedKeys)) { _, _ in }
    }

    /// Refuses a record whose head does not end its rows (read at one moment, it always does).
    static func check(_ record: StoredRecord, _ location: String) throws(StoreError) {
        if record.head.log != Int64(record.events.count) { throw StoreError.headMismatch(location, head: record.head.log, table: Int64(record.events.count)) }
        if record.head.journal != Int64(record.journal.count) { throw StoreError.journalHeadMismatch(location, head: record.head.journal, table: Int64(record.journal.count)) }
    }
}
