/// Methods of the built-in types: list, dict and str.
enum Methods {
    typealias Impl = (Runtime, Value, [Value], [(String, Value)]) throws -> Value

    static func arity(_ name: String, _ pos: [Value], _ kw: [(String, Value)], _ min: Int, _ max: Int) throws {
        if !kw.isEmpty { throw PyError.type("\(name)() takes no keyword arguments") }
        if pos.count < min || pos.count > max {
            if min == max {
                throw PyError.type("\(name)() takes exactly \(min == 0 ? "no arguments" : "\(min) argument\(min == 1 ? "" : "s")") (\(pos.count) given)")
            }
            throw PyError.type("\(name) expected at most \(max) arguments, got \(pos.count)")
        }
    }

    static func int(_ v: Value, _ what: String) throws -> Int {
        guard let i = v.asInt else {
            if BigIntObject.isBig(v) { throw BigIntArith.tooLargeForSsize }
            throw PyError.type("'\(v.typeName)' object cannot be interpreted as an integer")
        }
        return i
    }

    static let list: [String: Impl] = [
        "append": { _, s, a, k in
            try arity("list.append", a, k, 1, 1)
            guard case .list(let l) = s else { return .none }
            l.items.append(a[0]); return .none
        },
        "extend": { _, s, a, k in
            try arity("list.extend", a, k, 1, 1)
            guard case .list(let l) = s else { return .none }
            l.items.append(contentsOf: try Iteration.toArray(a[0])); return .none
        },
        "insert": { _, s, a, k in
            try arity("list.insert", a, k, 2, 2)
            guard case .list(let l) = s else { return .none }
            var i = try int(a[0], "index")
            let n = l.items.count
            if i < 0 { i = Swift.max(0, i + n) }
            l.items.insert(a[1], at: Swift.min(i, n)); return .none
        },
        "pop": { _, s, a, k in
            try arity("pop", a, k, 0, 1)
            guard case .list(let l) = s else { return .none }
            if l.items.isEmpty { throw PyError.index("pop from empty list") }
            let i = a.isEmpty ? -1 : try int(a[0], "index")
            let j = i < 0 ? i + l.items.count : i
            if j < 0 || j >= l.items.count { throw PyError.index("pop index out of range") }
            return l.items.remove(at: j)
        },
        "index": { _, s, a, k in
            try arity("index", a, k, 1, 3)
            guard case .list(let l) = s else { return .none }
            let n = l.items.count
            var lo = a.count > 1 ? try int(a[1], "start") : 0
            var hi = a.count > 2 ? try int(a[2], "stop") : n
            if lo < 0 { lo = Swift.max(0, lo + n) }
            if hi < 0 { hi = Swift.max(0, hi + n) }
            hi = Swift.min(hi, n)
            if lo < hi { for i in lo..<hi where Compare.equal(l.items[i], a[0]) { return .int(i) } }
            throw PyError.value("\(Repr.repr(a[0])) is not in list")
        },
        "count": { _, s, a, k in
            try arity("count", a, k, 1, 1)
            guard case .list(let l) = s else { return .none }
            return .int(l.items.filter { Compare.equal($0, a[0]) }.count)
        },
        "remove": { _, s, a, k in
            try arity("list.remove", a, k, 1, 1)
            guard case .list(let l) = s else { return .none }
            guard let i = l.items.firstIndex(where: { Compare.equal($0, a[0]) }) else {
                throw PyError.value("list.remove(x): x not in list")
            }
            l.items.remove(at: i); return .none
        },
        "reverse": { _, s, a, k in
            try arity("list.reverse", a, k, 0, 0)
            guard case .list(let l) = s else { return .none }
            l.items.reverse(); return .none
        },
        "clear": { _, s, a, k in
            try arity("list.clear", a, k, 0, 0)
            guard case .list(let l) = s else { return .none }
            l.items.removeAll(); return .none
        },
        "copy": { _, s, a, k in
            try arity("list.copy", a, k, 0, 0)
            guard case .list(let l) = s else { return .none }
            return .list(ListObject(l.items))
        },
        "sort": { rt, s, a, k in
            if !a.isEmpty { throw PyError.type("sort() takes no positional arguments") }
            guard case .list(let l) = s else { return .none }
            l.items = try Builtins.sortValues(rt, l.items, k, "sort")
            return .none
        },
    ]

