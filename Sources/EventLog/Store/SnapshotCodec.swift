import CommandModel
import Foundation

/// A compact binary encoding of `CommandState` for snapshots: a year's state (85,000
/// incidents) decodes in a fraction of the time JSON takes, which is what makes start-up fast.
///
/// Enums are written as their raw strings, so reordering cases cannot silently change meaning;
/// any change to the layout bumps `SQLiteEventStore.modelVersion`, and older snapshots are then
/// ignored (the log is replayed instead).
///
/// A snapshot can be split (``SQLiteEventStore``'s): the closed incidents go into an archive of
/// their own, saved less often and read only when something asks for one, and the snapshot
/// keeps a reference to it (its event, count, highest id and digest).
enum SnapshotCodec {
    /// What a split snapshot knows of its archive.
    struct ArchiveReference: Equatable {
        var sequence: Int64
        var count: Int
        var highest: Int
        var digest: String
    }

    /// The whole state in one piece (every incident, the archive's read in).
    static func encode(_ s: CommandState) -> Data {
        encode(s, incidents: s.incidents.all, archive: nil, shadowed: [])
    }

    /// The state with `incidents` in place of its own, referring to `archive` for the rest.
    static func encode(_ state: CommandState, incidents: [IncidentID: Incident], archive: ArchiveReference?, shadowed: Set<IncidentID>) -> Data {
        // What a drill's key opened never reaches the file: sealed drills as their frames.
        let s = state.sealedView()
        var w = BinaryWriter()
        w.int(s.sequence); w.int(s.journalSequence); w.int(s.nextIncident); w.int(s.nextResponse); w.int(s.nextWarning)
        w.optional(archive) { w, a in
            w.int(a.sequence); w.int(a.count); w.int(a.highest); w.string(a.digest)
        }
        w.int(shadowed.count)
        for id in shadowed.sorted() { w.int(id.number) }
        // Each incident a record of its own: id, open or not, length, bytes (model 15), so a
        // reader can decode the ones it touches and skip the rest.
        w.int(incidents.count)
        var record = BinaryWriter()
        for i in incidents.values.sorted(by: { $0.id < $1.id }) {
            record.bytes.removeAll(keepingCapacity: true)
            record.incident(i)
            w.int(i.id.number); w.bool(i.isActive); w.int(record.bytes.count)
            w.bytes.append(contentsOf: record.bytes)
        }
        w.int(s.teams.count)
        for t in s.teams.values.sorted(by: { $0.id < $1.id }) { w.team(t) }
        w.int(s.responses.count)
        for r in s.responses.values.sorted(by: { $0.id < $1.id }) { w.response(r) }
        w.int(s.warnings.count)
        for x in s.warnings.values.sorted(by: { $0.id < $1.id }) { w.warning(x) }
        w.int(s.pages.count)
        for p in s.pages.values.sorted(by: { $0.id < $1.id }) { w.page(p) }
        // Drills are few and rich: JSON inside the binary.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        w.string(String(decoding: (try? encoder.encode(s.drills)) ?? Data("{}".utf8), as: UTF8.self))
        w.optional(s.roster) { w, r in
            w.string(r.digest); w.string(r.source); w.date(r.at); w.string(r.by)
        }
        // Facilities are a few hundred: JSON too.
        w.string(String(decoding: (try? encoder.encode(s.facilities.values.sorted { $0.id < $1.id })) ?? Data("[]".utf8), as: UTF8.self))
        w.string(String(decoding: (try? encoder.encode(s.shelters.sorted { $0.key < $1.key }.map { ShelterEntry(id: $0.key, use: $0.value) })) ?? Data("[]".utf8), as: UTF8.self))
        // Stock and supply requests: JSON too (a depot holds tens of items; requests are hundreds).
        w.string(String(decoding: (try? encoder.encode(s.stock.sorted { $0.key < $1.key }.map { StockEntry(depot: $0.key, lines: $0.value) })) ?? Data("[]".utf8), as: UTF8.self))
        w.string(String(decoding: (try? encoder.encode(s.supplyRequests.values.sorted { $0.id < $1.id })) ?? Data("[]".utf8), as: UTF8.self))
        w.string(String(decoding: (try? encoder.encode(s.aidRequests.values.sorted { $0.id < $1.id })) ?? Data("[]".utf8), as: UTF8.self))
        // Situation reports (metadata and hashes; their texts are in the log): JSON too.
        w.string(String(decoding: (try? encoder.encode(s.sitreps.values.sorted { $0.incident < $1.incident })) ?? Data("[]".utf8), as: UTF8.self))
        w.string(String(decoding: (try? encoder.encode(s.evaluators.values.sorted { $0.drill < $1.drill })) ?? Data("[]".utf8), as: UTF8.self))
        w.string(String(decoding: (try? encoder.encode(s.correctiveActions.values.sorted { $0.action.id < $1.action.id })) ?? Data("[]".utf8), as: UTF8.self))
        w.optional(s.lastHandover) { w, h in w.string(String(decoding: (try? encoder.encode(h)) ?? Data("{}".utf8), as: UTF8.self)) }
        // Feeds (model 9): the receipts and positions, JSON too.
        w.string(String(decoding: (try? encoder.encode(s.feeds.receipts.values.sorted { $0.key < $1.key })) ?? Data("[]".utf8), as: UTF8.self))
        w.string(String(decoding: (try? encoder.encode(s.feeds.positions.values.sorted { $0.feed < $1.feed })) ?? Data("[]".utf8), as: UTF8.self))
        // CAP alerts (model 13): their receipts, JSON too (the index is rebuilt from them).
        w.string(String(decoding: (try? encoder.encode(s.cap.receipts.values.sorted { $0.key < $1.key })) ?? Data("[]".utf8), as: UTF8.self))
        // Links with other centres (model 15): outbox, inbox, requests made of us, JSON too.
        // (Most centres link with none: "{}", read without a decoder.)
        w.string(s.centres == CentreLinks() ? "{}" : String(decoding: (try? encoder.encode(s.centres)) ?? Data("{}".utf8), as: UTF8.self))
        return Data(w.bytes)
    }

