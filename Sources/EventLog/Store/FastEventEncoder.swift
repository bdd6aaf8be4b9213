import CommandModel
import Foundation

/// Writes the payloads of the common kinds (those `FastEventDecoder` reads) by hand, byte for
/// byte as `JSONEncoder` with sorted keys writes them: an append is on the officer's critical
/// path, and the generic encoder was a measurable part of it. Tests check the bytes are the
/// same as the reference encoder's for every kind and for arbitrary text.
///
/// Returns nil for every other kind, and for reports with coordinates (doubles are left to the
/// reference encoder's formatting).
enum FastEventEncoder {
    /// Which field holds the text of the kinds made of an incident and a text.
    static let textKey: [Event.Kind: String] = [
        .incidentCancelled: "reason", .incidentMarkedFalseAlarm: "reason", .incidentReopened: "reason", .incidentClosed: "summary", .checklistItemDone: "item",
        .noteAdded: "text", .reportFiled: "stage",
    ]

    static func encode(_ event: Event) -> String? {
        var w = JSONText()
        w.begin()
        w.key(event.kind.rawValue)
        w.begin()
        switch event {
        case let .incidentReported(r):
            guard r.location.point == nil, r.given == nil, r.outside == nil else { return nil }
            w.key("report")
            w.begin()
            if let c = r.causedBy { w.field("causedBy", c.description) }
            if let d = r.district { w.field("district", d) }
            w.figures(r.figures)
            w.field("id", r.id.description)
            w.key("location")
            w.raw("{\"cell\":{\"x\":\(r.location.cell.x),\"y\":\(r.location.cell.y)}}")
            if let n = r.notes { w.field("notes", n) }
            w.field("reporter", r.reporter)
            w.field("title", r.title)
            w.field("type", r.type.rawValue)
            w.end()
        case let .incidentAcknowledged(i), let .incidentVerified(i):
            w.field("incident", i.description)
        case let .figuresUpdated(i, f):
            w.figures(f)
            w.field("incident", i.description)
        case let .levelRaised(i, from, to, reason), let .levelLowered(i, from, to, reason):
            w.field("from", from.stored)
            w.field("incident", i.description)
            w.field("reason", reason)
            w.field("to", to.stored)
        case let .statusChanged(i, from, to):
            w.field("from", from.rawValue)
            w.field("incident", i.description)
            w.field("to", to.rawValue)
        case let .incidentCancelled(i, text), let .incidentMarkedFalseAlarm(i, text), let .incidentReopened(i, text), let .incidentClosed(i, text),
            let .checklistItemDone(i, text), let .noteAdded(i, text), let .reportFiled(i, text):
            // The text's field sorts after "incident" for every one of these kinds.
            guard let key = textKey[event.kind] else { return nil }
            w.field("incident", i.description)
            w.field(key, text)
        case let .causeLinked(i, cause):
            w.field("cause", cause.description)
            w.field("incident", i.description)
        case let .teamAssigned(t, i), let .teamReleased(t, i):
            w.field("incident", i.description)
            w.field("team", t.raw)
        case let .teamStatusChanged(t, from, to):
            w.field("from", from.rawValue)
            w.field("team", t.raw)
            w.field("to", to.rawValue)
        default:
            return nil
        }
        w.end()
        w.end()
        return w.text
    }
}

/// JSON text as `JSONEncoder` writes it (no spaces, slashes not escaped), keys in the order
/// the caller writes them (sorted, as the reference encoder sorts them).
private struct JSONText {
    var text = ""
    private var needsComma = false

    init() { text.reserveCapacity(160) }

    mutating func raw(_ s: String) { text += s }

    mutating func begin() {
        text += "{"
        needsComma = false
    }

    mutating func end() {
        text += "}"
        needsComma = true
    }

    mutating func key(_ k: String) {
        if needsComma { text += "," }
        text += "\""
        text += k
        text += "\":"
        needsComma = true
    }

    mutating func field(_ k: String, _ value: String) {
        key(k)
        string(value)
    }

    mutating func figures(_ f: Figures) {
        key("figures")
        text +=
            "{\"deaths\":\(f.deaths),\"directLossCNY\":\(f.directLossCNY),\"evacuated\":\(f.evacuated),\"injured\":\(f.injured),\"missing\":\(f.missing),\"seriouslyInjured\":\(f.seriouslyInjured)}"
    }

    /// A JSON string: quotes, backslashes and control characters escaped, everything else as is.
    mutating func string(_ s: String) {
        text += "\""
        var plain = true
        for b in s.utf8 where b < 0x20 || b == 0x22 || b == 0x5C {
            plain = false
            break
        }
        if plain {
            text += s
        } else {
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": text += "\\\""
                case "\\": text += "\\\\"
                case "\n": text += "\\n"
                case "\r": text += "\\r"
                case "\t": text += "\\t"
                case "\u{8}": text += "\\b"
                case "\u{C}": text += "\\f"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }
}
