import CommandModel
import ConsoleUI
import Foundation

/// A terminal in memory for tests: scripted input, the last screen kept, bells counted,
/// nothing printed.
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

    /// How many times the terminal was handed over (to an editor), and whether it is now.
    public private(set) var suspensions = 0
    public private(set) var isSuspended = false
    public func suspend<T>(_ body: () -> T) -> T {
        precondition(!isSuspended, "suspended twice")
        suspensions += 1
        isSuspended = true
        defer { isSuspended = false }
        return body()
    }
}

extension ConsoleRunner {
    /// Plays the test terminal's script to its end, reading the record after every key (as a
    /// live console does within a quarter second), waits for work running off the input
    /// thread (a joint plan), then draws the last frame.
    public func run(untilScriptEnds: Bool) {
        guard let scripted = terminal as? TestTerminal else { preconditionFailure("run(untilScriptEnds:) needs a TestTerminal") }
        repeat {
            _ = step(timeoutMilliseconds: 0)
            poll()
            if scripted.scriptIsEmpty && isComputing { Thread.sleep(forTimeInterval: 0.002) }
        } while !scripted.scriptIsEmpty || isComputing
        terminal.draw(frame())
    }
}
