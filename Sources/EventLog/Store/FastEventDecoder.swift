import CommandModel
import Foundation

/// Decodes the payloads of the events a year is made of (reports, acknowledgements, status and
/// level changes, team moves: 99.9% of a year's log) straight from their UTF-8 bytes, without
/// `JSONDecoder`'s generic containers, whose metadata look-ups were most of a replay's time.
///
/// Returns nil for anything it does not know or that does not look exactly as expected; the
/// caller then decodes with `JSONDecoder`, which stays the reference (tests check both agree on
/// every kind).
struct FastEventDecoder {
    struct Unknown: Error {}

    /// Every kind's name as bytes, from the one list of kinds, so a payload's key is matched
    /// without making a String.
    static let kindNames: [(bytes: [UInt8], kind: Event.Kind)] = Event.Kind.allCases.map { (Array($0.rawValue.utf8), $0) }

    /// The kinds read here; every other kind is left to `JSONDecoder`. An exhaustive switch, so a
    /// new kind is a decision: read here (and written by `FastEventEncoder`), or not.
    static func fast(_ kind: Event.Kind) -> JSONBytes.Kind? {
        switch kind {
        case .incidentReported: .reported
        case .incidentAcknowledged: .acknowledged
        case .incidentVerified: .verified
        case .figuresUpdated: .figures
        case .levelRaised: .raised
        case .levelLowered: .lowered
        case .statusChanged: .status
        case .incidentCancelled: .cancelled
        case .incidentMarkedFalseAlarm: .falseAlarm
        case .incidentClosed: .closed
        case .incidentReopened: .reopened
        case .causeLinked: .linked
        case .checklistItemDone: .checklist
        case .noteAdded: .note
        case .reportFiled: .filed
        case .teamAssigned: .assigned
        case .teamStatusChanged: .teamStatus
        case .teamReleased: .released
        case .teamRegistered, .responseDeclared, .responseAdjusted, .responseEnded, .incidentJoinedResponse, .warningIssued, .warningLifted, .actionRefused, .pageSent,
            .pageAcknowledged, .pageNotified, .pageNotifyFailed, .pageCancelled, .drillScheduled, .injectFired, .injectSkipped, .drillEnded, .rosterAdopted, .teamUpdated, .teamRetired,
            .facilityRegistered, .facilityUpdated, .facilityRetired, .shelterOpened, .shelterClosed, .sheltered, .shelterLeft, .stockReceived, .stockIssued, .stockMinimumSet,
            .supplyRequested, .supplyApproved, .supplyCommitted, .supplyDispatched, .supplyDelivered, .aidRequested, .aidOffered, .aidAccepted, .aidReleased, .sitrepDrafted, .sitrepApproved,
            .sitrepFiled, .handoverAccepted, .drillObserved, .drillObjectiveJudged, .correctiveActionRaised, .correctiveActionUpdated, .feedReceived, .feedAdvanced, .journalSealed,
            .drillExpectationScored, .capAlertReceived, .aidArrived, .aidMessageReceived, .aidMessageDelivered, .centreUnreachable, .centreReachable, .boardShared, .boardUnshared:
            nil
        }
    }

    /// The kinds this decoder reads.
    static let handled = Set(Event.Kind.allCases.filter { fast($0) != nil })

    static func decode(_ payload: String) -> Event? {
        var payload = payload
        return payload.withUTF8 { bytes -> Event? in
            var r = JSONBytes(bytes)
            return try? r.event()
        }
    }
}

/// An object key, compared byte by byte with the names it may be (no String is made).
struct Key {
    let bytes: UnsafeBufferPointer<UInt8>

    static func ~= (name: StaticString, key: Key) -> Bool {
        name.utf8CodeUnitCount == key.bytes.count && memcmp(name.utf8Start, key.bytes.baseAddress!, key.bytes.count) == 0
    }

