// libFuzzer target: a plan file (criteria, run cards, reporting rules) through the YAML reader.
// Build and run: tools/fuzz.sh plans SECONDS
import CommandModel
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlans(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (text, _) = FileIssue.decode(UnsafeBufferPointer(start: data, count: size), file: "fuzz.yaml")
    guard let text else { return 0 }
    let (book, issues) = PlanBook.load(files: [("fuzz.yaml", text)])
    for i in issues { _ = i.text(.en) }
    _ = book.criteria.count
    return 0
}
