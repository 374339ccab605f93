import Foundation

/// String methods that search, split around a separator or test character classes,
/// working on code points as Python does (`find(sub, start, end)`, `rsplit`,
/// `partition`, `removeprefix`, `isupper`, …).
extension Methods {
    typealias Scalars = [Unicode.Scalar]

    static func scalars(_ v: Value) -> Scalars { Array(str(v).unicodeScalars) }

    static func text(_ s: Scalars.SubSequence) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: s)
        return String(v)
    }

    /// The `[start:end]` window of optional arguments `a[from]`, `a[from + 1]` (None allowed).
    static func window(_ n: Int, _ a: [Value], from: Int) throws -> (Int, Int) {
        func bound(_ k: Int, _ dflt: Int) throws -> Int {
            guard k < a.count, !a[k].isNone else { return dflt }
            guard var x = a[k].asInt else { throw PyError.type("slice indices must be integers or None or have an __index__ method") }
            if x < 0 { x = Swift.max(0, x + n) }
            return Swift.min(x, n)
        }
        return (try bound(from, 0), try bound(from + 1, n))
    }

    /// Offsets of `sub` in `hay[lo..<hi]`, first (or last) match.
    static func search(_ hay: Scalars, _ sub: Scalars, _ lo: Int, _ hi: Int, last: Bool) -> Int? {
        if hi - lo < sub.count { return nil }
        let starts = Array(lo...(hi - sub.count))
        for i in last ? starts.reversed() : starts where hay[i..<(i + sub.count)].elementsEqual(sub) { return i }
        return nil
    }

    static func finder(_ name: String, last: Bool, raises: Bool) -> Impl {
        return { _, s, a, k in
            if !k.isEmpty { throw PyError.type("\(name)() takes no keyword arguments") }
            if a.isEmpty || a.count > 3 { throw PyError.type("\(name)() takes at least 1 argument (\(a.count) given)") }
            guard case .str(let subText) = a[0] else { throw PyError.type("must be str, not \(a[0].typeName)") }
            let hay = scalars(s)
            let (lo, hi) = try window(hay.count, a, from: 1)
            if let i = search(hay, Array(subText.unicodeScalars), lo, hi, last: last) { return .int(i) }
            if raises { throw PyError.value("substring not found") }
            return .int(-1)
        }
    }

    static func affix(_ name: String, suffix: Bool) -> Impl {
        return { _, s, a, k in
            if !k.isEmpty { throw PyError.type("\(name)() takes no keyword arguments") }
            if a.isEmpty || a.count > 3 { throw PyError.type("\(name)() takes at least 1 argument (\(a.count) given)") }
            let hay = scalars(s)
            let (lo, hi) = try window(hay.count, a, from: 1)
            let options: [Value]
            if case .tuple(let t) = a[0] { options = t.items } else { options = [a[0]] }
            for o in options {
                guard case .str(let p) = o else {
                    throw PyError.type("\(name) first arg must be str or a tuple of str, not \(o.typeName)")
                }
                let ps = Array(p.unicodeScalars)
                if lo > hi || hi - lo < ps.count { continue }
                let part = suffix ? hay[(hi - ps.count)..<hi] : hay[lo..<(lo + ps.count)]
                if part.elementsEqual(ps) { return .bool(true) }
            }
            return .bool(false)
        }
    }

    static func partitioner(_ name: String, last: Bool) -> Impl {
        return { _, s, a, k in
            try arity(name, a, k, 1, 1)
            let sep = try strArg(a[0], name)
            if sep.isEmpty { throw PyError.value("empty separator") }
            let hay = scalars(s), ss = Array(sep.unicodeScalars)
            guard let i = search(hay, ss, 0, hay.count, last: last) else {
                let whole = Value.str(str(s))
                return .tuple(TupleObject(last ? [.str(""), .str(""), whole] : [whole, .str(""), .str("")]))
            }
            return .tuple(TupleObject([.str(text(hay[..<i])), .str(sep), .str(text(hay[(i + ss.count)...]))]))
        }
    }

    static func classTest(_ name: String, _ test: @escaping (Scalars) -> Bool) -> Impl {
        return { _, s, a, k in
            try arity(name, a, k, 0, 0)
            return .bool(test(scalars(s)))
        }
    }

    static func isCased(_ u: Unicode.Scalar) -> Bool { u.properties.isUppercase || u.properties.isLowercase }

    static let strSearch: [String: Impl] = [
        "find": finder("find", last: false, raises: false),
        "rfind": finder("rfind", last: true, raises: false),
        "index": finder("index", last: false, raises: true),
        "rindex": finder("rindex", last: true, raises: true),
        "count": { _, s, a, k in
            if !k.isEmpty { throw PyError.type("count() takes no keyword arguments") }
            if a.isEmpty || a.count > 3 { throw PyError.type("count() takes at least 1 argument (\(a.count) given)") }
            guard case .str(let subText) = a[0] else { throw PyError.type("must be str, not \(a[0].typeName)") }
            let hay = scalars(s), sub = Array(subText.unicodeScalars)
            let (lo, hi) = try window(hay.count, a, from: 1)
            if lo > hi { return .int(0) }
            if sub.isEmpty { return .int(hi - lo + 1) }
            var n = 0, i = lo
            while let j = search(hay, sub, i, hi, last: false) { n += 1; i = j + sub.count }
            return .int(n)
        },
        "startswith": affix("startswith", suffix: false),
        "endswith": affix("endswith", suffix: true),
        "partition": partitioner("partition", last: false),
        "rpartition": partitioner("rpartition", last: true),
        "rsplit": { rt, s, a, k in
            var sep: String?
            var maxsplit = -1
            if a.count > 2 { throw PyError.type("rsplit() takes at most 2 arguments (\(a.count) given)") }
            if a.count > 0, !a[0].isNone { sep = try strArg(a[0], "rsplit") }
            if a.count > 1 { maxsplit = try int(a[1], "maxsplit") }
            for (n, v) in k {
                if n == "sep" { sep = v.isNone ? nil : try strArg(v, "rsplit") }
                else if n == "maxsplit" { maxsplit = try int(v, n) }
                else { throw PyError.type("rsplit() got an unexpected keyword argument '\(n)'") }
            }
            // Splitting the reversed text from the left is splitting from the right.
            let rev = String(String.UnicodeScalarView(scalars(s).reversed()))
            var args: [Value] = [sep.map { .str(String(String.UnicodeScalarView($0.unicodeScalars.reversed()))) } ?? .none]
            args.append(.int(maxsplit))
            guard case .list(let parts) = try splitImpl("rsplit")(rt, .str(rev), args, []) else { return .none }
            let back: [Value] = parts.items.reversed().map { .str(String(String.UnicodeScalarView(str($0).unicodeScalars.reversed()))) }
            return .list(ListObject(back))
        },
        "removeprefix": { _, s, a, k in
            try arity("removeprefix", a, k, 1, 1)
            let p = try strArg(a[0], "removeprefix")
            let hay = scalars(s), ps = Array(p.unicodeScalars)
            return .str(hay.starts(with: ps) ? text(hay[ps.count...]) : str(s))
        },
        "removesuffix": { _, s, a, k in
            try arity("removesuffix", a, k, 1, 1)
            let p = try strArg(a[0], "removesuffix")
            let hay = scalars(s), ps = Array(p.unicodeScalars)
            return .str(!ps.isEmpty && hay.reversed().starts(with: ps.reversed()) ? text(hay[..<(hay.count - ps.count)]) : str(s))
        },
        "isupper": classTest("isupper") { u in u.contains(where: isCased) && !u.contains { $0.properties.isLowercase } },
        "islower": classTest("islower") { u in u.contains(where: isCased) && !u.contains { $0.properties.isUppercase } },
        "isalnum": classTest("isalnum") { u in !u.isEmpty && u.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil } },
        "isnumeric": classTest("isnumeric") { u in !u.isEmpty && u.allSatisfy { $0.properties.numericType != nil } },
        "isdecimal": classTest("isdecimal") { u in !u.isEmpty && u.allSatisfy { $0.properties.numericType == .decimal } },
        "swapcase": { _, s, a, k in
            try arity("swapcase", a, k, 0, 0)
            var out = ""
            for u in scalars(s) {
                let c = String(u)
                out += u.properties.isUppercase ? c.lowercased() : u.properties.isLowercase ? c.uppercased() : c
            }
            return .str(out)
        },
        "casefold": { _, s, a, k in
            try arity("casefold", a, k, 0, 0)
            return .str(str(s).lowercased().replacingOccurrences(of: "ß", with: "ss"))
        },
        "expandtabs": { _, s, a, k in
            if a.count > 1 { throw PyError.type("expandtabs() takes at most 1 argument (\(a.count) given)") }
            var size = 8
            if let v = a.first ?? k.first(where: { $0.0 == "tabsize" })?.1 { size = try int(v, "tabsize") }
            if size > 0, size.multipliedReportingOverflow(by: str(s).unicodeScalars.count).overflow
                || size * str(s).unicodeScalars.count > Limits.maxStringBytes { throw Limits.memoryError() }
            var out = "", col = 0
            for u in scalars(s) {
                if u == "\t" {
                    let n = size > 0 ? size - col % size : 0
                    out += String(repeating: " ", count: n)
                    col += n
                } else {
                    out.unicodeScalars.append(u)
                    col = (u == "\n" || u == "\r") ? 0 : col + 1
                }
            }
            return .str(out)
        },
    ]
}
