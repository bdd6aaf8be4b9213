import CNcurses
import CommandModel
import Foundation

/// What the terminal and locale can do, asked of ncurses and the C library without starting
/// curses mode. Used by `doctor` and to choose glyphs.
public enum TerminalEnvironment {
    /// The ncurses library's own version string, e.g. "ncurses 6.4.20221231".
    public static var ncursesVersion: String {
        guard let v = curses_version() else { return "unknown" }
        return String(cString: v)
    }

    /// Applies the user's locale (LANG, LC_ALL) to the C library, as curses needs.
    public static func adoptLocale() {
        setlocale(LC_ALL, "")
    }

    /// The locale's character set after `adoptLocale`, e.g. "UTF-8" or "ANSI_X3.4-1968".
    public static var codeset: String {
        guard let c = dh_codeset() else { return "unknown" }
        return String(cString: c)
    }

    /// Whether the locale speaks UTF-8; if not, the console draws ASCII glyphs.
    public static var isUTF8: Bool {
        let c = codeset.uppercased()
        return c == "UTF-8" || c == "UTF8"
    }

    /// Adopts the user's locale for curses; when it is not installed (common on servers: a
    /// `zh_CN.UTF-8` nobody generated) but asks for UTF-8, or when `forceUTF8` says the terminal
    /// speaks it, falls back to `C.UTF-8`, which every glibc has, so Chinese still draws. Returns
    /// what happened, to say once.
    public static func chooseLocale(environment: [String: String] = ProcessInfo.processInfo.environment, forceUTF8: Bool = false) -> (utf8: Bool, note: Bilingual?) {
        let asked = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let installed = setlocale(LC_ALL, "") != nil
        if isUTF8 { return (true, nil) }
        let wantsUTF8 = asked.uppercased().contains("UTF-8") || asked.uppercased().contains("UTF8")
        guard wantsUTF8 || forceUTF8, setlocale(LC_ALL, "C.UTF-8") != nil, isUTF8 else { return (false, nil) }
        if !installed && !asked.isEmpty {
            return (
                true,
                Bilingual(
                    "the locale \(asked) is not installed; using C.UTF-8 (to install it: apt-get install locales && locale-gen \(asked))",
                    "未安装区域设置 \(asked)；改用 C.UTF-8（安装方法：apt-get install locales && locale-gen \(asked)）")
            )
        }
        return (true, Bilingual("the locale is not UTF-8; --utf8 uses C.UTF-8", "区域设置不是 UTF-8；按 --utf8 改用 C.UTF-8"))
    }
}
