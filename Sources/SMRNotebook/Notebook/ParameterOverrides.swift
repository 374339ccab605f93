/// `--param NAME=VALUE` overrides for the notebook's parameters cell, as papermill
/// applies them: the parameters cell runs as written, then an injected cell assigns the
/// overriding values.
public struct ParameterOverrides: Sendable, Equatable {
    /// Overrides in command-line order (a repeated name keeps its last value).
    public var values: [(name: String, value: ParameterLiteral)]

    public static func == (a: ParameterOverrides, b: ParameterOverrides) -> Bool {
        a.values.map(\.name) == b.values.map(\.name) && a.values.map(\.value) == b.values.map(\.value)
    }

    public init(values: [(name: String, value: ParameterLiteral)] = []) { self.values = values }

    /// Parse `NAME=VALUE` arguments.
    public init(parsing args: [String]) throws {
        var vals: [(name: String, value: ParameterLiteral)] = []
        for a in args {
            guard let eq = a.firstIndex(of: "=") else {
                throw NotebookError.badParameter("--param '\(a)': expected NAME=VALUE")
            }
            let name = a[a.startIndex..<eq].trimmingCharacters(in: .whitespaces)
            guard Self.isIdentifier(name) else {
                throw NotebookError.badParameter("--param '\(a)': '\(name)' is not a variable name")
            }
            let lit = try ParameterLiteral.parse(String(a[a.index(after: eq)...]), name: name)
            vals.removeAll { $0.name == name }
            vals.append((name, lit))
        }
        values = vals
    }

    public var isEmpty: Bool { values.isEmpty }

    /// Names assigned at the top level of a parameters cell (`lr = 3e-4`, `n: int = 5`).
    public static func assignedNames(in cell: Cell) -> [String] {
        var names: [String] = []
        for line in cell.lines {
            guard let first = line.first, first.isLetter || first == "_" else { continue }
            var k = line.startIndex
            while k < line.endIndex, line[k].isLetter || line[k].isNumber || line[k] == "_" { k = line.index(after: k) }
            let name = String(line[line.startIndex..<k])
            var rest = line[k...].drop { $0 == " " || $0 == "\t" }
            if rest.first == ":" { // annotation
                guard let eq = rest.firstIndex(of: "=") else { continue }
                rest = rest[eq...]
            }
            guard rest.first == "=", rest.dropFirst().first != "=" else { continue }
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// Check every override names a parameter of `notebook`; returns the source of the
    /// injected cell (`name = value` lines).
    public func injectedSource(for notebook: Notebook) throws -> String {
        guard !values.isEmpty else { return "" }
        guard let cell = notebook.parametersCell else {
            throw NotebookError.badParameter("--param given but \(notebook.path) has no parameters cell (mark one with `# %% tags=[\"parameters\"]`)")
        }
        let known = Self.assignedNames(in: cell)
        for (name, _) in values where !known.contains(name) {
            var msg = "--param \(name): no parameter '\(name)' in the parameters cell (cell \(cell.number))"
            if let best = Self.closest(name, known) { msg += "; did you mean '\(best)'?" }
            msg += known.isEmpty ? "; it assigns nothing" : "; parameters: " + known.joined(separator: ", ")
            throw NotebookError.badParameter(msg)
        }
        return values.map { "\($0.name) = \($0.value.sourceText)" }.joined(separator: "\n")
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let f = s.first, f.isLetter || f == "_" else { return false }
        return s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    /// The closest name by edit distance (at most 2 edits, or a third of the length).
    static func closest(_ name: String, _ candidates: [String]) -> String? {
        let limit = max(2, name.count / 3)
        return candidates.map { ($0, editDistance(name, $0)) }.filter { $0.1 <= limit }.min { $0.1 < $1.1 }?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count)
        for i in 1...x.count {
            var cur = [i] + Array(repeating: 0, count: y.count)
            for j in 1...y.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[y.count]
    }
}
