import Foundation

/// Depots' stock and supply requests: received and issued on the record, requested for an
/// incident or a shelter, approved, promised by depots in part or whole, sent, delivered.
public enum SupplyCommand: Hashable, Sendable {
    case receive(FacilityID, ItemQuantity, note: String)
    case issue(FacilityID, ItemQuantity, note: String)
    case setMinimum(FacilityID, ItemQuantity)
    case request(incident: IncidentID?, shelter: FacilityID?, items: [ItemQuantity], priority: SupplyPriority, neededBy: Date?)
    case approve(String)
    /// A depot promises part or all of a request.
    case commit(String, depot: FacilityID, items: [ItemQuantity])
    /// What a depot promised leaves it.
    case dispatch(String, depot: FacilityID)
    /// What a depot sent has arrived.
    case deliver(String, depot: FacilityID)
}

extension SupplyCommand: DomainCommand {
    public var incident: IncidentID? {
        switch self {
        case let .request(i, _, _, _, _): i
        case .receive, .issue, .setMinimum, .approve, .commit, .dispatch, .deliver: nil
        }
    }

    func boundViolation(now: Date) -> BoundViolation? {
        func items(_ list: [ItemQuantity]) -> BoundViolation? {
            if list.count > Limits.list { return .list(Bilingual("items", "物资"), list.count) }
            for l in list {
                if l.quantity > Limits.figure { return .count(Bilingual("quantity of \(l.item)", "\(l.item) 数量"), l.quantity) }
                if let v = BoundViolation.name(l.item, Bilingual("item", "物资")) { return v }
            }
            return nil
        }
        switch self {
        case let .receive(_, l, note), let .issue(_, l, note): return .first(items([l]), .text(note, Bilingual("note", "备注")))
        case let .setMinimum(_, l): return items([l])
        case let .request(_, _, list, _, neededBy):
            if let neededBy, !Limits.isNear(neededBy, to: now) { return .time(Bilingual("needed-by time", "需求时间"), neededBy) }
            return items(list)
        case let .approve(id), let .dispatch(id, _), let .deliver(id, _): return .name(id, Bilingual("request id", "申请编号"))
        case let .commit(id, _, list): return .first(.name(id, Bilingual("request id", "申请编号")), items(list))
        }
    }

    func requirement(in state: CommandState) -> Requirement {
        switch self {
        case let .approve(id):
            // Approved with the authority of the incident's level, as raising it would need.
            guard let r = state.supplyRequests[id], let i = r.raised.incident, let incident = state.incidents[i] else { return .anyRole }
            return .level(max(incident.level, .iv), action: Bilingual("approve supply request \(id)", "批准物资申请 \(id)"), incident: i)
        case .receive, .issue, .setMinimum, .request, .commit, .dispatch, .deliver: return .anyRole
        }
    }
}

