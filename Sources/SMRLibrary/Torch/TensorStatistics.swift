import SMRLanguage
import SMRTensor

/// `var`, `norm` and `sign` on `torch.Tensor`, and the factories `torch.full` and
/// `torch.linspace`, with PyTorch's defaults.
enum TensorStatistics {
    static func register(tensorType t: NativeType, torch: NativeModule) {
        let dim = Param("dim", .any, default: .none), keepdim = Param("keepdim", .bool, default: .bool(false))
        t.method("var", doc: "Variance over all elements or `dim` (unbiased unless unbiased=False; correction= as in torch).",
                 params: [dim, Param("unbiased", .bool, default: .bool(true)), keepdim, Param("correction", .int, default: .none)]) { o, a in
            let x = try TensorType.t(o)
            let correction = try a.optionalInt("correction") ?? (try a.bool("unbiased") ? 1 : 0)
            return TensorType.out(try wrap { try x.tensor.variance(axes: try TensorType.axes(a["dim"]), correction: correction, keepDim: try a.bool("keepdim")) })
        }
        t.method("norm", doc: "The p-norm of all elements, or along `dim` (p=2 by default).",
                 params: [Param("p", .float, default: .float(2)), dim, keepdim]) { o, a in
            let x = try TensorType.t(o).tensor
            let p = try a.double("p")
            let axes = try TensorType.axes(a["dim"]), keep = try a.bool("keepdim")
            return TensorType.out(try wrap {
                if p == 2 { return try (x * x).sum(axes: axes, keepDim: keep).sqrt() }
                if p == 1 { return try x.abs().sum(axes: axes, keepDim: keep) }
                return try x.abs().pow(Float(p)).sum(axes: axes, keepDim: keep).pow(Float(1 / p))
            })
        }
        t.method("sign", doc: "-1, 0 or 1 per element (no gradient flows through it).") { o, _ in
            let x = try TensorType.t(o)
            let r = x.tensor.data.map { $0 > 0 ? Float(1) : $0 < 0 ? -1 : $0.isNaN ? $0 : 0 }  // sign(-0.0) is 0, as torch
            return .object(TensorObject(try TensorLogic.constant(r, x.tensor.shape), isInt: x.isInt && !x.isBool))
        }
        torch.function("full", doc: "A tensor of `size` filled with `fill_value` (int64 for an int, as torch).",
                       params: [Param("size", .any), Param("fill_value", .any), Param("requires_grad", .bool, default: .bool(false))]) { a in
            let size = try TensorType.newSize([a["size"]])
            guard let v = a["fill_value"].asDouble else {
                throw PyError(.typeError, "full(): argument 'fill_value' must be Number, not \(a["fill_value"].typeName)")
            }
            let t = try wrap { try Tensor([Float](filled: Float(v), count: Shape.count(size)), shape: size, requiresGrad: try a.bool("requires_grad")) }
            return .object(TensorObject(t, isInt: a["fill_value"].asInt != nil, isBool: { if case .bool = a["fill_value"] { return true }; return false }()))
        }
        torch.function("linspace", doc: "`steps` evenly spaced values from start to end (float32).",
                       params: [Param("start", .float), Param("end", .float), Param("steps", .int)]) { a in
            let steps = try a.int("steps")
            guard steps >= 0 else { throw PyError(.runtimeError, "linspace(): number of steps must be non-negative") }
            let start = Float(try a.double("start")), end = Float(try a.double("end"))
            // As ATen's kernel: the first half counts up from start, the second down from end.
            let step = steps > 1 ? (end - start) / Float(steps - 1) : 0
            let half = steps / 2
            let values = steps == 1 ? [start] : (0..<steps).map { i in i < half ? start + step * Float(i) : end - step * Float(steps - i - 1) }
            return TensorType.out(try TensorLogic.constant(values, [steps]))
        }
    }
}