    func matches(_ name: [UInt8]) -> Bool { name.count == bytes.count && name.elementsEqual(bytes) }
}

/// A pull reader over JSON bytes: only what event payloads use.
struct JSONBytes {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0

    init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

    typealias Unknown = FastEventDecoder.Unknown

    mutating func ws() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }

    mutating func take(_ c: UInt8) throws(Unknown) {
        ws()
        guard i < b.count, b[i] == c else { throw Unknown() }
        i += 1
    }

    mutating func peek() -> UInt8? {
        ws()
        return i < b.count ? b[i] : nil
    }

    /// A key: a string without escapes.
    mutating func key() throws(Unknown) -> Key {
        try take(0x22)
        let start = i
        while i < b.count, b[i] != 0x22 {
            if b[i] == 0x5C { throw Unknown() }
            i += 1
        }
        guard i < b.count, i > start else { throw Unknown() }
        defer { i += 1 }
        return Key(bytes: UnsafeBufferPointer(rebasing: b[start..<i]))
    }

    /// Calls `body` with each key of an object; `body` must read the value. A key that repeats
    /// is Unknown: the reference decoder keeps the first value where `body` would keep the last,
    /// and both paths must read every payload alike (found by tools/fuzz/event-decoder).
    mutating func object(_ body: (inout JSONBytes, Key) throws(Unknown) -> Void) throws(Unknown) {
        try take(0x7B)  // {
        if peek() == 0x7D {
            i += 1
            return
        }
        // The keys seen so far (payload objects have a dozen at most; more is Unknown), on the stack.
        try withUnsafeTemporaryAllocation(of: UnsafeBufferPointer<UInt8>.self, capacity: 16) { (seen) throws(Unknown) -> Void in
            var count = 0
            while true {
                let key = try key()
                guard count < seen.count else { throw Unknown() }
                for k in 0..<count where seen[k].count == key.bytes.count && seen[k].elementsEqual(key.bytes) { throw Unknown() }
                seen.initializeElement(at: count, to: key.bytes)
                count += 1
                try take(0x3A)  // :
                try body(&self, key)
                ws()
                guard i < b.count else { throw Unknown() }
                if b[i] == 0x2C {  // ,
                    i += 1
                    continue
                }
                if b[i] == 0x7D {  // }
                    i += 1
                    return
                }
                throw Unknown()
            }
        }
    }

    mutating func string() throws(Unknown) -> String {
        try take(0x22)
        let start = i
        var plain = true
        while i < b.count, b[i] != 0x22 {
            if b[i] == 0x5C {  // a backslash: take the slow path for this string
                plain = false
                i += 2
                continue
            }
            i += 1
        }
        guard i < b.count else { throw Unknown() }
        defer { i += 1 }
        if plain { return String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self) }
        // Let Foundation unescape (rare: quotes, control characters, \u escapes).
        let quoted = Data(UnsafeBufferPointer(rebasing: b[(start - 1)...i]))
        guard let s = try? JSONDecoder().decode(String.self, from: quoted) else { throw Unknown() }
        return s
    }

    mutating func int() throws(Unknown) -> Int {
        ws()
        var negative = false
        if i < b.count, b[i] == 0x2D {
            negative = true
            i += 1
        }
        let start = i
        var v = 0
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(b[i] - 0x30))
            guard !o1, !o2 else { throw Unknown() }
            v = a
            i += 1
        }
        // A fraction or an exponent is not an integer here: leave it to the reference decoder.
        guard i > start, i == b.count || (b[i] != 0x2E && b[i] != 0x65 && b[i] != 0x45) else { throw Unknown() }
        return negative ? -v : v
    }

    mutating func double() throws(Unknown) -> Double {
        ws()
        let start = i
        while i < b.count, (b[i] >= 0x30 && b[i] <= 0x39) || b[i] == 0x2D || b[i] == 0x2B || b[i] == 0x2E || b[i] == 0x65 || b[i] == 0x45 { i += 1 }
        guard i > start, let d = Double(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)) else { throw Unknown() }
        return d
    }

    /// A string, or nil for `null`.
    mutating func optionalString() throws(Unknown) -> String? {
        if peek() == 0x6E {  // null
            guard i + 4 <= b.count, b[i + 1] == 0x75, b[i + 2] == 0x6C, b[i + 3] == 0x6C else { throw Unknown() }
            i += 4
            return nil
        }
        return try string()
    }

    /// `"INC-0042"` read from the bytes; anything else through the model's own parser.
    mutating func incident() throws(Unknown) -> IncidentID {
        ws()
        let start = i
        if i + 6 <= b.count, b[i] == 0x22, b[i + 1] == 0x49, b[i + 2] == 0x4E, b[i + 3] == 0x43, b[i + 4] == 0x2D {  // "INC-
            var j = i + 5
            var n = 0
            while j < b.count, b[j] >= 0x30, b[j] <= 0x39, n < Int.max / 10 - 9 {
                n = n * 10 + Int(b[j] - 0x30)
                j += 1
            }
            if j < b.count, b[j] == 0x22, j > i + 5, n > 0 {
                i = j + 1
                return IncidentID(n)
            }
        }
        i = start
        guard let id = IncidentID(parsing: try string()) else { throw Unknown() }
        return id
    }

    /// A team id; stored ids are upper-case already, others are upper-cased as the model does.
    mutating func team() throws(Unknown) -> TeamID {
        ws()
        let start = i
        let raw = try string()
        var canonical = true
        for k in (start + 1)..<(i - 1) where b[k] >= 0x61 && b[k] <= 0x7A || b[k] >= 0x80 { canonical = false }
        return canonical ? TeamID(alreadyUppercased: raw) : TeamID(raw)
    }

    /// A level as written now ("II") or in older payloads (3).
    mutating func level() throws(Unknown) -> ResponseLevel {
        ws()
        if peek() == 0x22 {
            guard let l = ResponseLevel(stored: try string()) else { throw Unknown() }
            return l
        }
        guard let l = ResponseLevel(rawValue: try int()) else { throw Unknown() }
        return l
    }

    mutating func status() throws(Unknown) -> IncidentStatus {
        guard let s = IncidentStatus(rawValue: try string()) else { throw Unknown() }
        return s
    }

    mutating func teamStatus() throws(Unknown) -> TeamStatus {
        guard let s = TeamStatus(rawValue: try string()) else { throw Unknown() }
        return s
    }

    mutating func figures() throws(Unknown) -> Figures {
        var f = Figures()
        var seen = 0
        try object { r, key throws(Unknown) in
            switch key {
            case "deaths": f.deaths = try r.int()
            case "missing": f.missing = try r.int()
            case "seriouslyInjured": f.seriouslyInjured = try r.int()
            case "injured": f.injured = try r.int()
            case "evacuated": f.evacuated = try r.int()
            case "directLossCNY": f.directLossCNY = try r.int()
            default: throw Unknown()
            }
            seen += 1
        }
        guard seen == 6 else { throw Unknown() }
        return f
    }

    mutating func cell() throws(Unknown) -> Cell {
        var x: Int?, y: Int?
        try object { r, key throws(Unknown) in
            switch key {
            case "x": x = try r.int()
            case "y": y = try r.int()
            default: throw Unknown()
            }
        }
        guard let x, let y else { throw Unknown() }
        return Cell(x: x, y: y)
    }

    mutating func location() throws(Unknown) -> Location {
        var cell: Cell?, point: GeoPoint?
        try object { r, key throws(Unknown) in
            switch key {
            case "cell": cell = try r.cell()
            case "point":
                var lat: Double?, lon: Double?
                try r.object { r, key throws(Unknown) in
                    switch key {
                    case "lat": lat = try r.double()
                    case "lon": lon = try r.double()
                    default: throw Unknown()
                    }
                }
                guard let lat, let lon else { throw Unknown() }
                point = GeoPoint(lat: lat, lon: lon)
            default: throw Unknown()
            }
        }
        guard let cell else { throw Unknown() }
        return Location(cell: cell, point: point)
    }

    /// A point as entered, with its frame (`given`).
    mutating func given() throws(Unknown) -> GivenPoint? {
        if peek() == 0x6E {  // null
            guard try optionalString() == nil else { throw Unknown() }
            return nil
        }
        var lat: Double?, lon: Double?, datum: Datum?
        try object { r, key throws(Unknown) in
            switch key {
            case "lat": lat = try r.double()
            case "lon": lon = try r.double()
            case "datum":
                guard let d = Datum(rawValue: try r.string()) else { throw Unknown() }
                datum = d
            default: throw Unknown()
            }
        }
        guard let lat, let lon, let datum else { throw Unknown() }
        return GivenPoint(GeoPoint(lat: lat, lon: lon), datum: datum)
    }

    /// A place outside the city (`outside`): its code (if known) and bilingual name.
    mutating func outside() throws(Unknown) -> OutsidePlace? {
        if peek() == 0x6E {  // null
            guard try optionalString() == nil else { throw Unknown() }
            return nil
        }
        var code: String?, name: Bilingual?
        try object { r, key throws(Unknown) in
            switch key {
            case "code": code = try r.optionalString()
            case "name":
                var en: String?, zh: String?
                try r.object { r, key throws(Unknown) in
                    switch key {
                    case "en": en = try r.string()
                    case "zh": zh = try r.string()
                    default: throw Unknown()
                    }
                }
                guard let en, let zh else { throw Unknown() }
                name = Bilingual(en, zh)
            default: throw Unknown()
            }
        }
        guard let name else { throw Unknown() }
        return OutsidePlace(code: code, name: name)
    }

    mutating func report() throws(Unknown) -> IncidentReport {
        var id: IncidentID?, type: IncidentType?, title: String?, location: Location?, reporter: String?, figures: Figures?
        var district: String?, notes: String?, causedBy: IncidentID?, given: GivenPoint?, outside: OutsidePlace?
        try object { r, key throws(Unknown) in
            switch key {
            case "id": id = try r.incident()
            case "type":
                guard let t = IncidentType(rawValue: try r.string()) else { throw Unknown() }
                type = t
            case "title": title = try r.string()
            case "location": location = try r.location()
            case "reporter": reporter = try r.string()
            case "figures": figures = try r.figures()
            case "district": district = try r.optionalString()
            case "notes": notes = try r.optionalString()
            case "given": given = try r.given()
            case "outside": outside = try r.outside()
            // Older payloads carried the drill id; it is the log column's now, read from there.
            case "exercise": _ = try r.optionalString()
            case "causedBy":
                guard let text = try r.optionalString() else { return }
                guard let c = IncidentID(parsing: text) else { throw Unknown() }
                causedBy = c
            default: throw Unknown()
            }
        }
        guard let id, let type, let title, let location, let reporter, let figures else { throw Unknown() }
        return IncidentReport(
            id: id, type: type, title: title, location: location, district: district, reporter: reporter, figures: figures, notes: notes, causedBy: causedBy, given: given,
            outside: outside)
    }

    enum Kind {
        case reported, acknowledged, verified, figures, raised, lowered, status, cancelled, falseAlarm, closed, reopened, linked, checklist, note, filed
        case assigned, teamStatus, released
    }

    func kind(_ key: Key) throws(Unknown) -> Kind {
        guard let named = FastEventDecoder.kindNames.first(where: { key.matches($0.bytes) }), let kind = FastEventDecoder.fast(named.kind) else { throw Unknown() }
        return kind
    }

    /// `{"kind": {fields}}` for the kinds a year is made of.
    mutating func event() throws(Unknown) -> Event {
        var out: Event?
        try object { r, key throws(Unknown) in
            guard out == nil else { throw Unknown() }
            let kind = try r.kind(key)
            var incident: IncidentID?, team: TeamID?, text: String?, level: (ResponseLevel?, ResponseLevel?) = (nil, nil)
            var status: (IncidentStatus?, IncidentStatus?) = (nil, nil), teamStatus: (TeamStatus?, TeamStatus?) = (nil, nil)
            var cause: IncidentID?, report: IncidentReport?, figures: Figures?
            // Which field holds the text, per kind.
            let textKey: StaticString? =
                switch kind {
                case .raised, .lowered, .cancelled, .falseAlarm, .reopened: "reason"
                case .closed: "summary"
                case .checklist: "item"
                case .note: "text"
                case .filed: "stage"
                default: nil
                }
            try r.object { r, key throws(Unknown) in
                if let textKey, textKey ~= key {
                    text = try r.string()
                    return
                }
                switch key {
                case "incident": incident = try r.incident()
                case "team": team = try r.team()
                case "cause": cause = try r.incident()
                case "report": report = try r.report()
                case "figures": figures = try r.figures()
                case "from", "to":
                    let from = "from" ~= key
                    switch kind {
                    case .raised, .lowered:
                        if from { level.0 = try r.level() } else { level.1 = try r.level() }
                    case .status:
                        if from { status.0 = try r.status() } else { status.1 = try r.status() }
                    case .teamStatus:
                        if from { teamStatus.0 = try r.teamStatus() } else { teamStatus.1 = try r.teamStatus() }
                    default: throw Unknown()
                    }
                default: throw Unknown()
                }
            }
            switch kind {
            case .reported:
                guard let report else { throw Unknown() }
                out = .incidentReported(report: report)
            case .acknowledged:
                guard let incident else { throw Unknown() }
                out = .incidentAcknowledged(incident: incident)
            case .verified:
                guard let incident else { throw Unknown() }
                out = .incidentVerified(incident: incident)
            case .figures:
                guard let incident, let figures else { throw Unknown() }
                out = .figuresUpdated(incident: incident, figures: figures)
            case .raised, .lowered:
                guard let incident, let from = level.0, let to = level.1, let text else { throw Unknown() }
                out = kind == .raised ? .levelRaised(incident: incident, from: from, to: to, reason: text) : .levelLowered(incident: incident, from: from, to: to, reason: text)
            case .status:
                guard let incident, let from = status.0, let to = status.1 else { throw Unknown() }
                out = .statusChanged(incident: incident, from: from, to: to)
            case .cancelled, .falseAlarm, .closed, .reopened, .checklist, .note, .filed:
                guard let incident, let text else { throw Unknown() }
                switch kind {
                case .cancelled: out = .incidentCancelled(incident: incident, reason: text)
                case .falseAlarm: out = .incidentMarkedFalseAlarm(incident: incident, reason: text)
                case .closed: out = .incidentClosed(incident: incident, summary: text)
                case .reopened: out = .incidentReopened(incident: incident, reason: text)
                case .checklist: out = .checklistItemDone(incident: incident, item: text)
                case .note: out = .noteAdded(incident: incident, text: text)
                default: out = .reportFiled(incident: incident, stage: text)
                }
            case .linked:
                guard let incident, let cause else { throw Unknown() }
                out = .causeLinked(incident: incident, cause: cause)
            case .assigned, .released:
                guard let incident, let team else { throw Unknown() }
                out = kind == .assigned ? .teamAssigned(team: team, incident: incident) : .teamReleased(team: team, incident: incident)
            case .teamStatus:
                guard let team, let from = teamStatus.0, let to = teamStatus.1 else { throw Unknown() }
                out = .teamStatusChanged(team: team, from: from, to: to)
            }
        }
        ws()
        guard let out, i == b.count else { throw Unknown() }
        return out
    }
}
