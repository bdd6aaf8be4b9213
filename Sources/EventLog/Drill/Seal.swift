import CommandModel
import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Seals a drill scenario with authenticated encryption (AES-GCM, 256-bit key) so that it can
/// sit on the shared command server: without the coordinator's key nobody can read it, and any
/// change to the file is detected.
public enum Seal {
    public static let format = "decision-hub-sealed-1"

    /// Why a sealed file cannot be opened, and what to do.
    public struct Failure: Error, Sendable, Hashable {
        public var message: Bilingual
    }

    /// A new random key, as base64 text for the coordinator to keep.
    public static func newKey() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// Writes a new key to a file created for this key alone, readable and writable by its owner
    /// only (0600, whatever the umask allows beyond that); an existing file is never overwritten
    /// (it may hold the key of a running drill).
    public static func writeNewKey(to path: String) throws(Failure) {
        let fd = createNew(path, mode: 0o600)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            if errno == EEXIST {
                throw Failure(
                    message: Bilingual(
                        "\(path) already exists; a key file is never overwritten: choose another name, or remove the old key once no drill needs it",
                        "\(path) 已存在；密钥文件不会被覆盖：请换一个文件名，或在没有演练需要时删除旧密钥"))
            }
            throw Failure(message: Bilingual("cannot create \(path): \(reason); check the folder and its permissions", "无法创建 \(path)：\(reason)；请检查目录及其权限"))
        }
        defer { close(fd) }
        let bytes = Array((newKey() + "\n").utf8)
        // The mode asked for at creation is narrowed by the umask, never widened: make it exact.
        let written = bytes.withUnsafeBytes { fchmod(fd, 0o600) == 0 ? write(fd, $0.baseAddress, $0.count) : -1 }
        guard written == bytes.count, fsync(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(path)
            throw Failure(message: Bilingual("cannot write the key to \(path): \(reason); nothing was kept", "无法将密钥写入 \(path)：\(reason)；未保留任何文件"))
        }
    }

    static func key(_ text: String) throws(Failure) -> SymmetricKey {
        guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32 else {
            throw Failure(message: Bilingual("the key is not a drill key (32 bytes, base64); make one with: decision-hub drill keygen", "密钥格式不对（应为 base64 编码的 32 字节）；可用 decision-hub drill keygen 生成"))
        }
        return SymmetricKey(data: data)
    }

    public static func seal(_ plaintext: Data, key text: String) throws(Failure) -> Data {
        let k = try key(text)
        let box: AES.GCM.SealedBox
        do { box = try AES.GCM.seal(plaintext, using: k) } catch {
            throw Failure(message: Bilingual("sealing failed: \(error)", "加密失败：\(error)"))
        }
        guard let combined = box.combined else { throw Failure(message: Bilingual("sealing failed", "加密失败")) }
        let envelope = ["format": format, "box": combined.base64EncodedString()]
        return (try? JSONSerialization.data(withJSONObject: envelope, options: [.sortedKeys])) ?? Data()
    }

    public static func open(_ sealed: Data, key text: String, file: String) throws(Failure) -> Data {
        guard let o = try? JSONSerialization.jsonObject(with: sealed) as? [String: String], o["format"] == format, let b64 = o["box"], let combined = Data(base64Encoded: b64) else {
            throw Failure(message: Bilingual("\(file) is not a sealed drill scenario", "\(file) 不是加密的演练脚本"))
        }
        let k = try key(text)
        do {
            return try AES.GCM.open(try AES.GCM.SealedBox(combined: combined), using: k)
        } catch {
            throw Failure(message: Bilingual("\(file) cannot be opened: it was altered, or this is not its key", "\(file) 无法打开：文件被篡改，或密钥不对"))
        }
    }
}

/// Creates a file that must not exist yet (no symlink followed), with `mode`; a descriptor or -1.
/// Outside `Seal`, whose own `open` would hide the system's.
private func createNew(_ path: String, mode: mode_t) -> Int32 {
    open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)
}
