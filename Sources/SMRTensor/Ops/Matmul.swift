import CKernels

/// Matrix products: 2-D, batched with broadcast batch axes, and vector cases, with
/// PyTorch `matmul` semantics. Every product and both gradients go through one GEMM
/// call per matrix; gradients accumulate in place (beta = 1), so backward allocates
/// nothing beyond the gradient buffers themselves.
extension Tensor {
    /// PyTorch `a @ b`: 1-D·1-D is a dot product, 1-D operands gain and then lose an
    /// axis, N-D operands broadcast their batch axes.
    public func matmul(_ other: Tensor) throws -> Tensor {
        guard rank >= 1, other.rank >= 1 else {
            throw TensorError.shapeMismatch(op: "matmul", shapes: [shape, other.shape], reason: "both operands need at least one dimension")
        }
        let a = rank == 1 ? try reshape([1, count]) : self
        let b = other.rank == 1 ? try other.reshape([other.count, 1]) : other
        let c = try a.matmul(b, transposeA: false, transposeB: false)
        switch (rank == 1, other.rank == 1) {
        case (true, true): return try c.reshape([]).named("DotBackward0", from: self)
        case (true, false): return try c.squeeze(-2).named(other.rank == 2 ? "SqueezeBackward4" : "UnsafeViewBackward0", from: self)
        case (false, true): return try c.squeeze(-1).named(rank == 2 ? "MvBackward0" : "UnsafeViewBackward0", from: self)
        case (false, false): return c
        }
    }

    /// Batched `op(self) · op(other)` for operands of rank ≥ 2, where op transposes the
    /// last two axes when asked (without materialising the transpose).
    public func matmul(_ other: Tensor, transposeA: Bool, transposeB: Bool) throws -> Tensor {
        let a = self, b = other
        guard a.rank >= 2, b.rank >= 2 else {
            throw TensorError.shapeMismatch(op: "matmul", shapes: [a.shape, b.shape], reason: "batched matmul needs rank ≥ 2 operands")
        }
        let (ar, ac) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
        let (br, bc) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
        let (m, k) = transposeA ? (ac, ar) : (ar, ac)
        let (k2, n) = transposeB ? (bc, br) : (br, bc)
        guard k == k2 else {
            throw TensorError.shapeMismatch(
                op: "matmul", shapes: [a.shape, b.shape],
                reason: "inner dimensions differ (\(k) vs \(k2)\(transposeA || transposeB ? " after transposition" : ""))")
        }
        let batchA = Array(a.shape.dropLast(2)), batchB = Array(b.shape.dropLast(2))
        let batch = try Shape.broadcast(batchA, batchB, op: "matmul")
        let outShape = batch + [m, n]
        let lda = ac, ldb = bc, ldc = n

        // One GEMM over all rows when `other` is a single matrix and A is not transposed.
        if batchB.isEmpty && !transposeA {
            let rows = Shape.count(batchA) * m
            var c = [Float](filled: 0, count: rows * n)
            gemm(false, transposeB, rows, n, k, a.data, lda, 0, b.data, ldb, 0, &c, ldc, 0, beta: 0)
            let gradFn: StaticString = a.rank == 2 && b.rank == 2 ? "MmBackward0" : "UnsafeViewBackward0"
            return Tensor(result: c, shape: outShape, gradFn: gradFn, parents: a, b) { out in
                guard let g = out.gradData else { return }
                a.withGradAccumulator { ga in
                    // gA = gC · op(B)ᵀ
                    gemm(false, !transposeB, rows, k, n, g, ldc, 0, b.data, ldb, 0, ga, lda, 0, beta: 1)
                }
                b.withGradAccumulator { gb in
                    if transposeB {  // gB[n,k] = gCᵀ · A
                        gemm(true, false, n, k, rows, g, ldc, 0, a.data, lda, 0, gb, ldb, 0, beta: 1)
                    } else {  // gB[k,n] = Aᵀ · gC
                        gemm(true, false, k, n, rows, a.data, lda, 0, g, ldc, 0, gb, ldb, 0, beta: 1)
                    }
                }
            }
        }

        let (aOffsets, bOffsets) = Tensor.batchOffsets(batch: batch, batchA: batchA, batchB: batchB,
                                                      aMatrix: ar * ac, bMatrix: br * bc)
        let cMatrix = m * n
        var c = [Float](filled: 0, count: Shape.count(outShape))
        for i in 0..<aOffsets.count {
            gemm(transposeA, transposeB, m, n, k, a.data, lda, aOffsets[i], b.data, ldb, bOffsets[i], &c, ldc, i * cMatrix, beta: 0)
        }
        let gradFn: StaticString = a.rank == 3 && b.rank == 3 && batchA == batchB ? "BmmBackward0" : "UnsafeViewBackward0"
        return Tensor(result: c, shape: outShape, gradFn: gradFn, parents: a, b) { out in
            guard let g = out.gradData else { return }
            a.withGradAccumulator { ga in
                for i in 0..<aOffsets.count {
                    if transposeA {  // gA[k,m] = op(B) · gCᵀ
                        gemm(transposeB, true, k, m, n, b.data, ldb, bOffsets[i], g, ldc, i * cMatrix, ga, lda, aOffsets[i], beta: 1)
                    } else {  // gA[m,k] = gC · op(B)ᵀ
                        gemm(false, !transposeB, m, k, n, g, ldc, i * cMatrix, b.data, ldb, bOffsets[i], ga, lda, aOffsets[i], beta: 1)
                    }
                }
            }
            b.withGradAccumulator { gb in
                for i in 0..<aOffsets.count {
                    if transposeB {  // gB[n,k] = gCᵀ · op(A)
                        gemm(true, transposeA, n, k, m, g, ldc, i * cMatrix, a.data, lda, aOffsets[i], gb, ldb, bOffsets[i], beta: 1)
                    } else {  // gB[k,n] = op(A)ᵀ · gC
                        gemm(!transposeA, false, k, n, m, a.data, lda, aOffsets[i], g, ldc, i * cMatrix, gb, ldb, bOffsets[i], beta: 1)
                    }
                }
            }
        }
    }

