// libFuzzer target: the binary snapshot codec (SnapshotCodec.decode); what decodes must encode
// again without trapping. FUZZ_WRITE_SEEDS=DIR writes seed snapshots. Build and run:
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
    guard let state = SnapshotCodec.decode(Data(bytes: data, count: size)) else { return 0 }
    _ = SnapshotCodec.encode(state)
    return 0
}
