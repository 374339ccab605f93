#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and crash-safe writes with POSIX calls: a write goes to a temporary
/// file in the same directory, is fsynced, renamed over the target (atomic on POSIX file
/// systems), and the directory is fsynced so the rename itself is durable.
enum AtomicFile {
    private static func reason() -> String { String(cString: strerror(errno)) }

    static func write(_ bytes: [UInt8], to path: String) throws {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var temporary = ""
        var fd: Int32 = -1
        for attempt in 0..<16 {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            temporary = (directory.isEmpty ? "" : directory + "/") + ".\(base).\(getpid())-\(attempt)-\(suffix).tmp"
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw CheckpointError.io(path: path, operation: "creating a temporary file", reason: reason()) }
        var ok = false
        defer {
            if !ok { unlink(temporary) }
        }
        do {
            var written = 0
            try bytes.withUnsafeBytes { raw in
                while written < raw.count {
                    let n = Glibc_write(fd, raw.baseAddress.map { $0 + written }, raw.count - written)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw CheckpointError.io(path: path, operation: "write", reason: reason())
                    }
                    written += n
                }
            }
            guard fsync(fd) == 0 else { throw CheckpointError.io(path: path, operation: "fsync", reason: reason()) }
        } catch {
            close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw CheckpointError.io(path: path, operation: "close", reason: reason()) }
        guard rename(temporary, path) == 0 else { throw CheckpointError.io(path: path, operation: "rename", reason: reason()) }
        ok = true
        let dfd = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_CLOEXEC)
        if dfd >= 0 {
            _ = fsync(dfd)  // best effort: makes the rename durable on power loss
            close(dfd)
        }
    }

    static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { throw CheckpointError.fileNotFound(path: path) }
            throw CheckpointError.io(path: path, operation: "open", reason: reason())
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw CheckpointError.io(path: path, operation: "stat", reason: reason()) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw CheckpointError.io(path: path, operation: "open", reason: "not a regular file")
        }
        var out: [UInt8] = []
        out.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc_read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CheckpointError.io(path: path, operation: "read", reason: reason())
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }
}

// `write`/`read` are shadowed inside types that define methods of the same name.
@inline(__always) private func Glibc_write(_ fd: Int32, _ buf: UnsafeRawPointer?, _ n: Int) -> Int { write(fd, buf, n) }
@inline(__always) private func Glibc_read(_ fd: Int32, _ buf: UnsafeMutableRawPointer?, _ n: Int) -> Int { read(fd, buf, n) }
