import CNcurses
import CommandModel
import Foundation

/// The real terminal, through ncurses. Owns curses mode from `init` to `shutdown`, and
/// restores the terminal on every exit path: quit, Ctrl-C, SIGTERM, SIGHUP, and a crash
/// (a Swift trap arrives as SIGILL or SIGTRAP).
public final class NcursesTerminal: Terminal {
    public enum ColorDepth: Sendable { case none, sixteen, many }

    public let colorDepth: ColorDepth
    public let utf8: Bool
    private var last: Screen?
    private var pairs: [Role: Int16] = [:]
    /// Pairs for tinted cells, allocated the first time a (role, tint) is drawn and kept.
    private var tintedPairs: [Style: Int16] = [:]
    private var nextPair: Int16 = 1
    private var active = false

    /// What choosing the locale had to do, to say once on the status line.
    public let localeNote: Bilingual?

    /// Starts curses mode. Fails (returns nil) when standard input or output is not a terminal.
    /// `forceUTF8`: the terminal speaks UTF-8 whatever the locale says (`--utf8`).
    public init?(forceUTF8: Bool = false) {
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else { return nil }
        let locale = TerminalEnvironment.chooseLocale(forceUTF8: forceUTF8)
        utf8 = locale.utf8
        localeNote = locale.note
        SignalGuard.install()
        // Follow the real window size: LINES/COLUMNS exported by a parent would pin it (ncurses
        // prefers them to the window's own size, and keeps them across resizes).
        unsetenv("LINES")
        unsetenv("COLUMNS")
        guard initscr() != nil else { return nil }
        active = true
        cbreak()
        noecho()
        nonl()
        keypad(dh_stdscr(), true)
        // Clicks and the wheel arrive as KEY_MOUSE (Shift-drag still selects text in most
        // terminals).
        _ = dh_mouse_on()
        set_escdelay(25)
        curs_set(0)
        if has_colors() {
            start_color()
            use_default_colors()
            colorDepth = dh_colors() >= 256 ? .many : .sixteen
        } else {
            colorDepth = .none
        }
        allocatePairs()
    }

    /// A terminal that writes to a file instead of the screen, for measuring the bytes a frame
    /// costs (`debug frame-bytes`). The size comes from LINES and COLUMNS.
    private var recording: UnsafeMutablePointer<FILE>?
    private var screenRef: OpaquePointer?

    public init?(recordingTo path: String, width: Int, height: Int, term: String = "xterm-256color") {
        setlocale(LC_ALL, "")
        // A recording measures what a UTF-8 terminal gets, whatever the caller's locale.
        if !TerminalEnvironment.isUTF8 { setlocale(LC_ALL, "C.UTF-8") }
        utf8 = TerminalEnvironment.isUTF8
        localeNote = nil
        // The size comes from LINES and COLUMNS, set only while ncurses reads them: processes
        // started later must not inherit a pinned size.
        let saved = (getenv("LINES").map { String(cString: $0) }, getenv("COLUMNS").map { String(cString: $0) })
        setenv("LINES", String(height), 1)
        setenv("COLUMNS", String(width), 1)
        defer {
            if let l = saved.0 { setenv("LINES", l, 1) } else { unsetenv("LINES") }
            if let c = saved.1 { setenv("COLUMNS", c, 1) } else { unsetenv("COLUMNS") }
        }
        guard let out = fopen(path, "w"), let input = fopen("/dev/null", "r") else { return nil }
        guard let scr = newterm(term, out, input) else { return nil }
        recording = out
        screenRef = scr
        active = true
        noecho()
        curs_set(0)
        start_color()
        use_default_colors()
        colorDepth = dh_colors() >= 256 ? .many : .sixteen
        allocatePairs()
    }

    /// Bytes written so far (recording terminals only).
    public var bytesWritten: Int {
        guard let f = recording else { return 0 }
        fflush(f)
        return ftell(f)
    }

    /// The colour pairs in use, "pair fg bg" per line, for the C baseline.
    public var pairTable: [String] {
        var out: [String] = []
        for p in 1..<max(1, Int(nextPair)) {
            var fg: Int16 = 0, bg: Int16 = 0
            pair_content(Int16(p), &fg, &bg)
            out.append("\(p) \(fg) \(bg)")
        }
        return out
    }

    /// A screen as ncurses would receive it from this terminal: "y x codepoint attrs pair" per
    /// cell, for the C baseline to draw the same cells.
    public func cellDump(_ screen: Screen) -> [String] {
        var out: [String] = []
        for y in 0..<screen.height {
            for x in 0..<screen.width {
                let cell = screen[x, y]
                guard let ch = cell.text else { continue }
                let (a, p) = attributes(cell.style)
                out.append("\(y) \(x) \(ch.unicodeScalars.first?.value ?? 32) \(a) \(p)")
            }
        }
        return out
    }

    deinit { shutdown() }

