/// One cell of a `.smrnb` notebook, with the exact text it came from.
public struct Cell: Sendable, Equatable {
    /// What a cell holds.
    public enum Kind: String, Sendable {
        /// Code: run by `smr run`, exported as a code cell.
        case code
        /// Markdown: the `# ` prefixed comment lines of a `# %% [markdown]` cell.
        case markdown
        /// A `# %% [raw]` cell: kept, exported, never run.
        case raw
    }

    /// The cell's kind.
    public var kind: Kind
    /// The 1-based position of the cell among all cells of the notebook (markdown
    /// cells count too), as shown in run headers and error locations.
    public var number: Int
    /// The title after the marker (`# %% Train the agent` → `Train the agent`), if any.
    public var title: String?
    /// Tags from `tags=["parameters", …]` on the marker line.
    public var tags: [String]
    /// The marker line as written (without its line ending); nil for the code before
    /// the first marker or a file without markers.
    public var marker: String?
    /// The body lines as written, without line endings.
    public var lines: [String]
    /// The 1-based file line of the first body line.
    public var firstLine: Int

    /// True for the cell tagged `parameters`.
    public var isParameters: Bool { tags.contains("parameters") }

    /// The text of the cell: for code, the body lines joined with `\n`; for markdown,
    /// the lines without their `# ` (or lone `#`) prefix. Leading and trailing blank
    /// lines are dropped, as jupytext does.
    public var source: String {
        let body: [String] = kind == .markdown ? lines.map(Cell.unprefixMarkdown) : lines
        return Cell.trimBlankLines(body).joined(separator: "\n")
    }

    /// Code to hand to the interpreter: the body preceded by blank lines so that the
    /// line numbers of errors are the notebook file's line numbers.
    public var executableSource: String {
        String(repeating: "\n", count: max(0, firstLine - 1)) + lines.joined(separator: "\n")
    }

    /// True when the cell has nothing but blank lines.
    public var isBlank: Bool { lines.allSatisfy { $0.allSatisfy { $0 == " " || $0 == "\t" } } }

    static func unprefixMarkdown(_ line: String) -> String {
        if line == "#" { return "" }
        if line.hasPrefix("# ") { return String(line.dropFirst(2)) }
        return line
    }

    static func trimBlankLines(_ lines: [String]) -> [String] {
        func blank(_ s: String) -> Bool { s.allSatisfy { $0 == " " || $0 == "\t" } }
        var lo = 0, hi = lines.count
        while lo < hi, blank(lines[lo]) { lo += 1 }
        while hi > lo, blank(lines[hi - 1]) { hi -= 1 }
        return Array(lines[lo..<hi])
    }
}
