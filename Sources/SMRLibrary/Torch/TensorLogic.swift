import SMRLanguage
import SMRTensor

/// Comparisons and logic on tensors, as PyTorch: `x > 0` is a bool tensor (no gradient),
/// `~`, `&`, `|`, `^` on bool tensors, `torch.where`, `masked_fill`, `any`/`all`, the
/// extremes `max`/`min`/`argmin` (whole tensor or along `dim`), `allclose`/`isclose`.
enum TensorLogic {
    /// The other operand of a comparison or logic op as a tensor (nil: not a number or tensor).
    static func operand(_ v: Value) throws -> Tensor? {
        switch v {
        case .object(let o as TensorObject): return o.tensor
        case .int, .float, .bool: return Tensor(scalar: Float(v.asDouble ?? 0))
        case .object(let o as NumpyScalar): return Tensor(scalar: Float(o.value.asDouble ?? 0))
        case .object(let o) where o.numericValue != nil: return Tensor(scalar: Float(o.numericValue?.asDouble ?? 0))
        default: return nil
        }
    }

    static func bools(_ values: [Float], _ shape: [Int]) throws -> Value {
        .object(TensorObject(try constant(values, shape), isBool: true))
    }

    /// A tensor of computed values that carries no gradient.
    static func constant(_ values: [Float], _ shape: [Int]) throws -> Tensor {
        try wrap { try Tensor(values, shape: shape) }
    }

    /// Both operands' values broadcast to their common shape (no gradient is recorded).
    static func broadcastPair(_ a: Tensor, _ b: Tensor, op: String) throws -> (shape: [Int], a: [Float], b: [Float]) {
        try wrap {
            let shape = try Shape.broadcast(a.shape, b.shape, op: op)
            return try GradMode.noGrad { (shape, try a.broadcast(to: shape).data, try b.broadcast(to: shape).data) }
        }
    }

    static func compare(_ x: TensorObject, _ op: String, _ other: Value, reflected: Bool) throws -> Value? {
        guard let y = try operand(other) else { return nil }
        let (shape, p, q) = try reflected ? broadcastPair(y, x.tensor, op: op) : broadcastPair(x.tensor, y, op: op)
        let test: (Float, Float) -> Bool
        switch op {
        case "<": test = { $0 < $1 }
        case "<=": test = { $0 <= $1 }
        case ">": test = { $0 > $1 }
        case ">=": test = { $0 >= $1 }
        case "==": test = { $0 == $1 }
        case "!=": test = { $0 != $1 }
        default: return nil
        }
        return try bools(zip(p, q).map { test($0, $1) ? 1 : 0 }, shape)
    }

    /// `&`, `|`, `^`: logical on bool tensors, bitwise on integer ones.
    static func bitwise(_ x: TensorObject, _ op: String, _ other: Value) throws -> Value? {
        guard let y = try operand(other) else { return nil }
        let otherBool: Bool
        switch other {
        case .object(let o as TensorObject): otherBool = o.isBool
        case .bool: otherBool = true
        default: otherBool = false
        }
        guard x.isInt, { if case .object(let o as TensorObject) = other { return o.isInt }; return other.asInt != nil }() else {
            throw PyError(.runtimeError, "\"bitwise_\(op == "&" ? "and" : op == "|" ? "or" : "xor")_cpu\" not implemented for 'Float'")
        }
        let (shape, p, q) = try broadcastPair(x.tensor, y, op: op)
        let r: [Float] = zip(p, q).map { a, b in
            let i = ValueConversion.clampedInt(a), j = ValueConversion.clampedInt(b)
            return Float(op == "&" ? i & j : op == "|" ? i | j : i ^ j)
        }
        let isBool = x.isBool && otherBool
        return .object(TensorObject(try constant(r, shape), isInt: true, isBool: isBool))
    }

