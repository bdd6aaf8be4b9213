import CommandModel
import Crypto
import Foundation

/// The roster a store is pinned to, checked at every front door: a process started with
/// another roster (or none) on a store that has adopted one may not act, so nobody grants
/// themselves rights by passing their own roster file, or none.
public enum RosterPin {
    /// The SHA-256 of a roster file's text, hex: what `roster adopt` records and every start
    /// compares.
    public static func digest(of text: String) -> String {
        Hex.lowercase(SHA256.hash(data: Data(text.utf8)))
    }

    /// Why a process with `given` (the digest of the roster it was started with, nil for none)
    /// may not act on a store in `state`; nil when it may.
    public static func mismatch(_ state: CommandState, given: String?) -> Bilingual? {
        guard let pinned = state.roster, pinned.digest != given else { return nil }
        let when = CentreTime.format(pinned.at)
        let what = given.map { Bilingual("a different roster (sha256 \($0.prefix(12))…)", "另一份值班表（sha256 \($0.prefix(12))…）") } ?? Bilingual("no roster", "未指定值班表")
        return Bilingual(
            "this store's roster is \(pinned.source) (sha256 \(pinned.digest.prefix(12))…, adopted by \(pinned.by) at \(when)), but this was started with \(what.en); start with that roster (--roster or DECISION_HUB_ROSTER), or have a commander adopt the new one: decision-hub roster adopt FILE",
            "本事件库的值班表为 \(pinned.source)（sha256 \(pinned.digest.prefix(12))…，由 \(pinned.by) 于 \(when) 启用），但本次启动使用了\(what.zh)；请使用该值班表启动（--roster 或 DECISION_HUB_ROSTER），或由指挥长启用新值班表：decision-hub roster adopt 文件"
        )
    }
}
