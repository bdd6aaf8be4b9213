// libFuzzer target: the one-map file reader (bytes → FileIssue.decode → OneMap.parse → grid).
// Build and run: tools/fuzz.sh map SECONDS
import CommandModel
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMap(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (text, _) = FileIssue.decode(UnsafeBufferPointer(start: data, count: size), file: "fuzz.map")
    guard let text else { return 0 }
    let (map, issues) = OneMap.parse(text, file: "fuzz.map")
    for i in issues { _ = i.text(.zh) }
    if let map {
        // A map that reads must round-trip and give a grid.
        precondition(OneMap.parse(map.text(), file: "again").map == map, "a map read back differently")
        _ = map.grid()
    }
    return 0
}