extension Decision {
    mutating func decide(_ command: SupplyCommand) throws(Rejection) -> [Event] {
        switch command {
        case let .receive(depot, line, note):
            try stockable(depot, line)
            return [.stockReceived(depot: depot, item: line.item, quantity: line.quantity, note: note)]

        case let .issue(depot, line, note):
            try stockable(depot, line)
            let available = state.stock[depot]?[line.item]?.available ?? 0
            if line.quantity > available { throw .notEnoughStock(depot, item: line.item, available: available, wanted: line.quantity) }
            return [.stockIssued(depot: depot, item: line.item, quantity: line.quantity, note: note)]

        case let .setMinimum(depot, line):
            _ = try depotFacility(depot)
            try knownItem(line.item)
            return [.stockMinimumSet(depot: depot, item: line.item, minimum: max(0, line.quantity))]

        case let .request(incident, shelter, items, priority, neededBy):
            if let incident { _ = try activeIncident(incident) }
            if let shelter { _ = try self.shelter(shelter) }
            if incident == nil && shelter == nil { throw .supplyRequestNeedsPlace }
            if items.isEmpty { throw .noItems }
            for line in items {
                try knownItem(line.item)
                if line.quantity <= 0 { throw .notAPositiveCount(Bilingual("the quantity of \(line.item)", "\(line.item) 数量"), line.quantity) }
            }
            if let neededBy, neededBy <= context.now { throw .expiryBeforeNow }
            let id = "REQ-\(state.nextSupplyRequest)"
            return [.supplyRequested(request: SupplyRequestRaised(id: id, incident: incident, shelter: shelter, items: merged(items), priority: priority, neededBy: neededBy))]

        case let .approve(id):
            let r = try supplyRequest(id)
            if r.approved != nil { throw .supplyAlreadyApproved(id) }
            return [.supplyApproved(request: id)]

        case let .commit(id, depot, items):
            let r = try supplyRequest(id)
            guard r.approved != nil else { throw .supplyNotApproved(id) }
            _ = try depotFacility(depot)
            if items.isEmpty { throw .noItems }
            for line in merged(items) {
                guard let wanted = r.raised.items.first(where: { $0.item == line.item })?.quantity else { throw .itemNotRequested(id, item: line.item) }
                let promised = r.quantity(of: line.item, from: [.committed, .inTransit, .delivered])
                if line.quantity <= 0 { throw .notAPositiveCount(Bilingual("the quantity of \(line.item)", "\(line.item) 数量"), line.quantity) }
                if promised + line.quantity > wanted { throw .moreThanRequested(id, item: line.item, left: wanted - promised) }
                let available = state.stock[depot]?[line.item]?.available ?? 0
                if line.quantity > available { throw .notEnoughStock(depot, item: line.item, available: available, wanted: line.quantity) }
            }
            return [.supplyCommitted(request: id, depot: depot, items: merged(items))]

        case let .dispatch(id, depot):
            let r = try supplyRequest(id)
            guard r.legs.contains(where: { $0.depot == depot && $0.stage == .committed }) else { throw .nothingAtStage(id, depot: depot, stage: Bilingual("committed", "已落实")) }
            return [.supplyDispatched(request: id, depot: depot)]

        case let .deliver(id, depot):
            let r = try supplyRequest(id)
            guard r.legs.contains(where: { $0.depot == depot && $0.stage == .inTransit }) else { throw .nothingAtStage(id, depot: depot, stage: Bilingual("in transit", "运输中")) }
            return [.supplyDelivered(request: id, depot: depot)]
        }
    }

    /// The same item twice in one list is one line.
    func merged(_ items: [ItemQuantity]) -> [ItemQuantity] {
        var out: [ItemQuantity] = []
        for l in items {
            if let k = out.firstIndex(where: { $0.item == l.item }) { out[k].quantity += l.quantity } else { out.append(l) }
        }
        return out
    }

    func depotFacility(_ id: FacilityID) throws(Rejection) -> Facility {
        guard let f = state.facilities[id] else { throw .unknownFacility(id) }
        guard f.kind == .depot else { throw .notADepot(id, kind: f.kind) }
        return f
    }

    func knownItem(_ item: String) throws(Rejection) {
        let catalogue = context.plans.supplies
        if !catalogue.isEmpty, !catalogue.contains(where: { $0.id == item }) { throw .unknownItem(item, known: catalogue.map(\.id)) }
    }

    func stockable(_ depot: FacilityID, _ line: ItemQuantity) throws(Rejection) {
        _ = try depotFacility(depot)
        try knownItem(line.item)
        if line.quantity <= 0 { throw .notAPositiveCount(Bilingual("the quantity of \(line.item)", "\(line.item) 数量"), line.quantity) }
    }

    func supplyRequest(_ id: String) throws(Rejection) -> SupplyRequest {
        guard let r = state.supplyRequests[id] else { throw .unknownSupplyRequest(id) }
        // A drill's own requests only, inside a drill; players may work any.
        if let ex = context.exercise, r.exercise != ex { throw .notTheDrills(id, exercise: r.exercise) }
        return r
    }
}
