import CommandModel
import Foundation

/// The ledger is the product's backend for every front end.
extension Ledger: CommandBackend {
    public var hasRoster: Bool { roster != nil }

    public func catchUp() throws(BackendFailure) -> [RecordedEvent] {
        do { return try refresh() } catch { throw BackendFailure(error.message, isRefusal: false) }
    }

    public func run(_ commands: [Command], operatorName: String, now: () -> Date) throws(BackendFailure) -> [RecordedEvent] {
        do {
            return try execute(commands, operatorName: operatorName, now: now)
        } catch {
            switch error {
            case let .rejected(r): throw BackendFailure(r.message, isRefusal: true)
            case let .store(s): throw BackendFailure(s.message, isRefusal: false)
            case .contention: throw BackendFailure(Bilingual(error.text(.en), error.text(.zh)), isRefusal: false)
            }
        }
    }

    public func history(of incident: IncidentID) -> [RecordedEvent] { (try? store.events(incident: incident)) ?? [] }

    public func sendDuePages(now: Date) throws(BackendFailure) -> [RecordedEvent] {
        do { return try escalationEvents(now: now) } catch {
            switch error {
            case let .rejected(r): throw BackendFailure(r.message, isRefusal: true)
            case let .store(s): throw BackendFailure(s.message, isRefusal: false)
            case .contention: throw BackendFailure(Bilingual(error.text(.en), error.text(.zh)), isRefusal: false)
            }
        }
    }
}
