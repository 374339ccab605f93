import CKernels

/// Raw-pointer kernels of the incremental encoders (row-major matrices): the tensor engine's
/// GEMM and row-wise layer norm, without tensors, graphs or allocation.
enum RowMath {
    /// `C = alpha·op(A)·op(B) + beta·C` with `op` a transpose when asked (`m×n` result, depth `k`).
    @inline(__always)
    static func gemm(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int,
                     _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
                     _ c: UnsafeMutablePointer<Float>, _ ldc: Int, beta: Float, alpha: Float = 1) {
        guard m > 0, n > 0 else { return }
        smr_sgemm(transA ? 1 : 0, transB ? 1 : 0, Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb),
                  beta, c, Int32(ldc))
    }

    /// `y = x·Wᵀ + b` for `rows` rows (`W` is `[outputs, inputs]`, as `nn.Linear` stores it).
    @inline(__always)
    static func linear(rows: Int, inputs: Int, outputs: Int, _ x: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                       bias: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        guard rows > 0 else { return }
        smr_fill_rows(rows, outputs, bias, y)
        gemm(false, true, rows, outputs, inputs, x, inputs, weight, inputs, y, outputs, beta: 1)
    }

    /// `y = x·Wᵀ + b` from the transposed weight `Wᵀ` `[inputs, outputs]` (read in place).
    @inline(__always)
    static func linear(rows: Int, inputs: Int, outputs: Int, _ x: UnsafePointer<Float>, transposedWeight wt: UnsafePointer<Float>,
                       bias: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        guard rows > 0 else { return }
        smr_fill_rows(rows, outputs, bias, y)
        gemm(false, false, rows, outputs, inputs, x, inputs, wt, outputs, y, outputs, beta: 1)
    }

    /// Layer norm of each row (biased variance, eps inside the root, as `F.layer_norm`);
    /// keeps the normalised rows and reciprocal deviations for the backward.
    static func layerNorm(rows: Int, width d: Int, _ x: UnsafePointer<Float>, gamma: UnsafePointer<Float>,
                          beta: UnsafePointer<Float>, eps: Float, into y: UnsafeMutablePointer<Float>,
                          normalized xhat: UnsafeMutablePointer<Float>, rstd: UnsafeMutablePointer<Float>) {
        let inv = 1 / Float(d)
        for r in 0..<rows {
            let xr = x + r * d, yr = y + r * d, hr = xhat + r * d
            var mean: Float = 0
            for i in 0..<d { mean += xr[i] }
            mean *= inv
            var v: Float = 0
            for i in 0..<d {
                let c = xr[i] - mean
                v += c * c
            }
            let rs = 1 / (v * inv + eps).squareRoot()
            rstd[r] = rs
            for i in 0..<d {
                let h = (xr[i] - mean) * rs
                hr[i] = h
                yr[i] = h * gamma[i] + beta[i]
            }
        }
    }

    /// The layer-norm backward of each row: writes `dx`, adds to `dGamma` and `dBeta`.
    static func layerNormBackward(rows: Int, width d: Int, _ dy: UnsafePointer<Float>, normalized xhat: UnsafePointer<Float>,
                                  rstd: UnsafePointer<Float>, gamma: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>,
                                  dGamma: UnsafeMutablePointer<Float>, dBeta: UnsafeMutablePointer<Float>) {
        let inv = 1 / Float(d)
        for r in 0..<rows {
            let g = dy + r * d, h = xhat + r * d, o = dx + r * d
            var sumG: Float = 0, sumGH: Float = 0
            for i in 0..<d {
                dGamma[i] += g[i] * h[i]
                dBeta[i] += g[i]
                let v = g[i] * gamma[i]
                sumG += v
                sumGH += v * h[i]
            }
            let meanG = sumG * inv, meanGH = sumGH * inv, rs = rstd[r]
            for i in 0..<d { o[i] = rs * (g[i] * gamma[i] - meanG - h[i] * meanGH) }
        }
    }

    /// `dst[j] += Σ_r src[r, j]`.
    @inline(__always)
    static func addColumnSums(rows: Int, cols: Int, _ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>) {
        guard rows > 0 else { return }
        smr_add_column_sums(rows, cols, src, dst)
    }

    /// `dst[i] += src[i]`.
    @inline(__always)
    static func add(_ n: Int, _ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>) {
        guard n > 0 else { return }
        smr_add_inplace(n, src, dst)
    }
}