    static let dict: [String: Impl] = [
        "keys": { _, s, a, k in
            try arity("dict.keys", a, k, 0, 0)
            guard case .dict(let d) = s else { return .none }
            return .object(DictView(d, .keys))
        },
        "values": { _, s, a, k in
            try arity("dict.values", a, k, 0, 0)
            guard case .dict(let d) = s else { return .none }
            return .object(DictView(d, .values))
        },
        "items": { _, s, a, k in
            try arity("dict.items", a, k, 0, 0)
            guard case .dict(let d) = s else { return .none }
            return .object(DictView(d, .items))
        },
        "get": { _, s, a, k in
            try arity("get", a, k, 1, 2)
            guard case .dict(let d) = s else { return .none }
            return try d.lookup(a[0]) ?? (a.count > 1 ? a[1] : .none)
        },
        "pop": { _, s, a, k in
            try arity("pop", a, k, 1, 2)
            guard case .dict(let d) = s else { return .none }
            if let v = try d.remove(a[0]) { return v }
            if a.count > 1 { return a[1] }
            throw PyError(.keyError, Repr.repr(a[0]))
        },
        "setdefault": { _, s, a, k in
            try arity("setdefault", a, k, 1, 2)
            guard case .dict(let d) = s else { return .none }
            if let v = try d.lookup(a[0]) { return v }
            let v = a.count > 1 ? a[1] : .none
            try d.set(a[0], v)
            return v
        },
        "update": { _, s, a, k in
            guard case .dict(let d) = s else { return .none }
            if a.count > 1 { throw PyError.type("update expected at most 1 argument, got \(a.count)") }
            if let o = a.first {
                if case .dict(let other) = o {
                    for (kk, vv) in zip(other.keys, other.values) { try d.set(kk, vv) }
                } else {
                    try Iteration.forEach(o) { pair in
                        let kv = try Compiler.unpack(pair, 2)
                        try d.set(kv[0], kv[1])
                        return true
                    }
                }
            }
            for (kk, vv) in k { try d.set(.str(kk), vv) }
            return .none
        },
        "copy": { _, s, a, k in
            try arity("dict.copy", a, k, 0, 0)
            guard case .dict(let d) = s else { return .none }
            let c = d.copy()
            c.flavor = d.flavor?.copy()
            return .dict(c)
        },
        "popitem": { _, s, a, k in
            try arity("popitem", a, k, 0, 0)
            guard case .dict(let d) = s else { return .none }
            guard let key = d.keys.last else { throw PyError(.keyError, "'popitem(): dictionary is empty'") }
            let v = try d.remove(key) ?? .none
            return .tuple(TupleObject([key, v]))
        },
        "clear": { _, s, a, k in
            try arity("dict.clear", a, k, 0, 0)
            guard case .dict(let d) = s else { return .none }
            d.removeAll(); return .none
        },
    ]

    static func str(_ s: Value) -> String { if case .str(let x) = s { return x }; return "" }

    static func strArg(_ v: Value, _ fn: String) throws -> String {
        guard case .str(let s) = v else { throw PyError.type("\(fn)() argument must be str, not \(v.typeName)") }
        return s
    }

    static func isSpace(_ u: Unicode.Scalar) -> Bool { u.properties.isWhitespace }

