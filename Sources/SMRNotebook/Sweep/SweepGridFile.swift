import Foundation
import SMRLanguage

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
        func error(_ why: String, at offset: Int) -> NotebookError {
            .badParameter("--grid \(path): line \(JSONParser.line(of: offset, in: text)): \(why)")
        }
        let root: JSONNode
        do {
            root = try JSONParser.parse(text, specialFloats: false)
        } catch let e as JSONSyntaxError {
            throw NotebookError.badParameter("--grid \(path): line \(e.line): \(e.message) (column \(e.column))")
        }
        /// A node as a parameter value (objects are not values).
        func literal(_ n: JSONNode, _ name: String) throws -> ParameterLiteral {
            switch n.kind {
            case .null: return .none
            case .bool(let b): return .bool(b)
            case .string(let s): return .str(s)
            case .int(let t):
                guard let v = Int(t) else { throw error("'\(t)' does not fit in a 64-bit int", at: n.offset) }
                return .int(v)
            case .float(let t):
                guard let d = Double(t), d.isFinite else { throw error("'\(t)' is not a finite number", at: n.offset) }
                return .float(d)
            case .array(let xs): return .list(try xs.map { try literal($0, name) })
            case .object: throw error("the value of '\(name)' is an object; give a number, string, true/false, null or a list", at: n.offset)
            }
        }
        /// The fields of an object, each name checked.
        func fields(_ kv: [(key: String, value: JSONNode)], at offset: Int) throws -> [(String, JSONNode)] {
            var seen = Set<String>()
            for (name, v) in kv {
                guard ParameterOverrides.isIdentifier(name) else { throw error("'\(name)' is not a variable name", at: v.offset) }
                guard seen.insert(name).inserted else { throw error("'\(name)' given twice", at: v.offset) }
            }
            return kv.map { ($0.key, $0.value) }
        }
        switch root.kind {
        case .object(let kv):
            var cells = [SweepCell(params: [])]
            for (name, values) in try fields(kv, at: root.offset) {
                let literals: [ParameterLiteral]
                if case .array(let items) = values.kind {
                    guard !items.isEmpty else { throw error("'\(name)' has an empty list of values", at: values.offset) }
                    literals = try items.map { try literal($0, name) }
                } else {
                    literals = [try literal(values, name)]
                }
                cells = cells.flatMap { c in literals.map { v in SweepCell(params: c.params + [(name, v)]) } }
            }
            return kv.isEmpty ? [] : cells
        case .array(let settings):
            var cells: [SweepCell] = []
            for (k, setting) in settings.enumerated() {
                guard case .object(let kv) = setting.kind, !kv.isEmpty else {
                    throw error("setting \(k + 1) of the list is not an object of parameter values such as {\"seed\": 0}", at: setting.offset)
                }
                let cell = SweepCell(params: try fields(kv, at: setting.offset).map { ($0.0, try literal($0.1, $0.0)) })
                guard !cells.contains(cell) else { throw error("setting \(k + 1) repeats an earlier one", at: setting.offset) }
                cells.append(cell)
            }
            return cells
        default:
            throw error("expected an object {\"NAME\": [V1, V2, …]} or a list of settings [{\"NAME\": V}, …]", at: root.offset)
        }
    }
}
