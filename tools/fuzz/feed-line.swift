// libFuzzer target: one line of a JSON Lines feed (FeedLine.parse), then its report decided on an
// empty state: refused or events, never a trap.
// Build and run: tools/fuzz.sh feed-line SECONDS
import CommandModel
import Foundation

private let now = Date(timeIntervalSince1970: 1_785_000_000)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFeedLine(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let line = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    if let report = try? FeedLine.parse(line) {
        _ = try? decide(.feed(.receive(report)), CommandState(), DecisionContext(now: now, operatorName: "fuzz"))
    }
    return 0
}
