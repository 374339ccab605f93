/// Loops over two inputs broadcast to a common output shape, one contiguous output row
/// at a time, so each op's inner loop is a plain strided loop with no per-element calls.
struct BroadcastLoop {
    let outShape: [Int]
    let aStrides: [Int]
    let bStrides: [Int]

    init(outShape: [Int], aShape: [Int], bShape: [Int]) {
        self.outShape = outShape
        self.aStrides = Shape.broadcastStrides(aShape, to: outShape)
        self.bStrides = Shape.broadcastStrides(bShape, to: outShape)
    }

    /// Calls `row(outOffset, aOffset, bOffset, length, aStep, bStep)` for every run of the
    /// innermost dimension.
    @inline(__always)
    func forEachRow(_ row: (Int, Int, Int, Int, Int, Int) -> Void) {
        let rank = outShape.count
        if rank == 0 {
            row(0, 0, 0, 1, 0, 0)
            return
        }
        let inner = outShape[rank - 1]
        let aStep = aStrides[rank - 1], bStep = bStrides[rank - 1]
        let rows = Shape.count(outShape) / max(inner, 1)
        if inner == 0 || rows == 0 { return }
        var index = [Int](filled: 0, count: rank)
        var aOff = 0, bOff = 0, outOff = 0
        for _ in 0..<rows {
            row(outOff, aOff, bOff, inner, aStep, bStep)
            outOff += inner
            // Odometer over the outer dimensions.
            var d = rank - 2
            while d >= 0 {
                index[d] += 1
                aOff += aStrides[d]
                bOff += bStrides[d]
                if index[d] < outShape[d] { break }
                aOff -= aStrides[d] * outShape[d]
                bOff -= bStrides[d] * outShape[d]
                index[d] = 0
                d -= 1
            }
        }
    }
}

extension Tensor {
    /// Sums a gradient of shape `from` down to `to` over the broadcast axes (the backward
    /// of broadcasting). Returns the input unchanged when no axis was broadcast.
    static func reduceBroadcast(_ g: [Float], from: [Int], to: [Int]) -> [Float] {
        if from == to { return g }
        var out = [Float](filled: 0, count: Shape.count(to))
        let loop = BroadcastLoop(outShape: from, aShape: to, bShape: to)
        out.withUnsafeMutableBufferPointer { dst in
            g.withUnsafeBufferPointer { src in
                loop.forEachRow { o, a, _, n, aStep, _ in
                    if aStep == 0 {
                        var s: Float = 0
                        for i in 0..<n { s += src[o + i] }
                        dst[a] += s
                    } else {
                        for i in 0..<n { dst[a + i * aStep] += src[o + i] }
                    }
                }
            }
        }
        return out
    }

    /// Materialises `self` broadcast to `shape` (PyTorch `expand(...).contiguous()`).
    public func broadcast(to target: [Int]) throws -> Tensor {
        let out = try Shape.broadcast(shape, target, op: "broadcast")
        guard out == target else {
            throw TensorError.shapeMismatch(op: "broadcast", shapes: [shape, target], reason: "the tensor cannot be expanded to the target shape")
        }
        if shape == target { return self }
        var result = [Float](filled: 0, count: Shape.count(target))
        let loop = BroadcastLoop(outShape: target, aShape: shape, bShape: shape)
        result.withUnsafeMutableBufferPointer { dst in
            data.withUnsafeBufferPointer { src in
                loop.forEachRow { o, a, _, n, aStep, _ in
                    for i in 0..<n { dst[o + i] = src[a + i * aStep] }
                }
            }
        }
        let sourceShape = shape
        return Tensor(result: result, shape: target, gradFn: "ExpandBackward0", parent: self) { out in
            guard let g = out.gradData else { return }
            self.accumulateGrad(Tensor.reduceBroadcast(g, from: target, to: sourceShape))
        }
    }
}
