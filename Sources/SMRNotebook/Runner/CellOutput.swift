import SMRLanguage

/// One output of a run cell, in the order it appeared.
public enum CellOutput {
    /// Text written by `print` (consecutive writes are merged).
    case stream(String)
    /// A rich item shown during the cell (a plot).
    case display(DisplayItem)
    /// The value of the cell's last expression: its `repr`, and a rich item when it has one.
    case result(text: String, item: DisplayItem?)
    /// The error that stopped the cell.
    case error(PyError)
}

/// The record of one executed (or skipped) cell.
public struct CellRun {
    /// The cell; for the injected parameters this is a synthetic cell.
    public var cell: Cell
    /// Jupyter's execution count (1, 2, … over executed code cells), nil if not run.
    public var executionCount: Int?
    public var outputs: [CellOutput] = []
    /// True for the cell papermill would call "injected-parameters".
    public var isInjected = false

    public var failed: Bool { outputs.contains { if case .error = $0 { return true }; return false } }
    public var interrupted: Bool {
        outputs.contains { if case .error(let e) = $0 { return e.kind == .keyboardInterrupt }; return false }
    }
}

/// Receives a run's progress as it happens (the `run` command prints it live).
public protocol RunObserver: AnyObject {
    func cellStarted(_ cell: Cell, executionCount: Int, injected: Bool)
    func cellOutput(_ output: CellOutput)
    func cellFinished(_ run: CellRun)
}
