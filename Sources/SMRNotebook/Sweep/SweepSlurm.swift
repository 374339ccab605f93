import Foundation
import SMRLanguage
import SMRNeural

/// `smr sweep --slurm`: one sbatch job-array script whose task i runs grid cell i (only the
/// cells without a successful record), submitted with `sbatch`, followed with `squeue` (and
/// `sacct` where accounting is on) until done. The records land in the sweep folder, which
/// must be shared by the nodes. Slurm's own tools do the scheduling.
public struct SweepSlurm {
    public var partition: String?
    public var time: String?
    public var cpusPerTask = 1
    public var arrayLimit: Int?
    public var noWait = false
    /// Seconds between two `squeue` polls.
    public var pollSeconds = 2.0

    public init() {}

    /// A word quoted for bash.
    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// The job-array script: task `SLURM_ARRAY_TASK_ID` runs that cell of the full grid.
    /// - Parameter gridArguments: the `--param` and `--grid` arguments that give the sweep's grid.
    func script(executable: String, notebook: String, gridArguments: [String], dir: URL, indices: [Int]) -> String {
        var lines = ["#!/bin/bash", "# Written by smr sweep --slurm: task i runs cell i of the grid.",
                     "#SBATCH --job-name=smr-sweep",
                     "#SBATCH --array=" + indices.map(String.init).joined(separator: ",") + (arrayLimit.map { "%\($0)" } ?? ""),
                     "#SBATCH --output=" + dir.appendingPathComponent("slurm/%A_%a.out").path,
                     "#SBATCH --cpus-per-task=\(cpusPerTask)",
                     "#SBATCH --chdir=" + FileManager.default.currentDirectoryPath]
        if let p = partition { lines.append("#SBATCH --partition=\(p)") }
        if let t = time { lines.append("#SBATCH --time=\(t)") }
        let args = [executable, "sweep", notebook] + gridArguments + ["--out", dir.path]
        lines.append("exec " + args.map(Self.quote).joined(separator: " ") + " --task \"$SLURM_ARRAY_TASK_ID\"")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Run a Slurm tool; returns (status, stdout, stderr), or throws if it cannot start.
    static func tool(_ name: String, _ args: [String]) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [name] + args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { throw NotebookError.badParameter("--slurm: cannot run \(name): \(error.localizedDescription)") }
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// Submit the pending cells and (unless `noWait`) follow the job; returns the number of
    /// failed tasks, or nil when the job was submitted without waiting or the wait was interrupted.
    public func run(runner: SweepRunner, gridArguments: [String], log: (String) -> Void) throws -> Int? {
        let todo = runner.pending()
        let indices = todo.compactMap { c in runner.cells.firstIndex(of: c) }
        log("sweep: \(runner.cells.count) runs, \(runner.cells.count - todo.count) already complete, \(todo.count) to submit to Slurm\n")
        guard !todo.isEmpty else { return 0 }
        let slurmDir = runner.dir.appendingPathComponent("slurm")
        try FileManager.default.createDirectory(at: slurmDir, withIntermediateDirectories: true)
        let scriptURL = slurmDir.appendingPathComponent("sweep.sbatch")
        let notebook = URL(fileURLWithPath: runner.notebook).path
        try AtomicFile.write(script(executable: runner.executable, notebook: notebook, gridArguments: gridArguments, dir: runner.dir, indices: indices),
                             to: scriptURL.path)
        let (status, out, err) = try Self.tool("sbatch", ["--parsable", scriptURL.path])
        guard status == 0, let job = out.split(separator: ";").first.map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }),
              !job.isEmpty else {
            throw NotebookError.badParameter("--slurm: sbatch \(scriptURL.path) failed (exit status \(status)): \(err.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        log("sweep: submitted job array \(job) (\(scriptURL.path))\n")
        if noWait {
            log("sweep: follow it with squeue -j \(job); collect with smr sweep --collect \(runner.dir.path)\n")
            return nil
        }
        let bar = Progress(total: todo.count, desc: "sweep (slurm \(job))", unit: "run")
        var done = 0
        while true {
            if Interpreter.interruptRequested {
                Interpreter.clearInterrupt()
                bar.close()
                log("sweep: stopped following; job \(job) goes on (scancel \(job) stops it)\n")
                return nil
            }
            let (qs, qout, qerr) = try Self.tool("squeue", ["-h", "-j", job, "-o", "%T"])
            guard qs == 0 || qerr.contains("Invalid job id") else {
                throw NotebookError.badParameter("--slurm: squeue -j \(job) failed (exit status \(qs)): \(qerr.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
            let states = qout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let finished = todo.filter { SweepRecord.read(SweepRecord.file(runner.dir, $0.id)) != nil }
            let failed = finished.filter { !(SweepRecord.read(SweepRecord.file(runner.dir, $0.id))?.succeeded ?? false) }.count
            bar.postfix = "running \(states.filter { $0 == "RUNNING" }.count), failed \(failed)"
            if finished.count > done { bar.update(finished.count - done); done = finished.count }
            if states.isEmpty { break }
            Thread.sleep(forTimeInterval: pollSeconds)
        }
        bar.close()
        var failedCount = 0
        for (cell, index) in zip(todo, indices) {
            guard let r = SweepRecord.read(SweepRecord.file(runner.dir, cell.id)) else {
                failedCount += 1
                log("sweep: task \(index) (\(cell.id)) left no record\(sacctState(job: job, index: index)); see \(slurmDir.path)/\(job)_\(index).out\n")
                continue
            }
            if !r.succeeded {
                failedCount += 1
                log("sweep: \(cell.id) failed (exit status \(r.status)); see \(runner.dir.path)/runs/\(cell.id)/output.log\n")
            }
        }
        return failedCount
    }

    /// `, Slurm state FAILED` from sacct, or nothing where accounting is off.
    func sacctState(job: String, index: Int) -> String {
        guard let (s, out, _) = try? Self.tool("sacct", ["-n", "-P", "-X", "-j", "\(job)_\(index)", "-o", "State"]), s == 0,
              let state = out.split(separator: "\n").first, !state.isEmpty else { return "" }
        return ", Slurm state \(state)"
    }
}
