import CommandModel
import Crypto
import Foundation

/// The centre's Ed25519 signing key, kept outside the store: whoever holds it signs checkpoints
/// of the record's head; anyone with the public key can check them.
///
/// Guarantees: the file is created with mode 0600 and never overwritten; a key file that others
/// can read is refused (a key others can read proves nothing).
public struct SigningKey: Sendable {
    public let privateKey: Curve25519.Signing.PrivateKey

    public init(_ privateKey: Curve25519.Signing.PrivateKey) { self.privateKey = privateKey }

    public var publicKey: Curve25519.Signing.PublicKey { privateKey.publicKey }
    public var id: String { Self.id(of: publicKey) }

    /// The environment variable naming the key file.
    public static let environmentVariable = "DECISION_HUB_SIGNING_KEY_FILE"

    /// Where the key of the store at `storePath` lives: `$DECISION_HUB_SIGNING_KEY_FILE`, else
    /// the file beside the store named `STORE.key`.
    public static func path(forStore storePath: String, keyFile: String? = ProcessEnvironment()[environmentVariable]) -> String {
        if let p = keyFile, !p.isEmpty { return p }
        return storePath + ".key"
    }

    /// A short name of a public key: the first 16 hex digits of its SHA-256.
    public static func id(of key: Curve25519.Signing.PublicKey) -> String {
        Hex.lowercase(SHA256.hash(data: key.rawRepresentation).prefix(8))
    }

    static let prefix = "decision-hub-ed25519:"

    /// What loading a key file found.
    public enum Lookup: Sendable {
        case found(SigningKey)
        /// No file there (or one this process may not read): this process does not sign.
        case absent(path: String)
        /// A file that is there but cannot be used: what is wrong and what to do.
        case unusable(path: String, Bilingual)
    }

    /// Reads the key file at `path`.
    public static func load(path: String) -> Lookup {
        var info = stat()
        guard stat(path, &info) == 0 else { return .absent(path: path) }
        guard access(path, R_OK) == 0 else { return .absent(path: path) }
        let mode = info.st_mode & 0o777
        if mode & 0o077 != 0 {
            return .unusable(
                path: path,
                Bilingual(
                    "the signing key \(path) can be read by others (mode \(String(mode, radix: 8))); it is not used. Run: chmod 600 \(path)",
                    "签名密钥 \(path) 可被他人读取（权限 \(String(mode, radix: 8))）；未使用该密钥。请运行：chmod 600 \(path)"))
        }
        guard let data = FileManager.default.contents(atPath: path) else { return .absent(path: path) }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix(prefix), let raw = Data(base64Encoded: String(text.dropFirst(prefix.count))),
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        else {
            return .unusable(
                path: path,
                Bilingual(
                    "\(path) is not a Decision Hub signing key; check \(environmentVariable) or the file beside the store",
                    "\(path) 不是决策中枢签名密钥；请检查 \(environmentVariable) 或事件库旁的密钥文件"))
        }
        return .found(SigningKey(key))
    }

    /// Creates a new key at `path` with mode 0600; an existing file is refused, never replaced.
    public static func create(path: String) throws(StoreError) -> SigningKey {
        let key = SigningKey(Curve25519.Signing.PrivateKey())
        let text = prefix + key.privateKey.rawRepresentation.base64EncodedString() + "\n"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw StoreError(
                .io, path: path, Bilingual("cannot create the signing key \(path) (\(reason)); check the folder, or remove an old key first", "无法创建签名密钥 \(path)（\(reason)）；请检查目录，或先移除旧密钥"))
        }
        defer { close(fd) }
        // The mode asked for at creation is narrowed by the umask only; set it exactly.
        fchmod(fd, 0o600)
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            unlink(path)
            throw StoreError(.io, path: path, Bilingual("cannot write the signing key \(path); check the disk", "无法写入签名密钥 \(path)；请检查磁盘"))
        }
        return key
    }

    public func signature(for message: Data) -> Data {
        do {
            return try privateKey.signature(for: message)
        } catch {
            preconditionFailure("Ed25519 signing cannot fail with a valid key: \(error)")
        }
    }
}
