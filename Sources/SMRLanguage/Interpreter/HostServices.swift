import Foundation

/// A progress display a library loop drives (the notebook runner installs a tqdm-style bar).
public protocol ProgressDisplay: AnyObject {
    /// Advance to `n` of the total.
    func update(to n: Int)
    func close()
    /// Change the text before the bar (tqdm's `set_description`).
    func describe(_ text: String)
}

extension ProgressDisplay {
    public func describe(_ text: String) {}
}

/// Runs `inputs` through the worker task `kind` in `workers` separate processes (each
/// single-threaded), calling `finished(i)` as input i completes; returns the outputs in
/// input order. A failed task throws.
public typealias WorkerPool = (_ kind: String, _ inputs: [String], _ workers: Int,
                               _ finished: @escaping (Int) -> Void) throws -> [String]

/// What the program embedding the interpreter offers library code: the read and write
/// policies for files (notebooks touch files only below their folder unless allowed) and
/// progress bars. The notebook runner and the REPL install theirs at start; the defaults
/// allow every read and write and show no progress, so library bindings work the same in
/// tests and embedders.
public enum HostServices {
    private final class Storage: @unchecked Sendable {
        let lock = NSLock()
        var checkWrite: (String) throws -> Void = { _ in }
        var checkRead: (String) throws -> Void = { _ in }
        var progress: (_ total: Int, _ description: String) -> ProgressDisplay? = { _, _ in nil }
        var renderTable: (_ headers: [String], _ rows: [[Value]]) -> String = HostServices.plainTable
        var workerPool: WorkerPool? = nil
    }
    private static let storage = Storage()

    /// Throws (a `PyError`) unless the running program may write `path`.
    public static var checkWrite: (String) throws -> Void {
        get { storage.lock.lock(); defer { storage.lock.unlock() }; return storage.checkWrite }
        set { storage.lock.lock(); storage.checkWrite = newValue; storage.lock.unlock() }
    }

    /// Throws (a `PyError`) unless the running program may read `path`.
    public static var checkRead: (String) throws -> Void {
        get { storage.lock.lock(); defer { storage.lock.unlock() }; return storage.checkRead }
        set { storage.lock.lock(); storage.checkRead = newValue; storage.lock.unlock() }
    }

    /// A progress bar for a loop of `total` steps, or nil when none should show (e.g. when
    /// standard error is not a terminal).
    public static var progress: (_ total: Int, _ description: String) -> ProgressDisplay? {
        get { storage.lock.lock(); defer { storage.lock.unlock() }; return storage.progress }
        set { storage.lock.lock(); storage.progress = newValue; storage.lock.unlock() }
    }

    /// Lays out rows as `tabulate(rows, headers, tablefmt="rounded_outline")` (the notebook
    /// runner installs tabulate's layout; the default joins cells with " | ").
    public static var renderTable: (_ headers: [String], _ rows: [[Value]]) -> String {
        get { storage.lock.lock(); defer { storage.lock.unlock() }; return storage.renderTable }
        set { storage.lock.lock(); storage.renderTable = newValue; storage.lock.unlock() }
    }

    /// Worker processes for independent runs, or nil when the host has none (then library
    /// code runs the same tasks one after another in this process).
    public static var workerPool: WorkerPool? {
        get { storage.lock.lock(); defer { storage.lock.unlock() }; return storage.workerPool }
        set { storage.lock.lock(); storage.workerPool = newValue; storage.lock.unlock() }
    }

    static func plainTable(_ headers: [String], _ rows: [[Value]]) -> String {
        ([headers.joined(separator: " | ")] + rows.map { $0.map(\.description).joined(separator: " | ") }).joined(separator: "\n")
    }
}

/// Named tasks a worker process can run (`smr` runs them as `smr __worker KIND`, input on
/// standard input, output on standard output). Library code registers its tasks at install.
public enum WorkerTasks {
    private final class Registry: @unchecked Sendable {
        let lock = NSLock()
        var handlers: [String: (String) throws -> String] = [:]
    }
    private static let registry = Registry()

    public static func register(_ kind: String, _ handler: @escaping (String) throws -> String) {
        registry.lock.lock(); registry.handlers[kind] = handler; registry.lock.unlock()
    }

    public static func handler(_ kind: String) -> ((String) throws -> String)? {
        registry.lock.lock(); defer { registry.lock.unlock() }
        return registry.handlers[kind]
    }

    public static var kinds: [String] {
        registry.lock.lock(); defer { registry.lock.unlock() }
        return registry.handlers.keys.sorted()
    }
}
