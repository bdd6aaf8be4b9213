import Foundation

/// An item of the centre's supply catalogue (`Resources/plans/supplies.yaml`).
public struct SupplyItem: Hashable, Sendable, Codable {
    public var id: String
    public var name: Bilingual
    public var unit: Bilingual

    public init(id: String, name: Bilingual, unit: Bilingual) {
        self.id = id
        self.name = name
        self.unit = unit
    }
}

/// An item and how many.
public struct ItemQuantity: Hashable, Sendable, Codable {
    public var item: String
    public var quantity: Int

    public init(_ item: String, _ quantity: Int) {
        self.item = item
        self.quantity = quantity
    }
}

/// One item's stock in a depot.
public struct StockLine: Hashable, Sendable, Codable {
    /// On the shelves (real).
    public var quantity = 0
    /// Below this, the depot warns.
    public var minimum = 0
    /// Promised to requests and not yet gone (real).
    public var committed = 0
    /// What drills promised or sent, by drill: held while the drill runs, back at its stand-down.
    public var exercise: [String: Int] = [:]

    public init(quantity: Int = 0, minimum: Int = 0, committed: Int = 0, exercise: [String: Int] = [:]) {
        self.quantity = quantity
        self.minimum = minimum
        self.committed = committed
        self.exercise = exercise
    }

    /// What can still be promised.
    public var available: Int { quantity - committed - exercise.values.reduce(0, +) }
    /// Below its minimum.
    public var isLow: Bool { minimum > 0 && quantity < minimum }
}

/// How urgent a supply request is.
public enum SupplyPriority: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case urgent, high, normal

    public var name: Bilingual {
        switch self {
        case .urgent: Bilingual("urgent", "紧急")
        case .high: Bilingual("high", "优先")
        case .normal: Bilingual("normal", "一般")
        }
    }

    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0 }
}

/// A request for supplies as raised (the event's payload).
public struct SupplyRequestRaised: Hashable, Sendable, Codable {
    public var id: String
    public var incident: IncidentID?
    public var shelter: FacilityID?
    public var items: [ItemQuantity]
    public var priority: SupplyPriority
    public var neededBy: Date?

    public init(id: String, incident: IncidentID?, shelter: FacilityID?, items: [ItemQuantity], priority: SupplyPriority, neededBy: Date?) {
        self.id = id
        self.incident = incident
        self.shelter = shelter
        self.items = items
        self.priority = priority
        self.neededBy = neededBy
    }
}

/// A depot's part of a request, as it moves: committed, in transit, delivered.
public struct SupplyLeg: Hashable, Sendable, Codable {
    public enum Stage: String, Hashable, Sendable, Codable { case committed, inTransit = "in-transit", delivered }
    public var depot: FacilityID
    public var items: [ItemQuantity]
    public var stage: Stage
    public var since: Date
}

/// A supply request in the state.
public struct SupplyRequest: Hashable, Sendable, Codable {
    public var raised: SupplyRequestRaised
    public var at: Date
    public var by: String
    public var approved: Date?
    public var approvedBy: String?
    public var legs: [SupplyLeg] = []
    public var exercise: String?

    public var id: String { raised.id }

    /// How much of an item the legs at a stage (or further) hold.
    public func quantity(of item: String, from stages: Set<SupplyLeg.Stage>) -> Int {
        legs.filter { stages.contains($0.stage) }.flatMap(\.items).filter { $0.item == item }.map(\.quantity).reduce(0, +)
    }

    /// Items not yet promised by any depot.
    public var shortfall: [ItemQuantity] {
        raised.items.compactMap { line in
            let left = line.quantity - quantity(of: line.item, from: [.committed, .inTransit, .delivered])
            return left > 0 ? ItemQuantity(line.item, left) : nil
        }
    }

    /// Every item delivered in full.
    public var isDelivered: Bool { raised.items.allSatisfy { quantity(of: $0.item, from: [.delivered]) >= $0.quantity } }

    /// Where the request stands, as a word.
    public var stage: Bilingual {
        if isDelivered { return Bilingual("delivered", "已送达") }
        if legs.contains(where: { $0.stage == .inTransit }) { return Bilingual("in transit", "运输中") }
        if legs.contains(where: { $0.stage == .delivered }) { return Bilingual("partly delivered", "部分送达") }
        if !legs.isEmpty { return Bilingual(shortfall.isEmpty ? "committed" : "partly committed", shortfall.isEmpty ? "已落实" : "部分落实") }
        return approved == nil ? Bilingual("requested", "已申请") : Bilingual("approved", "已批准")
    }
}

