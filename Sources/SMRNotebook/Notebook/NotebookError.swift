/// Problems reading a notebook file or applying command-line options to it.
public enum NotebookError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case notUTF8(path: String, line: Int, column: Int)
    case badCellSelection(String)
    case badParameter(String)

    public var description: String {
        switch self {
        case .unreadable(let p, let r): return "cannot read '\(p)': \(r)"
        case .notUTF8(let p, let line, let column): return "'\(p)' is not UTF-8 text (invalid bytes at line \(line), column \(column))"
        case .badCellSelection(let m): return m
        case .badParameter(let m): return m
        }
    }
}