    /// Element offsets of each batch's A and B matrix, batch axes broadcast.
    static func batchOffsets(batch: [Int], batchA: [Int], batchB: [Int],
                             aMatrix: Int, bMatrix: Int) -> ([Int], [Int]) {
        let total = Shape.count(batch)
        let sa = Shape.broadcastStrides(batchA, to: batch), sb = Shape.broadcastStrides(batchB, to: batch)
        var aOff = [Int](filled: 0, count: total), bOff = [Int](filled: 0, count: total)
        var index = [Int](filled: 0, count: batch.count)
        for i in 0..<total {
            var oa = 0, ob = 0
            for d in 0..<batch.count {
                oa += index[d] * sa[d]
                ob += index[d] * sb[d]
            }
            aOff[i] = oa * aMatrix
            bOff[i] = ob * bMatrix
            var d = batch.count - 1
            while d >= 0 {
                index[d] += 1
                if index[d] < batch[d] { break }
                index[d] = 0
                d -= 1
            }
        }
        return (aOff, bOff)
    }
}

/// Row-major GEMM on array storage with element offsets: C = op(A)·op(B) + beta·C.
@inline(__always)
func gemm(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int,
          _ a: [Float], _ lda: Int, _ aOffset: Int,
          _ b: [Float], _ ldb: Int, _ bOffset: Int,
          _ c: inout [Float], _ ldc: Int, _ cOffset: Int, beta: Float, alpha: Float = 1) {
    c.withUnsafeMutableBufferPointer { cp in
        gemm(transA, transB, m, n, k, a, lda, aOffset, b, ldb, bOffset, cp, ldc, cOffset, beta: beta, alpha: alpha)
    }
}

/// GEMM into a raw output buffer (a gradient accumulator).
@inline(__always)
func gemm(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int,
          _ a: [Float], _ lda: Int, _ aOffset: Int,
          _ b: [Float], _ ldb: Int, _ bOffset: Int,
          _ c: UnsafeMutableBufferPointer<Float>, _ ldc: Int, _ cOffset: Int, beta: Float, alpha: Float = 1) {
    guard m > 0, n > 0, let cBase = c.baseAddress else { return }
    a.withUnsafeBufferPointer { ap in
        b.withUnsafeBufferPointer { bp in
            guard let aBase = ap.baseAddress, let bBase = bp.baseAddress else {
                // k == 0 with empty operands: the product is zero.
                if beta == 0 {
                    for r in 0..<m { for j in 0..<n { c[cOffset + r * ldc + j] = 0 } }
                }
                return
            }
            smr_sgemm(transA ? 1 : 0, transB ? 1 : 0, Int32(m), Int32(n), Int32(k), alpha,
                      aBase + aOffset, Int32(lda), bBase + bOffset, Int32(ldb),
                      beta, cBase + cOffset, Int32(ldc))
        }
    }
}
