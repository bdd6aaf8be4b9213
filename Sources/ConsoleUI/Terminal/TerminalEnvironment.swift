import CNcurses
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
}
