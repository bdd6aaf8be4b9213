// libFuzzer target: the on-call roster through the YAML reader, then its schedule queries.
// Build and run: tools/fuzz.sh roster SECONDS
import CommandModel
import Foundation

private let now = Date(timeIntervalSince1970: 1_785_000_000)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRoster(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (text, _) = FileIssue.decode(UnsafeBufferPointer(start: data, count: size), file: "roster.yaml")
    guard let text else { return 0 }
    let (roster, issues) = Roster.load(text, file: "roster.yaml")
    for i in issues { _ = i.text(.zh) }
    // A week's schedule: rotations and overrides must never trap.
    _ = roster.gaps(from: now, to: now.addingTimeInterval(7 * 86_400))
    for p in roster.people { _ = Actor.from(roster: roster, login: p.id, at: now) }
    return 0
}
