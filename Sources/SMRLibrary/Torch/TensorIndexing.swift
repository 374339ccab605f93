import SMRLanguage
import SMRTensor

/// Tensor indexing beyond ints and slices — `x[mask]`, `x[idx]`, `x[[0, 2]]`, `x[:, None]` —
/// and every assignment `x[...] = v`, through NumPy's rules (`IndexPlan`). Reads are
/// differentiable (the elements are taken, the gradient scattered back); writes change the
/// tensor in place, or — on a tensor with autograd history, or with a value that has one —
/// are recorded as PyTorch's `index_put_` is, the tensor object then holding the result.
enum TensorIndexing {
    /// Whether reading `index` needs the planner (the int/slice cases have their own ops,
    /// named as PyTorch names them).
    static func needsPlan(_ index: Value) -> Bool {
        func plain(_ v: Value) -> Bool {
            if v.asInt != nil, !isTensorOrList(v) { return true }
            if case .object(let o) = v, o is SliceObject { return true }
            return false
        }
        if case .tuple(let t) = index { return !t.items.allSatisfy(plain) }
        return !plain(index)
    }

    private static func isTensorOrList(_ v: Value) -> Bool {
        switch v {
        case .list, .object(is TensorObject), .object(is NDArray): return true
        default: return false
        }
    }

    static func items(_ index: Value) throws -> [IndexPlan.Item] {
        let parts: [Value]
        if case .tuple(let t) = index { parts = t.items } else { parts = [index] }
        return try parts.map(item)
    }

    static func item(_ v: Value) throws -> IndexPlan.Item {
        switch v {
        case .none: return .newAxis
        case .bool(true): return .newAxis  // PyTorch: x[True] is x[None]
        case .bool(false): throw PyError(.indexError, "indexing with False (an empty new axis) is not supported")
        case .object(let sl as SliceObject): return .slice(sl)
        case _ where v.isEllipsis: return .ellipsis
        case .object(let t as TensorObject):
            if t.isBool { return .mask(t.tensor.data.map { $0 != 0 }, shape: t.tensor.shape) }
            guard t.isInt else { throw PyError(.indexError, "tensors used as indices must be long, int, byte or bool tensors") }
            if t.tensor.rank == 0 { return .int(Int(t.tensor.data[0])) }
            return .array(t.tensor.data.map { Int($0) }, shape: t.tensor.shape)
        case .object(let a as NDArray): return try NDArray.indexItem(.object(a))
        case .list(let l):
            if !l.items.isEmpty, l.items.allSatisfy({ if case .bool = $0 { return true }; return false }) {
                return .mask(l.items.map { $0.isTruthy }, shape: [l.items.count])
            }
            let (values, shape) = try ValueConversion.numbers(v, what: "index")
            guard values.allSatisfy({ $0 == $0.rounded() }) else {
                throw PyError(.indexError, "tensors used as indices must be long, int, byte or bool tensors")
            }
            return .array(values.map { Int($0) }, shape: shape)
        default:
            if let i = v.asInt { return .int(i) }
            throw PyError(.indexError, "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got \(v.typeName))")
        }
    }

    static func get(_ x: TensorObject, _ index: Value) throws -> Value {
        let plan = try IndexPlan(try items(index), shape: x.tensor.shape)
        let gradFn: StaticString = plan.isAdvanced ? "IndexBackward0" : "UnsqueezeBackward0"
        let r = try wrap { try x.tensor.take(positions: plan.positions, shape: plan.shape, gradFn: gradFn) }
        return .object(TensorObject(r, isInt: x.isInt, isBool: x.isBool))
    }

    static func set(_ x: TensorObject, _ index: Value, _ value: Value) throws {
        let t = x.storage
        let plan = try IndexPlan(try items(index), shape: t.shape)
        let source: Tensor
        if case .object(let v as TensorObject) = value {
            source = v.tensor
        } else if let d = value.asDouble {
            source = Tensor(scalar: Float(d))
        } else {
            let (values, shape) = try ValueConversion.numbers(value, what: "value")
            source = try wrap { try Tensor(values.map(Float.init), shape: shape) }
        }
        let values: Tensor
        if source.shape == plan.shape {
            values = source
        } else {
            // PyTorch broadcasts the value to the indexed shape (leading 1s may be dropped).
            var s = source.shape
            while s.count > plan.shape.count, s.first == 1 { s.removeFirst() }
            let trimmed = s == source.shape ? source : try wrap { try source.reshape(s) }
            guard let b = try? trimmed.broadcast(to: plan.shape) else {
                throw PyError(.runtimeError, "shape mismatch: value tensor of shape \(IndexPlan.describe(source.shape)) cannot be broadcast to indexing result of shape \(IndexPlan.describe(plan.shape))")
            }
            values = b
        }
        let tracked = GradMode.isEnabled && !x.isDataView && (t.requiresGrad || values.requiresGrad)
        if tracked {
            if t.isLeaf && t.requiresGrad {
                throw PyError(.runtimeError, "a view of a leaf Variable that requires grad is being used in an in-place operation.")
            }
            x.rebind(try wrap { try t.put(positions: plan.positions, values: values, gradFn: "CopySlices") })
            return
        }
        let v = values.data
        let integral = x.isInt
        t.withMutableData { data in
            for (k, p) in plan.positions.enumerated() { data[p] = integral ? v[k].rounded(.towardZero) : v[k] }
        }
    }
}
