/// Groups input lines into complete statements, as Python's interactive console does:
/// a line ending in `:` opens a block that an empty line closes; unclosed brackets,
/// strings or a trailing backslash continue the statement.
public struct InputAccumulator {
    public private(set) var lines: [String] = []

    public init() {}

    public var isEmpty: Bool { lines.isEmpty }

    /// The text gathered so far.
    public var source: String { lines.joined(separator: "\n") }

    public mutating func reset() { lines = [] }

    /// Add a line; true when the gathered lines form a complete input to run.
    public mutating func add(_ line: String) -> Bool {
        if line.contains("\n") {
            // A bracketed paste: one input, blank lines between methods included; it runs
            // as soon as its brackets and strings are closed.
            lines.append(contentsOf: line.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
            return !InputAccumulator.scan(lines).open
        }
        if lines.isEmpty && line.allSatisfy({ $0 == " " || $0 == "\t" }) { return false }
        lines.append(line)
        return isComplete
    }

    /// Whether the gathered lines can run now.
    public var isComplete: Bool {
        let scan = InputAccumulator.scan(lines)
        if scan.open { return false }
        if scan.opensBlock {
            guard let last = lines.last else { return false }
            return lines.count > 1 && last.allSatisfy { $0 == " " || $0 == "\t" }
        }
        return true
    }

    /// The indentation the next line starts with (auto-indent): four spaces deeper after a
    /// line that opens a block, one level shallower after `return`, `pass`, `break`,
    /// `continue` or `raise`, the same otherwise; none inside brackets or strings, and none
    /// once a whitespace-only line has closed the input.
    public var nextIndent: String {
        guard let last = lines.last, !InputAccumulator.scan(lines).open else { return "" }
        let indent = last.prefix { $0 == " " }.count
        let code = last.trimmingCharacters(in: .whitespaces)
        if code.isEmpty { return "" }
        if InputAccumulator.scan([last]).opensBlock { return String(repeating: " ", count: indent + 4) }
        let first = code.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        if ["return", "pass", "break", "continue", "raise"].contains(String(first)) {
            return String(repeating: " ", count: max(0, indent - 4))
        }
        return String(repeating: " ", count: indent)
    }

    /// Bracket/string state at the end of `lines`, and whether a line opened a block.
    static func scan(_ lines: [String]) -> (open: Bool, opensBlock: Bool) {
        var depth = 0
        var quote: Character?
        var triple = false
        var opensBlock = false
        var continued = false
        for line in lines {
            let chars = Array(line)
            var i = 0
            var lastCode: Character?
            continued = false
            while i < chars.count {
                let c = chars[i]
                if let q = quote {
                    if c == "\\" { i += 2; continue }
                    if triple {
                        if c == q, i + 2 < chars.count, chars[i + 1] == q, chars[i + 2] == q { quote = nil; triple = false; i += 3; lastCode = q; continue }
                    } else if c == q {
                        quote = nil; lastCode = q
                    }
                    i += 1
                    continue
                }
                switch c {
                case "#": i = chars.count; continue
                case "'", "\"":
                    if i + 2 < chars.count, chars[i + 1] == c, chars[i + 2] == c { quote = c; triple = true; i += 3; continue }
                    quote = c
                case "(", "[", "{": depth += 1
                case ")", "]", "}": depth = max(0, depth - 1)
                case "\\" where i == chars.count - 1: continued = true
                default: break
                }
                if c != " " && c != "\t" { lastCode = c }
                i += 1
            }
            // A single-quoted string cannot span lines: the lexer will report it.
            if quote != nil && !triple { quote = nil }
            if depth == 0 && quote == nil && lastCode == ":" { opensBlock = true }
        }
        return (depth > 0 || quote != nil || continued, opensBlock)
    }
}
