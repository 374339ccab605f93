import Foundation
import SMRLanguage

/// Runs the cells of a sweep grid, each one `smr run NOTEBOOK --param …` process with its
/// output in `DIR/runs/ID/output.log` and its record in `DIR/runs/ID/record.json`, at most
/// `workers` at a time. Cells whose record says they succeeded are skipped (resume); a
/// failed run is reported and rerun by the next sweep. Ctrl-C terminates the running runs.
public struct SweepRunner {
    public let notebook: String
    public let cells: [SweepCell]
    public let dir: URL
    public let workers: Int
    public let executable: String

    public init(notebook: String, cells: [SweepCell], dir: URL, workers: Int, executable: String) {
        self.notebook = notebook; self.cells = cells; self.dir = dir; self.workers = workers; self.executable = executable
    }

    /// The cells still to run: those without a successful record.
    public func pending() -> [SweepCell] {
        cells.filter { c in !(SweepRecord.read(SweepRecord.file(dir, c.id))?.succeeded ?? false) }
    }

    /// Run the pending cells; returns the number of failed runs, or nil when interrupted.
    public func run(progress: Progress? = nil, log: (String) -> Void) throws -> Int? {
        let todo = pending()
        log("sweep: \(cells.count) run\(cells.count == 1 ? "" : "s"), \(cells.count - todo.count) already complete, \(todo.count) to run with \(min(workers, max(1, todo.count))) worker\(workers == 1 ? "" : "s")\n")
        guard !todo.isEmpty else { return 0 }
        let state = State()
        let bar = progress ?? Progress(total: todo.count, desc: "sweep", unit: "run")
        let interrupted = ProcessSlots.forEach(count: todo.count, workers: workers) { i, slots in
            state.lock.lock(); state.running += 1; state.show(bar); state.lock.unlock()
            let result = runOne(todo[i], slots: slots)
            state.lock.lock()
            state.running -= 1
            if case .failure(let why) = result, !Interpreter.interruptRequested {
                state.failed += 1
                state.messages.append(why)
            }
            if !Interpreter.interruptRequested { bar.update() }
            state.show(bar)
            state.lock.unlock()
            return true
        }
        bar.close()
        for m in state.messages { log("sweep: \(m)\n") }
        return interrupted ? nil : state.failed
    }

    /// Run one cell here, as a Slurm array task does; returns its exit status (0, or 1 failed).
    public func runTask(_ cell: SweepCell, log: (String) -> Void) -> Int32 {
        switch runOne(cell, slots: ProcessSlots()) {
        case .success: return 0
        case .failure(let why): log("sweep: \(why)\n"); return 1
        }
    }

    final class State: @unchecked Sendable {
        let lock = NSLock()
        var running = 0, failed = 0
        var messages: [String] = []
        /// Show the running and failed counts (with `lock` held).
        func show(_ bar: Progress) {
            bar.postfix = "running \(running), failed \(failed)"
            bar.refresh()
        }
    }

    enum Outcome { case success, failure(String) }

    func runOne(_ cell: SweepCell, slots: ProcessSlots) -> Outcome {
        do {
            let runDir = dir.appendingPathComponent("runs/\(cell.id)")
            try FileManager.default.createDirectory(at: runDir, withIntermediateDirectories: true)
            let valuesURL = runDir.appendingPathComponent("values.jsonl"), logURL = runDir.appendingPathComponent("output.log")
            try? FileManager.default.removeItem(at: valuesURL)
            _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: executable)
            p.arguments = ["run", notebook] + cell.arguments
            var env = ProcessInfo.processInfo.environment
            env[RecordBuiltin.environmentVariable] = valuesURL.path
            env["NO_COLOR"] = "1"
            p.environment = env
            let logHandle = try FileHandle(forWritingTo: logURL)
            defer { logHandle.closeFile() }
            p.standardOutput = logHandle
            p.standardError = logHandle
            p.standardInput = FileHandle.nullDevice
            let start = Date()
            try slots.run(p)
            if Interpreter.interruptRequested { return .failure("\(cell.id): interrupted") }
            let status: Int32 = p.terminationReason == .uncaughtSignal ? 128 + p.terminationStatus : p.terminationStatus
            let record = SweepRecord(id: cell.id, params: cell.params.map { ($0.name, $0.value.sourceText) }, status: status,
                                     seconds: Date().timeIntervalSince(start), values: SweepRecord.readValues(valuesURL))
            try record.write(to: SweepRecord.file(dir, cell.id))
            return status == 0 ? .success : .failure("\(cell.id) failed (exit status \(status)); see \(logURL.path)")
        } catch {
            return .failure("\(cell.id): \(error.localizedDescription)")
        }
    }
}
