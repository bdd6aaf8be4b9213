import CommandModel
import Foundation

/// Reads a hand-written file (a plan, the roster, a scenario, city data, a map) as text:
/// unreadable, invalid UTF-8, NUL and control characters are issues with their line and column,
/// never silently replaced.
public enum SourceFile {
    /// The file's text, or nil with the reasons.
    public static func read(_ path: String) -> (text: String?, issues: [FileIssue]) {
        let (data, issues) = bytes(path)
        guard let data else { return (nil, issues) }
        return FileIssue.decode(data, file: path)
    }

    /// The file's bytes, not yet checked as text (a cache keyed by them needs no more), or nil
    /// with the reason.
    public static func bytes(_ path: String) -> (bytes: Data?, issues: [FileIssue]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [FileIssue(file: path, line: 0, column: 0, field: "", message: Bilingual("cannot read the file; check the path and its permissions", "无法读取文件；请检查路径和权限"))])
        }
        return (data, [])
    }
}
