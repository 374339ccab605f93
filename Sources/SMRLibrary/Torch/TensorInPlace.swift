import SMRLanguage
import SMRTensor

/// In-place arithmetic (`x.add_(y, alpha=0.5)`, `p.data.mul_(tau)`, `x.clamp_(0, 1)`, …), the
/// form target-network updates and hand-written optimisers use. As in PyTorch the result
/// keeps the tensor's shape (the other operand broadcasts to it) and a leaf that requires
/// grad may only be changed under `torch.no_grad()` (or through `.data`); an op on a tensor
/// carrying autograd history is recorded, the tensor object then holding the result
/// (PyTorch rewrites its graph; here earlier uses keep the old values, which is what their
/// gradients need).
enum TensorInPlace {
    static func register(tensorType t: NativeType) {
        let binary: [(String, String, (Tensor, Tensor) throws -> Tensor)] = [
            ("add_", "x += alpha·other", { try $0 + $1 }), ("sub_", "x -= alpha·other", { try $0 - $1 }),
            ("mul_", "x *= other", { try $0 * $1 }), ("div_", "x /= other", { try $0 / $1 }),
        ]
        for (name, doc, op) in binary {
            let alpha = name == "add_" || name == "sub_"
            t.method(name, doc: "In place: \(doc).",
                     params: [Param("other")] + (alpha ? [Param("alpha", .float, default: .float(1))] : [])) { o, a in
                let x = try TensorType.t(o)
                guard var other = try TensorLogic.operand(a["other"]) else {
                    throw PyError(.typeError, "\(name)(): argument 'other' must be Tensor or Number, not \(a["other"].typeName)")
                }
                if alpha, let k = a["alpha"].asDouble, k != 1 { other = other * Float(k) }
                return try update(x, name) { try op($0, other) }
            }
        }
        t.method("clamp_", doc: "In place: clamp into [min, max].", params: [Param("min", .float, default: .none), Param("max", .float, default: .none)]) { o, a in
            let x = try TensorType.t(o)
            let lo = try a.optionalDouble("min").map(Float.init), hi = try a.optionalDouble("max").map(Float.init)
            return try update(x, "clamp_") { try $0.clamp(min: lo, max: hi) }
        }
        let unary: [(String, (Tensor) -> Tensor)] = [("exp_", { $0.exp() }), ("log_", { $0.log() }), ("sqrt_", { $0.sqrt() }),
                                                    ("tanh_", { $0.tanh() }), ("sigmoid_", { $0.sigmoid() }), ("relu_", { $0.relu() }),
                                                    ("abs_", { $0.abs() }), ("neg_", { $0.neg() })]
        for (name, f) in unary {
            t.method(name, doc: "In place: \(name.dropLast())(x).") { o, _ in try update(TensorType.t(o), name) { f($0) } }
        }
    }

    /// Replaces `x`'s values by `f(x)`, after PyTorch's checks: computed without recording
    /// (then written into the tensor, so `p.data` views and parameters change), or — for a
    /// tensor with autograd history — recorded, the object then holding the result.
    static func update(_ x: TensorObject, _ name: String, _ f: (Tensor) throws -> Tensor) throws -> Value {
        let t = x.storage
        let tracked = GradMode.isEnabled && t.requiresGrad && !x.isDataView
        if tracked && t.isLeaf {
            throw PyError(.runtimeError, "a leaf Variable that requires grad is being used in an in-place operation.")
        }
        if x.isInt && name == "div_" {
            throw PyError(.runtimeError, "result type Float can't be cast to the desired output type Long")
        }
        let r = try wrap { tracked ? try f(t) : try GradMode.noGrad { try f(t) } }
        guard r.shape == t.shape else { throw shapeError(t.shape, r.shape) }
        if tracked {
            x.rebind(r)
            return .object(x)
        }
        try wrap { try t.assign(x.isInt ? r.data.map { $0.rounded(.towardZero) } : r.data) }
        return .object(x)
    }

    static func shapeError(_ own: [Int], _ result: [Int]) -> PyError {
        func dims(_ s: [Int]) -> String { "[" + s.map(String.init).joined(separator: ", ") + "]" }
        return PyError(.runtimeError, "output with shape \(dims(own)) doesn't match the broadcast shape \(dims(result))")
    }
}
