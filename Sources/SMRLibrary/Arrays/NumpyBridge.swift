import SMRLanguage

/// Makes the language's `numpy` module understand float32 arrays and scalars: reductions
/// on float32 data stay float32 (as numpy computes them), everything else sees float64.
enum NumpyBridge {
    static let float32Reductions = ["mean", "sum", "min", "max", "argmax", "argmin", "std"]

    static func install(into interpreter: Interpreter, random: NativeModule) {
        guard case .object(let original as NativeModule)? = try? interpreter.run(source: "import numpy\nnumpy", fileName: "<library>") else { return }
        // The probe bound `numpy` as a global; drop it again.
        _ = try? interpreter.run(source: "del numpy", fileName: "<library>")
        let m = NativeModule("numpy", doc: original.doc)
        for name in original.attributeNames {
            guard let member = original.member(name) else { continue }
            guard case .builtin(let f) = member else { m.add(name, member); continue }
            m.add(name, .object(LibraryFunction(name, signature: f.signatureText, doc: f.doc) { args, kw, rt in
                if float32Reductions.contains(name), kw.isEmpty, args.count == 1, case .object(let a as Float32Array) = args[0] {
                    return try Float32Reductions.reduce(name, a.data)
                }
                if name == "array" || name == "asarray", let first = args.first, isFloat32Request(kw) {
                    let (values, shape) = try ValueConversion.numbers(first, what: "object")
                    return .object(Float32Array(data: values.map(Float.init), shape: shape))
                }
                if name == "array" || name == "asarray", case .object(let a as Float32Array)? = args.first, kw.isEmpty {
                    return .object(Float32Array(data: a.data, shape: a.shape))
                }
                return try rt.call(member, args.map(widen), keywords: kw.filter { $0.0 != "dtype" || !isFloat32Request([$0]) }.map { ($0.0, widen($0.1)) })
            }))
        }
        m.add("float32", .object(DTypeObject.float32))
        m.add("float64", .object(DTypeObject.float64))
        m.add("ndarray", .str("ndarray"))
        m.add("random", .object(random))
        interpreter.register(module: m)
        interpreter.register(module: random)
    }

    static func isFloat32Request(_ kw: [(String, Value)]) -> Bool {
        guard let d = kw.first(where: { $0.0 == "dtype" })?.1 else { return false }
        if case .object(let o as DTypeObject) = d { return o.name == "float32" }
        return d.asString == "float32"
    }

    /// float32 values as the float64 values the language's numpy functions take.
    static func widen(_ v: Value) -> Value {
        switch v {
        case .object(let a as Float32Array): return .object(a.asFloat64())
        case .object(let s as Float32Scalar): return .float(Double(s.value))
        case .object(let t as TensorObject): return .object(NDArray(t.tensor.data.map(Double.init), isInt: t.isInt))
        case .list(let l) where l.items.contains(where: { if case .object = $0 { return true }; return false }):
            return .list(l.items.map(widen))
        default: return v
        }
    }
}
