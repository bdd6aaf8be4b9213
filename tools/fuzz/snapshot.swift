// libFuzzer target: the binary snapshot codec (SnapshotCodec.decode), at once and lazily (its
// incident records decoded on first touch, a broken one taken from `rebuild`); what decodes must
// encode again without trapping, and a lazy state whose records all decode equals the eager one.
// FUZZ_WRITE_SEEDS=DIR writes seed snapshots. Build and run:
// tools/fuzz.sh snapshot SECONDS
import CommandModel
import Foundation

@testable import EventLog

@_cdecl("LLVMFuzzerInitialize")
public func initializeSnapshot(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    guard let dir = ProcessInfo.processInfo.environment["FUZZ_WRITE_SEEDS"] else { return 0 }
    let record = FuzzSeeds.record()
    _ = FileManager.default.createFile(atPath: "\(dir)/empty.bin", contents: SnapshotCodec.encode(CommandState()))
    for n in [1, record.count / 4, record.count / 2, record.count - 1] where n > 0 && n < record.count {
        _ = FileManager.default.createFile(atPath: "\(dir)/state-\(n).bin", contents: SnapshotCodec.encode(record[n].state))
    }
    exit(0)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSnapshot(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    let eager = SnapshotCodec.decode(bytes)
    if let eager { _ = SnapshotCodec.encode(eager) }
    // Lazily: every record touched (through the whole table), a broken one from "the log" (none).
    let nothing: @Sendable (Int64, Int64) -> [IncidentID: Incident] = { _, _ in [:] }
    guard let lazy = SnapshotCodec.decode(bytes, rebuild: nothing) else {
        precondition(eager == nil, "decodes at once but not lazily")
        return 0
    }
    _ = lazy.incidents.all
    let again = SnapshotCodec.encode(lazy)
    // Compared as bytes: a NaN (a point, a pace) is not equal to itself.
    if let eager { precondition(again == SnapshotCodec.encode(eager), "lazy and eager decoding differ") }
    return 0
}
