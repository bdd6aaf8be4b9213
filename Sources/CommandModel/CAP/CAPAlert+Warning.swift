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
    /// the warnings their references made (not yet on the record, see #15).
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
                reason: Bilingual("\(identifier) is an \(msgType.rawValue): only new alerts are turned into warnings so far", "\(identifier) 为 \(msgType.rawValue)：目前只有新警报会转为预警"))
        }
        // The areas of every language block (they should agree; a union loses nothing).
        var all = first
        all.areas = infos.flatMap(\.areas)
        let footprint = all.footprint(on: grid)
        if footprint.outsideMap || footprint.cells.isEmpty {
            throw CAPRefusal(reason: Bilingual("\(identifier): no area of the alert lies on this map", "\(identifier)：警报区域均不在本地图内"))
        }
        let (colour, source) = colours.colour(of: first)
        let districts = footprint.districts.count == grid.districts.count ? [] : footprint.districts
        let authority = String((first.senderName ?? sender).prefix(Limits.name))
        let expires = infos.compactMap(\.expires).min()
        var headlines: [String: String] = [:]
        for info in infos { headlines[info.language] = info.headline ?? info.event }
        return CAPWarningPlan(
            command: .area(.issueWarning(hazard: hazard, color: colour, districts: districts, authority: authority, expires: expires)), footprint: footprint, colourSource: source,
            headlines: headlines)
    }
}
