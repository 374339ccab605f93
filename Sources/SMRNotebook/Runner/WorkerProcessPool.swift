import Foundation
import SMRLanguage

/// Worker processes for independent runs: each input goes to a fresh `smr __worker KIND`
/// (the input on its standard input, its result on standard output, both through temporary
/// files so large results never block a pipe), at most `workers` at a time, each
/// single-threaded. Outputs come back in input order, so a parallel run returns exactly
/// what a serial one does. Ctrl-C terminates the running workers.
public enum WorkerProcessPool {
    /// The `smr` executable that understands `__worker` (set by the `smr` command; nil in
    /// embedders and tests, which then run tasks in-process).
    nonisolated(unsafe) public static var executable: String?

    public struct WorkerFailure: Error, CustomStringConvertible {
        public let index: Int, status: Int32, message: String
        public var description: String { "worker for run \(index + 1) failed (exit status \(status)): \(message)" }
    }

    public static func run(executable: String, kind: String, inputs: [String], workers: Int,
                           finished: @escaping (Int) -> Void) throws -> [String] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("smr-workers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let shared = Shared(count: inputs.count)
        let interrupted = ProcessSlots.forEach(count: inputs.count, workers: workers) { i, slots in
            do {
                let out = try runOne(executable: executable, kind: kind, input: inputs[i], index: i, dir: dir, slots: slots)
                shared.lock.lock(); shared.outputs[i] = out; finished(i); shared.lock.unlock()
                return true
            } catch {
                shared.lock.lock(); if shared.failure == nil { shared.failure = error }; shared.lock.unlock()
                return false
            }
        }
        if interrupted { throw PyError(.keyboardInterrupt, "stopped: the worker processes were terminated") }
        if let failure = shared.failure { throw failure }
        return shared.outputs.map { $0 ?? "" }
    }

    /// The pool's results, guarded by `lock`.
    private final class Shared: @unchecked Sendable {
        let lock = NSLock()
        var outputs: [String?]
        var failure: Error?
        init(count: Int) { outputs = [String?](repeating: nil, count: count) }
    }

    static func runOne(executable: String, kind: String, input: String, index: Int, dir: URL,
                       slots: ProcessSlots) throws -> String {
        let inURL = dir.appendingPathComponent("\(index).in"), outURL = dir.appendingPathComponent("\(index).out")
        let errURL = dir.appendingPathComponent("\(index).err")
        try Data(input.utf8).write(to: inURL)
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = ["__worker", kind]
        p.standardInput = try FileHandle(forReadingFrom: inURL)
        p.standardOutput = try FileHandle(forWritingTo: outURL)
        p.standardError = try FileHandle(forWritingTo: errURL)
        try slots.run(p)
        let out = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        guard p.terminationStatus == 0 else {
            let err = ((try? String(contentsOf: errURL, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            throw WorkerFailure(index: index, status: p.terminationStatus, message: err.isEmpty ? "no message" : err)
        }
        return out
    }
}
