import Foundation
import SMRLanguage
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a notebook may read or write files: below the notebook's folder, the working
/// directory, or a folder the user allowed with `--allow-read DIR` / `--allow-write DIR`.
/// Paths are resolved to real paths first (for a new file, its parent), so `..` and a
/// symlink pointing outside are refused.
///
/// `open()` and the library bindings that read or write (checkpoints, result files,
/// exports) call `try FileAccessPolicy.writing.check(path)` (or `.reading`) before
/// opening the file, through `HostServices`.
public final class FileAccessPolicy: @unchecked Sendable {
    /// What a policy governs: it names the verb and the command-line flag in its refusal.
    public enum Access: String, Sendable {
        case read, write
        var flag: String { "--allow-\(rawValue)" }
        var verb: String { self == .read ? "read" : "write" }
    }

    public let access: Access
    private let lock = NSLock()
    private var roots: [String]

    /// The write policy in force for this process. By default it allows the working directory.
    public static var writing: FileAccessPolicy {
        get { storage.lock.lock(); defer { storage.lock.unlock() }; return storage.writing }
        set { storage.lock.lock(); storage.writing = newValue; storage.lock.unlock() }
    }

    /// The read policy in force for this process. By default it allows the working directory.
    public static var reading: FileAccessPolicy {
        get { storage.lock.lock(); defer { storage.lock.unlock() }; return storage.reading }
        set { storage.lock.lock(); storage.reading = newValue; storage.lock.unlock() }
    }

    private final class Storage: @unchecked Sendable {
        let lock = NSLock()
        var writing = FileAccessPolicy(allowing: [FileManager.default.currentDirectoryPath], access: .write)
        var reading = FileAccessPolicy(allowing: [FileManager.default.currentDirectoryPath], access: .read)
    }
    private static let storage = Storage()

    /// A policy allowing `access` below each of `directories` (resolved to real paths).
    public init(allowing directories: [String], access: Access = .write) {
        self.access = access
        roots = directories.compactMap { FileAccessPolicy.resolve($0) }
    }

    /// The policy for running `notebookPath`: its folder, the working directory, and `extra`.
    public static func forNotebook(_ notebookPath: String?, allowing extra: [String] = [], access: Access = .write) -> FileAccessPolicy {
        var dirs = [FileManager.default.currentDirectoryPath]
        if let nb = notebookPath {
            dirs.append(URL(fileURLWithPath: nb).deletingLastPathComponent().path)
        }
        return FileAccessPolicy(allowing: dirs + extra, access: access)
    }

    /// Install the read and write policies for running `notebookPath` (nil: the REPL).
    public static func install(notebook notebookPath: String?, allowRead: [String], allowWrite: [String]) {
        writing = forNotebook(notebookPath, allowing: allowWrite, access: .write)
        // What a notebook may write it may read back.
        reading = forNotebook(notebookPath, allowing: allowRead + allowWrite, access: .read)
    }

    /// Allow one more directory.
    public func allow(_ directory: String) {
        guard let r = FileAccessPolicy.resolve(directory) else { return }
        lock.lock(); roots.append(r); lock.unlock()
    }

    /// The allowed folders (real paths).
    public var allowedDirectories: [String] { lock.lock(); defer { lock.unlock() }; return roots }

    /// Whether `path` may be accessed.
    public func allows(_ path: String) -> Bool {
        guard let real = FileAccessPolicy.resolve(path) else { return false }
        return allowedDirectories.contains { root in
            root == "/" || real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/")
        }
    }

    /// Throw a `PermissionError` naming the path and the flag that would allow it, unless
    /// `path` may be accessed.
    public func check(_ path: String) throws {
        guard allows(path) else {
            let shown = FileAccessPolicy.resolve(path).map { $0 == path ? "'\(path)'" : "'\(path)' (\($0))" } ?? "'\(path)'"
            throw PyError(.permissionError, "\(access.verb) access to \(shown) is not allowed: notebooks \(access.verb) files only below the notebook's folder or the working directory; pass \(access.flag) DIR to allow another folder")
        }
    }

    /// The real path of `path`: the deepest existing ancestor resolved with `realpath`
    /// (following symlinks), then the components that do not exist yet. Nil if a
    /// component that does not exist is `..` (it could climb out after resolution).
    public static func resolve(_ path: String) -> String? {
        guard !path.isEmpty, !path.contains("\0") else { return nil }
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var comps = absolute.split(separator: "/").map(String.init)
        var tail: [String] = []
        while true {
            let candidate = "/" + comps.joined(separator: "/")
            if let real = realPath(candidate) {
                if tail.contains("..") { return nil }
                let rest = tail.reversed().filter { $0 != "." }
                if rest.isEmpty { return real }
                return (real == "/" ? "" : real) + "/" + rest.joined(separator: "/")
            }
            // Something is there but does not resolve: a dangling symlink (refused).
            var st = stat()
            if lstat(candidate, &st) == 0 { return nil }
            guard let last = comps.popLast() else { return nil }
            tail.append(last)
        }
    }

    static func realPath(_ p: String) -> String? {
        guard let r = realpath(p, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }
}
