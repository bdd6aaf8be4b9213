/// What the console reads from a terminal.
public enum TerminalInput: Hashable, Sendable {
    case key(Key)
    case resize
    case mouse(MouseEvent)
}

/// A click or a turn of the wheel at a screen cell.
public struct MouseEvent: Hashable, Sendable {
    public enum Action: Hashable, Sendable { case click, wheelUp, wheelDown }
    public var action: Action
    public var x: Int, y: Int
    public init(_ action: Action, x: Int, y: Int) {
        self.action = action
        self.x = x
        self.y = y
    }
}

/// The one place a screen goes out and keys come in. `NcursesTerminal` talks to a real
/// terminal; `OffscreenTerminal` keeps the screen in memory (snapshots, benchmarks); tests
/// script keys through their own.
public protocol Terminal: AnyObject {
    var size: (width: Int, height: Int) { get }
    /// Shows a screen; only cells that changed since the last one are sent.
    func draw(_ screen: Screen)
    /// Waits up to `timeoutMilliseconds` for input.
    func read(timeoutMilliseconds: Int) -> TerminalInput?
    func bell()
    /// Restores the terminal. Safe to call more than once.
    func shutdown()
    /// Gives the terminal to `body` (an editor) as a plain terminal, then takes it back and
    /// draws the whole screen again on the next frame, whatever `body` left on it.
    func suspend<T>(_ body: () -> T) -> T
}

extension Terminal {
    /// A terminal with nothing to hand over (in memory) runs `body` as it is.
    public func suspend<T>(_ body: () -> T) -> T { body() }
}

extension TerminalInput {
    /// Keys for a typed string: each character one key press.
    public static func typing(_ text: String) -> [TerminalInput] { text.map { .key(.char($0)) } }
}
