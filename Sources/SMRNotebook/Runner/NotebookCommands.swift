import Foundation
import SMRLanguage
import SMRNeural

/// The `smr run`, `smr check` and `smr export` commands, as functions returning the
/// process exit status: 0 success, 1 a cell failed (or syntax errors), 2 usage errors,
/// 130 interrupted.
public enum NotebookCommands {
    public static let ok: Int32 = 0
    public static let failure: Int32 = 1
    public static let usage: Int32 = 2
    public static let interrupted: Int32 = 130

    /// Load a notebook, printing the problem and returning nil if it cannot be read.
    static func load(_ path: String) -> Notebook? {
        do { return try Notebook.load(path: path) } catch {
            Console.err("smr: error: \(error)\n")
            return nil
        }
    }

    /// Parse `--cells` and `--param` values; prints the problem and returns nil on error.
    public static func options(cells: String?, params: [String], keepGoing: Bool) -> RunOptions? {
        do {
            var o = RunOptions(keepGoing: keepGoing)
            if let c = cells { o.cells = try CellSelection(parsing: c) }
            o.parameters = try ParameterOverrides(parsing: params)
            return o
        } catch {
            Console.err("smr: error: \(error)\n")
            return nil
        }
    }

    /// Install the read and write policies for a notebook; returns false (after printing)
    /// if an `--allow-read` / `--allow-write` folder does not exist.
    static func installPolicy(notebook: String, allowRead: [String], allowWrite: [String]) -> Bool {
        for (flag, dirs) in [("--allow-read", allowRead), ("--allow-write", allowWrite)] {
            for d in dirs {
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: d, isDirectory: &isDir), isDir.boolValue else {
                    Console.err("smr: error: \(flag) \(d): no such directory\n")
                    return false
                }
            }
        }
        FileAccessPolicy.install(notebook: notebook, allowRead: allowRead, allowWrite: allowWrite)
        HostInstallation.install()
        return true
    }

    static func makeRunner(_ nb: Notebook, _ options: RunOptions, observer: RunObserver?) -> NotebookRunner? {
        do { return try NotebookRunner(notebook: nb, options: options, observer: observer) } catch {
            Console.err("smr: error: \(error)\n")
            return nil
        }
    }

    static func status(_ summary: RunSummary) -> Int32 {
        summary.interrupted ? interrupted : (summary.failed ? failure : ok)
    }

    /// `smr run`: replay the notebook, printing each cell's outputs under a header.
    public static func run(path: String, cells: String?, params: [String], keepGoing: Bool, allowRead: [String] = [], allowWrite: [String]) -> Int32 {
        guard let options = options(cells: cells, params: params, keepGoing: keepGoing) else { return usage }
        guard let nb = load(path) else { return usage }
        guard installPolicy(notebook: path, allowRead: allowRead, allowWrite: allowWrite) else { return usage }
        guard let runner = makeRunner(nb, options, observer: ConsoleRunPrinter()) else { return usage }
        InterruptHandler.install(exitAfter: 3)
        let summary = runner.run()
        return status(summary)
    }

    /// `smr check`: report every syntax error of every code cell without running.
    public static func check(path: String) -> Int32 {
        guard let nb = load(path) else { return usage }
        var count = 0
        var cellsWithErrors = 0
        for cell in nb.codeCells {
            let errors = Interpreter.check(source: cell.executableSource, fileName: path, cell: cell.number)
            if !errors.isEmpty { cellsWithErrors += 1 }
            for e in errors {
                count += 1
                Console.out(e.formatted() + "\n\n")
            }
        }
        let n = nb.codeCells.count
        if count == 0 {
            Console.out("\(path): \(n) code cell\(n == 1 ? "" : "s"), no syntax errors\n")
            return ok
        }
        Console.out("\(path): \(count) syntax error\(count == 1 ? "" : "s") in \(cellsWithErrors) of \(n) code cell\(n == 1 ? "" : "s")\n")
        return failure
    }

    /// The export formats.
    public enum Format: String, CaseIterable, Sendable {
        case ipynb, md, html
        var fileExtension: String { rawValue }
    }

    /// `smr export`: run the notebook and write it with its outputs.
    public static func export(path: String, to format: Format, output: String?, cells: String?, params: [String],
                              keepGoing: Bool, allowRead: [String] = [], allowWrite: [String]) -> Int32 {
        guard let options = options(cells: cells, params: params, keepGoing: keepGoing) else { return usage }
        guard let nb = load(path) else { return usage }
        guard installPolicy(notebook: path, allowRead: allowRead, allowWrite: allowWrite) else { return usage }
        let out = output ?? defaultOutput(path, format)
        if out != "-" {
            do { try FileAccessPolicy.writing.check(out) } catch let e as PyError {
                Console.err("smr: error: \(e.message)\n")
                return usage
            } catch { return usage }
        }
        guard let runner = makeRunner(nb, options, observer: ErrorEchoObserver()) else { return usage }
        InterruptHandler.install(exitAfter: 3)
        let summary = runner.run()
        let text: String
        switch format {
        case .ipynb: text = IpynbExporter.export(nb, summary)
        case .md: text = MarkdownExporter.export(nb, summary)
        case .html: text = HTMLExporter.export(nb, summary)
        }
        if out == "-" {
            Console.out(text)
        } else {
            do {
                try AtomicFile.write(text, to: out)
                Console.err("wrote \(out)\n")
            } catch {
                Console.err("smr: error: cannot write \(error)\n")
                return failure
            }
        }
        return status(summary)
    }

    /// `nb.smrnb` → `nb.ipynb` next to it.
    public static func defaultOutput(_ path: String, _ format: Format) -> String {
        let url = URL(fileURLWithPath: path)
        let base = url.pathExtension.isEmpty ? url : url.deletingPathExtension()
        let full = base.appendingPathExtension(format.fileExtension).path
        return path.hasPrefix("/") ? full : relative(full)
    }

    static func relative(_ full: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        return full.hasPrefix(cwd + "/") ? String(full.dropFirst(cwd.count + 1)) : full
    }
}

/// During export, only errors are shown (the outputs go to the file).
final class ErrorEchoObserver: RunObserver {
    func cellStarted(_ cell: Cell, executionCount: Int, injected: Bool) {}
    func cellOutput(_ output: CellOutput) {
        if case .error(let e) = output { Console.err(e.formatted() + "\n") }
    }
    func cellFinished(_ run: CellRun) {}
}