    public var size: (width: Int, height: Int) { (Int(dh_cols()), Int(dh_lines())) }

    public func draw(_ screen: Screen) {
        let full = last == nil || last?.width != screen.width || last?.height != screen.height
        if full { erase() }
        for y in 0..<screen.height {
            for x in 0..<screen.width {
                let cell = screen[x, y]
                if !full, let old = last, old[x, y] == cell { continue }
                guard let ch = cell.text else { continue }  // the right half of a wide character
                let (attrs, pair) = attributes(cell.style)
                let scalar = ch.unicodeScalars.first?.value ?? 32
                _ = dh_mvadd_wch(Int32(y), Int32(x), scalar, attrs, pair)
            }
        }
        last = screen
        refresh()
    }

    public func read(timeoutMilliseconds: Int) -> TerminalInput? {
        timeout(Int32(timeoutMilliseconds))
        var ch: UInt32 = 0
        let rc = dh_get_wch(&ch)
        if rc == dh_err() { return nil }
        if rc == dh_key_code_yes() {
            let code = Int32(ch)
            if code == dh_key_resize() {
                last = nil
                return .resize
            }
            if code == dh_key_mouse() {
                var x: Int32 = 0, y: Int32 = 0
                switch dh_get_mouse(&x, &y) {
                case 1: return .mouse(MouseEvent(.click, x: Int(x), y: Int(y)))
                case 4: return .mouse(MouseEvent(.wheelUp, x: Int(x), y: Int(y)))
                case 5: return .mouse(MouseEvent(.wheelDown, x: Int(x), y: Int(y)))
                default: return nil
                }
            }
            switch code {
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_DC: return .key(.delete)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_BTAB: return .key(.backTab)
            case KEY_ENTER: return .key(.enter)
            default:
                if code >= KEY_F0 + 1 && code <= KEY_F0 + 12 { return .key(.function(Int(code - KEY_F0))) }
                return nil
            }
        }
        switch ch {
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 9: return .key(.tab)
        case 127, 8: return .key(.backspace)
        case 1...26: return .key(.ctrl(Character(UnicodeScalar(ch + 96) ?? "?")))
        default:
            guard let s = UnicodeScalar(ch) else { return nil }
            return .key(.char(Character(s)))
        }
    }

    public func bell() { beep() }

    /// Out of curses mode for `body` (the terminal as the shell left it: cursor shown, echo and
    /// line mode on, mouse reporting off), then back, with the whole screen sent again. Ctrl-C
    /// and Ctrl-\ typed in the editor are the editor's: meanwhile the console catches them and
    /// does nothing (as git does while its editor runs), so an interrupted edit does not end the
    /// console. Caught, not ignored: a handler is reset on exec, so the editor gets them as usual.
    public func suspend<T>(_ body: () -> T) -> T {
        guard active else { return body() }
        def_prog_mode()
        curs_set(1)
        endwin()
        let interrupt = signal(SIGINT) { _ in }, quit = signal(SIGQUIT) { _ in }
        let result = body()
        signal(SIGINT, interrupt)
        signal(SIGQUIT, quit)
        reset_prog_mode()
        curs_set(0)
        last = nil
        refresh()
        return result
    }

    public func shutdown() {
        guard active else { return }
        active = false
        curs_set(1)
        endwin()
        if let scr = screenRef {
            delscreen(scr)
            screenRef = nil
        }
        if let f = recording {
            fclose(f)
            recording = nil
        }
        SignalGuard.uninstall()
    }

    // MARK: Colour

    /// Foreground colour and attributes per role; pairs are allocated once, at start.
    private func allocatePairs() {
        guard colorDepth != .none else { return }
        for role in Palette.roles {
            let fg = Palette.foreground(role, colorDepth == .many)
            if init_pair(nextPair, fg, -1) != dh_err() { pairs[role] = nextPair }
            nextPair += 1
        }
    }

    private func attributes(_ style: Style) -> (attr_t, Int16) {
        var a = dh_a_normal()
        if style.emphasis.contains(.bold) { a |= dh_a_bold() }
        if style.emphasis.contains(.reverse) { a |= dh_a_reverse() }
        if style.emphasis.contains(.underline) { a |= dh_a_underline() }
        if style.emphasis.contains(.blink) { a |= dh_a_blink() }
        if colorDepth == .none {
            a |= Palette.monochrome(style.role, bold: dh_a_bold(), reverse: dh_a_reverse(), underline: dh_a_underline(), dim: dh_a_dim())
            return (a, 0)
        }
        if style.role == .dim { a |= dh_a_dim() }
        if let tint = style.tint {
            let key = Style(style.role, [], tint: tint)
            if let p = tintedPairs[key] { return (a, p) }
            guard Int32(nextPair) < dh_color_pairs() else { return (a, pairs[style.role] ?? 0) }
            let many = colorDepth == .many
            if init_pair(nextPair, Palette.foreground(style.role, many), Palette.background(tint, many)) != dh_err() {
                tintedPairs[key] = nextPair
                nextPair += 1
                return (a, nextPair - 1)
            }
        }
        return (a, pairs[style.role] ?? 0)
    }
}

