import Foundation
import SMRLanguage

/// Jobs `0..<count` run by at most `workers` threads, each job usually one child process
/// started through `run(_:)`. Ctrl-C stops handing out jobs and terminates the running
/// children. Shared by the benchmark's worker processes and `smr sweep`.
public final class ProcessSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var running: [Process] = []
    private var next = 0
    private var stopped = false

    /// Slots for jobs run one by one on the calling thread (`forEach` makes its own).
    init() {}

    /// Run `job(i)` for every i, at most `workers` at once; a job returns false to stop the
    /// others from starting. Returns true when Ctrl-C stopped the jobs (the interrupt is
    /// then cleared).
    public static func forEach(count: Int, workers: Int, _ job: @escaping (Int, ProcessSlots) -> Bool) -> Bool {
        let slots = ProcessSlots()
        let group = DispatchGroup()
        for _ in 0..<max(1, min(workers, count)) {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                while let i = slots.take(count) {
                    if !job(i, slots) { slots.stop() }
                }
            }
        }
        while group.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            if Interpreter.interruptRequested { slots.terminateRunning() }
        }
        guard Interpreter.interruptRequested else { return false }
        Interpreter.clearInterrupt()
        return true
    }

    /// Start `p` and wait for it to exit; Ctrl-C meanwhile terminates it.
    public func run(_ p: Process) throws {
        try p.run()
        lock.lock(); running.append(p); lock.unlock()
        p.waitUntilExit()
        lock.lock(); running.removeAll { $0 === p }; lock.unlock()
    }

    private func take(_ count: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard !stopped, !Interpreter.interruptRequested, next < count else { return nil }
        next += 1
        return next - 1
    }

    private func stop() { lock.lock(); stopped = true; lock.unlock() }

    private func terminateRunning() {
        lock.lock(); defer { lock.unlock() }
        for p in running where p.isRunning { p.terminate() }
    }
}
