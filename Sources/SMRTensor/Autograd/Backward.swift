import CKernels

/// Reverse-mode differentiation over the recorded tape.
extension Tensor {
    nonisolated(unsafe) private static var epoch: UInt64 = 0

    /// Computes d(self)/d(leaf) for every leaf that requires grad and accumulates it into
    /// the leaf's `gradData` (PyTorch `loss.backward()`). `self` must hold one element.
    /// The tape is released afterwards unless `retainGraph` is true.
    public func backward(retainGraph: Bool = false) throws {
        guard count == 1 else {
            throw TensorError.autograd("backward() needs a scalar (one-element) tensor, got shape \(Shape.describe(shape)); reduce it first, e.g. with sum()")
        }
        try backward(gradient: [1], retainGraph: retainGraph)
    }

    /// Backward with an explicit output gradient of the same shape (vector-Jacobian product).
    public func backward(gradient: [Float], retainGraph: Bool = false) throws {
        guard gradient.count == count else {
            throw TensorError.shapeMismatch(op: "backward", shapes: [shape, [gradient.count]], reason: "gradient must match the tensor")
        }
        guard requiresGrad else {
            throw TensorError.autograd("this tensor does not require grad and has no recorded graph")
        }
        guard isLeaf || hasNode else {
            throw TensorError.autograd("trying to backward through the graph a second time; its tape was released (use retainGraph: true)")
        }
        accumulateGrad(gradient)
        guard hasNode else { return }  // a leaf: its gradient is the answer
        Tensor.epoch &+= 1
        let mark = Tensor.epoch
        var queue = BackwardQueue()
        defer { queue.releaseAll() }  // an anomaly error leaves tensors queued
        visitEpoch = mark
        queue.push(self)
        try DeferredWeightGradients.collecting {
            while let t = queue.popLatest() {
                if let run = t.backwardFn {
                    if t.gradData != nil {
                        run(t)
                        if GradMode.detectAnomaly { try Self.checkAnomaly(of: t) }
                    }
                    // Parents are queued even without a gradient, so the whole tape is released.
                    if let a = t.parentA {
                        Self.enqueue(a, &queue, mark)
                        if let b = t.parentB { Self.enqueue(b, &queue, mark) }
                        if let c = t.parentC { Self.enqueue(c, &queue, mark) }
                    } else {
                        for p in t.manyParents { Self.enqueue(p, &queue, mark) }
                    }
                }
                if !t.retainsGrad { t.gradData = nil }
                if !retainGraph { t.releaseNode() }
            }
        }
    }

    /// Queues a parent whose node is still recorded, once per backward pass.
    @inline(__always)
    private static func enqueue(_ p: Tensor, _ queue: inout BackwardQueue, _ mark: UInt64) {
        guard p.visitEpoch != mark, p.requiresGrad, p.hasNode else { return }
        p.visitEpoch = mark
        queue.push(p)
    }

    /// Anomaly mode: every gradient was finite before `node` ran (each earlier node was
    /// checked), so a parent's non-finite gradient now is this op's doing. PyTorch's message,
    /// followed by where the op was called in the forward pass when that was recorded.
    private static func checkAnomaly(of t: Tensor) throws {
        for (i, p) in t.parents.enumerated() {
            guard let g = p.gradData else { continue }
            let finite = g.withUnsafeBufferPointer { smr_all_finite($0.count, $0.baseAddress) != 0 }
            if finite { continue }
            let bad = g.first { !$0.isFinite } ?? .nan
            var message = "Function '\(t.gradFnName ?? "backward")' returned \(bad.isNaN ? "nan" : "inf") values in its \(i)th output."
            if let site = t.forwardSite {
                message += "\nTraceback of forward call that caused the error:\n\(String(describing: site))"
            }
            throw TensorError.autograd(message)
        }
    }

    /// This op result's gradient, handed over for a backward closure to modify in place:
    /// the buffer itself (the tape frees it right after the closure anyway), so mutating
    /// it does not copy. Leaves and `retainsGrad` tensors keep theirs (a mutation copies).
    func takeGrad() -> [Float]? {
        guard let g = gradData else { return nil }
        if !isLeaf && !retainsGrad { gradData = nil }
        return g
    }

    /// Adds `g` into this tensor's gradient (taking ownership of the buffer when empty).
    func accumulateGrad(_ g: [Float]) {
        guard requiresGrad else { return }
        guard var existing = gradData else {
            gradData = g
            return
        }
        gradData = nil  // keep the buffer uniquely referenced: no copy-on-write
        existing.withUnsafeMutableBufferPointer { dst in
            g.withUnsafeBufferPointer { src in
                if let d = dst.baseAddress, let s = src.baseAddress { smr_add_inplace(dst.count, s, d) }
            }
        }
        gradData = existing
    }

    /// Gives `body` this tensor's gradient buffer to add into in place, creating a zero
    /// buffer first if needed. Kernels that can accumulate (GEMM with beta = 1) use it
    /// to avoid a temporary.
    func withGradAccumulator(_ body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        guard requiresGrad else { return }
        var buffer = gradData ?? [Float](filled: 0, count: count)
        gradData = nil  // keep the buffer uniquely referenced: no copy-on-write
        buffer.withUnsafeMutableBufferPointer { body($0) }
        gradData = buffer
    }

    /// Gives `body` the gradient buffer and the GEMM `beta` to write it with: 0 for a
    /// fresh, uninitialised buffer that `body` must overwrite completely, 1 to add into
    /// an existing gradient. Saves zero-filling and re-reading large weight gradients.
    func withGradOutput(_ body: (UnsafeMutableBufferPointer<Float>, Float) -> Void) {
        guard requiresGrad else { return }
        if var buffer = gradData {
            gradData = nil  // keep the buffer uniquely referenced: no copy-on-write
            buffer.withUnsafeMutableBufferPointer { body($0, 1) }
            gradData = buffer
        } else {
            gradData = [Float](capacity: count) { buffer, initialized in
                body(buffer, 0)
                initialized = buffer.count
            }
        }
    }
}

/// Sets every given tensor's gradient to nil (an optimizer's `zero_grad()`).
public func zeroGrad(_ tensors: [Tensor]) {
    for t in tensors { t.zeroGrad() }
}
