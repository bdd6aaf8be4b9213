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

    /// Reads every `*.yaml` in a folder, sorted by name, as (display name, text); a file that
    /// cannot be read as text is an issue, never skipped in silence.
    public func yamlFiles(in folder: String) -> (files: [(name: String, text: String)], issues: [FileIssue]) {
        let dir = root.appendingPathComponent(folder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        var files: [(name: String, text: String)] = []
        var issues: [FileIssue] = []
        for name in names {
            let path = dir.appendingPathComponent(name).path
            let (text, problems) = SourceFile.read(path)
            issues += problems
            if let text { files.append((path, text)) }
        }
        return (files, issues)
    }

    /// The plan book; issues name the file, line and field. Good records are kept.
    public func plans() -> (book: PlanBook, issues: [FileIssue]) {
        let (files, readIssues) = yamlFiles(in: "plans")
        let (book, issues) = PlanBook.load(files: files)
        return (book, readIssues + issues)
    }

    public func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }
}
