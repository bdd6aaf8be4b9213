import Foundation

/// Where an incident is in its life, from report to close.
///
/// The legal moves are declared once, in ``IncidentStatus/allowedNext``; the decider and the
/// help text both read that table.
public enum IncidentStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case reported
    case acknowledged
    case responding
    case onScene = "on-scene"
    case contained
    case recovered
    case closed
    case cancelled
    case falseAlarm = "false-alarm"

    /// Closed, cancelled and false alarms are over; everything else is active.
    public var isActive: Bool {
        switch self {
        case .closed, .cancelled, .falseAlarm: false
        default: true
        }
    }

    /// The statuses reachable by a plain status change. Reopening is its own command
    /// (it needs a reason), and so are cancel, false alarm and close.
    public var allowedNext: [IncidentStatus] {
        switch self {
        case .reported: [.acknowledged, .cancelled, .falseAlarm]
        case .acknowledged: [.responding, .cancelled, .falseAlarm]
        case .responding: [.onScene, .contained]
        case .onScene: [.contained]
        case .contained: [.recovered, .closed]
        case .recovered: [.closed]
        case .closed, .cancelled, .falseAlarm: []
        }
    }

    /// Whether a status can be reopened (it is over).
    public var canReopen: Bool { !isActive }

    public var name: Bilingual {
        switch self {
        case .reported: Bilingual("reported", "已接报")
        case .acknowledged: Bilingual("acknowledged", "已确认")
        case .responding: Bilingual("responding", "处置中")
        case .onScene: Bilingual("on scene", "已到场")
        case .contained: Bilingual("contained", "已控制")
        case .recovered: Bilingual("recovered", "已恢复")
        case .closed: Bilingual("closed", "已结案")
        case .cancelled: Bilingual("cancelled", "已撤销")
        case .falseAlarm: Bilingual("false alarm", "误报")
        }
    }

    public init?(parsing text: String) {
        let t = text.lowercased().replacingOccurrences(of: "_", with: "-")
        if let v = IncidentStatus(rawValue: t) { self = v; return }
        switch t {
        case "ack", "acked": self = .acknowledged
        case "onscene", "scene": self = .onScene
        case "falsealarm", "false": self = .falseAlarm
        default:
            guard let v = IncidentStatus.allCases.first(where: { $0.name.zh == text }) else { return nil }
            self = v
        }
    }
}
