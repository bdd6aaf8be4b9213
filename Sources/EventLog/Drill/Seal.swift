import CommandModel
import Crypto
import Foundation

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
