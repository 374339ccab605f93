import SMRTensor

/// PyTorch's default initialisers (`torch.nn.init`), drawing from a `RandomGenerator`.
public enum Initialization {
    /// U(low, high) values for `shape`.
    public static func uniform(_ shape: [Int], low: Float, high: Float, generator: inout RandomGenerator) -> Tensor {
        let n = Shape.count(shape)
        var v = [Float](repeating: 0, count: n)
        for i in 0..<n { v[i] = low + (high - low) * generator.uniformFloat() }
        return (try? Tensor(v, shape: shape, requiresGrad: true)) ?? Tensor(v, requiresGrad: true)
    }

    /// `kaiming_uniform_(w, a=√5)` as `nn.Linear` uses it: U(−1/√fan_in, 1/√fan_in).
    public static func linearWeight(out: Int, in fanIn: Int, generator: inout RandomGenerator) -> Tensor {
        let bound = fanIn > 0 ? 1 / Float(fanIn).squareRoot() : 0
        return uniform([out, fanIn], low: -bound, high: bound, generator: &generator)
    }

    /// `xavier_uniform_`: U(−a, a) with a = √(6 / (fan_in + fan_out)).
    public static func xavierUniform(_ shape: [Int], generator: inout RandomGenerator) -> Tensor {
        let fanOut = shape.first ?? 1, fanIn = shape.count > 1 ? shape[1] : 1
        let a = (6 / Float(fanIn + fanOut)).squareRoot()
        return uniform(shape, low: -a, high: a, generator: &generator)
    }

    /// N(0, 1) values (`nn.Embedding`'s default).
    public static func standardNormal(_ shape: [Int], generator: inout RandomGenerator) -> Tensor {
        let n = Shape.count(shape)
        var v = [Float](repeating: 0, count: n)
        for i in 0..<n { v[i] = Float(generator.normal()) }
        return (try? Tensor(v, shape: shape, requiresGrad: true)) ?? Tensor(v, requiresGrad: true)
    }

    /// `orthogonal_(w, gain)`: a (semi-)orthogonal matrix of `shape` (rows = shape[0], columns =
    /// the rest flattened), from the QR decomposition of a standard-normal matrix with the signs
    /// fixed so that R's diagonal is positive, times `gain`. Used by SB3's policies
    /// (Saxe et al. 2013, "Exact solutions to the nonlinear dynamics of learning in deep linear
    /// neural networks").
    public static func orthogonal(_ shape: [Int], gain: Float = 1, generator: inout RandomGenerator) -> Tensor {
        let rows = shape.first ?? 1
        let cols = rows > 0 ? Shape.count(shape) / rows : 0
        guard rows > 0, cols > 0 else { return constant(shape, value: 0) }
        // Work on a tall matrix (m ≥ n); torch transposes a wide one and transposes back.
        let transpose = rows < cols
        let m = transpose ? cols : rows, n = transpose ? rows : cols
        var a = [Double](repeating: 0, count: m * n)       // row-major m × n
        for i in 0..<(rows * cols) { a[i] = generator.normal() }
        if transpose {                                      // the drawn rows × cols matrix, transposed
            var t = [Double](repeating: 0, count: m * n)
            for r in 0..<rows { for c in 0..<cols { t[c * n + r] = a[r * cols + c] } }
            a = t
        }
        // Modified Gram–Schmidt on the columns: Q with R's diagonal positive, which is what
        // `q *= sign(diag(r))` yields from LAPACK's QR.
        for j in 0..<n {
            for k in 0..<j {
                var dot = 0.0
                for i in 0..<m { dot += a[i * n + k] * a[i * n + j] }
                for i in 0..<m { a[i * n + j] -= dot * a[i * n + k] }
            }
            var norm = 0.0
            for i in 0..<m { norm += a[i * n + j] * a[i * n + j] }
            norm = norm.squareRoot()
            for i in 0..<m { a[i * n + j] = norm > 0 ? a[i * n + j] / norm : 0 }
        }
        var v = [Float](repeating: 0, count: rows * cols)
        for r in 0..<rows {
            for c in 0..<cols { v[r * cols + c] = gain * Float(transpose ? a[c * n + r] : a[r * n + c]) }
        }
        return (try? Tensor(v, shape: shape, requiresGrad: true)) ?? Tensor(v, requiresGrad: true)
    }

    /// A constant-filled parameter (`zeros_`, `ones_`).
    public static func constant(_ shape: [Int], value: Float) -> Tensor {
        let v = [Float](repeating: value, count: Shape.count(shape))
        return (try? Tensor(v, shape: shape, requiresGrad: true)) ?? Tensor(v, requiresGrad: true)
    }
}

/// Errors of layer construction and use, with the layer's name in the message.
public struct LayerError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ layer: String, _ message: String) { description = "\(layer): \(message)" }
}
