/// The kinds of error the language raises, named as Python names them.
public enum ErrorKind: String, Sendable, CaseIterable {
    case syntaxError = "SyntaxError"
    case indentationError = "IndentationError"
    case tabError = "TabError"
    case nameError = "NameError"
    case typeError = "TypeError"
    case valueError = "ValueError"
    case indexError = "IndexError"
    case keyError = "KeyError"
    case zeroDivisionError = "ZeroDivisionError"
    case runtimeError = "RuntimeError"
    case recursionError = "RecursionError"
    case keyboardInterrupt = "KeyboardInterrupt"
    case attributeError = "AttributeError"
    case overflowError = "OverflowError"
    case importError = "ImportError"
    case moduleNotFoundError = "ModuleNotFoundError"
    case assertionError = "AssertionError"
    case exception = "Exception"
    case arithmeticError = "ArithmeticError"
    case floatingPointError = "FloatingPointError"
    case lookupError = "LookupError"
    case unboundLocalError = "UnboundLocalError"
    case memoryError = "MemoryError"
    case notImplementedError = "NotImplementedError"
    case stopIteration = "StopIteration"
    case osError = "OSError"
    case fileNotFoundError = "FileNotFoundError"
    case fileExistsError = "FileExistsError"
    case isADirectoryError = "IsADirectoryError"
    case notADirectoryError = "NotADirectoryError"
    case permissionError = "PermissionError"
    case unicodeError = "UnicodeError"
    case unicodeDecodeError = "UnicodeDecodeError"
    case unicodeEncodeError = "UnicodeEncodeError"
    /// `io.UnsupportedOperation` (reading a file opened for writing, …).
    case unsupportedOperation = "UnsupportedOperation"
    /// `json.JSONDecodeError`.
    case jsonDecodeError = "JSONDecodeError"
    /// `csv.Error`.
    case csvError = "Error"
    /// Raised inside a generator by `close()`.
    case generatorExit = "GeneratorExit"
    /// The warning classes (`warnings.warn(…, category)`; raised under the "error" filter).
    case warning = "Warning"
    case userWarning = "UserWarning"
    case deprecationWarning = "DeprecationWarning"
    case runtimeWarning = "RuntimeWarning"
    case futureWarning = "FutureWarning"

    /// The Python name of the error class, e.g. `"NameError"`.
    public var name: String { rawValue }

    /// True for errors found before running (syntax and indentation).
    public var isSyntax: Bool { self == .syntaxError || self == .indentationError || self == .tabError }
}

/// Where in a source text something is: 1-based line and column.
public struct SourceLocation: Sendable, Equatable {
    /// File name as given to `run`/`parse` (e.g. the notebook path).
    public var fileName: String
    /// Cell number within a notebook, if any.
    public var cell: Int?
    /// 1-based line number within the cell's source.
    public var line: Int
    /// 1-based column of the first character.
    public var column: Int
    /// 1-based column just past the last character (≥ column + 1).
    public var endColumn: Int
    /// The text of the source line (without newline), for the caret display.
    public var sourceLine: String

    public init(fileName: String, cell: Int?, line: Int, column: Int, endColumn: Int, sourceLine: String) {
        self.fileName = fileName
        self.cell = cell
        self.line = line
        self.column = column
        self.endColumn = max(endColumn, column + 1)
        self.sourceLine = sourceLine
    }
}

/// One entry of a short traceback: a call that was in progress when an error passed through.
public struct TraceEntry: Sendable, Equatable {
    public var function: String
    public var location: SourceLocation
}

/// A typed error raised by the language: syntax errors, runtime errors, interrupts.
public struct PyError: Error, Sendable, CustomStringConvertible {
    /// The Python error class.
    public var kind: ErrorKind
    /// The message after `Kind: `.
    public var message: String
    /// Where it happened (nil only for errors raised outside any source, e.g. by the host).
    public var location: SourceLocation?
    /// Calls in progress, outermost first (kept short).
    public var traceback: [TraceEntry] = []
    /// The exception object a program raised or caught, so that `raise e` and
    /// `except … as e` keep its arguments (nil for errors not seen as objects yet).
    var raised: RaisedException?
    /// The name of a user exception class (`MyError`); the error's `kind` is its builtin base.
    public var className: String?

    public init(_ kind: ErrorKind, _ message: String, location: SourceLocation? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
    }

    /// `Kind: message`, as the last line of a Python traceback.
    public var summary: String {
        let n = className ?? kind.name
        return message.isEmpty ? n : "\(n): \(message)"
    }

    public var description: String { formatted() }

    /// The full display: a short traceback, the file/cell/line/column, the source line
    /// with a caret under the offending span, and `Kind: message`.
    public func formatted() -> String {
        var out = ""
        let shown = traceback.count > 6 ? Array(traceback.prefix(3)) + Array(traceback.suffix(3)) : traceback
        if !traceback.isEmpty {
            out += "Traceback (most recent call last):\n"
            for (i, t) in shown.enumerated() {
                if traceback.count > 6 && i == 3 {
                    out += "  [... \(traceback.count - 6) more calls ...]\n"
                }
                out += "  " + Self.header(t.location) + ", in \(t.function)\n"
            }
        }
        if let loc = location {
            out += "  " + Self.header(loc) + "\n"
            let line = loc.sourceLine
            if !line.isEmpty {
                // Strip leading spaces like Python, keep the caret aligned.
                let chars = Array(line)
                var lead = 0
                while lead < chars.count, chars[lead] == " " || chars[lead] == "\t" { lead += 1 }
                // Control characters (a NUL, a lone CR) would garble the terminal.
                let text = String(chars[lead...].map { $0.isASCII && ($0.asciiValue ?? 32) < 32 ? " " : $0 })
                out += "    " + text + "\n"
                let start = max(0, loc.column - 1 - lead)
                let width = max(1, min(loc.endColumn - loc.column, max(1, text.count - start)))
                out += "    " + String(repeating: " ", count: min(start, text.count)) + String(repeating: "^", count: width) + "\n"
            }
        }
        out += summary
        return out
    }

    static func header(_ loc: SourceLocation) -> String {
        var s = "File \"\(loc.fileName)\""
        if let c = loc.cell { s += ", cell \(c)" }
        s += ", line \(loc.line), column \(loc.column)"
        return s
    }
}

extension PyError {
    static func type(_ m: String) -> PyError { PyError(.typeError, m) }
    static func value(_ m: String) -> PyError { PyError(.valueError, m) }
    static func index(_ m: String) -> PyError { PyError(.indexError, m) }
    static func overflow(_ m: String = "integer overflow: result does not fit in a 64-bit int") -> PyError { PyError(.overflowError, m) }
    static func zeroDiv(_ m: String) -> PyError { PyError(.zeroDivisionError, m) }
    static func attribute(_ m: String) -> PyError { PyError(.attributeError, m) }
    static func name(_ m: String) -> PyError { PyError(.nameError, m) }
    static func runtime(_ m: String) -> PyError { PyError(.runtimeError, m) }
}
