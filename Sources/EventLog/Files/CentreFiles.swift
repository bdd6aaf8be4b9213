import CommandModel
import Foundation

/// The files a console or `exec` decides with: the plans, the map and (for the console) the
/// city's teams and facilities, read and checked together.
///
/// The policy is one: any problem in any of them refuses to start, with every problem listed
/// (file, line, column). A half-read plan book would decide levels from the wrong criteria, and
/// warnings printed before a console takes the screen are never seen.
public struct CentreFiles: Sendable {
    public var root: ResourceFiles
    public var plans: PlanBook
    public var map: OneMap
    public var grid: Grid
    /// The boundary polygons beside the map (`beijing.places` for `beijing.map`); nil for a map
    /// named with no places file beside it (points are then attributed by their cell).
    public var places: Places?
    /// The city data (empty when not asked for, or when the default sample file is absent).
    public var city: CityData

    /// Reads and checks the files: `mapPath` and `cityPath` default to the resources' Beijing
    /// map and sample city; `withCity` false skips the city (exec needs only plans and map);
    /// `withPlaces` false skips the boundary polygons (an `exec` line with no lat,lon in it:
    /// reading them is most of the cost of a short call). Throws every problem found, or none.
    public static func load(root: ResourceFiles, mapPath: String? = nil, cityPath: String? = nil, withCity: Bool = true, withPlaces: Bool = true) throws(FileIssues) -> CentreFiles {
        var issues: [FileIssue] = []
        let (plans, planIssues) = root.plans()
        issues += planIssues
        let mapFile = mapPath ?? root.path("maps/beijing.map")
        let (mapText, mapReadIssues) = SourceFile.read(mapFile)
        issues += mapReadIssues
        var map: OneMap?
        if let mapText {
            let (m, mapIssues) = OneMap.parse(mapText, file: mapFile)
            issues += mapIssues
            map = m
        }
        // The places file beside the map: required for the shipped map, optional beside another.
        let placesFile = URL(fileURLWithPath: mapFile).deletingPathExtension().appendingPathExtension("places").path
        var places: Places?
        if withPlaces && (mapPath == nil || FileManager.default.fileExists(atPath: placesFile)) {
            let (placesText, placesReadIssues) = SourceFile.read(placesFile)
            issues += placesReadIssues
            if let placesText {
                let (p, placesIssues) = Places.parse(placesText, file: placesFile)
                issues += placesIssues
                places = p
            }
        }
        var city = CityData(isSample: false, teams: [], facilities: [])
        // The grid is built once (it is a pass over every cell of the map).
        let grid = map?.grid()
        if withCity, let grid {
            let cityFile = cityPath ?? root.path("sample/beijing.yaml")
            // The default sample may be absent (an installation without it); a file named
            // explicitly must be there.
            if cityPath != nil || FileManager.default.fileExists(atPath: cityFile) {
                let (cityText, cityReadIssues) = SourceFile.read(cityFile)
                issues += cityReadIssues
                if let cityText {
                    let (c, cityIssues) = CityData.load(cityText, file: cityFile, grid: grid)
                    issues += cityIssues
                    city = c
                }
            }
        }
        guard issues.isEmpty, let map, let grid else { throw FileIssues(issues) }
        return CentreFiles(root: root, plans: plans, map: map, grid: grid, places: places, city: city)
    }
}

extension CentreFiles {
    /// What a command is decided with, for `exec` and the other short-lived front doors: the
    /// plans and the shipped map's grid (each from `cache` when it holds exactly these files,
    /// else parsed and saved there) and, with `withPlaces`, the boundary polygons. The same policy as `load`:
    /// any problem refuses, every problem listed.
    public static func deciding(root: ResourceFiles, withPlaces: Bool, cache: GridCache? = .standard) throws(FileIssues) -> (plans: PlanBook, grid: Grid, places: Places?) {
        // The cache is keyed by the files' bytes, so a hit needs them neither checked as text
        // nor parsed: only files that read without an issue were ever saved.
        var issues: [FileIssue] = []
        let (planBytes, planReadIssues) = root.yamlBytes(in: "plans")
        issues += planReadIssues
        let plans: PlanBook
        if planReadIssues.isEmpty, let cached = cache?.plans(for: planBytes) {
            plans = cached
        } else {
            let (planFiles, textIssues) = ResourceFiles.texts(of: planBytes)
            issues += textIssues
            let (book, planIssues) = PlanBook.load(files: planFiles)
            issues += planIssues
            plans = book
            if issues.isEmpty { cache?.save(book, for: planBytes) }
        }
        let mapFile = root.path("maps/beijing.map")
        let (mapBytes, mapReadIssues) = SourceFile.bytes(mapFile)
        issues += mapReadIssues
        var grid: Grid?
        if let mapBytes {
            if let cached = cache?.grid(forMap: mapBytes) {
                grid = cached
            } else {
                let (mapText, textIssues) = FileIssue.decode(mapBytes, file: mapFile)
                issues += textIssues
                if let mapText {
                    let (map, mapIssues) = OneMap.parse(mapText, file: mapFile)
                    issues += mapIssues
                    grid = map?.grid()
                    if textIssues.isEmpty, mapIssues.isEmpty, let grid { cache?.save(grid, forMap: mapBytes) }
                }
            }
        }
        var places: Places?
        if withPlaces {
            let placesFile = root.path("maps/beijing.places")
            let (placesText, placesReadIssues) = SourceFile.read(placesFile)
            issues += placesReadIssues
            if let placesText {
                let (p, placesIssues) = Places.parse(placesText, file: placesFile)
                issues += placesIssues
                places = p
            }
        }
        guard issues.isEmpty, let grid else { throw FileIssues(issues) }
        return (plans, grid, places)
    }
}
