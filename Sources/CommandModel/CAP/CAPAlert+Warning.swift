import Foundation

/// Why an alert does not become a warning, in both languages.
public struct CAPRefusal: Error, Hashable, Sendable {
    public var reason: Bilingual
}

/// What a CAP alert would put on the record: the warning command, where it falls, and where its
/// colour came from; its texts in every language it carries.
public struct CAPWarningPlan: Hashable, Sendable {
    public var command: Command
    public var footprint: CAPFootprint
    public var colourSource: CAPColourTable.Source
    /// Headline (else event) by language (`zh-CN`, `en-US`), for the console's language.
    public var headlines: [String: String]
}

extension CAPAlert {
    /// The hazard an alert's event names (in any of its languages), else `other`.
    public var hazard: IncidentType {
        for info in infos {
            let e = info.event.trimmingCharacters(in: .whitespaces)
            if let t = IncidentType(parsing: e.lowercased()) { return t }
            if let t = IncidentType.allCases.first(where: { $0 != .other && (e.contains($0.name.zh) || e.lowercased().contains($0.name.en)) }) { return t }
        }
        return .other
    }

    /// A new alert (`Alert`, status `Actual`) as a warning over the districts its areas touch.
    /// Refused: an exercise, test, system or draft alert (never a real warning); an alert with no
    /// `<info>`; one wholly outside the map. Updates and cancels are refused here: they change
    /// the warnings their references made, which only the record knows (``CAPCommand``).
    public func warningPlan(on grid: Grid, colours: CAPColourTable) throws(CAPRefusal) -> CAPWarningPlan {
        guard isReal else {
            throw CAPRefusal(
                reason: Bilingual("\(identifier) has status \(status.rawValue): it never becomes a real warning", "\(identifier) 状态为 \(status.rawValue)：不会成为真实预警"))
        }
        guard let first = infos.first else { throw CAPRefusal(reason: Bilingual("\(identifier) has no <info>: nothing to warn of", "\(identifier) 没有 <info>：无预警内容")) }
        switch msgType {
        case .alert: break
        case .update, .cancel, .ack, .error:
            throw CAPRefusal(
                reason: Bilingual("\(identifier) is an \(msgType.rawValue): it changes warnings on the record (CAPCommand)", "\(identifier) 为 \(msgType.rawValue)：它更改记录中的预警（CAPCommand）"))
        }
        let m = message(on: grid, colours: colours)
        if m.outsideMap { throw CAPRefusal(reason: Bilingual("\(identifier): no area of the alert lies on this map", "\(identifier)：警报区域均不在本地图内")) }
        var headlines: [String: String] = [:]
        for t in m.texts { headlines[t.language] = t.headline ?? t.event }
        return CAPWarningPlan(
            command: .area(.issueWarning(hazard: m.hazard, color: m.color, districts: m.districts, authority: m.authority, expires: m.expires)), footprint: footprint(on: grid),
            colourSource: colours.colour(of: first).1, headlines: headlines)
    }

    /// The areas of every language block (they should agree; a union loses nothing), each
    /// `<area>` taken by its geocodes when one names a district of the map (the China profile's
    /// districts are the authority; a polygon drawn round them spills into neighbours), else by
    /// its shapes.
    public func footprint(on grid: Grid) -> CAPFootprint {
        guard let first = infos.first else { return CAPFootprint(cells: [], districts: [], unknownCodes: [], outsideMap: false) }
        var all = first
        all.areas = infos.flatMap(\.areas).map { area in
            var byCode = area
            byCode.polygons = []
            byCode.circles = []
            var probe = first
            probe.areas = [byCode]
            return probe.footprint(on: grid).districts.isEmpty ? area : byCode
        }
        var f = all.footprint(on: grid)
        var seen: Set<CAPValue> = []
        f.unknownCodes = f.unknownCodes.filter { seen.insert($0).inserted }
        return f
    }

    /// The alert as the decider takes it: its texts bounded (cut with "…"), its areas placed on
    /// `grid`, its colour from the alert or the table (an alert with no `<info>`, a cancel
    /// say, gets the table's last row and no area).
    public func message(on grid: Grid, colours: CAPColourTable) -> CAPMessage {
        func cut(_ s: String?, _ n: Int = Limits.text) -> String? {
            guard let s else { return nil }
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
            return t.count > n ? String(t.prefix(n - 1)) + "…" : t
        }
        let texts = infos.prefix(Limits.list).map { i in
            CAPText(
                language: cut(i.language, Limits.name) ?? "", event: cut(i.event) ?? "", headline: cut(i.headline), description: cut(i.description), instruction: cut(i.instruction))
        }
        let f = footprint(on: grid)
        let colour = infos.first.map { colours.colour(of: $0).0 } ?? colours.colour(severity: "", urgency: "", certainty: "")
        let districts = f.districts.count == grid.districts.count ? [] : f.districts
        let hasArea = infos.contains { !$0.areas.isEmpty }
        return CAPMessage(
            sender: sender, identifier: identifier, sent: sent, status: status, msgType: msgType, references: references, texts: Array(texts), hazard: hazard, color: colour,
            districts: districts, outsideMap: f.outsideMap || (hasArea && f.cells.isEmpty) || !hasArea && msgType != .cancel, expires: infos.compactMap(\.expires).min(),
            authority: cut(infos.first?.senderName ?? sender, Limits.name) ?? sender, unknownCodes: f.unknownCodes.prefix(Limits.list).map { "\($0.name) \($0.value)" })
    }
}
