import CommandModel
import Crypto
import Foundation

/// Turns events into the log's columns and back, and computes the chain's hashes.
///
/// The payload is JSON with sorted keys; the hash covers the exact stored text of every column,
/// so verification never depends on re-encoding.
public struct EventCodec {
    let encoder: JSONEncoder
    let decoder: JSONDecoder

    public init() {
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, enc in
            var c = enc.singleValueContainer()
            try c.encode(Timestamp.format(date))
        }
        decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { dec in
            let c = try dec.singleValueContainer()
            let text = try c.decode(String.self)
            guard let d = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a timestamp: \(text)")
            }
            return d
        }
    }

    public func payload(_ event: Event) -> String {
        if let fast = FastEventEncoder.encode(event) { return fast }
        do {
            return String(decoding: try encoder.encode(event), as: UTF8.self)
        } catch {
            preconditionFailure("an event must always encode: \(event): \(error)")
        }
    }

    public func event(from payload: String) throws -> Event {
        // The common kinds by hand (replay speed); everything else, and anything unusual, by
        // the reference decoder.
        if let e = FastEventDecoder.decode(payload) { return e }
        return try decoder.decode(Event.self, from: Data(payload.utf8))
    }

    public func encode<T: Encodable>(_ value: T) throws -> Data { try encoder.encode(value) }
    public func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T { try decoder.decode(type, from: data) }

    /// The hash before the first event.
    public static let genesis = String(repeating: "0", count: 64)

    /// SHA-256 over the columns, separated by the ASCII unit separator (never in JSON or ids).
    public static func hash(sequence: Int64, id: String, at: String, by: String, kind: String, incident: String?, payload: String, exercise: String?, previous: String) -> String {
        var h = SHA256()
        let sep: [UInt8] = [0x1F]
        for part in [String(sequence), id, at, by, kind, incident ?? "", payload, exercise ?? "", previous] {
            h.update(data: Array(part.utf8))
            h.update(data: sep)
        }
        return Hex.lowercase(h.finalize())
    }
}

/// UTC timestamps with milliseconds, `2026-07-31T10:42:05.123Z`: readable in `sqlite3`, exact
/// to the millisecond on a round trip, and fast to format and parse by hand.
public enum Timestamp {
    /// Rounds a date to the millisecond the log keeps.
    public static func rounded(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    public static func format(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var days = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
        let msOfDay = ms - days * 86_400_000
        // Civil from days (Howard Hinnant's algorithm).
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let doe = days - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        var y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        if m <= 2 { y += 1 }
        let h = msOfDay / 3_600_000, mi = msOfDay / 60000 % 60, s = msOfDay / 1000 % 60, f = msOfDay % 1000
        func pad(_ v: Int64, _ n: Int) -> String {
            let t = String(v)
            return String(repeating: "0", count: max(0, n - t.count)) + t
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2)).\(pad(f, 3))Z"
    }

    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    static func parse(bytes u: UnsafeBufferPointer<UInt8>) -> Date? {
        guard u.count == 24, u[4] == 45, u[7] == 45, u[10] == 84, u[13] == 58, u[16] == 58, u[19] == 46, u[23] == 90 else { return nil }
        func num(_ a: Int, _ b: Int) -> Int64? {
            var v: Int64 = 0
            for i in a..<b {
                let c = u[i]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int64(c - 48)
            }
            return v
        }
        guard var y = num(0, 4), let m = num(5, 7), let d = num(8, 10), let h = num(11, 13), let mi = num(14, 16), let s = num(17, 19), let f = num(20, 23),
            (1...12).contains(m), (1...31).contains(d), h < 24, mi < 60, s < 61
        else { return nil }
        // Days from civil (Howard Hinnant's algorithm).
        if m <= 2 { y -= 1 }
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let ms = ((days * 24 + h) * 60 + mi) * 60_000 + s * 1000 + f
        return Date(timeIntervalSince1970: Double(ms) / 1000)
    }
}
