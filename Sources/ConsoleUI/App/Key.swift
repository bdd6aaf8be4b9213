/// A key press, as the terminal reports it.
public enum Key: Hashable, Sendable {
    case char(Character)
    case ctrl(Character)
    case up, down, left, right
    case enter, escape, backspace, tab, backTab, delete
    case pageUp, pageDown, home, end
    case function(Int)

    /// How the key is written in help: "a", "Ctrl-C", "↑".
    public var label: String {
        switch self {
        case let .char(c): c == " " ? "Space" : String(c)
        case let .ctrl(c): "Ctrl-\(c)"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .delete: "Del"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case let .function(n): "F\(n)"
        }
    }
}
