import SMRLanguage
import SMRTensor

/// The declared methods and attributes of `torch.Tensor` (for help, dir and completion).
enum TensorType {
    static let type: NativeType = make()

    static func t(_ obj: NativeInstance) throws -> TensorObject {
        guard let o = obj as? TensorObject else { throw PyError(.typeError, "not a tensor") }
        return o
    }

    static func out(_ tensor: Tensor, int: Bool = false) -> Value { .object(TensorObject(tensor, isInt: int)) }

    /// `dim=None` → all axes; an int → that axis.
    static func axes(_ v: Value) throws -> [Int]? {
        if v.isNone { return nil }
        if let i = v.asInt { return [i] }
        let (values, _) = try ValueConversion.numbers(v, what: "dim")
        return try ValueConversion.ints(values, "dim")
    }

    /// A new tensor's size from `f(*shape)` or `f(shape)`, checked (`checkNewSize`).
    static func newSize(_ args: [Value]) throws -> [Int] {
        let d = try dims(args)
        try checkNewSize(d)
        return d
    }

    /// Integers from `f(*shape)` or `f(shape)` call styles (-1 allowed: view, expand).
    static func dims(_ args: [Value]) throws -> [Int] {
        let d: [Int]
        if args.count == 1, case .int = args[0] {
            d = [args[0].asInt ?? 0]
        } else if args.count == 1, case .object(let size as SizeObject) = args[0] {  // x.reshape(y.shape)
            d = size.dims
        } else if args.count == 1 {
            let (values, _) = try ValueConversion.numbers(args[0], what: "size")
            d = try ValueConversion.ints(values, "dim")
        } else {
            d = try args.map { v in
                guard let i = v.asInt else { throw PyError(.typeError, "sizes must be ints, not \(v.typeName)") }
                return i
            }
        }
        return d
    }

    /// A tensor of shape `d` may be allocated: no negative dimension (PyTorch's message), and
    /// its float32 data fits in this machine's memory, else MemoryError with the bytes asked
    /// for — checked before allocating, so the process never dies on an impossible size.
    static func checkNewSize(_ d: [Int]) throws {
        if let negative = d.first(where: { $0 < 0 }) {
            throw PyError(.runtimeError, "Trying to create tensor with negative dimension \(negative): [\(d.map(String.init).joined(separator: ", "))]")
        }
        do { try Shape.checkAllocation(d, "new tensor") } catch { throw LibraryErrors.convert(error) }
    }

