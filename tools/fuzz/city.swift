// libFuzzer target: city data (teams, shelters, depots, hazards) placed on a small Beijing grid.
// Build and run: tools/fuzz.sh city SECONDS
import CommandModel
import Foundation

/// An 8x8 grid over Beijing's box, so that the sample's coordinates land on it.
private let grid: Grid = {
    let empty = Array(repeating: "|        |", count: 8).joined(separator: "\n")
    let layers = ["districts", "terrain", "water", "roads"].map { "layer \($0)\n\(empty)\nend" }.joined(separator: "\n")
    let text = "\(OneMap.formatLine)\nname: Fuzz | 测试\nbox: 41.1 39.4 115.4 117.6\nsize: 8 8\n\(layers)\n"
    guard let map = OneMap.parse(text, file: "fuzz.map").map else { preconditionFailure("the fuzz target's own map does not read") }
    return map.grid()
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCity(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (text, _) = FileIssue.decode(UnsafeBufferPointer(start: data, count: size), file: "city.yaml")
    guard let text else { return 0 }
    let (city, issues) = CityData.load(text, file: "city.yaml", grid: grid)
    for i in issues { _ = i.text(.zh) }
    _ = city.teams.count
    return 0
}
