import ArgumentParser
import CommandModel
import EventLog
import Foundation

extension StoreCommand {
    /// Append latency on any store, for BENCHMARKS.md: one note event per transaction against
    /// the current head, as a console's command lands.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure append latency on a store (adds note events to it: use a scratch store). 测量事件库追加延迟（会写入记录：请使用临时事件库）。")

        @Argument(help: "The store (a scratch one). 临时事件库。") var store: String
        @Option(help: "Appends to time. 追加次数。") var count = 2_000

        func run() throws {
            do {
                let s = try StoreLocation.open(store)
                var head = try s.head()
                var micros: [Double] = []
                micros.reserveCapacity(count)
                let clock = ContinuousClock()
                for k in 0..<count {
                    let e = PendingEvent(id: "bench-\(UUID().uuidString)", at: Date(), by: "bench", exercise: nil, event: .noteAdded(incident: IncidentID(1), text: "bench \(k)"))
                    let start = clock.now
                    let outcome = try s.append([e], expectedHead: head)
                    let took = clock.now - start
                    switch outcome {
                    case let .appended(r): head = r.last?.sequence ?? head
                    case let .conflict(newer): head = newer
                    }
                    let parts = took.components
                    micros.append(Double(parts.seconds) * 1e6 + Double(parts.attoseconds) / 1e12)
                }
                micros.sort()
                func at(_ q: Double) -> Int { Int(micros[min(micros.count - 1, Int(Double(micros.count) * q))].rounded()) }
                print("appends \(count)  p50 \(at(0.5)) µs  p99 \(at(0.99)) µs  max \(Int((micros.last ?? 0).rounded())) µs  (\(s.location))")
            } catch {
                throw fail(error.text(.en))
            }
        }
    }
}
