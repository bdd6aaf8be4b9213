/// What the console reads from a terminal.
public enum TerminalInput: Hashable, Sendable {
    case key(Key)
    case resize
}

/// The one place a screen goes out and keys come in. `NcursesTerminal` talks to a real
/// terminal; `TestTerminal` keeps screens and plays scripted keys for tests.
public protocol Terminal: AnyObject {
    var size: (width: Int, height: Int) { get }
    /// Shows a screen; only cells that changed since the last one are sent.
    func draw(_ screen: Screen)
    /// Waits up to `timeoutMilliseconds` for input.
    func read(timeoutMilliseconds: Int) -> TerminalInput?
    func bell()
    /// Restores the terminal. Safe to call more than once.
    func shutdown()
}

/// A terminal in memory: scripted input, the last screen kept, nothing printed.
public final class TestTerminal: Terminal {
    public var size: (width: Int, height: Int)
    public private(set) var screen: Screen
    public private(set) var frames = 0
    public private(set) var bells = 0
    public private(set) var isShutDown = false
    private var script: [TerminalInput]

    public init(width: Int, height: Int, script: [TerminalInput] = []) {
        size = (width, height)
        screen = Screen(width: width, height: height)
        self.script = script
    }

    public func feed(_ inputs: [TerminalInput]) { script += inputs }
    public func resize(width: Int, height: Int) {
        size = (width, height)
        script.insert(.resize, at: 0)
    }

    public func draw(_ screen: Screen) {
        self.screen = screen
        frames += 1
    }

    public func read(timeoutMilliseconds: Int) -> TerminalInput? {
        script.isEmpty ? nil : script.removeFirst()
    }

    public var scriptIsEmpty: Bool { script.isEmpty }
    public func bell() { bells += 1 }
    public func shutdown() { isShutDown = true }
}

extension TerminalInput {
    /// Keys for a typed string: each character one key press.
    public static func typing(_ text: String) -> [TerminalInput] { text.map { .key(.char($0)) } }
}
