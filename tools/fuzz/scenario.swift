// libFuzzer target: a drill scenario through the YAML reader, then its timeline.
// Build and run: tools/fuzz.sh scenario SECONDS
import CommandModel
import Foundation

private let now = Date(timeIntervalSince1970: 1_785_000_000)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (text, _) = FileIssue.decode(UnsafeBufferPointer(start: data, count: size), file: "drill.yaml")
    guard let text else { return 0 }
    let (scenario, issues) = DrillScenario.load(text, file: "drill.yaml")
    for i in issues { _ = i.text(.en) }
    if let scenario {
        _ = scenario.timeline(start: now, seed: 1)
        _ = scenario.endsAt(start: now, seed: 1)
    }
    return 0
}
