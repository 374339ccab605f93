import CKernels

/// Constructors for common tensors (PyTorch `zeros`, `ones`, `full`, `arange`, `rand`, `randn`).
extension Tensor {
    private static func checked(_ shape: [Int], _ op: String) throws -> Int {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw TensorError.invalidArgument(op: op, reason: "negative dimension in shape \(Shape.describe(shape))")
        }
        try Shape.checkAllocation(shape, op)
        return Shape.count(shape)
    }

    /// A tensor filled with `value`.
    public static func full(_ shape: [Int], value: Float, requiresGrad: Bool = false) throws -> Tensor {
        try Tensor([Float](filled: value, count: checked(shape, "full")), shape: shape, requiresGrad: requiresGrad)
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int], requiresGrad: Bool = false) throws -> Tensor {
        try full(shape, value: 0, requiresGrad: requiresGrad)
    }

    /// A tensor of ones.
    public static func ones(_ shape: [Int], requiresGrad: Bool = false) throws -> Tensor {
        try full(shape, value: 1, requiresGrad: requiresGrad)
    }

    /// `start, start+step, …` below `end` as a 1-D tensor.
    public static func arange(_ start: Float = 0, _ end: Float, step: Float = 1, requiresGrad: Bool = false) throws -> Tensor {
        guard step != 0, step.isFinite, start.isFinite, end.isFinite else {
            throw TensorError.invalidArgument(op: "arange", reason: "step must be non-zero and bounds finite")
        }
        let steps = ((Double(end) - Double(start)) / Double(step)).rounded(.up)
        let n = steps > 0 ? (steps < 4e18 ? Int(steps) : Int.max) : 0
        try Shape.checkAllocation([n], "arange")
        return Tensor((0..<n).map { start + Float($0) * step }, requiresGrad: requiresGrad)
    }

    /// Uniform values in [low, high), as PyTorch's `uniform_(low, high)` draws them on a
    /// float tensor (one engine word per element, `fma(x, high − low, low)`).
    public static func uniform(_ shape: [Int], low: Float = 0, high: Float = 1,
                               generator: inout RandomGenerator, requiresGrad: Bool = false) throws -> Tensor {
        let n = try checked(shape, "uniform")
        guard low <= high else {
            throw TensorError.invalidArgument(op: "uniform_", reason: "uniform_ expects to return a [from, to) range, but found from=\(low) > to=\(high)")
        }
        let values = [Float](capacity: n) { out, initialized in
            if let base = out.baseAddress {
                generator.withEngine { smr_mt19937_uniform_float($0, $1, n, low, high, base) }
            }
            initialized = n
        }
        return try Tensor(values, shape: shape, requiresGrad: requiresGrad)
    }

    /// Normal values with the given mean and standard deviation, as PyTorch's `normal_`
    /// draws them on a contiguous float tensor: below 16 elements one double Box–Muller
    /// deviate each (`normal_distribution<double>`); from 16 on, float uniforms turned into
    /// normals 16 at a time (`normal_fill`), the last block redrawn when 16 ∤ count.
    public static func normal(_ shape: [Int], mean: Float = 0, std: Float = 1,
                              generator: inout RandomGenerator, requiresGrad: Bool = false) throws -> Tensor {
        let n = try checked(shape, "normal")
        guard std >= 0 else {
            throw TensorError.invalidArgument(op: "normal_", reason: "normal expects std >= 0.0, but found std \(std)")
        }
        return try Tensor(normalValues(n, mean: mean, std: std, generator: &generator), shape: shape, requiresGrad: requiresGrad)
    }

    /// The values of `normal(_:mean:std:generator:)` for `n` elements.
    public static func normalValues(_ n: Int, mean: Float, std: Float, generator: inout RandomGenerator) -> [Float] {
        guard n >= 16 else {
            return (0..<n).map { _ in Float(generator.normal(mean: mean.writtenDouble, std: std.writtenDouble)) }
        }
        return [Float](capacity: n) { out, initialized in
            initialized = n
            guard let data = out.baseAddress else { return }
            generator.withEngine { smr_mt19937_uniform_float($0, $1, n, 0, 1, data) }
            var i = 0
            while i + 16 <= n {
                smr_normal_fill16(data + i, mean, std)
                i += 16
            }
            if n % 16 != 0 {
                let tail = data + n - 16
                generator.withEngine { smr_mt19937_uniform_float($0, $1, 16, 0, 1, tail) }
                smr_normal_fill16(tail, mean, std)
            }
        }
    }

    /// 0/1 values, 1 with probability `p`, as `empty(shape).bernoulli_(p)` draws them (one
    /// double uniform per element, 1 where it is below p).
    public static func bernoulli(_ shape: [Int], p: Double, generator: inout RandomGenerator) throws -> Tensor {
        let n = try checked(shape, "bernoulli_")
        guard p >= 0, p <= 1 else {
            throw TensorError.invalidArgument(op: "bernoulli_", reason: "bernoulli_ expects p to be in [0, 1], but got p=\(p)")
        }
        var bits = [UInt8](filled: 0, count: (n + 7) / 8)
        if n > 0 {
            bits.withUnsafeMutableBufferPointer { b in
                if let base = b.baseAddress { generator.withEngine { smr_mt19937_bernoulli_bits($0, $1, n, p, base) } }
            }
        }
        let values = (0..<n).map { i in Float(bits[i >> 3] >> UInt8(i & 7) & 1) }
        return try Tensor(values, shape: shape)
    }

    /// 0/1 draws with per-element probabilities, as `torch.bernoulli(p)` on a float tensor
    /// draws them: one float uniform (24 bits of one word) per element, 1 where it is below p.
    public static func bernoulli(probabilities p: Tensor, generator: inout RandomGenerator) throws -> Tensor {
        guard p.data.allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
            throw TensorError.invalidArgument(op: "bernoulli", reason: "Expected p_in >= 0 && p_in <= 1 to be true, but got false.")
        }
        return try Tensor(p.data.map { generator.uniformFloat() < $0 ? 1 : 0 }, shape: p.shape)
    }

    /// Exponential values with rate `lambda`, as `empty(shape).exponential_(lambda)` draws
    /// them (a double per element, rounded to float).
    public static func exponential(_ shape: [Int], lambda: Double = 1, generator: inout RandomGenerator) throws -> Tensor {
        let n = try checked(shape, "exponential_")
        guard lambda > 0 else {
            throw TensorError.invalidArgument(op: "exponential_", reason: "exponential_ expects lambda > 0.0, but found lambda=\(lambda)")
        }
        return try Tensor((0..<n).map { _ in Float(generator.exponential(lambda: lambda)) }, shape: shape)
    }

    /// Uniform [0, 1) values from the global stream (PyTorch `torch.rand`).
    public static func rand(_ shape: [Int]) throws -> Tensor {
        try uniform(shape, generator: &GlobalRandom.generator)
    }

    /// Standard normal values from the global stream (PyTorch `torch.randn`).
    public static func randn(_ shape: [Int]) throws -> Tensor {
        try normal(shape, generator: &GlobalRandom.generator)
    }
}
