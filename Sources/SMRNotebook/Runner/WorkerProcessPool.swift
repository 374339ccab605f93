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
        let lock = shared.lock
        let group = DispatchGroup()
        let slots = max(1, min(workers, inputs.count))
        for _ in 0..<slots {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                while true {
                    lock.lock()
                    let i = shared.next
                    shared.next += 1
                    let stop = shared.failure != nil || Interpreter.interruptRequested
                    lock.unlock()
                    if i >= inputs.count || stop { return }
                    do {
                        let out = try runOne(executable: executable, kind: kind, input: inputs[i], index: i, dir: dir,
                                             register: { p in lock.lock(); shared.running.append(p); lock.unlock() })
                        lock.lock(); shared.outputs[i] = out; finished(i); lock.unlock()
                    } catch {
                        lock.lock(); if shared.failure == nil { shared.failure = error }; lock.unlock()
                        return
                    }
                }
            }
        }
        // Wait, terminating the workers on Ctrl-C.
        while group.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            if Interpreter.interruptRequested {
                lock.lock(); for p in shared.running where p.isRunning { p.terminate() }; lock.unlock()
            }
        }
        if Interpreter.interruptRequested {
            Interpreter.clearInterrupt()
            throw PyError(.keyboardInterrupt, "stopped: the worker processes were terminated")
        }
        if let failure = shared.failure { throw failure }
        return shared.outputs.map { $0 ?? "" }
    }

    /// The pool's bookkeeping, guarded by `lock`.
    private final class Shared: @unchecked Sendable {
        let lock = NSLock()
        var outputs: [String?]
        var failure: Error?
        var next = 0
        var running: [Process] = []
        init(count: Int) { outputs = [String?](repeating: nil, count: count) }
    }

    static func runOne(executable: String, kind: String, input: String, index: Int, dir: URL,
                       register: (Process) -> Void) throws -> String {
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
        try p.run()
        register(p)
        p.waitUntilExit()
        let out = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        guard p.terminationStatus == 0 else {
            let err = ((try? String(contentsOf: errURL, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            throw WorkerFailure(index: index, status: p.terminationStatus, message: err.isEmpty ? "no message" : err)
        }
        return out
    }
}
