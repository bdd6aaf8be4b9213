// libFuzzer target: the fast event decoder (FastEventDecoder.decode), checked against the
// reference JSONDecoder: whatever both read, they must read alike. FUZZ_WRITE_SEEDS=DIR writes
// seed payloads. Build and run: tools/fuzz.sh event-decoder SECONDS
import CommandModel
import Foundation

@testable import EventLog

private let codec = EventCodec()

@_cdecl("LLVMFuzzerInitialize")
public func initializeEventDecoder(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    guard let dir = ProcessInfo.processInfo.environment["FUZZ_WRITE_SEEDS"] else { return 0 }
    var kinds: Set<String> = []
    for (n, (event, _)) in FuzzSeeds.record().enumerated() where kinds.insert(event.kind.rawValue).inserted || n % 7 == 0 {
        _ = FileManager.default.createFile(atPath: "\(dir)/\(event.kind)-\(n).json", contents: Data(codec.payload(event).utf8))
    }
    exit(0)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEventDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let payload = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    guard let fast = FastEventDecoder.decode(payload) else { return 0 }
    if let reference = try? codec.decode(Event.self, from: Data(payload.utf8)) {
        precondition(fast == reference, "the fast decoder read \(fast), the reference \(reference), from \(payload)")
    }
    // What the fast decoder reads must encode and read back the same.
    precondition(codec.event(fromChecked: codec.payload(fast)) == fast, "\(fast) does not round-trip")
    return 0
}

extension EventCodec {
    fileprivate func event(fromChecked payload: String) -> Event? { try? event(from: payload) }
}
