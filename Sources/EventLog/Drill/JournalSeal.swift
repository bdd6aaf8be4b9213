import CommandModel
import Crypto
import Foundation

/// Seals a drill's journal entries to the drill, so that a player with `sqlite3` (or `psql`)
/// sees only that entries exist, not what they say.
///
/// Each drill has an X25519 key pair derived from the coordinator's drill key (HKDF-SHA256);
/// its public half is on the record in the drill's frame. An entry is sealed to it like an
/// ECIES box: a fresh ephemeral key pair per entry, the shared secret through HKDF-SHA256 into
/// an AES-256-GCM key, the box = ephemeral public key ‖ nonce ‖ ciphertext ‖ tag, base64. So
/// anyone may write an entry (an evaluator needs no key to record an observation), and only the
/// drill key's holder (the coordinator; the evaluation after the drill) can read one.
public enum JournalSeal {
    static let derivation = Data("decision-hub drill journal x25519 v1".utf8)
    static let boxInfo = Data("decision-hub drill journal box v1".utf8)

    /// The drill's journal key pair, from the coordinator's drill key (base64 text).
    public static func privateKey(drillKey text: String) throws(Seal.Failure) -> Curve25519.KeyAgreement.PrivateKey {
        let key = try Seal.key(text)
        let raw = HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: derivation, outputByteCount: 32)
        do { return try raw.withUnsafeBytes { try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: Data($0)) } } catch {
            throw Seal.Failure(message: Bilingual("the drill key cannot make a journal key: \(error)", "无法由演练密钥生成日志密钥：\(error)"))
        }
    }

    /// The public half, as the record keeps it (base64 of the 32 raw bytes).
    public static func publicKey(drillKey text: String) throws(Seal.Failure) -> String {
        try privateKey(drillKey: text).publicKey.rawRepresentation.base64EncodedString()
    }

    /// `plaintext` sealed to the drill whose public key is `publicKey`; nil if that is no key.
    public static func seal(_ plaintext: Data, to publicKey: String) -> String? {
        guard let raw = Data(base64Encoded: publicKey), let recipient = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw) else { return nil }
        let ephemeral = Curve25519.KeyAgreement.PrivateKey()
        guard let secret = try? ephemeral.sharedSecretFromKeyAgreement(with: recipient) else { return nil }
        let salt = ephemeral.publicKey.rawRepresentation + raw
        let key = secret.hkdfDerivedSymmetricKey(using: SHA256.self, salt: salt, sharedInfo: boxInfo, outputByteCount: 32)
        guard let box = try? AES.GCM.seal(plaintext, using: key), let combined = box.combined else { return nil }
        return (ephemeral.publicKey.rawRepresentation + combined).base64EncodedString()
    }

    /// What a box holds, opened with the drill's private key; nil when it is not one of this
    /// drill's boxes, or was altered.
    public static func open(_ box: String, with key: Curve25519.KeyAgreement.PrivateKey) -> Data? {
        guard let bytes = Data(base64Encoded: box), bytes.count > 32 + 12 + 16 else { return nil }
        let ephemeralRaw = bytes.prefix(32)
        guard let ephemeral = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: ephemeralRaw),
            let secret = try? key.sharedSecretFromKeyAgreement(with: ephemeral)
        else { return nil }
        let salt = Data(ephemeralRaw) + key.publicKey.rawRepresentation
        let symmetric = secret.hkdfDerivedSymmetricKey(using: SHA256.self, salt: salt, sharedInfo: boxInfo, outputByteCount: 32)
        guard let sealed = try? AES.GCM.SealedBox(combined: bytes.dropFirst(32)) else { return nil }
        return try? AES.GCM.open(sealed, using: symmetric)
    }
}

/// The drill keys a process holds (a coordinator's runner, `drill report --key-file`), by the
/// drill's public key: with one, the ledger folds that drill's sealed journal in full.
public struct DrillKeyring: Sendable {
    var keys: [String: Curve25519.KeyAgreement.PrivateKey] = [:]

    public init() {}