extension CommandState {
    /// Folds the supply events in (called from `apply`): a drill's promises and shipments are
    /// held in the drill's own count, never taken off the real shelves.
    mutating func applySupply(_ event: Event, at: Date, by: String, exercise: String?) {
        switch event {
        case let .stockReceived(depot, item, quantity, _):
            stock[depot, default: [:]][item, default: StockLine()].quantity += quantity
        case let .stockIssued(depot, item, quantity, _):
            stock[depot, default: [:]][item, default: StockLine()].quantity -= quantity
        case let .stockMinimumSet(depot, item, minimum):
            stock[depot, default: [:]][item, default: StockLine()].minimum = minimum
        case let .supplyRequested(r):
            supplyRequests[r.id] = SupplyRequest(raised: r, at: at, by: by, exercise: exercise)
            nextSupplyRequest = max(nextSupplyRequest, successor(Int(r.id.dropFirst(4)) ?? 0))
        case let .supplyApproved(id):
            supplyRequests[id]?.approved = at
            supplyRequests[id]?.approvedBy = by
        case let .supplyCommitted(id, depot, items):
            supplyRequests[id]?.legs.append(SupplyLeg(depot: depot, items: items, stage: .committed, since: at))
            for line in items {
                if let exercise {
                    stock[depot, default: [:]][line.item, default: StockLine()].exercise[exercise, default: 0] += line.quantity
                } else {
                    stock[depot, default: [:]][line.item, default: StockLine()].committed += line.quantity
                }
            }
        case let .supplyDispatched(id, depot):
            guard let legs = supplyRequests[id]?.legs else { return }
            for (k, leg) in legs.enumerated() where leg.depot == depot && leg.stage == .committed {
                supplyRequests[id]?.legs[k].stage = .inTransit
                supplyRequests[id]?.legs[k].since = at
                // Real goods leave the shelves; a drill's stay held in its count until the stand-down.
                guard exercise == nil else { continue }
                for line in leg.items {
                    stock[depot, default: [:]][line.item, default: StockLine()].committed -= line.quantity
                    stock[depot, default: [:]][line.item, default: StockLine()].quantity -= line.quantity
                }
            }
        case let .supplyDelivered(id, depot):
            guard let legs = supplyRequests[id]?.legs else { return }
            for (k, leg) in legs.enumerated() where leg.depot == depot && leg.stage == .inTransit {
                supplyRequests[id]?.legs[k].stage = .delivered
                supplyRequests[id]?.legs[k].since = at
            }
        case .incidentReported, .incidentAcknowledged, .incidentVerified, .figuresUpdated, .levelRaised, .levelLowered, .statusChanged, .incidentCancelled, .incidentMarkedFalseAlarm, .incidentClosed,
            .incidentReopened, .causeLinked, .checklistItemDone, .noteAdded, .reportFiled, .teamRegistered, .teamAssigned, .teamStatusChanged, .teamReleased, .responseDeclared, .responseAdjusted,
            .responseEnded, .incidentJoinedResponse, .warningIssued, .warningLifted, .actionRefused, .pageSent, .pageAcknowledged, .pageNotified, .pageNotifyFailed, .pageCancelled, .drillScheduled,
            .injectFired, .injectSkipped, .drillEnded, .rosterAdopted, .teamUpdated, .teamRetired, .facilityRegistered, .facilityUpdated, .facilityRetired, .shelterOpened, .shelterClosed, .sheltered,
            .shelterLeft, .aidRequested, .aidOffered, .aidAccepted, .aidReleased, .sitrepDrafted, .sitrepApproved, .sitrepFiled, .handoverAccepted, .drillObserved, .drillObjectiveJudged,
            .correctiveActionRaised, .correctiveActionUpdated, .feedReceived, .feedAdvanced, .journalSealed, .drillExpectationScored, .capAlertReceived, .aidArrived, .aidMessageReceived,
            .aidMessageDelivered, .centreUnreachable, .centreReachable, .boardShared, .boardUnshared:
            assertionFailure("not a supply event: \(event.kind)")
        }
    }

    /// A drill's promises and shipments go back on the shelves at its stand-down.
    mutating func releaseStock(of drill: String) {
        for depot in stock.keys {
            for item in stock[depot]?.keys.map({ $0 }) ?? [] where stock[depot]?[item]?.exercise[drill] != nil { stock[depot]?[item]?.exercise[drill] = nil }
        }
    }

    /// Depots below a minimum, with the items.
    public var lowStock: [(depot: FacilityID, item: String, line: StockLine)] {
        stock.flatMap { depot, lines in lines.filter(\.value.isLow).map { (depot, $0.key, $0.value) } }.sorted { ($0.depot, $0.item) < ($1.depot, $1.item) }
    }

    /// What an incident's run cards call for at its level and no request for it has asked yet.
    public func suppliesStillToRequest(for id: IncidentID, plans: PlanBook) -> [ItemQuantity] {
        guard let i = incidents[id], i.isActive else { return [] }
        let asked = supplyRequests.values.filter { $0.raised.incident == id }.flatMap(\.raised.items)
        return plans.supplies(for: i.type, at: max(i.level, .iv)).sorted { $0.key < $1.key }.compactMap { item, n in
            let left = n - asked.filter { $0.item == item }.map(\.quantity).reduce(0, +)
            return left > 0 ? ItemQuantity(item, left) : nil
        }
    }

    /// Open requests about an incident (not yet delivered in full).
    public func openSupplyRequests(for incident: IncidentID) -> [SupplyRequest] {
        supplyRequests.values.filter { $0.raised.incident == incident && !$0.isDelivered }.sorted { $0.id < $1.id }
    }
}
