import Foundation
import SMRLanguage
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a notebook may write files: below the notebook's folder, the working
/// directory, or a folder the user allowed with `--allow-write DIR`. Paths are
/// resolved to real paths first, so a symlink pointing outside is refused.
///
/// Library bindings that write (checkpoints, result files, exports) call
/// `try WritePolicy.current.check(path)` before opening the file.
public final class WritePolicy: @unchecked Sendable {
    private let lock = NSLock()
    private var roots: [String]

    /// The policy in force for this process. By default it allows the working directory.
    public static var current: WritePolicy {
        get { storage.lock.lock(); defer { storage.lock.unlock() }; return storage.policy }
        set { storage.lock.lock(); storage.policy = newValue; storage.lock.unlock() }
    }

    private final class Storage: @unchecked Sendable {
        let lock = NSLock()
        var policy = WritePolicy(allowing: [FileManager.default.currentDirectoryPath])
    }
    private static let storage = Storage()

    /// A policy allowing writes below each of `directories` (resolved to real paths).
    public init(allowing directories: [String]) {
        roots = directories.compactMap { WritePolicy.resolve($0) }
    }

    /// The policy for running `notebookPath`: its folder, the working directory, and `extra`.
    public static func forNotebook(_ notebookPath: String?, allowing extra: [String] = []) -> WritePolicy {
        var dirs = [FileManager.default.currentDirectoryPath]
        if let nb = notebookPath {
            dirs.append(URL(fileURLWithPath: nb).deletingLastPathComponent().path)
        }
        return WritePolicy(allowing: dirs + extra)
    }

    /// Allow one more directory.
    public func allow(_ directory: String) {
        guard let r = WritePolicy.resolve(directory) else { return }
        lock.lock(); roots.append(r); lock.unlock()
    }

    /// The allowed folders (real paths).
    public var allowedDirectories: [String] { lock.lock(); defer { lock.unlock() }; return roots }

    /// Whether writing `path` is allowed.
    public func allows(_ path: String) -> Bool {
        guard let real = WritePolicy.resolve(path) else { return false }
        return allowedDirectories.contains { root in
            root == "/" || real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/")
        }
    }

    /// Throw a `RuntimeError` (as the language shows it) unless writing `path` is allowed.
    public func check(_ path: String) throws {
        guard allows(path) else {
            let shown = WritePolicy.resolve(path).map { $0 == path ? path : "\(path) (\($0))" } ?? path
            throw PyError(.runtimeError, "writing to \(shown) is not allowed: notebooks write only below the notebook's folder or the working directory; pass --allow-write DIR to allow another folder")
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
