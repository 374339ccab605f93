/// `import json`: `dumps`/`dump` and `loads`/`load` with CPython's output (separators,
/// indentation, float reprs, `NaN`/`Infinity`, `\uXXXX` escapes) and its
/// `JSONDecodeError` messages (`Expecting value: line 1 column 1 (char 0)`).
enum JSONModule {
    static func make() -> NativeModule {
        let m = NativeModule("json", doc: """
            JSON encoding and decoding, as Python's json module.
                json.dumps({"a": [1, 2.5, None]}, indent=2, sort_keys=True)
                json.loads('{"a": 1}')   # {'a': 1}
            """)
        let encodeParams = [
            Param("skipkeys", .bool, default: .bool(false), doc: "Skip dict keys that are not str, int, float, bool or None."),
            Param("ensure_ascii", .bool, default: .bool(true), doc: "Escape every non-ASCII character as \\uXXXX."),
            Param("check_circular", .bool, default: .bool(true)),
            Param("allow_nan", .bool, default: .bool(true), doc: "Write NaN and Infinity (else ValueError)."),
            Param("indent", .any, default: .none, doc: "Spaces (int) or text (str) per level; None: one line."),
            Param("separators", .any, default: .none, doc: "(item_separator, key_separator)."),
            Param("default", .any, default: .none, doc: "Called for objects json cannot encode; returns something it can."),
            Param("sort_keys", .bool, default: .bool(false), doc: "Sort dict keys."),
        ]
        m.function("dumps", doc: "The JSON text of obj.", params: [Param("obj")] + encodeParams) { a in
            var encoder = try Encoder(a)
            return .str(try encoder.encode(a["obj"]))
        }
        m.function("dump", doc: "Write the JSON text of obj to the file fp.", params: [Param("obj"), Param("fp")] + encodeParams) { a in
            var encoder = try Encoder(a)
            let text = try encoder.encode(a["obj"])
            _ = try callWrite(a["fp"], .str(text), a.runtime)
            return .none
        }
        let decodeParams = [
            Param("object_hook", .any, default: .none, doc: "Called with each decoded dict; its result replaces the dict."),
            Param("parse_float", .any, default: .none, doc: "Called with the text of each float."),
            Param("parse_int", .any, default: .none, doc: "Called with the text of each int."),
        ]
        m.function("loads", doc: "The value a JSON text (str or bytes) encodes.", params: [Param("s")] + decodeParams) { a in
            let text: String
            switch a["s"] {
            case .str(let s): text = s
            case .object(let b as BytesObject): text = try BytesObject.decodeUTF8(b.bytes)
            default: throw PyError.type("the JSON object must be str, bytes or bytearray, not \(a["s"].typeName)")
            }
            return try Decoder(text, a).decodeDocument()
        }
        m.function("load", doc: "The value the JSON text read from the file fp encodes.", params: [Param("fp")] + decodeParams) { a in
            let content = try a.runtime.call(try Attributes.get(a["fp"], "read"), [])
            let text: String
            switch content {
            case .str(let s): text = s
            case .object(let b as BytesObject): text = try BytesObject.decodeUTF8(b.bytes)
            default: throw PyError.type("the JSON object must be str, bytes or bytearray, not \(content.typeName)")
            }
            return try Decoder(text, a).decodeDocument()
        }
        if let cls = Exceptions.classes(includingModuleClasses: true)["JSONDecodeError"] { m.add("JSONDecodeError", cls) }
        return m
    }

    /// `fp.write(text)` on a file or any object with a `write` method.
    static func callWrite(_ fp: Value, _ text: Value, _ rt: Runtime) throws -> Value {
        if case .object(let f as FileObject) = fp { return try f.write(text) }
        return try rt.call(try Attributes.get(fp, "write"), [text])
    }

    // MARK: encoding

