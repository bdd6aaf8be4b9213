/// A cell of the map grid: column `x` from the west, row `y` from the north.
public struct Cell: Hashable, Sendable, Codable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
    public var description: String { "\(x),\(y)" }
}

/// A point on the earth in degrees (WGS-84 as published; GCJ-02 offsets are below a cell).
public struct GeoPoint: Hashable, Sendable, Codable {
    public var lat: Double
    public var lon: Double
    public init(lat: Double, lon: Double) {
        self.lat = lat
        self.lon = lon
    }
}

/// Where an incident is: always a cell, optionally the precise point it came from.
public struct Location: Hashable, Sendable, Codable {
    public var cell: Cell
    public var point: GeoPoint?
    public init(cell: Cell, point: GeoPoint? = nil) {
        self.cell = cell
        self.point = point
    }
}