    /// `~mask` (logical not) or `~ints` (bitwise not).
    static func invert(_ x: TensorObject) throws -> Value {
        guard x.isInt else { throw PyError(.runtimeError, "\"bitwise_not_cpu\" not implemented for 'Float'") }
        let r = x.tensor.data.map { x.isBool ? ($0 != 0 ? 0 : 1) : Float(~ValueConversion.clampedInt($0)) }
        return .object(TensorObject(try constant(r, x.tensor.shape), isInt: true, isBool: x.isBool))
    }

    /// PyTorch's printing of a bool tensor: `tensor([ True, False])`.
    static func boolDescription(_ t: Tensor) -> String {
        if t.data.isEmpty { return "tensor([], dtype=torch.bool)" }
        return TensorObject.elementDescription(t, items: t.data.map { $0 != 0 ? "True" : "False" })
    }

    static func elementwise(_ isMax: Bool, _ x: TensorObject, _ y: TensorObject) throws -> Value {
        let r = try wrap { isMax ? try Tensor.maximum(x.tensor, y.tensor) : try Tensor.minimum(x.tensor, y.tensor) }
        return .object(TensorObject(r, isInt: x.isInt && y.isInt, isBool: x.isBool && y.isBool))
    }

    /// Registers the methods on `torch.Tensor` and the functions in `torch`.
    static func register(tensorType t: NativeType, torch: NativeModule) {
        let dim = Param("dim", .int, default: .none), keepdim = Param("keepdim", .bool, default: .bool(false))
        for (name, isMax) in [("max", true), ("min", false)] {
            let doc = "The \(isMax ? "largest" : "smallest") element, or along `dim` a (values, indices) pair."
            func extreme(_ x: TensorObject, _ d: Int?, _ keep: Bool) throws -> Value {
                guard let d else {
                    guard x.tensor.count > 0 else {
                        throw PyError(.runtimeError, "\(name)(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.")
                    }
                    return .object(TensorObject(try wrap { isMax ? try x.tensor.max() : try x.tensor.min() }, isInt: x.isInt, isBool: x.isBool))
                }
                let r = try wrap { isMax ? try x.tensor.max(axis: d, keepDim: keep) : try x.tensor.min(axis: d, keepDim: keep) }
                let indices = TensorObject(try constant(r.indices.map(Float.init), r.values.shape), isInt: true)
                return .object(TorchReturnType(name, values: .object(TensorObject(r.values, isInt: x.isInt, isBool: x.isBool)), indices: .object(indices)))
            }
            t.method(name, doc: doc, params: [dim, keepdim]) { o, a in
                try extreme(try TensorType.t(o), try a.optionalInt("dim"), try a.bool("keepdim"))
            }
            torch.function(name, doc: doc + " With a tensor as the second argument: the elementwise \(isMax ? "maximum" : "minimum").",
                           params: [Param("input"), Param("dim", .any, default: .none), keepdim]) { a in
                let x = try TorchArguments.tensorObject(a["input"], "input")
                if case .object(let other as TensorObject) = a["dim"] { return try elementwise(isMax, x, other) }
                guard a["dim"].isNone || a["dim"].asInt != nil else {
                    throw PyError(.typeError, "\(name)() received an invalid combination of arguments: dim must be an int or a Tensor, not \(a["dim"].typeName)")
                }
                return try extreme(x, a["dim"].asInt, try a.bool("keepdim"))
            }
            torch.function(isMax ? "maximum" : "minimum", doc: "The elementwise \(isMax ? "maximum" : "minimum") of two tensors (a tie splits the gradient).",
                           params: [Param("input"), Param("other")]) { a in
                try elementwise(isMax, try TorchArguments.tensorObject(a["input"], "input"), try TorchArguments.tensorObject(a["other"], "other"))
            }
        }
        for (name, isMax) in [("argmax", true), ("argmin", false)] {
            func arg(_ x: Tensor, _ d: Int?, _ keep: Bool) throws -> Value {
                if let d {
                    let r = try wrap { try GradMode.noGrad { isMax ? try x.max(axis: d, keepDim: keep) : try x.min(axis: d, keepDim: keep) } }
                    return .object(TensorObject(try constant(r.indices.map(Float.init), r.values.shape), isInt: true))
                }
                let flat = try wrap { try GradMode.noGrad { isMax ? try x.reshape([x.count]).max(axis: 0) : try x.reshape([x.count]).min(axis: 0) } }
                return .object(TensorObject(Tensor(scalar: Float(flat.indices.first ?? 0)), isInt: true))
            }
            let doc = "Index of the \(isMax ? "largest" : "smallest") element (flattened, or along `dim`)."
            torch.function(name, doc: doc, params: [Param("input"), dim, keepdim]) { a in
                try arg(try TorchArguments.tensor(a["input"], "input"), try a.optionalInt("dim"), try a.bool("keepdim"))
            }
            t.method(name, doc: doc, params: [dim, keepdim]) { o, a in
                try arg(try TensorType.t(o).tensor, try a.optionalInt("dim"), try a.bool("keepdim"))
            }
        }
        for (name, isAny) in [("any", true), ("all", false)] {
            t.method(name, doc: isAny ? "Whether any element is non-zero (a bool tensor)." : "Whether every element is non-zero (a bool tensor).") { o, _ in
                let x = try TensorType.t(o).tensor
                return try bools([(isAny ? x.data.contains { $0 != 0 } : x.data.allSatisfy { $0 != 0 }) ? 1 : 0], [])
            }
        }
        t.method("masked_fill", doc: "A copy with `value` where `mask` is true.", params: [Param("mask"), Param("value", .float)]) { o, a in
            let x = try TensorType.t(o)
            let mask = try TorchArguments.tensor(a["mask"], "mask")
            return .object(TensorObject(try wrap { try x.tensor.maskedFill(mask, value: Float(try a.double("value"))) }, isInt: x.isInt))
        }
        t.method("logical_not", doc: "Elementwise not, as a bool tensor.") { o, _ in
            let x = try TensorType.t(o).tensor
            return try bools(x.data.map { $0 == 0 ? 1 : 0 }, x.shape)
        }
        torch.function("where", doc: "condition ? input : other, elementwise (with broadcasting).",
                       params: [Param("condition"), Param("input"), Param("other")]) { a in
            let c = try TorchArguments.tensor(a["condition"], "condition")
            let x = try TorchArguments.tensorObject(a["input"], "input"), y = try TorchArguments.tensorObject(a["other"], "other")
            return .object(TensorObject(try wrap { try Tensor.where(c, x.tensor, y.tensor) }, isInt: x.isInt && y.isInt))
        }
        let closeParams = [Param("input"), Param("other"), Param("rtol", .float, default: .float(1e-5)),
                           Param("atol", .float, default: .float(1e-8)), Param("equal_nan", .bool, default: .bool(false))]
        func close(_ a: Arguments) throws -> (shape: [Int], flags: [Bool]) {
            let x = try TorchArguments.tensor(a["input"], "input"), y = try TorchArguments.tensor(a["other"], "other")
            let (shape, p, q) = try broadcastPair(x, y, op: "isclose")
            let rtol = try a.double("rtol"), atol = try a.double("atol"), equalNaN = try a.bool("equal_nan")
            let flags = zip(p, q).map { u, v -> Bool in
                if u.isNaN || v.isNaN { return equalNaN && u.isNaN && v.isNaN }
                if u == v { return true }
                return Double(Swift.abs(u - v)) <= atol + rtol * Double(Swift.abs(v))
            }
            return (shape, flags)
        }
        torch.function("isclose", doc: "|input − other| ≤ atol + rtol·|other|, elementwise (a bool tensor).", params: closeParams) { a in
            let r = try close(a)
            return try bools(r.flags.map { $0 ? 1 : 0 }, r.shape)
        }
        torch.function("allclose", doc: "Whether every element satisfies isclose.", params: closeParams) { a in
            .bool(try close(a).flags.allSatisfy { $0 })
        }
    }
}
