// libFuzzer target: the command grammar (Grammar.parse), as typed in the command bar or exec.
// Build and run: tools/fuzz.sh grammar SECONDS
import CommandModel
import Foundation

private let now = Date(timeIntervalSince1970: 1_785_000_000)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGrammar(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let line = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    if let commands = try? Grammar.parse(line, now: now) {
        // Every accepted command is decided against an empty state: the decider must refuse or
        // emit events, never trap.
        for c in commands { _ = try? decide(c, CommandState(), DecisionContext(now: now, operatorName: "fuzz")) }
    }
    return 0
}
