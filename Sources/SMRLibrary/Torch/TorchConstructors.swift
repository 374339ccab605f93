import SMRLanguage
import SMRTensor

/// The other ways PyTorch code makes tensors — `torch.empty`, `torch.as_tensor`,
/// `torch.from_numpy`, `torch.FloatTensor` / `torch.LongTensor`, `x.new_zeros(…)` and
/// friends — and the small tensor facts code checks (`x.type()`, `x.is_cuda`), plus
/// `torch.inference_mode` and `torch.no_grad()` used as a decorator.
///
/// smr's tensors are float32, int64 or bool: `from_numpy` of a float64 array gives a
/// float32 tensor (PyTorch's would be float64), which `.float()` — what RL code applies to
/// observations — makes the same as PyTorch's.
enum TorchConstructors {
    static func register(torch: NativeModule) {
        torch.add("empty", .object(TorchModule.factory("empty") { try Tensor.zeros($0, requiresGrad: $1) }))
        guard case .builtin(let tensor)? = torch.member("tensor") else { return }
        torch.add(BuiltinFunction.variadic("as_tensor", signature: "as_tensor(data, dtype=None, device=None)",
                                           doc: "A tensor from data (a tensor is returned as it is when no dtype is asked).") { rt, pos, kw in
            if pos.count == 1, kw.allSatisfy({ $0.0 == "device" }), case .object(let t as TensorObject) = pos[0] { return .object(t) }
            return try rt.call(.builtin(tensor), pos, keywords: kw.filter { $0.0 != "requires_grad" })
        })
        torch.function("from_numpy", doc: "A tensor from a NumPy array (float arrays give float32 here; see the module notes).",
                       params: [Param("ndarray")]) { a in
            guard case .object(let arr as NDArray) = a["ndarray"] else {
                throw PyError(.typeError, "expected np.ndarray (got \(a["ndarray"].typeName))")
            }
            let t = try wrap { try Tensor(arr.data.map(Float.init), shape: arr.shape) }
            return .object(TensorObject(t, isInt: arr.isInt, isBool: arr.dtype == .bool))
        }
        for (name, isInt) in [("FloatTensor", false), ("LongTensor", true)] {
            torch.add(BuiltinFunction.variadic(name, signature: "\(name)(data or *size)", doc: "The legacy constructor: from data, or zeros of a size.") { rt, pos, kw in
                guard kw.isEmpty else { throw PyError(.typeError, "\(name)() takes no keyword arguments here") }
                let dtype: Value = .object(isInt ? DTypeObject.torchInt64 : DTypeObject.torchFloat32)
                if pos.count == 1, pos[0].asInt == nil {
                    return try rt.call(.builtin(tensor), pos, keywords: [("dtype", dtype)])
                }
                let dims = try TensorType.newSize(pos)
                return .object(TensorObject(try wrap { try Tensor.zeros(dims) }, isInt: isInt))
            })
        }
        let inference = NativeType("inference_mode", doc: "As torch.no_grad here: operations in the block are not recorded.")
        if case .object(let noGrad as NativeType)? = torch.member("no_grad") {
            inference.initializer(params: [Param("mode", .bool, default: .bool(true))]) { a in try noGrad.call([], [], runtime: a.runtime) }
        }
        torch.add(inference)
    }

    /// `x.new_zeros(size)`, `new_ones`, `new_full(size, value)`, `new_tensor(data)`, `x.type()`, `x.is_cuda`.
    static func register(tensorType t: NativeType) {
        for (name, value) in [("new_zeros", Float(0)), ("new_ones", Float(1))] {
            t.method(name, doc: "A tensor of this one's dtype filled with \(Int(value))s.", params: [Param("size"), Param("dtype", .any, default: .none),
                                                                                         Param("device", .any, default: .none), Param("requires_grad", .bool, default: .bool(false))]) { o, a in
                let x = try TensorType.t(o)
                let dims = try TensorType.newSize([a["size"]])
                return try filled(x, dims, value, a)
            }
        }
        t.method("new_full", doc: "A tensor of this one's dtype filled with `fill_value`.",
                 params: [Param("size"), Param("fill_value", .float), Param("dtype", .any, default: .none), Param("device", .any, default: .none),
                          Param("requires_grad", .bool, default: .bool(false))]) { o, a in
            try filled(try TensorType.t(o), try TensorType.newSize([a["size"]]), Float(try a.double("fill_value")), a)
        }
        t.method("new_tensor", doc: "A new tensor (copied, no history) from data, of this one's dtype unless given.",
                 params: [Param("data"), Param("dtype", .any, default: .none), Param("device", .any, default: .none), Param("requires_grad", .bool, default: .bool(false))]) { o, a in
            let x = try TensorType.t(o)
            let (values, shape) = try ValueConversion.numbers(a["data"], what: "data")
            let isInt = intDtype(a["dtype"]) ?? x.isInt
            let r = try wrap { try Tensor(values.map { isInt ? Float($0.rounded(.towardZero)) : Float($0) }, shape: shape, requiresGrad: try a.bool("requires_grad")) }
            return .object(TensorObject(r, isInt: isInt))
        }
        t.method("type", doc: "The legacy type name ('torch.FloatTensor', 'torch.LongTensor', 'torch.BoolTensor').",
                 params: [Param("dtype", .any, default: .none)]) { o, a in
            let x = try TensorType.t(o)
            guard a["dtype"].isNone else { throw PyError(.notImplementedError, "type(dtype): use .to(dtype), .float() or .long()") }
            return .str(x.isBool ? "torch.BoolTensor" : x.isInt ? "torch.LongTensor" : "torch.FloatTensor")
        }
        t.property("is_cuda", doc: "False: every tensor lives on the CPU.") { _ in .bool(false) }
    }

    /// Whether a `dtype=` argument asks for int64 (nil when none is given).
    static func intDtype(_ v: Value) -> Bool? {
        if case .object(let d as DTypeObject) = v { return d.name == "int64" }
        return nil
    }

    static func filled(_ x: TensorObject, _ dims: [Int], _ value: Float, _ a: Arguments) throws -> Value {
        try TensorType.checkNewSize(dims)
        let isInt = intDtype(a["dtype"]) ?? x.isInt
        let r = try wrap { try Tensor([Float](filled: value, count: Shape.count(dims)), shape: dims, requiresGrad: try a.bool("requires_grad")) }
        return .object(TensorObject(r, isInt: isInt))
    }
}
