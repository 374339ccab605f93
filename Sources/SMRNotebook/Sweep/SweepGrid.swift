import Foundation

/// One cell of a sweep grid: the `--param` overrides of one `smr run`.
public struct SweepCell: Sendable, Equatable {
    /// `(name, value source text)` in the grid's parameter order.
    public var params: [(name: String, value: ParameterLiteral)]

    public static func == (a: SweepCell, b: SweepCell) -> Bool {
        a.params.map(\.name) == b.params.map(\.name) && a.params.map(\.value) == b.params.map(\.value)
    }

    /// The `--param NAME=VALUE` arguments of this cell.
    public var arguments: [String] { params.flatMap { ["--param", "\($0.name)=\($0.value.sourceText)"] } }

    /// A folder name naming the cell: `lr=0.1,seed=0`; characters unsafe in a file name
    /// become `_` and a hash of the exact text is appended so names stay distinct.
    public var id: String {
        let text = params.map { "\($0.name)=\($0.value.sourceText)" }.joined(separator: ",")
        let safe = String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._=,+-".contains($0)) ? $0 : "_" })
        if safe == text && text.count <= 100 && !text.isEmpty { return text }
        var h: UInt32 = 2_166_136_261
        for b in text.utf8 { h = (h ^ UInt32(b)) &* 16_777_619 }
        let hex = String(h, radix: 16)
        return String(safe.prefix(100)) + "-" + String(repeating: "0", count: 8 - hex.count) + hex
    }
}

/// The cross product of `--param NAME=V1,V2,…` values (the last name varies fastest).
public enum SweepGrid {
    /// Parse the sweep's `--param` arguments; commas inside brackets or quotes do not split.
    public static func cells(parsing args: [String]) throws -> [SweepCell] {
        var axes: [(String, [ParameterLiteral])] = []
        for a in args {
            guard let eq = a.firstIndex(of: "=") else {
                throw NotebookError.badParameter("--param '\(a)': expected NAME=V1,V2,…")
            }
            let name = a[a.startIndex..<eq].trimmingCharacters(in: .whitespaces)
            guard ParameterOverrides.isIdentifier(name) else {
                throw NotebookError.badParameter("--param '\(a)': '\(name)' is not a variable name")
            }
            guard !axes.contains(where: { $0.0 == name }) else {
                throw NotebookError.badParameter("--param \(name) given twice; list its values once: \(name)=V1,V2")
            }
            let texts = splitValues(String(a[a.index(after: eq)...]))
            guard !texts.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
                throw NotebookError.badParameter("--param '\(a)': empty value in the list")
            }
            axes.append((name, try texts.map { try ParameterLiteral.parse($0, name: name) }))
        }
        var cells = [SweepCell(params: [])]
        for (name, values) in axes {
            cells = cells.flatMap { c in values.map { v in SweepCell(params: c.params + [(name, v)]) } }
        }
        return axes.isEmpty ? [] : cells
    }

    /// Every cell of `a` with every cell of `b` (either may be empty: the other is the grid);
    /// a parameter in both is an error.
    public static func cross(_ a: [SweepCell], _ b: [SweepCell]) throws -> [SweepCell] {
        guard !a.isEmpty else { return b }
        guard !b.isEmpty else { return a }
        let names = Set(a.flatMap { $0.params.map(\.name) })
        if let twice = b.flatMap({ $0.params.map(\.name) }).first(where: names.contains) {
            throw NotebookError.badParameter("\(twice) is both in --grid and in --param; give its values once")
        }
        return a.flatMap { x in b.map { y in SweepCell(params: x.params + y.params) } }
    }

    /// `1,[2, 3],'a,b'` → `1`, `[2, 3]`, `'a,b'`.
    static func splitValues(_ s: String) -> [String] {
        var out: [String] = [], cur = "", depth = 0
        var quote: Character?
        for ch in s {
            if let q = quote {
                cur.append(ch)
                if ch == q { quote = nil }
                continue
            }
            switch ch {
            case "'", "\"": quote = ch; cur.append(ch)
            case "[", "(": depth += 1; cur.append(ch)
            case "]", ")": depth -= 1; cur.append(ch)
            case "," where depth == 0: out.append(cur); cur = ""
            default: cur.append(ch)
            }
        }
        out.append(cur)
        return out
    }
}