    /// The archive a split snapshot refers to, without decoding the rest.
    static func archiveReference(_ data: Data) -> ArchiveReference?? {
        data.withUnsafeBytes { raw -> ArchiveReference?? in
            var r = BinaryReader(raw)
            guard r.int64() != nil, r.int64() != nil, r.int() != nil, r.int() != nil, r.int() != nil else { return nil }
            return r.optional { r in r.archiveReference() }
        }
    }

    /// The state; a split snapshot's archive comes from `archive` (nil: the snapshot cannot be
    /// used). Anything that is not a fold of some log (counters, shadowed ids) gives nil.
    ///
    /// With `rebuild`, incidents are decoded lazily: the state keeps the snapshot's bytes and
    /// decodes each incident on first use (``IncidentRecords``); a record that then fails to
    /// decode is taken from `rebuild(sequence, journal)`, the log folded again up to the
    /// snapshot. Without it, every record is decoded and checked now (`verify`, tests).
    static func decode(
        _ data: Data, archive: (ArchiveReference) -> IncidentArchive? = { _ in nil },
        rebuild: (@Sendable (_ sequence: Int64, _ journal: Int64) -> [IncidentID: Incident])? = nil
    ) -> CommandState? {
        data.withUnsafeBytes { raw -> CommandState? in
            var r = BinaryReader(raw)
            guard let seq = r.int64(), let jseq = r.int64(), let ni = r.int(), let nr = r.int(), let nw = r.int(),
                let reference = r.optional({ r in r.archiveReference() }), let sc = r.count()
            else { return nil }
            let archived: IncidentArchive?
            if let reference {
                guard let a = archive(reference), a.count == reference.count, a.highest == reference.highest, a.sequence == reference.sequence, a.sequence <= seq else { return nil }
                archived = a
            } else {
                archived = nil
            }
            var shadowed = Set<IncidentID>()
            for _ in 0..<sc {
                guard let n = r.int(), n > 0, n <= (reference?.highest ?? 0) else { return nil }
                shadowed.insert(IncidentID(n))
            }
            // The records' headers: ids ascending, each one's bytes within the snapshot.
            guard let ic = r.count() else { return nil }
            var ids: [IncidentID] = []
            // (Start and end, not `Range<Int>`: making that generic type on first use asks the
            // runtime whether Int is Comparable, a scan of every conformance in the binary.)
            var spans: [(start: Int, end: Int)] = []
            var flags: [Bool] = []
            ids.reserveCapacity(ic); spans.reserveCapacity(ic); flags.reserveCapacity(ic)
            var active = Set<IncidentID>(minimumCapacity: ic)
            for _ in 0..<ic {
                guard let n = r.int(), n > (ids.last?.number ?? 0), let open = r.bool(), let length = r.count() else { return nil }
                ids.append(IncidentID(n)); flags.append(open); spans.append((r.at, r.at + length))
                if open { active.insert(IncidentID(n)) }
                r.at += length
            }
            let (recordIDs, recordSpans, recordFlags) = (ids, spans, flags)
            /// The `k`th record, if it decodes as the incident its header names.
            @Sendable func record(_ bytes: UnsafeRawBufferPointer, _ k: Int) -> Incident? {
                var rr = BinaryReader(UnsafeRawBufferPointer(rebasing: bytes[recordSpans[k].start..<recordSpans[k].end]))
                guard let i = rr.incident(), rr.atEnd, i.id == recordIDs[k], i.isActive == recordFlags[k] else { return nil }
                return i
            }
            var incidents: [IncidentID: Incident] = [:]
            if rebuild == nil {
                incidents.reserveCapacity(ic)
                for k in ids.indices {
                    guard let i = record(raw, k) else { return nil }
                    incidents[i.id] = i
                }
            }
            // A shadowed id names an archived incident whose newer copy is here (the ids ascend:
            // searched, not hashed into a set of 10,000 for a handful).
            guard shadowed.allSatisfy({ ids.index(ofSorted: $0) != nil }), (reference?.count ?? 0) >= shadowed.count else { return nil }
            guard let tc = r.count() else { return nil }
            var teams: [TeamID: Team] = [:]
            teams.reserveCapacity(tc)
            for _ in 0..<tc {
                guard let t = r.team() else { return nil }
                teams[t.id] = t
            }
            guard let rc = r.count() else { return nil }
            var responses: [ResponseID: EmergencyResponse] = [:]
            responses.reserveCapacity(rc)
            for _ in 0..<rc {
                guard let x = r.response() else { return nil }
                responses[x.id] = x
            }
            guard let wc = r.count() else { return nil }
            var warnings: [WarningID: Warning] = [:]
            warnings.reserveCapacity(wc)
            for _ in 0..<wc {
                guard let x = r.warning() else { return nil }
                warnings[x.id] = x
            }
            guard let pc = r.count() else { return nil }
            var pages: [String: Page] = [:]
            pages.reserveCapacity(pc)
            for _ in 0..<pc {
                guard let p = r.page() else { return nil }
                pages[p.id] = p
            }
            guard let drillsJSON = r.string(), let drills = decodeDrills(drillsJSON) else { return nil }
            guard
                let roster = r.optional({ r -> AdoptedRoster? in
                    guard let d = r.string(), let s = r.string(), let at = r.date(), let by = r.string() else { return nil }
                    return AdoptedRoster(digest: d, source: s, at: at, by: by)
                }), let facilitiesJSON = r.string(), let facilityList = list(facilitiesJSON, of: Facility.self),
                let sheltersJSON = r.string(), let shelterList = list(sheltersJSON, of: ShelterEntry.self),
                let stockJSON = r.string(), let stockList = list(stockJSON, of: StockEntry.self),
                let requestsJSON = r.string(), let requestList = list(requestsJSON, of: SupplyRequest.self),
                let aidJSON = r.string(), let aidList = list(aidJSON, of: AidRequest.self),
                let sitrepJSON = r.string(), let sitrepList = list(sitrepJSON, of: SitrepHistory.self),
                let evaluatorsJSON = r.string(), let evaluatorList = list(evaluatorsJSON, of: DrillEvaluatorRecord.self),
                let actionsJSON = r.string(), let actionList = list(actionsJSON, of: CorrectiveActionState.self),
                let handover = r.optional({ r -> HandoverRecord? in r.string().flatMap { try? JSONDecoder().decode(HandoverRecord.self, from: Data($0.utf8)) } }),
                let receiptsJSON = r.string(), let receipts = list(receiptsJSON, of: FeedReceipt.self),
                let positionsJSON = r.string(), let positions = list(positionsJSON, of: FeedPosition.self),
                let capJSON = r.string(), let capReceipts = list(capJSON, of: CAPReceipt.self),
                let centresJSON = r.string(), let centres = centresJSON == "{}" ? CentreLinks() : try? JSONDecoder().decode(CentreLinks.self, from: Data(centresJSON.utf8)), r.atEnd
            else { return nil }
            let facilities = Dictionary(facilityList.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let shelters = Dictionary(shelterList.map { ($0.id, $0.use) }, uniquingKeysWith: { a, _ in a })
            let stock = Dictionary(stockList.map { ($0.depot, $0.lines) }, uniquingKeysWith: { a, _ in a })
            let requests = Dictionary(requestList.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let aid = Dictionary(aidList.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            // The counters give the next ids: one below an id in use would hand it out again
            // (a second "INC-0001 reported"). A snapshot that says so is not a fold of any log.
            // A fold gives exactly the id after the highest in use (1 for none): anything else,
            // below (an id handed out twice) or above (ids skipped, up to a trap at the top of
            // the range), is not a fold of any log.
            func next(_ highest: Int?) -> Int { (highest ?? 0) == .max ? .max : (highest ?? 0) + 1 }
            let highest = max(ids.last?.number ?? 0, reference.map { $0.count > 0 ? $0.highest : 0 } ?? 0)
            guard ni == next(highest == 0 ? nil : highest), nr == next(responses.keys.max()?.number), nw == next(warnings.keys.max()?.number) else { return nil }
            var records: IncidentRecords?
            if let rebuild {
                let bytes = data
                records = IncidentRecords(
                    ids: ids, read: { k in bytes.withUnsafeBytes { record($0, k) } },
                    rebuild: { rebuild(seq, jseq) })
            }
            var state = CommandState(
                restoring: incidents, teams: teams, responses: responses, warnings: warnings, pages: pages, drills: drills, roster: roster, facilities: facilities, shelters: shelters, stock: stock,
                supplyRequests: requests, aidRequests: aid, feeds: FeedIndex(receipts: receipts, positions: positions), cap: CAPIndex(receipts: capReceipts), sequence: seq,
                journalSequence: jseq, nextIncident: ni,
                nextResponse: nr,
                nextWarning: nw, archive: archived, shadowed: shadowed, records: records, activeIDs: active)
            state.restoreSitreps(sitrepList)
            state.restoreHandover(handover)
            state.restoreEvaluators(evaluatorList)
            state.restoreCorrectiveActions(actionList)
            state.restoreCentres(centres)
            return state
        }
    }

    /// An archive's bytes: its closed incidents, by id.
    static func encodeArchive(_ incidents: [Incident]) -> Data {
        var w = BinaryWriter()
        w.int(incidents.count)
        for i in incidents.sorted(by: { $0.id < $1.id }) { w.incident(i) }
        return Data(w.bytes)
    }

    static func decodeArchive(_ data: Data) -> [IncidentID: Incident]? {
        data.withUnsafeBytes { raw -> [IncidentID: Incident]? in
            var r = BinaryReader(raw)
            guard let n = r.count() else { return nil }
            var incidents: [IncidentID: Incident] = [:]
            incidents.reserveCapacity(n)
            for _ in 0..<n {
                guard let i = r.incident(), !i.isActive, incidents[i.id] == nil else { return nil }
                incidents[i.id] = i
            }
            return r.atEnd ? incidents : nil
        }
    }
}

/// A JSON list, the empty one without a decoder (most sections of most snapshots are empty, and
/// a decoder's first use of a type costs a scan of the binary's type conformances).
private func list<T: Decodable>(_ json: String, of: T.Type) -> [T]? {
    json == "[]" ? [] : try? JSONDecoder().decode([T].self, from: Data(json.utf8))
}

private func decodeDrills(_ json: String) -> [String: DrillRun]? {
    json == "{}" ? [:] : try? JSONDecoder().decode([String: DrillRun].self, from: Data(json.utf8))
}

struct BinaryWriter {
    var bytes: [UInt8] = []

    mutating func int<I: BinaryInteger>(_ v: I) {
        // Zig-zag varint.
        let x = Int64(v)
        var u = UInt64(bitPattern: (x << 1) ^ (x >> 63))
        while u >= 0x80 {
            bytes.append(UInt8(u & 0x7F) | 0x80)
            u >>= 7
        }
        bytes.append(UInt8(u))
    }
    mutating func bool(_ b: Bool) { bytes.append(b ? 1 : 0) }
    mutating func double(_ d: Double) {
        var bits = d.bitPattern
        for _ in 0..<8 {
            bytes.append(UInt8(bits & 0xFF))
            bits >>= 8
        }
    }
    mutating func date(_ d: Date) { double(d.timeIntervalSince1970) }
    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { buf in
            int(buf.count)
            bytes.append(contentsOf: buf)
        }
    }
    mutating func optional<T>(_ v: T?, _ write: (inout BinaryWriter, T) -> Void) {
        if let v {
            bool(true)
            write(&self, v)
        } else {
            bool(false)
        }
    }
    mutating func strings(_ a: [String]) {
        int(a.count)
        for s in a { string(s) }
    }
    mutating func dates(_ d: [String: Date]) {
        int(d.count)
        for (k, v) in d.sorted(by: { $0.key < $1.key }) {
            string(k)
            date(v)
        }
    }
    mutating func cell(_ c: Cell) { int(c.x); int(c.y) }

    mutating func incident(_ i: Incident) {
        int(i.id.number); string(i.type.rawValue); string(i.title)
        cell(i.location.cell)
        optional(i.location.point) { w, p in
            w.double(p.lat); w.double(p.lon)
        }
        optional(i.district) { $0.string($1) }
        string(i.reporter)
        for f in Figures.Field.allCases { int(i.figures[f]) }
        string(i.status.rawValue); int(i.level.rawValue)
        int(i.levels.count)
        for l in i.levels { int(l.from.rawValue); int(l.to.rawValue); string(l.reason); date(l.at); string(l.by) }
        int(i.statuses.count)
        for st in i.statuses { string(st.to.rawValue); date(st.at); string(st.by) }
        strings(i.teams.map(\.raw))
        optional(i.causedBy) { $0.int($1.number) }
        optional(i.exercise) { $0.string($1) }
        bool(i.verified)
        strings(i.notes)
        dates(i.checklistDone)
        dates(i.reportsFiled)
        optional(i.response) { $0.int($1.number) }
        optional(i.summary) { $0.string($1) }
        optional(i.outside) { w, o in
            w.string(o.code ?? ""); w.string(o.name.en); w.string(o.name.zh)
        }
        double(i.pace)
    }

    mutating func team(_ t: Team) {
        string(t.profile.id.raw); string(t.profile.name.en); string(t.profile.name.zh)
        strings(t.profile.capabilities.map(\.rawValue))
        cell(t.profile.base)
        optional(t.profile.district) { $0.string($1) }
        optional(t.profile.home) { $0.string($1) }
        string(t.status.rawValue)
        optional(t.incident) { $0.int($1.number) }
        date(t.since)
    }

    mutating func response(_ r: EmergencyResponse) {
        int(r.id.number); string(r.hazard.rawValue)
        int(r.levels.count)
        for (k, v) in r.levels.sorted(by: { $0.key < $1.key }) { string(k); int(v.rawValue) }
        int(r.history.count)
        for h in r.history { int(h.level.rawValue); strings(h.districts); string(h.reason); date(h.at); string(h.by) }
        optional(r.ended) { $0.date($1) }
        optional(r.exercise) { $0.string($1) }
    }

    mutating func page(_ p: Page) {
        string(p.id); int(p.incident.number); string(p.policy); string(p.trigger.rawValue); int(p.index); string(p.person)
        optional(p.role) { $0.string($1.rawValue) }
        date(p.sentAt)
        optional(p.acknowledgedAt) { $0.date($1) }
        optional(p.acknowledgedBy) { $0.string($1) }
        int(p.notifyAttempts)
        optional(p.notifyError) { $0.string($1) }
        optional(p.notifiedAt) { $0.date($1) }
        optional(p.cancelledAt) { $0.date($1) }
    }

    mutating func warning(_ x: Warning) {
        int(x.id.number); string(x.hazard.rawValue); int(x.color.rawValue)
        strings(x.districts); string(x.authority); date(x.issued)
        optional(x.expires) { $0.date($1) }
        optional(x.lifted) { $0.date($1) }
        optional(x.exercise) { $0.string($1) }
        optional(x.supersededBy) { $0.int($1.number) }
    }
}

struct BinaryReader {
    let base: UnsafeRawBufferPointer
    var at = 0

    init(_ base: UnsafeRawBufferPointer) { self.base = base }

    var atEnd: Bool { at == base.count }

    mutating func int64() -> Int64? {
        var u: UInt64 = 0
        var shift: UInt64 = 0
        while at < base.count {
            let b = base[at]
            at += 1
            u |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1))) }
            shift += 7
            if shift > 63 { return nil }
        }
        return nil
    }
    mutating func int() -> Int? { int64().map { Int($0) } }
    /// A count of items that follow: never negative, and never more than the bytes left (each
    /// item takes at least one), so a damaged count cannot trap or reserve gigabytes.
    mutating func count() -> Int? {
        guard let n = int(), n >= 0, n <= base.count - at else { return nil }
        return n
    }
    mutating func bool() -> Bool? {
        guard at < base.count else { return nil }
        defer { at += 1 }
        return base[at] != 0
    }
    mutating func double() -> Double? {
        guard at + 8 <= base.count else { return nil }
        var bits: UInt64 = 0
        for k in 0..<8 { bits |= UInt64(base[at + k]) << (8 * UInt64(k)) }
        at += 8
        return Double(bitPattern: bits)
    }
    mutating func date() -> Date? { double().map { Date(timeIntervalSince1970: $0) } }
    mutating func string() -> String? {
        guard let n = int(), n >= 0, n <= base.count - at else { return nil }
        defer { at += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: base[at..<(at + n)]), as: UTF8.self)
    }
    mutating func optional<T>(_ read: (inout BinaryReader) -> T?) -> T?? {
        guard let present = bool() else { return nil }
        guard present else { return .some(nil) }
        guard let v = read(&self) else { return nil }
        return .some(v)
    }
    mutating func strings() -> [String]? {
        guard let n = count() else { return nil }
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            guard let s = string() else { return nil }
            out.append(s)
        }
        return out
    }
    mutating func dates() -> [String: Date]? {
        guard let n = count() else { return nil }
        var out: [String: Date] = [:]
        for _ in 0..<n {
            guard let k = string(), let v = date() else { return nil }
            out[k] = v
        }
        return out
    }
    mutating func cell() -> Cell? {
        guard let x = int(), let y = int() else { return nil }
        return Cell(x: x, y: y)
    }
    mutating func level() -> ResponseLevel? { int().flatMap(ResponseLevel.init(rawValue:)) }

    mutating func archiveReference() -> SnapshotCodec.ArchiveReference? {
        guard let seq = int64(), let count = count(), let highest = int(), let digest = string(), highest >= 0, count == 0 || highest > 0 else { return nil }
        return SnapshotCodec.ArchiveReference(sequence: seq, count: count, highest: highest, digest: digest)
    }

    mutating func incident() -> Incident? {
        guard let n = int(), n > 0, let type = string().flatMap(IncidentType.init(rawValue:)), let title = string(), let c = cell(),
            let point = optional({ r -> GeoPoint? in
                guard let lat = r.double(), let lon = r.double() else { return nil }
                return GeoPoint(lat: lat, lon: lon)
            }),
            let district = optional({ $0.string() }), let reporter = string()
        else { return nil }
        var figures = Figures()
        for f in Figures.Field.allCases {
            guard let v = int() else { return nil }
            figures[f] = v
        }
        guard let status = string().flatMap(IncidentStatus.init(rawValue:)), let level = level(), let lc = count() else { return nil }
        var levels: [LevelStep] = []
        for _ in 0..<lc {
            guard let from = self.level(), let to = self.level(), let reason = string(), let at = date(), let by = string() else { return nil }
            levels.append(LevelStep(from: from, to: to, reason: reason, at: at, by: by))
        }
        guard let sc = count() else { return nil }
        var statuses: [StatusStep] = []
        statuses.reserveCapacity(sc)
        for _ in 0..<sc {
            guard let to = string().flatMap(IncidentStatus.init(rawValue:)), let at = date(), let by = string() else { return nil }
            statuses.append(StatusStep(to: to, at: at, by: by))
        }
        guard let teams = strings(), let causedBy = optional({ $0.int() }), let exercise = optional({ $0.string() }), let verified = bool(),
            let notes = strings(), let checklist = dates(), let filed = dates(), let response = optional({ $0.int() }), let summary = optional({ $0.string() }),
            let outside = optional({ r -> OutsidePlace? in
                guard let code = r.string(), let en = r.string(), let zh = r.string() else { return nil }
                return OutsidePlace(code: code.isEmpty ? nil : code, name: Bilingual(en, zh))
            }),
            let pace = double()
        else { return nil }
        var incident = Incident(
            id: IncidentID(n), type: type, title: title, location: Location(cell: c, point: point), district: district, reporter: reporter,
            figures: figures, status: status, level: level, levels: levels, statuses: statuses, teams: teams.map { TeamID($0) },
            causedBy: causedBy.flatMap { $0 > 0 ? IncidentID($0) : nil }, exercise: exercise, verified: verified, notes: notes,
            checklistDone: checklist, reportsFiled: filed, response: response.map(ResponseID.init), summary: summary)
        incident.outside = outside
        incident.pace = pace
        return incident
    }

    mutating func team() -> Team? {
        guard let id = string(), let en = string(), let zh = string(), let caps = strings(), let base = cell(), let district = optional({ $0.string() }),
            let home = optional({ $0.string() }), let status = string().flatMap(TeamStatus.init(rawValue:)), let incident = optional({ $0.int() }), let since = date()
        else { return nil }
        return Team(
            profile: TeamProfile(id: TeamID(id), name: Bilingual(en, zh), capabilities: caps.compactMap(Capability.init(rawValue:)), base: base, district: district, home: home),
            status: status, incident: incident.flatMap { $0 > 0 ? IncidentID($0) : nil }, since: since)
    }

    mutating func response() -> EmergencyResponse? {
        guard let n = int(), let hazard = string().flatMap(IncidentType.init(rawValue:)), let lc = count() else { return nil }
        var levels: [String: ResponseLevel] = [:]
        for _ in 0..<lc {
            guard let k = string(), let v = level() else { return nil }
            levels[k] = v
        }
        guard let hc = count() else { return nil }
        var history: [ResponseStep] = []
        for _ in 0..<hc {
            guard let l = level(), let d = strings(), let reason = string(), let at = date(), let by = string() else { return nil }
            history.append(ResponseStep(level: l, districts: d, reason: reason, at: at, by: by))
        }
        guard let ended = optional({ $0.date() }), let exercise = optional({ $0.string() }) else { return nil }
        return EmergencyResponse(id: ResponseID(n), hazard: hazard, levels: levels, history: history, ended: ended, exercise: exercise)
    }

    mutating func page() -> Page? {
        guard let id = string(), let n = int(), n > 0, let policy = string(), let trigger = string().flatMap(EscalationTrigger.init(rawValue:)),
            let index = int(), let person = string(), let role = optional({ $0.string().flatMap(DutyRole.init(rawValue:)) }), let sent = date(),
            let acked = optional({ $0.date() }), let by = optional({ $0.string() }), let attempts = int(),
            let notifyError = optional({ $0.string() }), let notifiedAt = optional({ $0.date() }), let cancelledAt = optional({ $0.date() })
        else { return nil }
        var p = Page(id: id, incident: IncidentID(n), policy: policy, trigger: trigger, index: index, person: person, role: role, sentAt: sent)
        p.acknowledgedAt = acked
        p.acknowledgedBy = by
        p.notifyAttempts = attempts
        p.notifyError = notifyError
        p.notifiedAt = notifiedAt
        p.cancelledAt = cancelledAt
        return p
    }

    mutating func warning() -> Warning? {
        guard let n = int(), let hazard = string().flatMap(IncidentType.init(rawValue:)), let color = int().flatMap(WarningColor.init(rawValue:)),
            let districts = strings(), let authority = string(), let issued = date(), let expires = optional({ $0.date() }),
            let lifted = optional({ $0.date() }), let exercise = optional({ $0.string() }), let supersededBy = optional({ $0.int() })
        else { return nil }
        return Warning(
            id: WarningID(n), hazard: hazard, color: color, districts: districts, authority: authority, issued: issued, expires: expires, lifted: lifted, exercise: exercise,
            supersededBy: supersededBy.map { WarningID($0) })
    }
}

/// A shelter's use in a snapshot (JSON keeps the id beside it).
private struct ShelterEntry: Codable {
    var id: FacilityID
    var use: ShelterUse
}

/// A depot's stock in a snapshot.
private struct StockEntry: Codable {
    var depot: FacilityID
    var lines: [String: StockLine]
}
