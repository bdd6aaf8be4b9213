import CommandModel
import Foundation

/// Finds and reads the files the centre keeps beside the program: plans, maps, sample data.
///
/// Looks in `$DECISION_HUB_RESOURCES`, then beside the executable and its parents (a checkout's
/// `.build/debug/decision-hub` finds the checkout's `Resources/`), then the working directory.
public struct ResourceFiles: Sendable {
    /// The root folder's path (absolute when found by `locate`). Kept as text: `URL.path` is
    /// not free, and a short `exec` asks for a path at every file.
    public let path: String
    public var root: URL { URL(fileURLWithPath: path) }

    public init(root: URL) { path = root.path }

    /// A root given as a path: made absolute against the working directory, without a
    /// trailing slash.
    public init(path: String) {
        var p = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        self.path = p
    }

    public static func locate(executable: String = CommandLine.arguments.first ?? "", variable: String? = ProcessEnvironment()["DECISION_HUB_RESOURCES"]) -> ResourceFiles? {
        func holdsPlans(_ dir: String) -> Bool { access(dir + "/plans", F_OK) == 0 }
        // The variable first (links and `plans/` checked with plain system calls: this runs at
        // the start of every `exec`).
        if let v = variable, !v.isEmpty, holdsPlans(v) { return ResourceFiles(path: v) }
        // Beside the executable (links resolved) and up to five folders above it.
        var dir = executable.hasPrefix("/") ? executable : FileManager.default.currentDirectoryPath + "/" + executable
        if let resolved = realpath(executable.contains("/") ? executable : "/proc/self/exe", nil) {
            dir = String(cString: resolved)
            free(resolved)
        }
        for _ in 0..<6 {
            dir = parent(dir)
            for c in [dir + "/Resources", dir + "/share/decision-hub"] where holdsPlans(c) { return ResourceFiles(path: c) }
        }
        let here = FileManager.default.currentDirectoryPath + "/Resources"
        return holdsPlans(here) ? ResourceFiles(path: here) : nil
    }

    /// The folder holding a path (`/` for `/` and a top-level name, `.` for a bare name).
    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Reads every `*.yaml` in a folder, sorted by name, as (display name, text); a file that
    /// cannot be read as text is an issue, never skipped in silence.
    public func yamlFiles(in folder: String) -> (files: [(name: String, text: String)], issues: [FileIssue]) {
        let (raw, readIssues) = yamlBytes(in: folder)
        let (files, textIssues) = Self.texts(of: raw)
        return (files, readIssues + textIssues)
    }

    /// Files' bytes as text; one that is not UTF-8 text is an issue, never skipped in silence.
    public static func texts(of raw: [(name: String, bytes: Data)]) -> (files: [(name: String, text: String)], issues: [FileIssue]) {
        var files: [(name: String, text: String)] = []
        var issues: [FileIssue] = []
        for f in raw {
            let (text, problems) = FileIssue.decode(f.bytes, file: f.name)
            issues += problems
            if let text { files.append((f.name, text)) }
        }
        return (files, issues)
    }

    /// The same files' bytes, not yet checked as text; a file that cannot be read is an issue.
    public func yamlBytes(in folder: String) -> (files: [(name: String, bytes: Data)], issues: [FileIssue]) {
        let dir = path + "/" + folder
        let names = Self.names(in: dir).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        var files: [(name: String, bytes: Data)] = []
        var issues: [FileIssue] = []
        for name in names {
            let path = dir + "/" + name
            let (bytes, problems) = SourceFile.bytes(path)
            issues += problems
            if let bytes { files.append((path, bytes)) }
        }
        return (files, issues)
    }

    /// The names in a folder (none when it cannot be read), by `readdir`: `FileManager`'s
    /// listing builds and joins a path for every entry, on a short `exec`'s path.
    static func names(in dir: String) -> [String] {
        guard let stream = opendir(dir) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else { break }
            // The name in place (an entry may be shorter than the declared array).
            let name = withUnsafePointer(to: &entry.pointee.d_name) { field in
                field.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: field.pointee)) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        // A listing that failed part way is no listing (as `FileManager` had it).
        return errno == 0 ? names : []
    }

    /// The plan book; issues name the file, line and field. Good records are kept.
    public func plans() -> (book: PlanBook, issues: [FileIssue]) {
        let (files, readIssues) = yamlFiles(in: "plans")
        let (book, issues) = PlanBook.load(files: files)
        return (book, readIssues + issues)
    }

    public func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// A file's path under the root.
    public func path(_ relative: String) -> String { path + "/" + relative }
}
