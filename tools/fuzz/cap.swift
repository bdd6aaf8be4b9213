// libFuzzer target: the strict XML reader and the CAP 1.2 alert reader (XMLReader, CAPAlert.read),
// over bytes from outside (an alert file, a watched folder).
// Build and run: tools/fuzz.sh cap SECONDS
import CommandModel
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCAP(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do throws(XMLError) {
        let root = try XMLReader.parse(bytes)
        // A document that reads is read as an alert too: refused or read, never a trap.
        _ = try? CAPAlert.read(root)
    } catch {
        // A refusal must say where, inside the document.
        precondition(error.line >= 1 && error.column >= 1 && !error.reason.en.isEmpty && !error.reason.zh.isEmpty, "a refusal without its place: \(error)")
    }
    return 0
}
