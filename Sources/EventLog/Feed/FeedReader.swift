import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a feed's lines from a file descriptor (a file or a pipe), numbering them and keeping
/// the byte offset after each, so a restart can seek straight past what the record holds.
///
/// `follow`: at the end of a regular file, wait for it to grow (`tail -f`); a pipe ends when
/// its writer closes it, follow or not.
public final class FeedReader {
    public enum Next {
        /// Whole lines read.
        case lines([FeedInputLine])
        /// Nothing new yet (following a file that has not grown).
        case idle
        /// The end: every line was given.
        case end
    }

    private let fd: Int32
    private let follow: Bool
    private let isRegular: Bool
    private var buffer: [UInt8] = []
    /// Where the unread part of `buffer` starts (bytes before it are given out already).
    private var head = 0
    /// The offset of `buffer[head]`.
    private var bufferStart: Int64
    private var number: Int
    public private(set) var size: Int64?
    /// A line longer than this is not kept whole: its first bytes are given (marked overlong)
    /// and the rest is skipped up to its newline, so a file without newlines cannot fill memory.
    public static let maxLine = 256 * 1024
    /// Skipping the rest of an overlong line (its number given already).
    private var skipping = false

    /// Reads from `fd`, whose next byte is at `offset` and follows line `line`.
    public init(fd: Int32, offset: Int64, line: Int, follow: Bool) {
        self.fd = fd
        self.follow = follow
        bufferStart = offset
        number = line
        var st = stat()
        isRegular = fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
        size = isRegular ? Int64(st.st_size) : nil
    }

    /// Opens a file for reading, positioned at `offset` (refused past its end: the file is not
    /// the one the record read, so the caller starts over).
    public static func open(_ path: String, offset: Int64, line: Int, follow: Bool) throws -> FeedReader {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        if offset > 0 { guard lseek(fd, off_t(offset), SEEK_SET) == off_t(offset) else { throw POSIXError(.EIO) } }
        return FeedReader(fd: fd, offset: offset, line: line, follow: follow)
    }

    /// The next whole lines, at most `limit` of them.
    public func next(limit: Int) throws -> Next {
        var out: [FeedInputLine] = []
        while out.count < limit {
            if let nl = buffer[head...].firstIndex(of: 0x0A) {
                if skipping {
                    bufferStart += Int64(nl + 1 - head)
                    head = nl + 1
                    skipping = false
                    // Its end, when it is still in this batch (a batch given while skipping
                    // records the line as ending where the reading stopped).
                    if let last = out.indices.last, out[last].overlong { out[last].end = bufferStart }
                    continue
                }
                take(upTo: nl, skip: 1, into: &out)
                continue
            }
            if skipping {
                bufferStart += Int64(buffer.count - head)
                head = buffer.count
            } else if buffer.count - head > FeedReader.maxLine {
                // An overlong line: its start is kept (to name it), the rest skipped.
                number += 1
                let start = buffer[head..<(head + 200)]
                bufferStart += Int64(buffer.count - head)
                head = buffer.count
                skipping = true
                // Its end as far as read; moved to its newline when that comes in this batch.
                var line = FeedInputLine(number: number, text: String(decoding: start, as: UTF8.self) + "…", end: bufferStart)
                line.overlong = true
                out.append(line)
            }
            if head > 0 {
                buffer.removeFirst(head)
                head = 0
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            if n > 0 {
                buffer.append(contentsOf: chunk[0..<n])
                if isRegular { size = max(size ?? 0, bufferStart + Int64(buffer.count - head)) }
                continue
            }
            // The end of what there is now.
            if skipping && !(follow && isRegular) {
                // The file ends inside an overlong line: it ends there.
                skipping = false
                if let last = out.indices.last, out[last].overlong { out[last].end = bufferStart }
            }
            if !out.isEmpty { return .lines(out) }
            if follow && isRegular { return .idle }
            if head < buffer.count {
                // A last line without its newline.
                take(upTo: buffer.count, skip: 0, into: &out)
                return .lines(out)
            }
            return .end
        }
        return .lines(out)
    }

    private func take(upTo end: Int, skip: Int, into out: inout [FeedInputLine]) {
        number += 1
        var bytes = buffer[head..<end]
        if bytes.last == 0x0D { bytes = bytes.dropLast() }
        let consumed = Int64(end - head + skip)
        // Bad bytes are not replaced: the line is refused, naming the first one.
        let text = String(validating: bytes, as: UTF8.self)
        var line = FeedInputLine(number: number, text: text ?? String(decoding: bytes, as: UTF8.self), end: bufferStart + consumed)
        if text == nil { line.badByte = FeedReader.firstBadByte(bytes) }
        out.append(line)
        head = end + skip
        bufferStart += consumed
    }

    /// The 1-based position of the first byte that is not UTF-8.
    static func firstBadByte(_ bytes: ArraySlice<UInt8>) -> Int {
        var k = bytes.startIndex
        while k < bytes.endIndex {
            let b = bytes[k]
            let n = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
            guard n > 0, k + n <= bytes.endIndex, String(validating: bytes[k..<(k + n)], as: UTF8.self) != nil else { return k - bytes.startIndex + 1 }
            k += n
        }
        return 1
    }

    deinit { close(fd) }
}
