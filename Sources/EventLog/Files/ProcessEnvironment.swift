import Foundation

/// The process's environment, read one variable at a time (`getenv(3)`). `ProcessInfo`'s
/// `environment` builds a dictionary of every variable on each use, a measurable part of a
/// short `exec` that asks for a handful of them.
public struct ProcessEnvironment: Sendable {
    public init() {}

    public subscript(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }
}