/// How roles look: one table, read once when pairs are allocated.
enum Palette {
    static var roles: [Role] {
        var r: [Role] = [
            .normal, .dim, .title, .border, .selection, .ok, .error, .exercise, .mapWater, .mapMountain, .mapHill, .mapUrban, .mapRoad, .mapBoundary, .mapLabel, .shelter, .depot, .hazard, .cursor,
            .attention,
        ]
        r += [ResponseLevel.none, .iv, .iii, .ii, .i].map { Role.level($0) }
        r += WarningColor.allCases.map { Role.warning($0) }
        r += TeamStatus.allCases.map { Role.team($0) }
        return r
    }

    static func foreground(_ role: Role, _ many: Bool) -> Int16 {
        let black: Int16 = 0, red: Int16 = 1, green: Int16 = 2, yellow: Int16 = 3, blue: Int16 = 4, magenta: Int16 = 5, cyan: Int16 = 6, white: Int16 = 7
        switch role {
        case .normal, .selection: return -1
        case .dim, .mapBoundary, .mapHill: return many ? 244 : white
        case .title: return cyan
        case .border: return many ? 240 : white
        case .ok: return green
        case .error: return red
        case .exercise: return magenta
        case .mapWater: return many ? 39 : blue
        case .mapMountain: return many ? 101 : yellow
        case .mapUrban: return many ? 250 : white
        case .mapRoad: return many ? 180 : yellow
        case .mapLabel: return many ? 255 : white
        case .shelter: return green
        case .depot: return cyan
        case .hazard: return magenta
        case .cursor: return many ? 231 : white
        case .attention: return many ? 214 : yellow
        case let .level(l):
            switch l {
            case .i: return many ? 196 : red
            case .ii: return many ? 208 : red
            case .iii: return many ? 226 : yellow
            case .iv: return many ? 33 : blue
            case .none: return -1
            }
        case let .warning(w):
            switch w {
            case .red: return many ? 196 : red
            case .orange: return many ? 208 : red
            case .yellow: return many ? 226 : yellow
            case .blue: return many ? 33 : blue
            }
        case let .team(s):
            switch s {
            case .available: return green
            case .dispatched, .enRoute: return yellow
            case .onScene: return cyan
            case .returning: return many ? 244 : white
            case .outOfService: return black
            }
        }
    }

    /// Dark washes, so markers on top stay readable.
    static func background(_ tint: Tint, _ many: Bool) -> Int16 {
        switch tint {
        case .warning(.red), .response(.i): many ? 52 : 1
        case .warning(.orange), .response(.ii): many ? 94 : 1
        case .warning(.yellow), .response(.iii): many ? 58 : 3
        case .warning(.blue), .response(.iv): many ? 17 : 4
        case .response(.none): -1
        }
    }

    /// Without colour, levels still differ: I reverse, II bold, III underline, IV plain.
    static func monochrome(_ role: Role, bold: attr_t, reverse: attr_t, underline: attr_t, dim: attr_t) -> attr_t {
        switch role {
        case .level(.i), .warning(.red): return reverse | bold
        case .level(.ii), .warning(.orange), .error, .attention: return bold
        case .level(.iii), .warning(.yellow): return underline
        case .dim, .mapBoundary, .border: return dim
        case .title: return bold
        default: return 0
        }
    }
}

/// Restores the terminal from a signal handler with precomputed bytes and the saved terminal
/// modes (both async-signal-safe), then re-raises the signal so the process ends as it would
/// have.
enum SignalGuard {
    nonisolated(unsafe) static var saved = termios()
    nonisolated(unsafe) static var haveSaved = false
    // Leave the alternate screen, show the cursor, reset attributes.
    nonisolated(unsafe) static var reset: [UInt8] = Array("\u{1B}[?1049l\u{1B}[?25h\u{1B}[0m\r\n".utf8)
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE]

    static func install() {
        if tcgetattr(STDIN_FILENO, &saved) == 0 { haveSaved = true }
        // A parent may have started us with signals blocked (blocked masks are inherited):
        // unblock the ones the console relies on, resize included.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for s in signals + [SIGWINCH] { sigaddset(&unblock, s) }
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        // An ignored SIGWINCH is inherited across exec, and ncurses only installs its resize
        // handler over the default disposition: restore the default before initscr.
        signal(SIGWINCH, SIG_DFL)
        for s in signals {
            signal(s) { sig in
                if SignalGuard.haveSaved { _ = tcsetattr(STDIN_FILENO, TCSANOW, &SignalGuard.saved) }
                _ = SignalGuard.reset.withUnsafeBufferPointer { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }

    static func uninstall() {
        for s in signals { signal(s, SIG_DFL) }
    }
}
