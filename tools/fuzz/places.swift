// libFuzzer target: the places file reader (bytes → FileIssue.decode → Places.parse → a look-up).
// Build and run: tools/fuzz.sh places SECONDS
import CommandModel
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlaces(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (text, _) = FileIssue.decode(UnsafeBufferPointer(start: data, count: size), file: "fuzz.places")
    guard let text else { return 0 }
    let (places, issues) = Places.parse(text, file: "fuzz.places")
    for i in issues { _ = i.text(.zh) }
    if let places {
        // A file that reads answers a look-up anywhere, in either frame.
        for datum in Datum.allCases { _ = places.place(at: GeoPoint(lat: 39.9, lon: 116.4), datum: datum)?.fullName }
    }
    return 0
}
