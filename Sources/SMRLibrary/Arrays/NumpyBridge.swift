import SMRLanguage

/// Makes the language's `numpy` module understand float32 arrays and scalars: float32
/// results of the language's `NDArray` become `Float32Array`s (what environments and
/// tensors use) and float32 elements `np.float32` scalars; reductions on float32 data
/// accumulate in float32, as numpy computes them.
enum NumpyBridge {
    static let float32Reductions = ["mean", "sum", "min", "max", "argmax", "argmin", "std"]

    static func install(into interpreter: Interpreter, random: NativeModule) {
        NDArray.boxArray = { a in
            a.dtype == .float32 ? .object(Float32Array(data: a.data.map { Float($0) }, shape: a.shape)) : .object(a)
        }
        NDArray.boxFloat32 = { .object(Float32Scalar(Float($0))) }
        NDArray.unbox = { o in
            if let a = o as? Float32Array { return a.asNDArray() }
            if let s = o as? Float32Scalar { return NDArray(data: [Double(s.value)], shape: [], dtype: .float32) }
            return nil
        }
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
                return try rt.call(member, args.map(widen), keywords: kw.map { ($0.0, widen($0.1)) })
            }))
        }
        m.add("ndarray", .str("ndarray"))
        m.add("random", .object(random))
        interpreter.register(module: m)
        interpreter.register(module: random)
    }

    /// float32 arrays and scalars as the values the language's numpy functions take.
    static func widen(_ v: Value) -> Value {
        switch v {
        case .object(let a as Float32Array): return .object(a.asNDArray())
        case .object(let s as Float32Scalar): return .float(Double(s.value))
        case .object(let t as TensorObject): return .object(NDArray(data: t.tensor.data.map(Double.init), shape: t.tensor.shape, dtype: t.isInt ? .int64 : .float64))
        case .list(let l) where l.items.contains(where: { if case .object = $0 { return true }; return false }):
            return .list(l.items.map(widen))
        default: return v
        }
    }
}
