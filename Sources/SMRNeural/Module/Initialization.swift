import SMRTensor

/// PyTorch's default initialisers (`torch.nn.init`), drawing from a `RandomGenerator`. A size
/// the machine cannot hold is refused (`TensorError.outOfMemory`) before anything is allocated.
public enum Initialization {
    /// U(low, high) values for `shape`, drawn as `init.uniform_` draws them.
    public static func uniform(_ shape: [Int], low: Float, high: Float, generator: inout RandomGenerator) throws -> Tensor {
        try Tensor.uniform(shape, low: low, high: high, generator: &generator, requiresGrad: true)
    }

    /// U(−bound, bound) with the bound computed in double as PyTorch computes it and
    /// rounded to float once (as `uniform_` casts its arguments).
    public static func uniform(_ shape: [Int], bound: Double, generator: inout RandomGenerator) throws -> Tensor {
        try uniform(shape, low: Float(-bound), high: Float(bound), generator: &generator)
    }

    /// `kaiming_uniform_(w, a=√5)` as `nn.Linear` uses it: bound = √3 · gain/√fan_in with
    /// gain = √(2/(1 + a²)), in double.
    public static func linearWeight(out: Int, in fanIn: Int, generator: inout RandomGenerator) throws -> Tensor {
        try uniform([out, fanIn], bound: linearWeightBound(fanIn: fanIn), generator: &generator)
    }

    /// The bound of `kaiming_uniform_(w, a=√5)` for `fan_in` (Linear's and Conv's weights).
    public static func linearWeightBound(fanIn: Int) -> Double {
        let a = 5.0.squareRoot()
        let gain = (2.0 / (1 + a * a)).squareRoot()
        return fanIn > 0 ? 3.0.squareRoot() * (gain / Double(fanIn).squareRoot()) : 0
    }

    /// `nn.Linear`'s bias bound, 1/√fan_in (0 without inputs).
    public static func linearBiasBound(fanIn: Int) -> Double {
        fanIn > 0 ? 1 / Double(fanIn).squareRoot() : 0
    }

    /// `xavier_uniform_(w, gain)`: U(−a, a) with a = √3 · gain · √(2/(fan_in + fan_out)).
    public static func xavierUniform(_ shape: [Int], gain: Double = 1, generator: inout RandomGenerator) throws -> Tensor {
        let (fanIn, fanOut) = fans(shape)
        let a = 3.0.squareRoot() * (gain * (2.0 / Double(fanIn + fanOut)).squareRoot())
        return try uniform(shape, bound: a, generator: &generator)
    }

    /// PyTorch's `_calculate_fan_in_and_fan_out`: dims 1 and 0 times the receptive field.
    public static func fans(_ shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        guard shape.count >= 2 else { return (shape.first ?? 1, shape.first ?? 1) }
        let receptive = shape.dropFirst(2).reduce(1, *)
        return (shape[1] * receptive, shape[0] * receptive)
    }

    /// N(0, 1) values (`nn.Embedding`'s default, `normal_`).
    public static func standardNormal(_ shape: [Int], generator: inout RandomGenerator) throws -> Tensor {
        try normal(shape, mean: 0, std: 1, generator: &generator)
    }

    /// N(mean, std) values drawn as `normal_` draws them.
    public static func normal(_ shape: [Int], mean: Float, std: Float, generator: inout RandomGenerator) throws -> Tensor {
        try Tensor.normal(shape, mean: mean, std: std, generator: &generator, requiresGrad: true)
    }

    /// `orthogonal_(w, gain)`: a (semi-)orthogonal matrix of `shape` (rows = shape[0], columns =
    /// the rest flattened), from the QR decomposition of a standard-normal matrix (drawn as
    /// `normal_` draws it, so equal seeds give PyTorch's values) with the signs
    /// fixed so that R's diagonal is positive, times `gain`. Used by SB3's policies
    /// (Saxe et al. 2013, "Exact solutions to the nonlinear dynamics of learning in deep linear
    /// neural networks").
    public static func orthogonal(_ shape: [Int], gain: Float = 1, generator: inout RandomGenerator) throws -> Tensor {
        let rows = shape.first ?? 1
        let cols = rows > 0 ? Shape.count(shape) / rows : 0
        guard rows > 0, cols > 0 else { return try constant(shape, value: 0) }
        try Shape.checkAllocation(shape, "orthogonal_")
        // Work on a tall matrix (m ≥ n); torch transposes a wide one and transposes back.
        let transpose = rows < cols
        let m = transpose ? cols : rows, n = transpose ? rows : cols
        // `new_empty((rows, cols)).normal_(0, 1)`: the float stream of `normal_`.
        var a = Tensor.normalValues(rows * cols, mean: 0, std: 1, generator: &generator).map(Double.init)  // row-major
        if transpose {                                      // the drawn rows × cols matrix, transposed
            var t = [Double](filled: 0, count: m * n)
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
        var v = [Float](filled: 0, count: rows * cols)
        for r in 0..<rows {
            for c in 0..<cols { v[r * cols + c] = gain * Float(transpose ? a[c * n + r] : a[r * n + c]) }
        }
        return (try? Tensor(v, shape: shape, requiresGrad: true)) ?? Tensor(v, requiresGrad: true)
    }

    /// A constant-filled parameter (`zeros_`, `ones_`).
    public static func constant(_ shape: [Int], value: Float) throws -> Tensor {
        try Shape.checkAllocation(shape, "constant_")
        let v = [Float](filled: value, count: Shape.count(shape))
        return (try? Tensor(v, shape: shape, requiresGrad: true)) ?? Tensor(v, requiresGrad: true)
    }
}

/// Errors of layer construction and use, with the layer's name in the message.
public struct LayerError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ layer: String, _ message: String) { description = "\(layer): \(message)" }
}
