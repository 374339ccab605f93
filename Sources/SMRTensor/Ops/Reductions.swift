/// Reductions over axes: sum, mean, variance, standard deviation, max and min.
extension Tensor {
    /// Sums `src` (shape `shape`) over one axis, viewing it as [outer, n, inner].
    static func sumAxis(_ src: [Float], shape: [Int], axis: Int) -> [Float] {
        let n = shape[axis]
        let inner = Shape.count(shape[(axis + 1)...])
        let outer = Shape.count(shape[..<axis])
        var out = [Float](filled: 0, count: outer * inner)
        out.withUnsafeMutableBufferPointer { dst in
            src.withUnsafeBufferPointer { x in
                for o in 0..<outer {
                    let base = o * n * inner
                    if inner == 1 {
                        var s: Float = 0
                        for k in 0..<n { s += x[base + k] }
                        dst[o] = s
                    } else {
                        for k in 0..<n {
                            let row = base + k * inner
                            for i in 0..<inner { dst[o * inner + i] += x[row + i] }
                        }
                    }
                }
            }
        }
        return out
    }

    /// The shape after reducing `axes`, keeping them as size 1 or dropping them.
    static func reducedShape(_ shape: [Int], axes: [Int], keepDim: Bool) -> [Int] {
        var out: [Int] = []
        for (i, d) in shape.enumerated() {
            if axes.contains(i) {
                if keepDim { out.append(1) }
            } else {
                out.append(d)
            }
        }
        return out
    }

    /// Sum over `axes` (all axes when nil), times `scale`; one node for the whole reduction.
    func scaledSum(axes: [Int]?, keepDim: Bool, scale: Float, op: String) throws -> Tensor {
        let ax = try Shape.normalize(axes: axes, rank: rank, op: op)
        var values = data
        var current = shape
        for a in ax.reversed() {
            values = Tensor.sumAxis(values, shape: current, axis: a)
            current[a] = 1
        }
        if scale != 1 { for i in 0..<values.count { values[i] *= scale } }
        let keptShape = current
        let outShape = Tensor.reducedShape(shape, axes: ax, keepDim: keepDim)
        let inShape = shape
        let gradFn: StaticString = switch (op, axes == nil) {
        case ("mean", true): "MeanBackward0"
        case ("mean", false): "MeanBackward1"
        case (_, true): "SumBackward0"
        case (_, false): "SumBackward1"
        }
        return Tensor(result: values, shape: outShape, gradFn: gradFn, parent: self) { out in
            guard let g = out.gradData else { return }
            let gs = scale == 1 ? g : g.map { $0 * scale }
            if let expanded = try? Tensor(constant: gs, shape: keptShape).broadcast(to: inShape) {
                self.accumulateGrad(expanded.data)
            }
        }
    }

    /// Sum over `axes` (every axis when nil), PyTorch `sum(dim, keepdim)`.
    public func sum(axes: [Int]? = nil, keepDim: Bool = false) throws -> Tensor {
        try scaledSum(axes: axes, keepDim: keepDim, scale: 1, op: "sum")
    }

    /// Sum of every element, a scalar.
    public func sum() -> Tensor {
        // Reducing every axis of any tensor cannot fail.
        (try? scaledSum(axes: nil, keepDim: false, scale: 1, op: "sum")) ?? Tensor(scalar: data.reduce(0, +))
    }

    /// Mean over `axes` (every axis when nil), PyTorch `mean(dim, keepdim)`.
    public func mean(axes: [Int]? = nil, keepDim: Bool = false) throws -> Tensor {
        let ax = try Shape.normalize(axes: axes, rank: rank, op: "mean")
        let n = ax.reduce(1) { $0 * shape[$1] }
        let m = try scaledSum(axes: ax, keepDim: keepDim, scale: 1 / Float(n), op: "mean")
        return axes == nil ? m.named("MeanBackward0", from: self) : m
    }