/// `gather` and `cumsum` on `torch.Tensor` and in `torch`.
enum TensorScans {
    static func register(tensorType t: NativeType, torch: NativeModule) {
        func gather(_ x: TensorObject, _ dim: Int, _ index: Value) throws -> Value {
            guard case .object(let i as TensorObject) = index, i.isInt else {
                throw PyError(.runtimeError, "gather(): Expected dtype int64 for index")
            }
            let idx = try i.tensor.data.map { try ValueConversion.int(Double($0)) }
            return .object(TensorObject(try wrap { try x.tensor.gatherElements(axis: dim, index: idx, indexShape: i.tensor.shape) }, isInt: x.isInt))
        }
        t.method("gather", doc: "out[i][j] = self[index[i][j]][j] along `dim` (index: an int64 tensor).",
                 params: [Param("dim", .int), Param("index")]) { o, a in
            try gather(try TensorType.t(o), try a.int("dim"), a["index"])
        }
        torch.function("gather", doc: "input.gather(dim, index).", params: [Param("input"), Param("dim", .int), Param("index")]) { a in
            try gather(try TorchArguments.tensorObject(a["input"], "input"), try a.int("dim"), a["index"])
        }
        func topk(_ x: TensorObject, _ a: Arguments) throws -> Value {
            let t = x.tensor
            let rank = Swift.max(t.rank, 1)
            let d0 = try a.int("dim"), d = d0 < 0 ? d0 + rank : d0
            guard d >= 0 && d < rank else {
                throw PyError(.indexError, "Dimension out of range (expected to be in range of [\(-rank), \(rank - 1)], but got \(d0))")
            }
            let dims = t.rank == 0 ? [1] : t.shape
            let n = dims[d], k = try a.int("k")
            guard k >= 0 && k <= n else { throw PyError(.runtimeError, "selected index k out of range") }
            let largest = try a.bool("largest")
            let inner = dims[(d + 1)...].reduce(1, *), outer = dims[..<d].reduce(1, *)
            var outShape = dims
            outShape[d] = k
            var index = [Int](filled: 0, count: outer * k * inner)
            for o in 0..<outer {
                for i in 0..<inner {
                    let line = (0..<n).map { t.data[(o * n + $0) * inner + i] }
                    // NaN counts as the largest, as in torch; ties keep the lower index first.
                    let order = (0..<n).sorted { p, q in
                        let u = line[p], v = line[q]
                        if u.isNaN || v.isNaN { return u.isNaN && !v.isNaN ? largest : (!u.isNaN && v.isNaN ? !largest : p < q) }
                        return u == v ? p < q : (largest ? u > v : u < v)
                    }
                    for j in 0..<k { index[(o * k + j) * inner + i] = order[j] }
                }
            }
            let source = t.rank == 0 ? try wrap { try t.reshape([1]) } : t
            var values = try wrap { try source.gatherElements(axis: d, index: index, indexShape: outShape, gradFn: "TopkBackward0") }
            var indices = try TensorLogic.constant(index.map(Float.init), outShape)
            if t.rank == 0 {
                values = try wrap { try values.reshape([]) }
                indices = try wrap { try indices.reshape([]) }
            }
            return .object(TorchReturnType("topk", values: .object(TensorObject(values, isInt: x.isInt)), indices: .object(TensorObject(indices, isInt: true))))
        }
        let topkParams = [Param("k", .int), Param("dim", .int, default: .int(-1)), Param("largest", .bool, default: .bool(true)),
                          Param("sorted", .bool, default: .bool(true))]
        t.method("topk", doc: "The k largest (or smallest) elements along `dim` and their indices, sorted.", params: topkParams) { o, a in
            try topk(try TensorType.t(o), a)
        }
        torch.function("topk", doc: "input.topk(k, dim=-1, largest=True, sorted=True).", params: [Param("input")] + topkParams) { a in
            try topk(try TorchArguments.tensorObject(a["input"], "input"), a)
        }
        func cumsum(_ x: TensorObject, _ dim: Int) throws -> Value {
            .object(TensorObject(try wrap { try x.tensor.cumsum(axis: dim) }, isInt: x.isInt))
        }
        t.method("cumsum", doc: "Running sums along `dim`.", params: [Param("dim", .int)]) { o, a in
            try cumsum(try TensorType.t(o), try a.int("dim"))
        }
        torch.function("cumsum", doc: "Running sums of input along `dim`.", params: [Param("input"), Param("dim", .int)]) { a in
            try cumsum(try TorchArguments.tensorObject(a["input"], "input"), try a.int("dim"))
        }
    }
}
