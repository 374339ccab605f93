/// Ops that change the shape or the order of axes: reshape, squeeze/unsqueeze,
/// transpose and permute.
extension Tensor {
    /// The same elements in a new shape; one dimension may be -1 (inferred). Shares the
    /// storage copy-on-write, like a PyTorch view of a contiguous tensor.
    public func reshape(_ newShape: [Int]) throws -> Tensor {
        if newShape == shape { return self }
        var target = newShape
        var inferred: Int?
        var valid = true
        for (k, d) in newShape.enumerated() where d < 0 {
            if d != -1 || inferred != nil { valid = false }
            inferred = k
        }
        guard valid else {
            throw TensorError.invalidArgument(op: "reshape", reason: "invalid shape \(Shape.describe(newShape)): at most one -1 and no other negative sizes")
        }
        if let i = inferred {
            let known = newShape.enumerated().reduce(1) { $1.offset == i ? $0 : $0 * $1.element }
            guard known > 0, count % known == 0 else {
                throw TensorError.shapeMismatch(op: "reshape", shapes: [shape, newShape], reason: "\(count) elements cannot be split evenly")
            }
            target[i] = count / known
        }
        guard Shape.count(target) == count else {
            throw TensorError.shapeMismatch(op: "reshape", shapes: [shape, newShape], reason: "\(count) elements cannot take shape \(Shape.describe(newShape))")
        }
        if target == shape { return self }
        return Tensor(result: data, shape: target, gradFn: "ViewBackward0", parent: self) { out in
            guard let g = out.gradData, let x = out.parentA else { return }  // no captures: no context
            x.accumulateGrad(g)
        }
    }

    /// Alias of `reshape` (PyTorch `view`).
    public func view(_ newShape: [Int]) throws -> Tensor { try reshape(newShape) }

    /// Flattens axes `start...end` into one (PyTorch `flatten`).
    public func flatten(startAxis: Int = 0, endAxis: Int = -1) throws -> Tensor {
        if rank == 0 { return try reshape([1]) }
        let s = try Shape.normalize(axis: startAxis, rank: rank, op: "flatten")
        let e = try Shape.normalize(axis: endAxis, rank: rank, op: "flatten")
        guard s <= e else {
            throw TensorError.invalidArgument(op: "flatten", reason: "start axis \(startAxis) comes after end axis \(endAxis)")
        }
        let merged = Shape.count(shape[s...e])
        return try reshape(Array(shape[..<s]) + [merged] + Array(shape[(e + 1)...]))
    }

    /// Inserts a size-1 axis at `axis` (which may equal the rank; negative counts from the end).
    public func unsqueeze(_ axis: Int) throws -> Tensor {
        let a = try Shape.normalize(axis: axis, rank: rank + 1, op: "unsqueeze")
        var s = shape
        s.insert(1, at: a)
        return try reshape(s).named("UnsqueezeBackward0", from: self)
    }

    /// Removes size-1 axes: the given one (left alone when not 1, as PyTorch), or all.
    public func squeeze(_ axis: Int? = nil) throws -> Tensor {
        guard let axis else { return try reshape(shape.filter { $0 != 1 }).named("SqueezeBackward0", from: self) }
        if rank == 0 { return self }
        let a = try Shape.normalize(axis: axis, rank: rank, op: "squeeze")
        guard shape[a] == 1 else { return self }
        var s = shape
        s.remove(at: a)
        return try reshape(s).named("SqueezeBackward1", from: self)
    }

    /// Reorders the axes: result axis i is input axis `order[i]` (PyTorch `permute`).
    /// The result is materialised contiguously.
    public func permute(_ order: [Int]) throws -> Tensor {
        guard order.count == rank else {
            throw TensorError.invalidArgument(op: "permute", reason: "order \(order) has \(order.count) axes but the tensor has \(rank)")
        }
        let axes = try order.map { try Shape.normalize(axis: $0, rank: rank, op: "permute") }
        guard Set(axes).count == rank else {
            throw TensorError.invalidArgument(op: "permute", reason: "order \(order) repeats an axis")
        }
        if axes == Array(0..<rank) { return self }
        let outShape = axes.map { shape[$0] }
        let result = Tensor.permuted(data, shape: shape, order: axes)
        var inverse = [Int](filled: 0, count: rank)
        for (i, a) in axes.enumerated() { inverse[a] = i }
        return Tensor(result: result, shape: outShape, gradFn: "PermuteBackward0", parent: self) { out in
            guard let g = out.gradData else { return }
            self.accumulateGrad(Tensor.permuted(g, shape: outShape, order: inverse))
        }
    }

    /// Swaps two axes (PyTorch `transpose(dim0, dim1)`).
    public func transpose(_ a: Int, _ b: Int) throws -> Tensor {
        var order = Array(0..<rank)
        let x = try Shape.normalize(axis: a, rank: rank, op: "transpose")
        let y = try Shape.normalize(axis: b, rank: rank, op: "transpose")
        order.swapAt(x, y)
        return try permute(order).named("TransposeBackward0", from: self)
    }

    /// Transpose of a matrix, or of the last two axes (PyTorch `mT`).
    public func t() throws -> Tensor {
        guard rank >= 2 else { return self }
        return try transpose(-2, -1).named(rank == 2 ? "TBackward0" : "TransposeBackward0", from: self)
    }

    /// Copies `src` with its axes reordered by `order`.
    static func permuted(_ src: [Float], shape: [Int], order: [Int]) -> [Float] {
        let rank = shape.count
        let outShape = order.map { shape[$0] }
        let inStrides = Shape.strides(shape)
        let stepPerOutAxis = order.map { inStrides[$0] }
        let n = src.count
        return [Float](capacity: n) { dst, initialized in
            src.withUnsafeBufferPointer { x in
                if n > 0 {
                    let inner = outShape[rank - 1], step = stepPerOutAxis[rank - 1]
                    var index = [Int](filled: 0, count: rank)
                    var inOff = 0, outOff = 0
                    while outOff < n {
                        for i in 0..<inner { dst[outOff + i] = x[inOff + i * step] }
                        outOff += inner
                        var d = rank - 2
                        while d >= 0 {
                            index[d] += 1
                            inOff += stepPerOutAxis[d]
                            if index[d] < outShape[d] { break }
                            inOff -= stepPerOutAxis[d] * outShape[d]
                            index[d] = 0
                            d -= 1
                        }
                    }
                }
            }
            initialized = n
        }
    }
}
