import SMRLanguage

/// Options of a notebook run.
public struct RunOptions {
    public var cells: CellSelection = .all
    public var parameters = ParameterOverrides()
    /// Run the remaining cells after a failing one (an interrupt still stops the run).
    public var keepGoing = false
    public init(cells: CellSelection = .all, parameters: ParameterOverrides = ParameterOverrides(), keepGoing: Bool = false) {
        self.cells = cells
        self.parameters = parameters
        self.keepGoing = keepGoing
    }
}

/// The result of a notebook run.
public struct RunSummary {
    /// Every cell of the notebook in order (unexecuted ones have no execution count),
    /// plus the injected parameters cell after the parameters cell.
    public var runs: [CellRun]
    public var failed: Bool { runs.contains { $0.failed } }
    public var interrupted: Bool { runs.contains { $0.interrupted } }
}

/// Replays a notebook's code cells in one interpreter session, as Jupyter runs them top
/// to bottom: outputs are recorded per cell and reported live to an observer.
public final class NotebookRunner {
    public let notebook: Notebook
    public let interpreter: Interpreter
    public let options: RunOptions
    private let sink: RecordingSink
    /// The file name shown in error locations.
    public var displayName: String

    /// Check the options against the notebook (cell numbers, parameter names); throws
    /// `NotebookError` before anything runs.
    /// - Parameter interpreter: an existing session to run in (the REPL's `:run`);
    ///   by default a new one.
    public init(notebook: Notebook, options: RunOptions = RunOptions(), observer: RunObserver? = nil,
                interpreter: Interpreter? = nil) throws {
        try options.cells.validate(cellCount: notebook.cells.count)
        _ = try options.parameters.injectedSource(for: notebook)
        self.notebook = notebook
        self.options = options
        sink = RecordingSink(observer: observer)
        self.interpreter = interpreter ?? Session.makeInterpreter(output: sink)
        displayName = notebook.path
    }

    /// Run the selected code cells.
    public func run() -> RunSummary {
        let previousOutput = interpreter.output
        interpreter.output = sink
        defer { interpreter.output = previousOutput }
        var runs: [CellRun] = []
        var count = 0
        var stop = false
        let injected = (try? options.parameters.injectedSource(for: notebook)) ?? ""
        var injectedDone = injected.isEmpty
        let paramsNumber = notebook.parametersCell?.number

        func runInjected(after cell: Cell?) {
            injectedDone = true
            count += 1
            let synthetic = Cell(kind: .code, number: cell?.number ?? 0, title: "injected parameters",
                                 tags: ["injected-parameters"], marker: nil,
                                 lines: injected.split(separator: "\n").map(String.init), firstLine: 1)
            var r = execute(synthetic, count: count, fileName: "<--param>", source: injected, injected: true)
            r.isInjected = true
            runs.append(r)
            if r.interrupted || (r.failed && !options.keepGoing) { stop = true }
        }

        for cell in notebook.cells {
            let selected = options.cells.contains(cell.number)
            guard cell.kind == .code, selected, !stop else {
                runs.append(CellRun(cell: cell, executionCount: nil))
                continue
            }
            // Parameters cell not selected: inject before the first selected cell.
            if !injectedDone, let p = paramsNumber, cell.number > p { runInjected(after: nil) }
            if stop { runs.append(CellRun(cell: cell, executionCount: nil)); continue }
            count += 1
            let r = execute(cell, count: count, fileName: displayName, source: cell.executableSource, injected: false)
            runs.append(r)
            if r.interrupted || (r.failed && !options.keepGoing) { stop = true }
            if !injectedDone, cell.number == paramsNumber, !stop { runInjected(after: cell) }
        }
        if !injectedDone && !stop { runInjected(after: nil) }
        return RunSummary(runs: runs)
    }

    private func execute(_ cell: Cell, count: Int, fileName: String, source: String, injected: Bool) -> CellRun {
        sink.reset()
        sink.observer?.cellStarted(cell, executionCount: count, injected: injected)
        do {
            if let v = try interpreter.run(source: source, fileName: fileName, cell: injected ? nil : cell.number) {
                if let o = NotebookRunner.resultOutput(v, alreadyShown: sink.displayed) { sink.append(o) }
            }
        } catch let e as PyError {
            sink.append(.error(e))
        } catch {
            sink.append(.error(PyError(.runtimeError, "\(error)")))
        }
        let r = CellRun(cell: cell, executionCount: count, outputs: sink.outputs, isInjected: injected)
        sink.observer?.cellFinished(r)
        return r
    }

    /// The output for a cell's value; a plot already shown in the cell is not repeated.
    public static func resultOutput(_ v: Value, alreadyShown: [ObjectIdentifier]) -> CellOutput? {
        if case .object(let o) = v, let d = o as? SelfDisplaying {
            if alreadyShown.contains(ObjectIdentifier(o)) { return nil }
            let item = d.displayItem(color: false)
            return .result(text: item.text, item: item)
        }
        return .result(text: v.repr, item: nil)
    }
}