    static func stripped(_ s: String, _ chars: String?, left: Bool, right: Bool) -> String {
        let set = chars.map { Set($0.unicodeScalars) }
        let us = Array(s.unicodeScalars)
        var lo = 0, hi = us.count
        func strip(_ u: Unicode.Scalar) -> Bool { set.map { $0.contains(u) } ?? isSpace(u) }
        if left { while lo < hi && strip(us[lo]) { lo += 1 } }
        if right { while hi > lo && strip(us[hi - 1]) { hi -= 1 } }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: us[lo..<hi])
        return String(out)
    }

    static func stripImpl(_ name: String, left: Bool, right: Bool) -> Impl {
        return { _, s, a, k in
            try arity(name, a, k, 0, 1)
            let chars: String? = a.isEmpty || a[0].isNone ? nil : try strArg(a[0], name)
            return .str(stripped(str(s), chars, left: left, right: right))
        }
    }

    static func splitWhitespace(_ s: String, _ maxsplit: Int) -> [Value] {
        var out: [Value] = []
        var cur = String.UnicodeScalarView()
        var inWord = false
        var splits = 0
        let us = Array(s.unicodeScalars)
        var i = 0
        while i < us.count {
            let u = us[i]
            if isSpace(u) {
                if inWord {
                    out.append(.str(String(cur)))
                    cur = String.UnicodeScalarView()
                    inWord = false
                    splits += 1
                    if maxsplit >= 0 && splits >= maxsplit {
                        var j = i
                        while j < us.count && isSpace(us[j]) { j += 1 }
                        if j < us.count {
                            var rest = String.UnicodeScalarView()
                            rest.append(contentsOf: us[j...])
                            out.append(.str(String(rest)))
                        }
                        return out
                    }
                }
            } else {
                cur.append(u)
                inWord = true
            }
            i += 1
        }
        if inWord { out.append(.str(String(cur))) }
        return out
    }

    static func splitImpl(_ name: String) -> Impl {
        return { _, s, a, k in
            var sep: String?
            var maxsplit = -1
            if a.count > 2 { throw PyError.type("\(name)() takes at most 2 arguments (\(a.count) given)") }
            if a.count > 0, !a[0].isNone { sep = try strArg(a[0], name) }
            if a.count > 1 { maxsplit = try int(a[1], "maxsplit") }
            for (n, v) in k {
                if n == "sep" { sep = v.isNone ? nil : try strArg(v, name) }
                else if n == "maxsplit" { maxsplit = try int(v, n) }
                else { throw PyError.type("\(name)() got an unexpected keyword argument '\(n)'") }
            }
            let text = str(s)
            guard let sp = sep else { return .list(ListObject(splitWhitespace(text, maxsplit))) }
            if sp.isEmpty { throw PyError.value("empty separator") }
            var parts: [Value] = []
            var rest = Substring(text)
            while maxsplit < 0 || parts.count < maxsplit, let r = rest.range(of: sp) {
                parts.append(.str(String(rest[..<r.lowerBound])))
                rest = rest[r.upperBound...]
            }
            parts.append(.str(String(rest)))
            return .list(ListObject(parts))
        }
    }

    static let str: [String: Impl] = strCore.merging(strSearch) { _, search in search }.merging(strTranslate) { _, t in t }

    private static let strCore: [String: Impl] = [
        "join": { _, s, a, k in
            try arity("join", a, k, 1, 1)
            var parts: [String] = []
            var idx = 0
            try Iteration.forEach(a[0]) { v in
                guard case .str(let x) = v else {
                    throw PyError.type("sequence item \(idx): expected str instance, \(v.typeName) found")
                }
                parts.append(x)
                idx += 1
                return true
            }
            return .str(parts.joined(separator: str(s)))
        },
        "split": splitImpl("split"),
        "strip": stripImpl("strip", left: true, right: true),
        "lstrip": stripImpl("lstrip", left: true, right: false),
        "rstrip": stripImpl("rstrip", left: false, right: true),
        "encode": { _, s, a, k in
            if a.count + k.count > 2 { throw PyError.type("encode() takes at most 2 arguments (\(a.count + k.count) given)") }
            let enc = a.first ?? k.first(where: { $0.0 == "encoding" })?.1 ?? .str("utf-8")
            try BytesObject.checkEncoding(try strArg(enc, "encode"))
            return .object(BytesObject(Array(str(s).utf8)))
        },
        "upper": { _, s, a, k in try arity("upper", a, k, 0, 0); return .str(str(s).uppercased()) },
        "lower": { _, s, a, k in try arity("lower", a, k, 0, 0); return .str(str(s).lowercased()) },
        "title": { _, s, a, k in
            try arity("title", a, k, 0, 0)
            var out = ""
            var prevLetter = false
            for c in str(s) {
                out += prevLetter ? c.lowercased() : c.uppercased()
                prevLetter = c.isLetter
            }
            return .str(out)
        },
        "capitalize": { _, s, a, k in
            try arity("capitalize", a, k, 0, 0)
            let x = str(s)
            return .str(x.prefix(1).uppercased() + x.dropFirst().lowercased())
        },
        "replace": { _, s, a, k in
            try arity("replace", a, k, 2, 3)
            guard case .str(let old) = a[0] else { throw PyError.type("replace() argument 1 must be str, not \(a[0].typeName)") }
            guard case .str(let new) = a[1] else { throw PyError.type("replace() argument 2 must be str, not \(a[1].typeName)") }
            var count = a.count > 2 ? try int(a[2], "count") : -1
            var text = Substring(str(s))
            if old.isEmpty {
                var out = new
                for c in text { out += String(c) + new }
                return .str(out)
            }
            var out = ""
            while count != 0, let r = text.range(of: old) {
                out += text[..<r.lowerBound] + new
                text = text[r.upperBound...]
                count -= 1
            }
            return .str(out + text)
        },
        "startswith": { _, s, a, k in
            try arity("startswith", a, k, 1, 1)
            if case .tuple(let t) = a[0] { return .bool(try t.items.contains { str(s).hasPrefix(try strArg($0, "startswith")) }) }
            return .bool(str(s).hasPrefix(try strArg(a[0], "startswith")))
        },
        "endswith": { _, s, a, k in
            try arity("endswith", a, k, 1, 1)
            if case .tuple(let t) = a[0] { return .bool(try t.items.contains { str(s).hasSuffix(try strArg($0, "endswith")) }) }
            return .bool(str(s).hasSuffix(try strArg(a[0], "endswith")))
        },
        "find": { _, s, a, k in
            try arity("find", a, k, 1, 1)
            let x = str(s), sub = try strArg(a[0], "find")
            guard let r = x.range(of: sub) else { return .int(-1) }
            return .int(x.unicodeScalars.distance(from: x.startIndex, to: r.lowerBound))
        },
        "index": { _, s, a, k in
            try arity("index", a, k, 1, 1)
            let x = str(s), sub = try strArg(a[0], "index")
            guard let r = x.range(of: sub) else { throw PyError.value("substring not found") }
            return .int(x.unicodeScalars.distance(from: x.startIndex, to: r.lowerBound))
        },
        "count": { _, s, a, k in
            try arity("count", a, k, 1, 1)
            let sub = try strArg(a[0], "count")
            if sub.isEmpty { return .int(str(s).unicodeScalars.count + 1) }
            var n = 0
            var rest = Substring(str(s))
            while let r = rest.range(of: sub) { n += 1; rest = rest[r.upperBound...] }
            return .int(n)
        },
        "isdigit": { _, s, a, k in
            try arity("isdigit", a, k, 0, 0)
            let x = str(s)
            return .bool(!x.isEmpty && x.unicodeScalars.allSatisfy { $0.properties.numericType == .decimal || $0.properties.numericType == .digit })
        },
        "isalpha": { _, s, a, k in
            try arity("isalpha", a, k, 0, 0)
            let x = str(s)
            return .bool(!x.isEmpty && x.unicodeScalars.allSatisfy { $0.properties.isAlphabetic })
        },
        "isspace": { _, s, a, k in
            try arity("isspace", a, k, 0, 0)
            let x = str(s)
            return .bool(!x.isEmpty && x.unicodeScalars.allSatisfy(isSpace))
        },
        "zfill": { _, s, a, k in
            try arity("zfill", a, k, 1, 1)
            let x = str(s)
            let w = try int(a[0], "width")
            if w > Limits.maxStringBytes { throw Limits.memoryError() }
            let n = x.unicodeScalars.count
            if w <= n { return .str(x) }
            if let f = x.first, f == "-" || f == "+" {
                return .str(String(f) + String(repeating: "0", count: w - n) + x.dropFirst())
            }
            return .str(String(repeating: "0", count: w - n) + x)
        },
        "ljust": { _, s, a, k in try justify(s, a, k, "ljust") },
        "rjust": { _, s, a, k in try justify(s, a, k, "rjust") },
        "center": { _, s, a, k in try justify(s, a, k, "center") },
        "splitlines": { _, s, a, k in
            let keep = k.first { $0.0 == "keepends" }?.1 ?? a.first ?? .bool(false)
            try arity("splitlines", a, k.filter { $0.0 != "keepends" }, 0, 1)
            return .list(ListObject(splitLines(str(s), keepEnds: keep.isTruthy).map { .str($0) }))
        },
        "format": { _, s, a, k in .str(try StrFormat.format(str(s), a, k)) },
    ]

    /// `str.splitlines`: Python's line boundaries (\n, \r, \r\n, \v, \f, \x1c-\x1e, \x85, \u2028, \u2029).
    static func splitLines(_ text: String, keepEnds: Bool) -> [String] {
        let breaks: Set<UInt32> = [0x0A, 0x0D, 0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029]
        var out: [String] = []
        var line = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if breaks.contains(c.value) {
                var end = String.UnicodeScalarView([c])
                if c.value == 0x0D, i + 1 < scalars.count, scalars[i + 1].value == 0x0A {
                    end.append(scalars[i + 1])
                    i += 1
                }
                if keepEnds { line.append(contentsOf: end) }
                out.append(String(line))
                line = String.UnicodeScalarView()
            } else {
                line.append(c)
            }
            i += 1
        }
        if !line.isEmpty { out.append(String(line)) }
        return out
    }

    static func justify(_ s: Value, _ a: [Value], _ k: [(String, Value)], _ name: String) throws -> Value {
        try arity(name, a, k, 1, 2)
        let x = str(s)
        let w = try int(a[0], "width")
            if w > Limits.maxStringBytes { throw Limits.memoryError() }
        var fill: Character = " "
        if a.count > 1 {
            let f = try strArg(a[1], name)
            guard f.count == 1, let c = f.first else { throw PyError.type("The fill character must be exactly one character long") }
            fill = c
        }
        let n = x.count
        if w <= n { return .str(x) }
        let pad = w - n
        switch name {
        case "ljust": return .str(x + String(repeating: fill, count: pad))
        case "rjust": return .str(String(repeating: fill, count: pad) + x)
        default:
            let left = pad / 2 + (pad & w & 1)
            return .str(String(repeating: fill, count: left) + x + String(repeating: fill, count: pad - left))
        }
    }
}

