import Foundation

/// `smr sweep --grid FILE`: the grid as JSON, in one of two shapes.
///
/// - an object of parameter → list of values, the cross product as `--param` gives it:
///   `{"lr": [0.001, 0.01], "seed": [0, 1, 2]}`;
/// - a list of settings, each one run: `[{"lr": 0.001, "batch": 32}, {"lr": 0.01, "batch": 64}]`.
///
/// Values are JSON numbers (an int unless written with `.` or an exponent), strings, `true`,
/// `false`, `null` (None) and lists of them. Its cells are crossed with any `--param` lists.
public enum SweepGridFile {
    /// Read and parse `path`; errors name the file and the line.
    public static func cells(path: String) throws -> [SweepCell] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NotebookError.badParameter("--grid \(path): cannot read the file")
        }
        return try cells(parsing: String(decoding: data, as: UTF8.self), path: path)
    }

    public static func cells(parsing text: String, path: String) throws -> [SweepCell] {
        var r = Reader(chars: Array(text), path: path)
        let root = try r.node()
        r.skipSpaces()
        guard r.i == r.chars.count else { throw r.error("unexpected text after the grid") }
        switch root {
        case .object(let axes):
            var cells = [SweepCell(params: [])]
            for (name, values) in axes {
                let literals: [ParameterLiteral]
                if case .array(let items) = values {
                    guard !items.isEmpty else { throw r.error("'\(name)' has an empty list of values") }
                    literals = try items.map { try r.literal($0, name) }
                } else {
                    literals = [try r.literal(values, name)]
                }
                cells = cells.flatMap { c in literals.map { v in SweepCell(params: c.params + [(name, v)]) } }
            }
            return axes.isEmpty ? [] : cells
        case .array(let settings):
            var cells: [SweepCell] = []
            for (k, s) in settings.enumerated() {
                guard case .object(let fields) = s, !fields.isEmpty else {
                    throw r.error("setting \(k + 1) of the list is not an object of parameter values such as {\"seed\": 0}")
                }
                let cell = SweepCell(params: try fields.map { ($0.0, try r.literal($0.1, $0.0)) })
                guard !cells.contains(cell) else { throw r.error("setting \(k + 1) repeats an earlier one") }
                cells.append(cell)
            }
            return cells
        case .value:
            throw r.error("expected an object {\"NAME\": [V1, V2, …]} or a list of settings [{\"NAME\": V}, …]")
        }
    }

    indirect enum Node {
        case value(ParameterLiteral)
        case array([Node])
        case object([(String, Node)])
    }

    /// A small JSON reader that keeps ints and floats apart (as they were written).
    struct Reader {
        let chars: [Character]
        let path: String
        var i = 0

        func error(_ why: String) -> NotebookError {
            let line = chars[0..<min(i, chars.count)].filter { $0 == "\n" }.count + 1
            return .badParameter("--grid \(path): line \(line): \(why)")
        }

        mutating func skipSpaces() { while i < chars.count, chars[i].isWhitespace { i += 1 } }

        /// A node as a parameter value (objects are not values).
        func literal(_ n: Node, _ name: String) throws -> ParameterLiteral {
            guard ParameterOverrides.isIdentifier(name) else { throw error("'\(name)' is not a variable name") }
            switch n {
            case .value(let v): return v
            case .array(let xs): return .list(try xs.map { try literal($0, name) })
            case .object: throw error("the value of '\(name)' is an object; give a number, string, true/false, null or a list")
            }
        }

        mutating func node() throws -> Node {
            skipSpaces()
            guard i < chars.count else { throw error("missing value") }
            switch chars[i] {
            case "{":
                i += 1
                var fields: [(String, Node)] = []
                skipSpaces()
                if i < chars.count, chars[i] == "}" { i += 1; return .object(fields) }
                while true {
                    skipSpaces()
                    guard i < chars.count, chars[i] == "\"" else { throw error("expected a parameter name in double quotes") }
                    let key = try string()
                    guard !fields.contains(where: { $0.0 == key }) else { throw error("'\(key)' given twice") }
                    skipSpaces()
                    guard i < chars.count, chars[i] == ":" else { throw error("expected ':' after \"\(key)\"") }
                    i += 1
                    fields.append((key, try node()))
                    skipSpaces()
                    guard i < chars.count else { throw error("missing '}'") }
                    if chars[i] == "," { i += 1; continue }
                    guard chars[i] == "}" else { throw error("expected ',' or '}'") }
                    i += 1
                    return .object(fields)
                }
            case "[":
                i += 1
                var items: [Node] = []
                skipSpaces()
                if i < chars.count, chars[i] == "]" { i += 1; return .array(items) }
                while true {
                    items.append(try node())
                    skipSpaces()
                    guard i < chars.count else { throw error("missing ']'") }
                    if chars[i] == "," { i += 1; continue }
                    guard chars[i] == "]" else { throw error("expected ',' or ']'") }
                    i += 1
                    return .array(items)
                }
            case "\"":
                return .value(.str(try string()))
            default:
                var word = ""
                while i < chars.count, !",]}".contains(chars[i]), !chars[i].isWhitespace { word.append(chars[i]); i += 1 }
                switch word {
                case "true": return .value(.bool(true))
                case "false": return .value(.bool(false))
                case "null": return .value(.none)
                default: break
                }
                let isNumber = word.first.map { $0 == "-" || $0.isNumber } ?? false
                    && word.allSatisfy { $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }
                let digits = word.hasPrefix("-") ? word.dropFirst() : Substring(word)
                if isNumber, !digits.isEmpty, digits.allSatisfy(\.isNumber) {
                    guard let n = Int(word) else { throw error("'\(word)' does not fit in a 64-bit int") }
                    return .value(.int(n))
                }
                if isNumber, let d = Double(word), d.isFinite { return .value(.float(d)) }
                throw error(word.isEmpty ? "missing value" : "'\(word)' is not a JSON value")
            }
        }

        /// A double-quoted JSON string, `chars[i]` being its opening quote.
        mutating func string() throws -> String {
            i += 1
            var s = ""
            while i < chars.count {
                let c = chars[i]
                i += 1
                if c == "\"" { return s }
                guard c == "\\" else { s.append(c); continue }
                guard i < chars.count else { break }
                let e = chars[i]
                i += 1
                switch e {
                case "n": s.append("\n")
                case "t": s.append("\t")
                case "r": s.append("\r")
                case "b": s.append("\u{8}")
                case "f": s.append("\u{C}")
                case "\"", "\\", "/": s.append(e)
                case "u":
                    guard i + 4 <= chars.count, let v = UInt32(String(chars[i..<i + 4]), radix: 16) else { throw error("bad \\u escape") }
                    i += 4
                    guard let u = Unicode.Scalar(v) else { throw error("\\u escape \\u\(String(v, radix: 16)) is not a character") }
                    s.unicodeScalars.append(u)
                default: throw error("bad escape '\\\(e)' in a string")
                }
            }
            throw error("unterminated string")
        }
    }
}
