import CommandModel
import Foundation

/// The ledger is the product's backend for every front end.
extension Ledger: CommandBackend {
    public var hasRoster: Bool { roster != nil }

    public func catchUp() throws(BackendFailure) -> [RecordedEvent] {
        do { return try follow() } catch { throw BackendFailure(error.message, isRefusal: false) }
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

    public func events(since: Date) throws(BackendFailure) -> [RecordedEvent] {
        do { return try store.events(since: since) } catch { throw BackendFailure(error.message, isRefusal: false) }
    }

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

extension Ledger {
    /// The console's check of the whole record: `verify` on its own read-only connection (off the
    /// input thread), with the centre's key beside the store when it is readable.
    public func recordChecker() -> (@Sendable () -> RecordCheck)? {
        if let pg = store as? PostgresEventStore {
            let url = pg.url
            return {
                do throws(StoreError) {
                    let report = try PostgresEventStore(url: url, readOnly: true).verify { _, _ in }
                    return RecordCheck(ok: report.ok, firstBad: report.firstBadSequence, problem: report.problems.first)
                } catch {
                    return RecordCheck(ok: false, problem: error.message)
                }
            }
        }
        guard let sqlite = store as? SQLiteEventStore else { return nil }
        let path = sqlite.location
        return {
            do throws(StoreError) {
                let report = try SQLiteEventStore(path: path, readOnly: true).verify { _, _ in }
                return RecordCheck(ok: report.ok, firstBad: report.firstBadSequence, problem: report.problems.first)
            } catch {
                return RecordCheck(ok: false, problem: error.message)
            }
        }
    }
}

extension EventStore {
    /// The log's events at or after `from`, read back from the head in chunks until one is
    /// older (the log is in time order), so a year's store reads only the shift. Journal entries
    /// (drill control) are the coordinator's and not part of the log.
    public func events(since from: Date) throws(StoreError) -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        var upTo = try head()
        let chunk: Int64 = 2_000
        while upTo > 0 {
            let after = max(0, upTo - chunk)
            let part = try self.events(after: after, limit: Int(upTo - after))
            events.insert(contentsOf: part.filter { $0.at >= from }, at: 0)
            if part.first.map({ $0.at < from }) ?? true { break }
            upTo = after
        }
        return events
    }
}