/// `dict.keys()`, `.values()`, `.items()` views: live, iterable, printed like Python.
final class DictView: NativeObject {
    enum Kind { case keys, values, items }
    let dict: DictObject
    let kind: Kind
    init(_ d: DictObject, _ k: Kind) {
        dict = d
        kind = k
    }

    override var typeName: String {
        switch kind {
        case .keys: return "dict_keys"
        case .values: return "dict_values"
        case .items: return "dict_items"
        }
    }

    var elements: [Value] {
        switch kind {
        case .keys: return dict.keys
        case .values: return dict.values
        case .items: return zip(dict.keys, dict.values).map { .tuple(TupleObject([$0, $1])) }
        }
    }

    override var repr: String { typeName + "(" + Repr.repr(.list(ListObject(elements))) + ")" }
    override var isTruthy: Bool { dict.count > 0 }
    override func length() throws -> Int? { dict.count }
    override func makeIterator() throws -> () throws -> Value? {
        let items = elements
        var k = 0
        return {
            guard k < items.count else { return nil }
            k += 1
            return items[k - 1]
        }
    }
    override func contains(_ item: Value) throws -> Bool {
        if kind == .keys { return try dict.lookup(item) != nil }
        return elements.contains { Compare.equal($0, item) }
    }
    override func equals(_ other: Value) -> Bool {
        if case .object(let o) = other, let v = o as? DictView, v.kind == kind {
            return Compare.seqEqual(elements, v.elements)
        }
        return false
    }
}
