import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive lock held for a process's life on a file beside the store (`flock`): the
/// kernel releases it when the process ends, however it ends, so a crash never leaves it stuck.
public final class ProcessLock {
    private let fd: Int32
    public let path: String

    /// Takes the lock, or returns nil with the pid written by the process holding it.
    public static func take(_ path: String) -> (lock: ProcessLock?, holder: Int32?) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return (nil, nil) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            var buffer = [UInt8](repeating: 0, count: 32)
            let n = pread(fd, &buffer, buffer.count, 0)
            close(fd)
            return (nil, n > 0 ? Int32(String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) : nil)
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, pid, pid.count, 0)
        return (ProcessLock(fd: fd, path: path), nil)
    }

    private init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit { close(fd) }
}
