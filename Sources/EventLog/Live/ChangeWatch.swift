import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Tells a following console whether its store's files may have changed since it last asked,
/// without touching SQLite: inotify on the store's folder, for the store file and its WAL (a
/// commit from any process writes the WAL; a checkpoint writes the store; the WAL is created
/// and removed as processes come and go). Asking costs one non-blocking read.
///
/// Only a hint: it never says "unchanged" for longer than `fallback` seconds, so a file system
/// where another host's writes raise no event (NFS) is still read at that pace.
final class ChangeWatch: @unchecked Sendable {
    // @unchecked: used from the one thread that follows the store (the console's loop), and
    // `lock` guards the few fields.
    private let fd: Int32
    private let names: Set<String>
    private let fallback: TimeInterval
    private var lastFull = Date.distantPast
    private var hotUntil = Date.distantPast
    private let settle: TimeInterval = 0.5
    private let lock = NSLock()

    /// Nil where inotify is not available (or the folder cannot be watched): always read then.
    init?(store path: String, fallback: TimeInterval = 1) {
        #if os(Linux)
            let url = URL(fileURLWithPath: path)
            let folder = url.deletingLastPathComponent().path
            let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard fd >= 0 else { return nil }
            let mask = UInt32(IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_TO | IN_MOVED_FROM | IN_CLOSE_WRITE)
            guard inotify_add_watch(fd, folder, mask) >= 0 else {
                close(fd)
                return nil
            }
            self.fd = fd
            let name = url.lastPathComponent
            names = [name, name + "-wal"]
            self.fallback = fallback
        #else
            return nil
        #endif
    }

    deinit { close(fd) }

    /// True when the files may have changed since the last call that returned true (an event
    /// in the last `settle` seconds, or the last full read older than `fallback`); the caller
    /// then reads the store.
    func mayHaveChanged(now: Date = Date()) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        var changed = false
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }  // EAGAIN: drained (or an error: the fallback covers it)
            var at = 0
            while at + MemoryLayout<inotify_event>.size <= n {
                let (mask, length) = buffer.withUnsafeBytes { raw in
                    (raw.load(fromByteOffset: at + 4, as: UInt32.self), Int(raw.load(fromByteOffset: at + 12, as: UInt32.self)))
                }
                let start = at + MemoryLayout<inotify_event>.size
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    changed = true
                } else if length > 0, start + length <= n {
                    let bytes = buffer[start..<(start + length)].prefix { $0 != 0 }
                    if names.contains(String(decoding: bytes, as: UTF8.self)) { changed = true }
                }
                at = start + length
            }
        }
        // A commit writes the WAL (the event) before it is synced and published in the WAL
        // index: a read right after the event can miss it. So the store stays "changed" for
        // `settle` seconds after any event, and is read again at every ask meanwhile.
        if changed { hotUntil = now.addingTimeInterval(settle) }
        if now < hotUntil || now.timeIntervalSince(lastFull) >= fallback || now < lastFull {
            lastFull = now
            return true
        }
        return false
    }
}
