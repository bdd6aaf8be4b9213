import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The file a feed's refused lines go to, one per line (``FeedReject/formatted``), appended and
/// flushed to disk with each batch. Created at the first refused line: a clean feed leaves none.
public final class FeedRejectsFile {
    public let path: String
    private var handle: FileHandle?

    public init(path: String) { self.path = path }

    public func write(_ reject: FeedReject) throws {
        let handle = try self.handle ?? open()
        // One line per reject: a line break inside the refused text would split it.
        let text = reject.formatted.replacingOccurrences(of: "\n", with: "\\n")
        try handle.write(contentsOf: Data((text + "\n").utf8))
    }

    private func open() throws -> FileHandle {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EACCES) }
        }
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try h.seekToEnd()
        handle = h
        return h
    }

    /// Makes what was written durable (after each batch).
    public func sync() throws { try handle?.synchronize() }

    /// The line numbers after `line` already in the file at `path` (written by a run that
    /// stopped before its batch reached the record).
    public static func linesAfter(_ line: Int, in path: String) -> Set<Int> {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        var out: Set<Int> = []
        for row in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            if let n = FeedReject.lineNumber(of: row), n > line { out.insert(n) }
        }
        return out
    }

    deinit { try? handle?.close() }
}