    /// Variance over `axes` with Bessel's `correction` (PyTorch default 1 = unbiased).
    public func variance(axes: [Int]? = nil, correction: Int = 1, keepDim: Bool = false) throws -> Tensor {
        let ax = try Shape.normalize(axes: axes, rank: rank, op: "var")
        let n = ax.reduce(1) { $0 * shape[$1] }
        let centered = try self - mean(axes: ax, keepDim: true)
        let dof = Float(Swift.max(n - correction, 0))
        return try (centered * centered).scaledSum(axes: ax, keepDim: keepDim, scale: 1 / dof, op: "var")
            .named("VarBackward0", from: self)
    }

    /// Standard deviation over `axes` (square root of `variance`).
    public func std(axes: [Int]? = nil, correction: Int = 1, keepDim: Bool = false) throws -> Tensor {
        try variance(axes: axes, correction: correction, keepDim: keepDim).sqrt().named("StdBackward0", from: self)
    }

    /// Maximum along `axis` with the index of the first maximum (PyTorch `max(dim)`);
    /// the gradient flows to that index only. NaN wins, as in PyTorch.
    public func max(axis: Int, keepDim: Bool = false) throws -> (values: Tensor, indices: [Int]) {
        try extremum(axis: axis, keepDim: keepDim, op: "max") { $0 > $1 }
    }

    /// Minimum along `axis` with the index of the first minimum (PyTorch `min(dim)`).
    public func min(axis: Int, keepDim: Bool = false) throws -> (values: Tensor, indices: [Int]) {
        try extremum(axis: axis, keepDim: keepDim, op: "min") { $0 < $1 }
    }

    /// Largest element of the whole tensor (gradient to its first occurrence).
    public func max() throws -> Tensor {
        try reshape([count]).max(axis: 0).values.named("MaxBackward1", from: self)
    }

    /// Smallest element of the whole tensor.
    public func min() throws -> Tensor {
        try reshape([count]).min(axis: 0).values.named("MinBackward1", from: self)
    }

    /// Index of the maximum along `axis` (no gradient).
    public func argmax(axis: Int) throws -> [Int] {
        try GradMode.noGrad { try max(axis: axis).indices }
    }

    private func extremum(axis: Int, keepDim: Bool, op: String,
                          better: (Float, Float) -> Bool) throws -> (values: Tensor, indices: [Int]) {
        let a = try Shape.normalize(axis: axis, rank: rank, op: op)
        let dims = rank == 0 ? [1] : shape
        let n = dims[a]
        guard n > 0 else {
            throw TensorError.invalidArgument(op: op, reason: "cannot reduce over an empty axis")
        }
        let inner = Shape.count(dims[(a + 1)...])
        let outer = Shape.count(dims[..<a])
        var values = [Float](filled: 0, count: outer * inner)
        var indices = [Int](filled: 0, count: outer * inner)
        data.withUnsafeBufferPointer { x in
            for o in 0..<outer {
                for i in 0..<inner {
                    var best = x[o * n * inner + i], bestK = 0
                    if !best.isNaN {
                        for k in 1..<n {
                            let v = x[(o * n + k) * inner + i]
                            if v.isNaN || better(v, best) {
                                best = v
                                bestK = k
                                if v.isNaN { break }
                            }
                        }
                    }
                    values[o * inner + i] = best
                    indices[o * inner + i] = bestK
                }
            }
        }
        let outShape = rank == 0 ? [] : Tensor.reducedShape(shape, axes: [a], keepDim: keepDim)
        let total = count
        let gradFn: StaticString = op == "max" ? "MaxBackward0" : "MinBackward0"
        let result = Tensor(result: values, shape: outShape, gradFn: gradFn, parent: self) { out in
            guard let g = out.gradData else { return }
            var gx = [Float](filled: 0, count: total)
            for o in 0..<outer {
                for i in 0..<inner {
                    gx[(o * n + indices[o * inner + i]) * inner + i] += g[o * inner + i]
                }
            }
            self.accumulateGrad(gx)
        }
        return (result, indices)
    }
}
