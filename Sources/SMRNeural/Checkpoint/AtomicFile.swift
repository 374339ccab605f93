#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why `AtomicFile` could not read or write a file: the path, the operation and the
/// operating system's reason.
public struct AtomicFileError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let operation: String
    public let reason: String
    /// The file (or its directory) does not exist.
    public let notFound: Bool

    public var description: String { "'\(path)': \(operation) failed: \(reason)" }
}

/// Whole-file reads and crash-safe writes with POSIX calls: a write goes to a temporary
/// file in the same directory, is fsynced, renamed over the target (atomic on POSIX file
/// systems), and the directory is fsynced so the rename itself is durable. A crash (even
/// `kill -9`) at any point leaves either the old or the new file, never a mix.
///
/// ```swift
/// try AtomicFile.write(Array("results\n".utf8), to: "out/results.txt")
/// ```
public enum AtomicFile {
    private static func failure(_ path: String, _ operation: String) -> AtomicFileError {
        let code = errno
        return AtomicFileError(path: path, operation: operation, reason: String(cString: strerror(code)), notFound: code == ENOENT)
    }

    /// Writes `text` as UTF-8 to `path` atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    /// Writes `bytes` to `path` atomically (temporary file, fsync, rename, directory fsync).
    public static func write(_ bytes: [UInt8], to path: String) throws {
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
        guard fd >= 0 else { throw failure(path, "creating a temporary file") }
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
                        throw failure(path, "write")
                    }
                    written += n
                }
            }
            guard fsync(fd) == 0 else { throw failure(path, "fsync") }
        } catch {
            close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw failure(path, "close") }
        guard rename(temporary, path) == 0 else { throw failure(path, "rename") }
        ok = true
        let dfd = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_CLOEXEC)
        if dfd >= 0 {
            _ = fsync(dfd)  // best effort: makes the rename durable on power loss
            close(dfd)
        }
    }

    /// The whole contents of the regular file at `path`.
    public static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path, "open") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(path, "stat") }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw AtomicFileError(path: path, operation: "open", reason: "not a regular file", notFound: false)
        }
        var out: [UInt8] = []
        out.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc_read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(path, "read")
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
