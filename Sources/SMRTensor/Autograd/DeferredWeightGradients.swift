import CKernels

/// Weight gradients `dW += dYᵀ·X` of products with few rows — a recurrent cell or a linear
/// layer applied one time step at a time — gathered during one backward pass and added at
/// its end as one GEMM per weight.
///
/// A 200-step episode through an `LSTM(3, 128)` otherwise makes 200 rank-1 updates of the
/// 512×128 `weight_hh`, each reading and writing its whole 256 KB gradient; stacked, the same
/// sum is one rank-200 product that touches the gradient once. Only leaf tensors (parameters)
/// are deferred: nothing reads a leaf's gradient before the pass ends. The sum is the same
/// up to floating-point rounding order (the stacked rows are summed in the order the pass
/// visits them, inside the GEMM).
final class DeferredWeightGradients {
    /// The collector of the backward pass running now (nil outside `backward`).
    nonisolated(unsafe) static var current: DeferredWeightGradients?

    /// Products with at most this many rows are deferred; larger ones already run as GEMMs.
    static let maxRows = 4

    private struct Pending {
        let weight: Tensor
        var rows = 0
        var dY: [Float] = []  // [rows, out]
        var x: [Float] = []   // [rows, in]
    }

    private var pending: [Pending] = []
    private var index: [ObjectIdentifier: Int] = [:]

    /// Emptied row buffers of earlier passes, kept with their capacity: a training's passes
    /// stack the same rows each episode, and growing fresh buffers copied them all again.
    nonisolated(unsafe) private static var spareBuffers: [[Float]] = []
    /// What the spare buffers may hold in all (floats; 64 MiB).
    private static let spareLimit = 16 << 20

    private static func takeBuffer() -> [Float] { spareBuffers.popLast() ?? [] }

    private static func keep(_ buffer: inout [Float], budget: inout Int) {
        let size = buffer.capacity
        guard size > 0, size <= budget else { return }
        budget -= size
        buffer.removeAll(keepingCapacity: true)
        spareBuffers.append(buffer)
    }

    /// Records `dW[out, in] += dYᵀ·X` for `rows` rows (dY `[rows, out]` from `dYOffset`,
    /// X `[rows, in]`) if it can be deferred; returns false when the caller must add it now.
    static func record(weight: Tensor, rows: Int, outF: Int, inF: Int,
                      dY: UnsafePointer<Float>, x: UnsafePointer<Float>) -> Bool {
        guard let collector = current, rows <= maxRows, weight.isLeaf, weight.requiresGrad,
              weight.shape == [outF, inF] else { return false }
        let key = ObjectIdentifier(weight)
        let i: Int
        if let known = collector.index[key] {
            i = known
        } else {
            i = collector.pending.count
            collector.index[key] = i
            collector.pending.append(Pending(weight: weight, dY: takeBuffer(), x: takeBuffer()))
        }
        collector.pending[i].rows += rows
        collector.pending[i].dY.append(contentsOf: UnsafeBufferPointer(start: dY, count: rows * outF))
        collector.pending[i].x.append(contentsOf: UnsafeBufferPointer(start: x, count: rows * inF))
        return true
    }

    /// Adds every recorded contribution into its weight's gradient, in first-recorded order.
    func flush() {
        var budget = Self.spareLimit - Self.spareBuffers.reduce(0) { $0 + $1.capacity }
        for k in pending.indices {
            let w = pending[k].weight
            w.addWeightProduct(dY: pending[k].dY, x: pending[k].x, rows: pending[k].rows, outF: w.shape[0], inF: w.shape[1])
            Self.keep(&pending[k].dY, budget: &budget)
            Self.keep(&pending[k].x, budget: &budget)
        }
        pending.removeAll()
        index.removeAll()
    }

    /// Runs `body` (one backward pass) with a collector installed, then flushes it. Nested
    /// passes keep their own collector. Anomaly mode checks every gradient after each node,
    /// so it adds weight gradients at once.
    static func collecting<R>(_ body: () throws -> R) rethrows -> R {
        let outer = current
        let collector = GradMode.detectAnomaly ? nil : DeferredWeightGradients()
        current = collector
        defer {
            collector?.flush()
            current = outer
        }
        return try body()
    }
}

extension Tensor {
    /// `self` (a weight `[out, in]`) gets `gradient += dYᵀ·X` over `rows` rows: deferred to the
    /// end of the backward pass for few rows, else one GEMM now.
    func accumulateWeightGradient(dY: [Float], dYOffset: Int = 0, x: [Float], xOffset: Int = 0, rows: Int, outF: Int, inF: Int) {
        guard requiresGrad, rows > 0 else { return }
        let deferred = dY.withUnsafeBufferPointer { dp in
            x.withUnsafeBufferPointer { xp in
                guard let d = dp.baseAddress, let xb = xp.baseAddress else { return false }
                return DeferredWeightGradients.record(weight: self, rows: rows, outF: outF, inF: inF,
                                                     dY: d + dYOffset, x: xb + xOffset)
            }
        }
        if deferred { return }
        addWeightProduct(dY: dY, dYOffset: dYOffset, x: x, xOffset: xOffset, rows: rows, outF: outF, inF: inF)
    }

    /// `gradient += dYᵀ·X` now, as one GEMM.
    fileprivate func addWeightProduct(dY: [Float], dYOffset: Int = 0, x: [Float], xOffset: Int = 0, rows: Int, outF: Int, inF: Int) {
        withGradOutput { gw, beta in
            gemm(true, false, outF, inF, rows, dY, outF, dYOffset, x, inF, xOffset, gw, inF, 0, beta: beta)
        }
    }
}
