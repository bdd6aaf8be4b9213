import Foundation

/// A report's identity in a feed: the system that sent it (`12345`, `110`, `rain-gauges`) and
/// its id there. A feed is idempotent by this pair.
public struct FeedKey: Hashable, Sendable, Codable, Comparable {
    public var source: String
    public var external: String

    public init(source: String, external: String) {
        self.source = source
        self.external = external
    }

    public static func < (a: FeedKey, b: FeedKey) -> Bool { (a.source, a.external) < (b.source, b.external) }
}

/// One line of a feed, read and checked (``FeedLine/parse(_:)``): what the sender says
/// happened, before the decider gives it an incident.
public struct FeedReport: Hashable, Sendable {
    public var key: FeedKey
    /// When the sender says it happened (or last changed); a line older than the one applied
    /// for the same key changes nothing.
    public var time: Date
    public var type: IncidentType
    public var place: PlaceInput
    public var title: String?
    public var figures: Figures
    /// The caller's words, an address, what was seen.
    public var text: String?
    /// Another report of the same source that caused this one (its external id).
    public var causedBy: String?

    public init(key: FeedKey, time: Date, type: IncidentType, place: PlaceInput, title: String? = nil, figures: Figures = .zero, text: String? = nil, causedBy: String? = nil) {
        self.key = key
        self.time = time
        self.type = type
        self.place = place
        self.title = title
        self.figures = figures
        self.text = text
        self.causedBy = causedBy
    }

    /// A stable digest of the text (FNV-1a, 64 bits, hex), so the record can tell a changed
    /// text from a replayed one without keeping every text twice.
    public var textDigest: String? { text.map(FeedReport.digest) }

    public static func digest(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// What the record keeps of a feed's report once applied: the incident it became and the
/// version last applied (its time, figures and text digest).
public struct FeedReceipt: Hashable, Sendable, Codable {
    public var source: String
    public var external: String
    public var incident: IncidentID
    public var time: Date
    public var figures: Figures
    public var text: String?

    public init(source: String, external: String, incident: IncidentID, time: Date, figures: Figures, text: String?) {
        self.source = source
        self.external = external
        self.incident = incident
        self.time = time
        self.figures = figures
        self.text = text
    }

    public var key: FeedKey { FeedKey(source: source, external: external) }
}

/// How far a feed was read, on the record in the same transaction as the events of the lines
/// before it: a restarted feed starts right after, so nothing is applied twice. The counts are
/// the feed's running totals.
public struct FeedPosition: Hashable, Sendable, Codable {
    /// The feed's name (its file's absolute path, or the name given with `--name`).
    public var feed: String
    /// Bytes read, up to and including the last whole line.
    public var offset: Int64
    /// Lines read (the number of the last one).
    public var line: Int
    public var applied: Int
    public var duplicates: Int
    public var updated: Int
    public var rejected: Int

    public init(feed: String, offset: Int64, line: Int, applied: Int = 0, duplicates: Int = 0, updated: Int = 0, rejected: Int = 0) {
        self.feed = feed
        self.offset = offset
        self.line = line
        self.applied = applied
        self.duplicates = duplicates
        self.updated = updated
        self.rejected = rejected
    }
}

/// What the state knows of feeds: every report applied, by key, the source of each incident a
/// feed made, and each feed's position.
public struct FeedIndex: Hashable, Sendable {
    public internal(set) var receipts: [FeedKey: FeedReceipt] = [:]
    /// The source of each incident a feed reported (the console's badge).
    public internal(set) var sources: [IncidentID: String] = [:]
    public internal(set) var positions: [String: FeedPosition] = [:]

    public init() {}

    /// An index restored from a snapshot.
    public init(receipts: [FeedReceipt], positions: [FeedPosition]) {
        for r in receipts {
            self.receipts[r.key] = r
            sources[r.incident] = r.source
        }
        for p in positions { self.positions[p.feed] = p }
    }

    mutating func apply(_ receipt: FeedReceipt) {
        receipts[receipt.key] = receipt
        sources[receipt.incident] = receipt.source
    }

    mutating func apply(_ position: FeedPosition) { positions[position.feed] = position }
}
