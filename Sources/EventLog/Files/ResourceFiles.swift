import CommandModel
import Foundation

/// Finds and reads the files the centre keeps beside the program: plans, maps, sample data.
///
/// Looks in `$DECISION_HUB_RESOURCES`, then beside the executable and its parents (a checkout's
/// `.build/debug/decision-hub` finds the checkout's `Resources/`), then the working directory.
public struct ResourceFiles: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    public static func locate(executable: String = CommandLine.arguments.first ?? "", environment: [String: String] = ProcessInfo.processInfo.environment) -> ResourceFiles? {
        var candidates: [URL] = []
        if let env = environment["DECISION_HUB_RESOURCES"], !env.isEmpty { candidates.append(URL(fileURLWithPath: env)) }
        var dir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir.appendingPathComponent("Resources"))
            candidates.append(dir.appendingPathComponent("share/decision-hub"))
            dir = dir.deletingLastPathComponent()
        }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Resources"))
        for c in candidates where FileManager.default.fileExists(atPath: c.appendingPathComponent("plans").path) {
            return ResourceFiles(root: c)
        }
        return nil
    }

    /// Reads every `*.yaml` in a folder, sorted by name, as (display name, text).
    public func yamlFiles(in folder: String) -> [(name: String, text: String)] {
        let dir = root.appendingPathComponent(folder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        return names.compactMap { name in
            let url = dir.appendingPathComponent(name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
            return (url.path, text)
        }
    }

    /// The plan book; issues name the file, line and field. Good records are kept.
    public func plans() -> (book: PlanBook, issues: [FileIssue]) {
        PlanBook.load(files: yamlFiles(in: "plans"))
    }

    public func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }
}
