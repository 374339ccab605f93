/// `str.maketrans` and `str.translate`: tables from code points to code points, strings
/// or None (delete), as CPython builds and applies them.
extension Methods {
    static let strTranslate: [String: Impl] = [
        "translate": { rt, s, a, k in
            try arity("translate", a, k, 1, 1)
            var out = String.UnicodeScalarView()
            for c in str(s).unicodeScalars {
                let r: Value
                do { r = try Subscript.getItem(a[0], .int(Int(c.value))) } catch let e as PyError where Exceptions.isSubclass(e.kind.name, of: "LookupError") {
                    out.append(c)
                    continue
                }
                switch r {
                case .none: break
                case .str(let t): out.append(contentsOf: t.unicodeScalars)
                case .int(let i):
                    guard i >= 0, i <= 0x10FFFF, let u = Unicode.Scalar(UInt32(i)) else { throw PyError.value("character mapping must be in range(0x110000)") }
                    out.append(u)
                default: throw PyError.type("character mapping must return integer, None or str")
                }
            }
            return .str(String(out))
        },
    ]

    /// `str.maketrans(x[, y[, z]])`.
    static let maketrans: Value = .builtin(BuiltinFunction(raw: "maketrans", signature: "str.maketrans(x, y=None, z=None)", doc: "A translation table for str.translate.") { _, a, kw in
        try Builtins.noKeywords("maketrans", kw)
        try Builtins.count("maketrans", a, 1, 3)
        let d = DictObject()
        if a.count == 1 {
            guard case .dict(let src) = a[0] else { throw PyError.type("if you give only one argument to maketrans it must be a dict") }
            for (key, v) in zip(src.keys, src.values) {
                switch key {
                case .int: try d.set(key, v)
                case .str(let c) where c.unicodeScalars.count == 1: try d.set(.int(Int(c.unicodeScalars.first?.value ?? 0)), v)
                default: throw PyError.value("string keys in translate table must be of length 1")
                }
            }
            return .dict(d)
        }
        guard case .str(let x) = a[0], case .str(let y) = a[1] else { throw PyError.type("maketrans() argument 2 must be str, not \(a[1].typeName)") }
        let xs = Array(x.unicodeScalars), ys = Array(y.unicodeScalars)
        guard xs.count == ys.count else { throw PyError.value("the first two maketrans arguments must have equal length") }
        for (p, q) in zip(xs, ys) { try d.set(.int(Int(p.value)), .int(Int(q.value))) }
        if a.count == 3 {
            guard case .str(let z) = a[2] else { throw PyError.type("maketrans() argument 3 must be str, not \(a[2].typeName)") }
            for c in z.unicodeScalars { try d.set(.int(Int(c.value)), .none) }
        }
        return .dict(d)
    })
}
