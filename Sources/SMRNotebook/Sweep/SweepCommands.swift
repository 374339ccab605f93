import Foundation
import SMRLanguage

/// `smr sweep`, as functions returning the exit status: 0 every run succeeded, 1 some run
/// failed, 2 usage errors, 130 interrupted.
public enum SweepCommands {
    /// Run the grid of `params` (`NAME=V1,V2,…`) over `notebook` into `out`, then collect.
    /// - Parameters:
    ///   - grid: a `--grid FILE` (`SweepGridFile`), crossed with the `params` lists.
    ///   - slurm: submit to Slurm instead of running worker processes here.
    ///   - task: run only grid cell `task` (0-based) here: what a Slurm array task does.
    public static func sweep(notebook: String, params: [String], grid: String? = nil, workers: Int?, out: String?,
                             seedParam: String?, slurm: SweepSlurm? = nil, task: Int? = nil) -> Int32 {
        guard let exe = WorkerProcessPool.executable else {
            Console.err("smr: error: smr sweep needs the smr executable\n")
            return NotebookCommands.usage
        }
        let cells: [SweepCell]
        do {
            cells = try SweepGrid.cross(try grid.map { try SweepGridFile.cells(path: $0) } ?? [], try SweepGrid.cells(parsing: params))
            guard !cells.isEmpty else {
                throw NotebookError.badParameter("smr sweep needs at least one --param NAME=V1,V2,… or a --grid FILE with settings")
            }
            // Every cell's overrides must name parameters of the notebook (checked before anything runs;
            // the settings of a --grid list may name different parameters).
            let nb = try Notebook.load(path: notebook)
            var checked: Set<[String]> = []
            for c in cells where checked.insert(c.params.map(\.name)).inserted {
                _ = try ParameterOverrides(values: c.params).injectedSource(for: nb)
            }
            // Distinct settings must have distinct folders.
            var seen: [String: SweepCell] = [:]
            for c in cells {
                if let other = seen[c.id], other != c { throw NotebookError.badParameter("two settings share the run folder \(c.id)") }
                if seen[c.id] != nil { throw NotebookError.badParameter("the setting \(c.id) is in the grid twice") }
                seen[c.id] = c
            }
        } catch {
            Console.err("smr: error: \(error)\n")
            return NotebookCommands.usage
        }
        let dir = URL(fileURLWithPath: out ?? defaultOut(notebook))
        do { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) } catch {
            Console.err("smr: error: cannot create the sweep folder \(dir.path): \(error.localizedDescription)\n")
            return NotebookCommands.usage
        }
        let n = workers ?? ProcessInfo.processInfo.activeProcessorCount
        guard n >= 1 else {
            Console.err("smr: error: --workers \(n): give at least 1\n")
            return NotebookCommands.usage
        }
        let runner = SweepRunner(notebook: notebook, cells: cells, dir: dir, workers: n, executable: exe)
        if let t = task {
            guard cells.indices.contains(t) else {
                Console.err("smr: error: --task \(t): the grid has cells 0 to \(cells.count - 1)\n")
                return NotebookCommands.usage
            }
            return runner.runTask(cells[t], log: Console.err)
        }
        InterruptHandler.install(exitAfter: 3)
        let failed: Int
        do {
            if let s = slurm {
                let gridArguments = params.flatMap { ["--param", $0] } + (grid.map { ["--grid", URL(fileURLWithPath: $0).path] } ?? [])
                guard let f = try s.run(runner: runner, gridArguments: gridArguments, log: Console.err) else { return NotebookCommands.ok }
                failed = f
            } else {
                guard let f = try runner.run(log: Console.err) else {
                    Console.err("smr: sweep interrupted; run the same command again to finish the missing runs\n")
                    return NotebookCommands.interrupted
                }
                failed = f
            }
        } catch {
            Console.err("smr: error: \(error)\n")
            return NotebookCommands.failure
        }
        let status = collect(dir: dir.path, seedParam: seedParam)
        if failed > 0 {
            Console.err("smr: \(failed) run\(failed == 1 ? "" : "s") failed; rerun the sweep to retry them\n")
            return NotebookCommands.failure
        }
        return status
    }

    /// `smr sweep --collect DIR`: print the table (and plot), write the CSV/JSON files.
    public static func collect(dir: String, seedParam: String?) -> Int32 {
        do {
            let c = try SweepCollection(dir: URL(fileURLWithPath: dir), seedParam: seedParam)
            let text = try c.write(to: URL(fileURLWithPath: dir))
            Console.out(text)
            Console.err("wrote \(dir)/results.csv, \(dir)/results.json and \(dir)/summary.txt\n")
            return NotebookCommands.ok
        } catch {
            Console.err("smr: error: \(error)\n")
            return NotebookCommands.usage
        }
    }

    /// `nb.smrnb` → `nb-sweep` next to where smr runs.
    public static func defaultOut(_ notebook: String) -> String {
        let base = URL(fileURLWithPath: notebook).deletingPathExtension().lastPathComponent
        return base + "-sweep"
    }
}
