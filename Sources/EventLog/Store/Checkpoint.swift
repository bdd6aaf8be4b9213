import CommandModel
import Crypto
import Foundation

/// A signed statement of where the record stood: the log's sequence number and chain hash, the
/// drill journal's, and the time, signed with the centre's key.
///
/// A plain SHA-256 chain can be recomputed by anyone who can write the file; a checkpoint
/// cannot be made again without the key. So every event up to a good checkpoint is as it was
/// when it was signed, and a head set back below it, or a journal emptied, shows.
public struct Checkpoint: Sendable, Hashable, Codable {
    public var logSequence: Int64
    public var logHash: String
    public var journalSequence: Int64
    public var journalHash: String
    /// When it was signed (`Timestamp` text).
    public var at: String
    /// The signer's public key, base64 of its 32 raw bytes.
    public var publicKey: String
    /// The Ed25519 signature of `message`, base64.
    public var signature: String

    public init(logSequence: Int64, logHash: String, journalSequence: Int64, journalHash: String, at: String, publicKey: String, signature: String) {
        self.logSequence = logSequence
        self.logHash = logHash
        self.journalSequence = journalSequence
        self.journalHash = journalHash
        self.at = at
        self.publicKey = publicKey
        self.signature = signature
    }

    /// Signs the position with `key`.
    public static func sign(log: Int64, logHash: String, journal: Int64, journalHash: String, at: Date, key: SigningKey) -> Checkpoint {
        var c = Checkpoint(
            logSequence: log, logHash: logHash, journalSequence: journal, journalHash: journalHash, at: Timestamp.format(at),
            publicKey: key.publicKey.rawRepresentation.base64EncodedString(), signature: "")
        c.signature = key.signature(for: c.message).base64EncodedString()
        return c
    }

    /// The exact bytes signed: every field but the signature, one per line, after a label that
    /// says what they are (so a signature made for anything else never verifies as this).
    public var message: Data {
        Data("decision-hub checkpoint 1\n\(logSequence)\n\(logHash)\n\(journalSequence)\n\(journalHash)\n\(at)\n\(publicKey)\n".utf8)
    }

    public var key: Curve25519.Signing.PublicKey? {
        Data(base64Encoded: publicKey).flatMap { try? Curve25519.Signing.PublicKey(rawRepresentation: $0) }
    }

    public var keyID: String { key.map(SigningKey.id(of:)) ?? "?" }

    /// Whether the signature is the key's over `message`.
    public var signatureIsValid: Bool {
        guard let key, let sig = Data(base64Encoded: signature) else { return false }
        return key.isValidSignature(sig, for: message)
    }

    public var time: Date? { Timestamp.parse(at) }

    // MARK: Exported heads

    static let exportLabel = "decision-hub signed head 1"

    private struct Line: Codable {
        var format: String
        var log: Int64
        var logHash: String
        var journal: Int64
        var journalHash: String
        var at: String
        var publicKey: String
        var keyID: String
        var signature: String
    }

    /// One line of JSON that can be printed or kept at another site.
    public var exportLine: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let line = Line(
            format: Self.exportLabel, log: logSequence, logHash: logHash, journal: journalSequence, journalHash: journalHash, at: at, publicKey: publicKey, keyID: keyID,
            signature: signature)
        do {
            return String(decoding: try encoder.encode(line), as: UTF8.self)
        } catch {
            preconditionFailure("a checkpoint always encodes: \(error)")
        }
    }

    /// Reads an exported head (the first line that holds one); nil when there is none.
    /// The newest exported head in a file (heads are appended to one file over time: the last
    /// is the one a store must still extend; it extends the older ones through it).
    public static func parseExport(_ text: String) -> Checkpoint? {
        for raw in text.split(whereSeparator: \.isNewline).reversed() {
            guard let line = try? JSONDecoder().decode(Line.self, from: Data(raw.utf8)), line.format == exportLabel else { continue }
            return Checkpoint(
                logSequence: line.log, logHash: line.logHash, journalSequence: line.journal, journalHash: line.journalHash, at: line.at, publicKey: line.publicKey,
                signature: line.signature)
        }
        return nil
    }
}