    struct Encoder {
        let skipKeys: Bool, ensureASCII: Bool, checkCircular: Bool, allowNaN: Bool, sortKeys: Bool
        let indent: String?
        let itemSeparator: String, keySeparator: String
        let defaultFunction: Value
        let rt: Runtime
        var stack: [ObjectIdentifier] = []

        init(_ a: Arguments) throws {
            skipKeys = try a.bool("skipkeys")
            ensureASCII = try a.bool("ensure_ascii")
            checkCircular = try a.bool("check_circular")
            allowNaN = try a.bool("allow_nan")
            sortKeys = try a.bool("sort_keys")
            switch a["indent"] {
            case .none: indent = nil
            case .int(let n): indent = String(repeating: " ", count: max(0, n))
            case .str(let s): indent = s
            default: throw PyError.type("indent must be an int, a str or None, not \(a["indent"].typeName)")
            }
            if a["separators"].isNone {
                itemSeparator = indent == nil ? ", " : ","
                keySeparator = ": "
            } else {
                let parts = try Iteration.toArray(a["separators"])
                guard parts.count == 2, case .str(let i) = parts[0], case .str(let k) = parts[1] else {
                    throw PyError.value("separators must be a (item_separator, key_separator) pair of strings")
                }
                itemSeparator = i
                keySeparator = k
            }
            defaultFunction = a["default"]
            rt = a.runtime
        }

        mutating func encode(_ v: Value) throws -> String {
            var out = ""
            try encode(v, level: 0, into: &out)
            return out
        }

        func float(_ d: Double) throws -> String {
            if d.isFinite { return Repr.floatRepr(d) }
            guard allowNaN else { throw PyError.value("Out of range float values are not JSON compliant") }
            return d.isNaN ? "NaN" : (d > 0 ? "Infinity" : "-Infinity")
        }

        func newline(_ level: Int) -> String {
            guard let ind = indent else { return "" }
            return "\n" + String(repeating: ind, count: level)
        }

        mutating func enter(_ id: ObjectIdentifier) throws {
            if checkCircular && stack.contains(id) { throw PyError.value("Circular reference detected") }
            if stack.count > 900 { throw PyError(.recursionError, "maximum recursion depth exceeded while encoding a JSON object") }
            stack.append(id)
        }

        mutating func encode(_ v: Value, level: Int, into out: inout String) throws {
            switch v {
            case .none: out += "null"
            case .bool(let b): out += b ? "true" : "false"
            case .int(let i): out += String(i)
            case .object(let o as BigIntObject):
                try BigIntArith.checkStrLimit(o.value)
                out += o.repr
            case .float(let d): out += try float(d)
            case .str(let s): out += JSONText.quote(s, asciiOnly: ensureASCII)
            case .list(let l): try array(l.items, ObjectIdentifier(l), level, &out)
            case .tuple(let t): try array(t.items, ObjectIdentifier(t), level, &out)
            case .dict(let d): try object(d, level, &out)
            case .object(let m as NamespaceView): try object(m.snapshot(), level, &out)
            case .object(let o as NamedTupleObject): try array(o.items, ObjectIdentifier(o), level, &out)
            // np.float64 is a float subclass, so json writes it; np.int64 is not an int.
            case .object(let o as NumpyScalar) where o.dtype == .float64: out += try float(o.value.asDouble ?? 0)
            default:
                guard !defaultFunction.isNone else {
                    throw PyError.type("Object of type \(v.typeName) is not JSON serializable")
                }
                let id = HashKey.identity(v) ?? ObjectIdentifier(BuiltinFunction.self)
                try enter(id)
                defer { stack.removeLast() }
                try encode(try rt.call(defaultFunction, [v]), level: level, into: &out)
            }
        }

        mutating func array(_ items: [Value], _ id: ObjectIdentifier, _ level: Int, _ out: inout String) throws {
            if items.isEmpty { out += "[]"; return }
            try enter(id)
            defer { stack.removeLast() }
            out += "[" + newline(level + 1)
            for (k, x) in items.enumerated() {
                if k > 0 { out += itemSeparator + newline(level + 1) }
                try encode(x, level: level + 1, into: &out)
            }
            out += newline(level) + "]"
        }

