// libFuzzer target: a sealed drill file (envelope JSON, base64, AES-GCM) opened with a fixed
// key; what opens is read as a scenario. FUZZ_WRITE_SEEDS=DIR writes seeds sealed with that key.
// Build and run: tools/fuzz.sh seal SECONDS
import CommandModel
import EventLog
import Foundation

/// The fixed key the seeds are sealed with (32 zero-to-31 bytes, base64).
private let key = Data((0..<32).map { UInt8($0) }).base64EncodedString()

@_cdecl("LLVMFuzzerInitialize")
public func initializeSeal(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    guard let dir = ProcessInfo.processInfo.environment["FUZZ_WRITE_SEEDS"] else { return 0 }
    let scenarios = [
        "name: {en: Seed, zh: 种子}\ndisclosure: marked\ninjects:\n  - {id: one, at: +0m, do: report flood at mentougou}\n",
        "name: {en: Blind, zh: 盲}\ndisclosure: blind\nend: +90m\ninjects:\n  - {id: a, at: +5m, do: report fire at 39.9,116.4}\n",
    ]
    for (n, s) in scenarios.enumerated() {
        guard let sealed = try? Seal.seal(Data(s.utf8), key: key) else { preconditionFailure("sealing a seed failed") }
        _ = FileManager.default.createFile(atPath: "\(dir)/sealed-\(n).json", contents: sealed)
    }
    exit(0)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSeal(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let sealed = Data(bytes: data, count: size)
    guard let plain = try? Seal.open(sealed, key: key, file: "fuzz.sealed") else { return 0 }
    if let text = FileIssue.decode(plain, file: "fuzz.sealed").text { _ = DrillScenario.load(text, file: "fuzz.sealed") }
    return 0
}
