/// Joining tensors: concat along an existing axis, stack along a new one.
extension Tensor {
    /// Concatenates along `axis`; all other dimensions must agree (PyTorch `torch.cat`).
    public static func concat(_ tensors: [Tensor], axis: Int = 0) throws -> Tensor {
        guard let first = tensors.first else {
            throw TensorError.invalidArgument(op: "concat", reason: "expected a non-empty list of tensors")
        }
        guard first.rank > 0 else {
            throw TensorError.invalidArgument(op: "concat", reason: "zero-dimensional tensors cannot be concatenated; use stack")
        }
        let a = try Shape.normalize(axis: axis, rank: first.rank, op: "concat")
        for t in tensors {
            var ok = t.rank == first.rank
            if ok { for d in 0..<first.rank where d != a && t.shape[d] != first.shape[d] { ok = false } }
            guard ok else {
                throw TensorError.shapeMismatch(op: "concat", shapes: [first.shape, t.shape], reason: "sizes must match except along axis \(a)")
            }
        }
        var outer = 1, inner = 1
        for d in 0..<a { outer *= first.shape[d] }
        for d in (a + 1)..<first.rank { inner *= first.shape[d] }
        var outShape = first.shape
        outShape[a] = tensors.reduce(0) { $0 + $1.shape[a] }
        let rowWidth = outShape[a] * inner
        // Each tensor's rows go to its column block of every output row (raw copies: the
        // checked per-element loop dominated small concats).
        let result = [Float](capacity: outer * rowWidth) { dst, initialized in
            guard let d0 = dst.baseAddress else { return }
            var col = 0
            for t in tensors {
                let w = t.shape[a] * inner
                t.data.withUnsafeBufferPointer { src in
                    guard let s0 = src.baseAddress else { return }
                    for o in 0..<outer { (d0 + o * rowWidth + col).initialize(from: s0 + o * w, count: w) }
                }
                col += w
            }
            initialized = outer * rowWidth
        }
        return Tensor(result: result, shape: outShape, gradFn: "CatBackward0", parents: tensors) { out in
            guard let g = out.gradData else { return }
            g.withUnsafeBufferPointer { gb in
                var col = 0
                for t in tensors {
                    let w = t.shape[a] * inner
                    if t.requiresGrad {
                        let gt = [Float](capacity: outer * w) { dst, initialized in
                            if let d0 = dst.baseAddress, let g0 = gb.baseAddress {
                                for o in 0..<outer { (d0 + o * w).initialize(from: g0 + o * rowWidth + col, count: w) }
                            }
                            initialized = outer * w
                        }
                        t.accumulateGrad(gt)
                    }
                    col += w
                }
            }
        }
    }

    /// Stacks equally shaped tensors along a new axis (PyTorch `torch.stack`).
    public static func stack(_ tensors: [Tensor], axis: Int = 0) throws -> Tensor {
        guard let first = tensors.first else {
            throw TensorError.invalidArgument(op: "stack", reason: "expected a non-empty list of tensors")
        }
        for t in tensors where t.shape != first.shape {
            throw TensorError.shapeMismatch(op: "stack", shapes: [first.shape, t.shape], reason: "stack needs equal shapes")
        }
        let a = try Shape.normalize(axis: axis, rank: first.rank + 1, op: "stack")
        // Block k of `inner` elements of every outer index comes from tensor k: a concat of
        // the tensors unsqueezed at `a`, without making those views.
        var outer = 1, inner = 1
        for d in 0..<a { outer *= first.shape[d] }
        for d in a..<first.rank { inner *= first.shape[d] }
        let n = tensors.count
        var outShape = first.shape
        outShape.insert(n, at: a)
        let result = [Float](capacity: outer * n * inner) { dst, initialized in
            for (k, t) in tensors.enumerated() {
                t.data.withUnsafeBufferPointer { src in
                    for o in 0..<outer {
                        for i in 0..<inner { dst[(o * n + k) * inner + i] = src[o * inner + i] }
                    }
                }
            }
            initialized = outer * n * inner
        }
        return Tensor(result: result, shape: outShape, gradFn: "StackBackward0", parents: tensors) { out in
            guard let g = out.gradData else { return }
            for (k, t) in tensors.enumerated() where t.requiresGrad {
                let gt = [Float](capacity: outer * inner) { dst, initialized in
                    for o in 0..<outer {
                        for i in 0..<inner { dst[o * inner + i] = g[(o * n + k) * inner + i] }
                    }
                    initialized = outer * inner
                }
                t.accumulateGrad(gt)
            }
        }
    }
}
