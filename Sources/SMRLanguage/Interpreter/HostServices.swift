import Foundation

/// A progress display a library loop drives (the notebook runner installs a tqdm-style bar).
public protocol ProgressDisplay: AnyObject {
    /// Advance to `n` of the total.
    func update(to n: Int)
    func close()
}

/// What the program embedding the interpreter offers library code: the write policy for
/// files (notebooks write only below their folder unless allowed) and progress bars. The
/// notebook runner and the REPL install theirs at start; the defaults allow every write and
/// show no progress, so library bindings work the same in tests and embedders.
public enum HostServices {
    private final class Storage: @unchecked Sendable {
        let lock = NSLock()
        var checkWrite: (String) throws -> Void = { _ in }
        var progress: (_ total: Int, _ description: String) -> ProgressDisplay? = { _, _ in nil }
    }
    private static let storage = Storage()

    /// Throws (a `PyError`) unless the running program may write `path`.
    public static var checkWrite: (String) throws -> Void {
        get { storage.lock.lock(); defer { storage.lock.unlock() }; return storage.checkWrite }
        set { storage.lock.lock(); storage.checkWrite = newValue; storage.lock.unlock() }
    }

    /// A progress bar for a loop of `total` steps, or nil when none should show (e.g. when
    /// standard error is not a terminal).
    public static var progress: (_ total: Int, _ description: String) -> ProgressDisplay? {
        get { storage.lock.lock(); defer { storage.lock.unlock() }; return storage.progress }
        set { storage.lock.lock(); storage.progress = newValue; storage.lock.unlock() }
    }
}