        func key(_ k: Value) throws -> String? {
            switch k {
            case .str(let s): return s
            case .float(let d): return try float(d)
            case .bool(let b): return b ? "true" : "false"
            case .none: return "null"
            case .int(let i): return String(i)
            case .object(let o as BigIntObject):
                try BigIntArith.checkStrLimit(o.value)
                return o.repr
            default:
                if skipKeys { return nil }
                throw PyError.type("keys must be str, int, float, bool or None, not \(k.typeName)")
            }
        }

        mutating func object(_ d: DictObject, _ level: Int, _ out: inout String) throws {
            if d.count == 0 { out += "{}"; return }
            try enter(ObjectIdentifier(d))
            defer { stack.removeLast() }
            var pairs = Array(zip(d.keys, d.values))
            if sortKeys {
                pairs = try Builtins.sortValues(rt, d.keys, [], "sort").map { k in (k, try d.lookup(k) ?? .none) }
            }
            out += "{" + newline(level + 1)
            var first = true
            for (k, x) in pairs {
                guard let ks = try key(k) else { continue }
                if !first { out += itemSeparator + newline(level + 1) }
                first = false
                out += JSONText.quote(ks, asciiOnly: ensureASCII) + keySeparator
                try encode(x, level: level + 1, into: &out)
            }
            out += newline(level) + "}"
        }
    }

    // MARK: decoding

    /// Python values from a parsed document, with json's hooks: `object_hook` on each object
    /// (innermost first), `parse_float` / `parse_int` on the numbers' text, in document order.
    struct Decoder {
        let text: String
        let objectHook: Value, parseFloat: Value, parseInt: Value
        let rt: Runtime

        init(_ text: String, _ a: Arguments) {
            self.text = text
            objectHook = a["object_hook"]
            parseFloat = a["parse_float"]
            parseInt = a["parse_int"]
            rt = a.runtime
        }

        func decodeDocument() throws -> Value {
            let root: JSONNode
            do {
                root = try JSONParser.parse(text)
            } catch let e as JSONSyntaxError {
                if e.tooDeep { throw PyError(.recursionError, e.message) }
                throw PyError(.jsonDecodeError, e.description)
            }
            return try value(root)
        }

        func value(_ node: JSONNode) throws -> Value {
            switch node.kind {
            case .null: return .none
            case .bool(let b): return .bool(b)
            case .string(let s): return .str(s)
            case .float(let t):
                if !parseFloat.isNone { return try rt.call(parseFloat, [.str(t)]) }
                return .float(Double(t) ?? .nan)
            case .int(let t):
                if !parseInt.isNone { return try rt.call(parseInt, [.str(t)]) }
                if let n = Int(t) { return .int(n) }
                return try Builtins.parseInt(t, base: 10)
            case .array(let items): return .list(try items.map(value))
            case .object(let fields):
                let d = DictObject()
                for (key, v) in fields { d.set(.str(key), try value(v), hash: .text(key)) }
                return objectHook.isNone ? .dict(d) : try rt.call(objectHook, [.dict(d)])
            }
        }
    }
}

/// JSON text as Python's json module writes it, for every JSON writer of the project
/// (`json.dumps`, the ipynb exporter).
public enum JSONText {
    /// A JSON string literal: `"`, `\` and control characters escaped, and with
    /// `asciiOnly` (json's `ensure_ascii`) every non-ASCII character as `\uXXXX`.
    public static func quote(_ s: String, asciiOnly: Bool) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if u.value < 0x20 || (asciiOnly && u.value > 0x7E) {
                    if u.value > 0xFFFF {
                        let v = u.value - 0x10000
                        out += "\\u" + Repr.hex(0xD800 + (v >> 10), 4) + "\\u" + Repr.hex(0xDC00 + (v & 0x3FF), 4)
                    } else {
                        out += "\\u" + Repr.hex(u.value, 4)
                    }
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