    static func make() -> NativeType {
        let t = NativeType("Tensor", doc: "torch.Tensor: float32 values with autograd, printed as PyTorch prints them.")
        t.method("item", doc: "The value of a one-element tensor as a Python number.") { o, _ in
            let x = try TensorType.t(o)
            guard x.tensor.count == 1 else { throw PyError(.runtimeError, "a Tensor with \(x.tensor.count) elements cannot be converted to Scalar") }
            return x.isInt ? .int(ValueConversion.clampedInt(x.tensor.data[0])) : .float(Double(x.tensor.data[0]))
        }
        t.method("sum", doc: "Sum over all elements or over `dim`.", params: [Param("dim", .any, default: .none), Param("keepdim", .bool, default: .bool(false))]) { o, a in
            let x = try TensorType.t(o)
            guard let ax = try axes(a["dim"]) else { return out(x.tensor.sum(), int: x.isInt) }
            return out(try wrap { try x.tensor.sum(axes: ax, keepDim: try a.bool("keepdim")) }, int: x.isInt)
        }
        t.method("mean", doc: "Mean over all elements or over `dim`.", params: [Param("dim", .any, default: .none), Param("keepdim", .bool, default: .bool(false))]) { o, a in
            let x = try TensorType.t(o)
            return out(try wrap { try x.tensor.mean(axes: try axes(a["dim"]), keepDim: try a.bool("keepdim")) })
        }
        t.method("std", doc: "Standard deviation (Bessel-corrected, as torch).", params: [Param("dim", .any, default: .none), Param("keepdim", .bool, default: .bool(false))]) { o, a in
            let x = try TensorType.t(o)
            return out(try wrap { try x.tensor.std(axes: try axes(a["dim"]), keepDim: try a.bool("keepdim")) })
        }
        t.method("backward", doc: "Accumulate gradients into the leaves: of this scalar, or of the product with `gradient` (same shape).",
                 params: [Param("gradient", .any, default: .none), Param("retain_graph", .bool, default: .none)]) { o, a in
            let x = try TensorType.t(o).tensor
            let retain = a["retain_graph"].isNone ? false : try a.bool("retain_graph")
            if a["gradient"].isNone {
                try wrap { try x.backward(retainGraph: retain) }
                return .none
            }
            let g = try TorchArguments.tensor(a["gradient"], "gradient")
            guard g.shape == x.shape else {
                throw PyError(.runtimeError, "Mismatch in shape: grad_output[0] has a shape of \(SizeObject(g.shape).repr) and output[0] has a shape of \(SizeObject(x.shape).repr).")
            }
            try wrap { try x.backward(gradient: g.data, retainGraph: retain) }
            return .none
        }
        t.method("detach", doc: "The same values, cut from the graph.") { o, _ in
            let x = try TensorType.t(o); return out(x.tensor.detach(), int: x.isInt)
        }
        t.method("clone", doc: "A copy (differentiable).") { o, _ in
            let x = try TensorType.t(o); return out(x.tensor + Float(0), int: x.isInt)
        }
        t.method("numpy", doc: "The values as a numpy array (float32).") { o, _ in
            let x = try TensorType.t(o)
            if x.isInt { return .object(NDArray(x.tensor.data.map(Double.init), isInt: true)) }
            return .object(Float32Array(data: x.tensor.data, shape: x.tensor.shape))
        }
        t.method("tolist", doc: "The values as (nested) Python lists.") { o, _ in
            let x = try TensorType.t(o)
            return ArrayIndexing.nestedList(x.tensor.data.map { x.isInt ? .int(ValueConversion.clampedInt($0)) : .float(Double($0)) }, shape: x.tensor.shape)
        }
        for name in ["cpu", "float", "contiguous"] {
            t.method(name, doc: "The tensor itself (float32, CPU).") { o, _ in
                let x = try TensorType.t(o)
                return name == "float" && x.isInt ? out(x.tensor) : .object(x)
            }
        }
        t.method("long", doc: "Integer-valued copy (int64 printing).") { o, _ in
            out(try TensorType.t(o).tensor.data.map { $0.rounded(.towardZero) }.withTensor(shape: try TensorType.t(o).tensor.shape), int: true)
        }
        t.method("to", doc: "The tensor itself: every tensor lives on the CPU as float32.", params: [Param("device", .any, default: .none), Param("dtype", .any, default: .none)]) { o, _ in .object(o) }
        t.method("unsqueeze", doc: "Insert a size-1 axis at `dim`.", params: [Param("dim", .int)]) { o, a in
            let x = try TensorType.t(o); return out(try wrap { try x.tensor.unsqueeze(try a.int("dim")) }, int: x.isInt)
        }
        t.method("squeeze", doc: "Remove size-1 axes (or only `dim`).", params: [Param("dim", .int, default: .none)]) { o, a in
            let x = try TensorType.t(o); return out(try wrap { try x.tensor.squeeze(try a.optionalInt("dim")) }, int: x.isInt)
        }
        t.method("size", doc: "The shape (torch.Size), or the extent of `dim`.", params: [Param("dim", .int, default: .none)]) { o, a in
            let x = try TensorType.t(o)
            guard let d = try a.optionalInt("dim") else { return .object(SizeObject(x.tensor.shape)) }
            let r = x.tensor.shape.count
            let k = d < 0 ? d + r : d
            guard k >= 0 && k < r else { throw PyError(.indexError, "Dimension out of range (expected to be in range of [\(-r), \(r - 1)], but got \(d))") }
            return .int(x.tensor.shape[k])
        }
        t.method("dim", doc: "Number of axes.") { o, _ in .int(try TensorType.t(o).tensor.shape.count) }
        t.method("numel", doc: "Number of elements.") { o, _ in .int(try TensorType.t(o).tensor.count) }
        let unary: [(String, (Tensor) -> Tensor)] = [("exp", { $0.exp() }), ("log", { $0.log() }), ("tanh", { $0.tanh() }),
                                                      ("relu", { $0.relu() }), ("sigmoid", { $0.sigmoid() }), ("sqrt", { $0.sqrt() }), ("abs", { $0.abs() })]
        for (name, f) in unary {
            t.method(name, doc: "Elementwise \(name).") { o, _ in out(f(try TensorType.t(o).tensor)) }
        }
        t.method("pow", doc: "Elementwise power.", params: [Param("exponent", .float)]) { o, a in out(try TensorType.t(o).tensor.pow(Float(try a.double("exponent")))) }
        t.method("clamp", doc: "Clamp into [min, max].", params: [Param("min", .float, default: .none), Param("max", .float, default: .none)]) { o, a in
            let x = try TensorType.t(o)
            return out(try wrap { try x.tensor.clamp(min: try a.optionalDouble("min").map(Float.init), max: try a.optionalDouble("max").map(Float.init)) })
        }
        t.method("softmax", doc: "Softmax along `dim`.", params: [Param("dim", .int)]) { o, a in
            out(try wrap { try TensorType.t(o).tensor.softmax(axis: try a.int("dim")) })
        }
        t.method("log_softmax", doc: "Log-softmax along `dim`.", params: [Param("dim", .int)]) { o, a in
            out(try wrap { try TensorType.t(o).tensor.logSoftmax(axis: try a.int("dim")) })
        }
        t.method("t", doc: "Transpose of a 2-D tensor.") { o, _ in out(try wrap { try TensorType.t(o).tensor.t() }) }
        t.method("transpose", doc: "Swap two axes.", params: [Param("dim0", .int), Param("dim1", .int)]) { o, a in
            out(try wrap { try TensorType.t(o).tensor.transpose(try a.int("dim0"), try a.int("dim1")) })
        }
        t.method("flatten", doc: "Flatten axes start_dim … end_dim.", params: [Param("start_dim", .int, default: .int(0)), Param("end_dim", .int, default: .int(-1))]) { o, a in
            out(try wrap { try TensorType.t(o).tensor.flatten(startAxis: try a.int("start_dim"), endAxis: try a.int("end_dim")) })
        }
        t.method("select", doc: "The slice at `index` along `dim` (x.select(1, -1) is x[:, -1]).", params: [Param("dim", .int), Param("index", .int)]) { o, a in
            let x = try TensorType.t(o)
            let r = x.tensor.shape.count
            let d = try a.int("dim")
            guard d >= -r && d < r else { throw PyError(.indexError, "Dimension out of range (expected to be in range of [\(-r), \(r - 1)], but got \(d))") }
            return .object(try x.select(axis: d < 0 ? d + r : d, index: try a.int("index")))
        }
        t.method("matmul", doc: "Matrix product.", params: [Param("other", .object("Tensor"))]) { o, a in
            guard case .object(let b as TensorObject) = a["other"] else { throw PyError(.typeError, "matmul(): argument 'other' must be Tensor") }
            return out(try wrap { try TensorType.t(o).tensor.matmul(b.tensor) })
        }
        t.method("copy_", doc: "Copy values from `src` in place (weights can be set this way).", params: [Param("src")]) { o, a in
            let x = try TensorType.t(o)
            let (values, _) = try ValueConversion.numbers(a["src"], what: "src")
            guard values.count == x.tensor.count else { throw PyError(.runtimeError, "copy_: \(values.count) values cannot fill a tensor of \(x.tensor.count) elements") }
            try wrap { try x.storage.assign(values.map(Float.init)) }
            return .object(x)
        }
        t.method("fill_", doc: "Set every element to `value`.", params: [Param("value", .float)]) { o, a in
            let x = try TensorType.t(o)
            try wrap { try x.storage.assign([Float](filled: Float(try a.double("value")), count: x.tensor.count)) }
            return .object(x)
        }
        t.method("zero_", doc: "Set every element to 0.") { o, _ in
            let x = try TensorType.t(o)
            try wrap { try x.storage.assign([Float](filled: 0, count: x.tensor.count)) }
            return .object(x)
        }
        t.method("requires_grad_", doc: "Start (or stop) recording gradients for this leaf.", params: [Param("requires_grad", .bool, default: .bool(true))]) { o, a in
            let x = try TensorType.t(o)
            try wrap { try x.tensor.setRequiresGrad(try a.bool("requires_grad")) }
            return .object(x)
        }
        t.method("retain_grad", doc: "Keep the gradient of this non-leaf tensor.") { o, _ in
            try TensorType.t(o).tensor.retainsGrad = true
            return .none
        }
        t.property("shape", doc: "torch.Size of the tensor.") { o in .object(SizeObject(try TensorType.t(o).tensor.shape)) }
        t.property("ndim", doc: "Number of axes.") { o in .int(try TensorType.t(o).tensor.shape.count) }
        t.property("dtype", doc: "torch.float32 (or torch.int64 for integer tensors).") { o in
            .object(try TensorType.t(o).isInt ? DTypeObject.torchInt64 : DTypeObject.torchFloat32)
        }
        t.property("device", doc: "Always cpu.") { _ in .object(DeviceObject(name: "cpu")) }
        t.property("requires_grad", doc: "Whether gradients are recorded.", get: { o in .bool(try TensorType.t(o).tensor.requiresGrad) },
                   set: { o, v in try wrap { try TensorType.t(o).tensor.setRequiresGrad(v.isTruthy) } })
        t.property("grad", doc: "Accumulated gradient (None before backward); assign None to clear it or a tensor of the same shape to replace it.", get: { o in
            try TensorType.t(o).tensor.grad.map { out($0) } ?? .none
        }, set: { o, v in
            let x = try TensorType.t(o).tensor
            if v.isNone { return x.zeroGrad() }
            guard case .object(let g as TensorObject) = v else {
                throw PyError(.typeError, "assigned grad expected to be a Tensor or None but got grad of type \(v.typeName)")
            }
            guard g.tensor.shape == x.shape else { throw PyError(.runtimeError, "assigned grad has data of a different size") }
            try wrap { try x.setGrad(g.tensor.data) }
        })
        t.property("grad_fn", doc: "The backward node of the op that made this tensor (None for leaves and untracked results).") { o in
            try TensorType.t(o).tensor.gradFnName.map { .object(GradFnObject($0)) } ?? .none
        }
        t.property("is_leaf", doc: "Whether the tensor was created by the user.") { o in
            let t = try TensorType.t(o).tensor
            return .bool(t.isLeaf || !t.requiresGrad)  // PyTorch: every tensor that does not require grad is a leaf
        }
        t.property("data", doc: "The same values without autograd history (in-place ops on it change this tensor).") { o in
            let x = try TensorType.t(o)
            return .object(TensorObject(x.storage, isInt: x.isInt, isBool: x.isBool, isDataView: true))
        }
        t.property("T", doc: "Transpose.") { o in out(try wrap { try TensorType.t(o).tensor.t() }) }
        TensorRandomMethods.install(on: t)
        TensorReorderings.register(tensorType: t)
        TensorInPlace.register(tensorType: t)
        TorchConstructors.register(tensorType: t)
        return t
    }
}

extension Array where Element == Float {
    func withTensor(shape: [Int]) throws -> Tensor { try wrap { try Tensor(self, shape: shape) } }
}

/// `tensor.grad_fn`: the backward node's name as its type (`type(y.grad_fn).__name__` is
/// `"MulBackward0"`), printed as PyTorch prints it.
final class GradFnObject: NativeObject {
    let name: String
    init(_ name: String) { self.name = name }
    override var typeName: String { name }
    override var repr: String { "<\(name) object at 0x\(String(UInt(bitPattern: ObjectIdentifier(self).hashValue), radix: 16))>" }
    override var attributeNames: [String] { ["name"] }
    override func getAttribute(_ attr: String) throws -> Value {
        if attr == "name" {
            return .builtin(BuiltinFunction("name", doc: "The node's name.", params: []) { [name] _ in .str(name) })
        }
        return try super.getAttribute(attr)
    }
}
