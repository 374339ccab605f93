/// Inverted dropout (PyTorch `F.dropout`): in training, zero each element with
/// probability `p` and scale the rest by 1/(1-p); the identity otherwise.
extension Tensor {
    /// Dropout with masks drawn from `generator`.
    public func dropout(p: Float, training: Bool = true, generator: inout RandomGenerator) throws -> Tensor {
        guard p >= 0, p <= 1 else {
            throw TensorError.invalidArgument(op: "dropout", reason: "probability has to be between 0 and 1, but got \(p)")
        }
        guard training, p > 0 else { return self }
        var mask = [Float](repeating: 0, count: count)
        if p < 1 {
            mask.withUnsafeMutableBufferPointer { m in
                generator.fillDropoutMask(m, p: Double(p), scale: 1 / (1 - p))
            }
        }
        var y = data
        for i in 0..<y.count { y[i] *= mask[i] }
        return Tensor(result: y, shape: shape, parents: [self]) { out in
            guard var g = out.gradData else { return }
            for i in 0..<g.count { g[i] *= mask[i] }
            self.accumulateGrad(g)
        }
    }

    /// Dropout with masks drawn from the global stream (`GlobalRandom`).
    public func dropout(p: Float, training: Bool = true) throws -> Tensor {
        try dropout(p: p, training: training, generator: &GlobalRandom.generator)
    }
}