    /// Adds a drill key (base64 text); returns the drill's public key.
    @discardableResult
    public mutating func add(drillKey text: String) throws(Seal.Failure) -> String {
        let key = try JournalSeal.privateKey(drillKey: text)
        let pub = key.publicKey.rawRepresentation.base64EncodedString()
        keys[pub] = key
        return pub
    }

    public var isEmpty: Bool { keys.isEmpty }

    func key(for publicKey: String?) -> Curve25519.KeyAgreement.PrivateKey? {
        publicKey.flatMap { keys[$0] }
    }
}

extension JournalSeal {
    /// A journal event as the record keeps it: a sealed drill's schedule as its frame (the
    /// description sealed inside), any other entry of a sealed drill as a sealed box. `publicKey`
    /// is the drill's, from the state (nil: the drill is not sealed, the event stays as it is).
    /// Nil when a sealed drill's entry cannot be sealed (a public key that is none): the caller
    /// refuses to write rather than write it in the clear.
    static func sealed(_ event: Event, publicKey: String?) -> Event? {
        guard event.isJournal else { return event }
        let codec = EventCodec()
        if case let .drillScheduled(info) = event {
            guard let pub = info.publicKey, info.details == nil else { return event }
            guard let json = try? codec.encode(info), let box = seal(json, to: pub) else { return nil }
            return .drillScheduled(drill: info.frame(details: box))
        }
        if case .journalSealed = event { return event }
        guard let publicKey else { return event }
        guard let drill = event.drill, let box = seal(Data(codec.payload(event).utf8), to: publicKey) else { return nil }
        return .journalSealed(drill: drill, box: box)
    }

    /// The description inside a frame, opened with `key`.
    static func details(of frame: DrillInfo, with key: Curve25519.KeyAgreement.PrivateKey) -> DrillInfo? {
        guard let box = frame.details, let json = open(box, with: key), var info = try? EventCodec().decode(DrillInfo.self, from: json) else { return nil }
        info.id = frame.id
        info.details = nil
        return info
    }

    /// A recorded `journalSealed` entry of its drill, opened with `key` (the same record with
    /// the event inside); nil for any other event, or a box this key does not open.
    static func opened(_ e: RecordedEvent, with key: Curve25519.KeyAgreement.PrivateKey) -> RecordedEvent? {
        guard case let .journalSealed(drill, box) = e.event, let inner = inner(box, with: key), inner.drill == drill else { return nil }
        var o = e
        o.event = inner
        return o
    }

    /// The event inside a sealed entry, opened with `key`.
    static func inner(_ box: String, with key: Curve25519.KeyAgreement.PrivateKey) -> Event? {
        guard let json = open(box, with: key), let text = String(data: json, encoding: .utf8), let event = try? EventCodec().event(from: text), event.isJournal else { return nil }
        // Only an entry after the schedule: a box holding a schedule (or another box) is forged.
        if case .journalSealed = event { return nil }
        if case .drillScheduled = event { return nil }
        return event
    }
}

/// Opens a stream of drill journal entries in order with the keys held (for a reader that
/// does not fold a ledger, such as `log --drills`): it learns each drill's public key from its
/// schedule's frame and opens the entries sealed to a key it holds; the rest pass as they are.
public struct JournalReader: Sendable {
    let keyring: DrillKeyring
    var drillKeys: [String: String] = [:]

    public init(keyring: DrillKeyring) {
        self.keyring = keyring
    }

    public mutating func open(_ e: RecordedEvent) -> RecordedEvent {
        guard !keyring.isEmpty else { return e }
        if case let .drillScheduled(frame) = e.event, let pub = frame.publicKey {
            drillKeys[frame.id] = pub
            guard let key = keyring.key(for: pub), let info = JournalSeal.details(of: frame, with: key) else { return e }
            var o = e
            o.event = .drillScheduled(drill: info)
            return o
        }
        guard case let .journalSealed(drill, _) = e.event, let key = keyring.key(for: drillKeys[drill]) else { return e }
        return JournalSeal.opened(e, with: key) ?? e
    }
}
