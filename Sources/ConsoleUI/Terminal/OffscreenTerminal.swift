/// A terminal in memory: it keeps the last screen drawn and has no input. `decision-hub
/// snapshot` prints its screen as text (wallboards, reports); benchmarks draw into it.
public final class OffscreenTerminal: Terminal {
    public let size: (width: Int, height: Int)
    public private(set) var screen: Screen
    public private(set) var frames = 0

    public init(width: Int, height: Int) {
        size = (width, height)
        screen = Screen(width: width, height: height)
    }

    public func draw(_ screen: Screen) {
        self.screen = screen
        frames += 1
    }

    public func read(timeoutMilliseconds: Int) -> TerminalInput? { nil }
    public func bell() {}
    public func shutdown() {}
}
