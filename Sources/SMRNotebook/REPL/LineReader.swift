/// What reading one input line gave.
public enum LineResult: Equatable {
    case line(String)
    /// Ctrl-C at the prompt: the line (and any unfinished block) is dropped.
    case interrupted
    /// Ctrl-D on an empty line, or the end of piped input.
    case eof
}

/// A source of input lines for the REPL.
public protocol LineReader: AnyObject {
    func read(prompt: String) -> LineResult
    /// The same with `indent` already typed on the line (auto-indent); readers that do not
    /// edit lines ignore it.
    func read(prompt: String, indent: String) -> LineResult
    /// Called when the session ends (save history).
    func close()
}

extension LineReader {
    public func read(prompt: String, indent: String) -> LineResult { read(prompt: prompt) }
}

/// Reads piped standard input line by line, without prompts and without readline
/// (which would echo the input).
public final class PipeLineReader: LineReader {
    public init() {}
    public func read(prompt: String) -> LineResult {
        guard let l = readLine(strippingNewline: true) else { return .eof }
        return .line(l.hasSuffix("\r") ? String(l.dropLast()) : l)
    }
    public func close() {}
}
