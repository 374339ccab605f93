import SMRLanguage

/// A JSON document with ordered object keys, written the way nbformat writes notebooks
/// (one-space indent, keys sorted).
public indirect enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)): return x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
        default: return false
        }
    }

    /// Serialize with `indent` spaces per level and sorted keys.
    public func serialized(indent: Int = 1) -> String {
        var out = ""
        write(&out, level: 0, indent: indent)
        return out + "\n"
    }

    private func write(_ out: inout String, level: Int, indent: Int) {
        let pad = String(repeating: " ", count: (level + 1) * indent)
        let closePad = String(repeating: " ", count: level * indent)
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .string(let s): out += JSONValue.quote(s)
        case .array(let xs):
            if xs.isEmpty { out += "[]"; return }
            out += "[\n"
            for (k, x) in xs.enumerated() {
                out += pad
                x.write(&out, level: level + 1, indent: indent)
                out += k == xs.count - 1 ? "\n" : ",\n"
            }
            out += closePad + "]"
        case .object(let kv):
            if kv.isEmpty { out += "{}"; return }
            out += "{\n"
            let sorted = kv.sorted { $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) }
            for (k, (key, x)) in sorted.enumerated() {
                out += pad + JSONValue.quote(key) + ": "
                x.write(&out, level: level + 1, indent: indent)
                out += k == sorted.count - 1 ? "\n" : ",\n"
            }
            out += closePad + "}"
        }
    }

    /// A JSON string literal as Python's `json.dumps(s, ensure_ascii=False)` writes it (nbformat's choice).
    static func quote(_ s: String) -> String { JSONText.quote(s, asciiOnly: false) }

    /// nbformat's multi-line string: a list of lines, each keeping its `\n`.
    static func lines(_ text: String) -> JSONValue {
        var out: [JSONValue] = []
        var cur = ""
        for ch in text.unicodeScalars {
            cur.unicodeScalars.append(ch)
            if ch == "\n" { out.append(.string(cur)); cur = "" }
        }
        if !cur.isEmpty { out.append(.string(cur)) }
        return .array(out)
    }
}
