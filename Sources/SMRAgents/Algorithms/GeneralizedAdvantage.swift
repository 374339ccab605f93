import SMRTensor

/// Generalized Advantage Estimation (Schulman et al., 2016, "High-Dimensional Continuous
/// Control Using Generalized Advantage Estimation") over one episode, as the reference's
/// `compute_gae(rewards, values, gamma, lam, last_value=0)`:
/// `δ_t = r_t + γ V_{t+1} − V_t`, `A_t = Σ_k (γλ)^k δ_{t+k}`, with `V_T = last_value`.
///
/// The values keep their gradient (the reference does not detach them), so returns built as
/// `A + V.detach()` carry it too and the value loss differentiates through them.
public enum GeneralizedAdvantage {
    /// Advantages `[T]` for rewards `[T]` and values `[T]` (differentiable in `values`).
    public static func advantages(rewards: [Float], values: Tensor, gamma: Float, lambda: Float,
                                  lastValue: Float = 0) throws -> Tensor {
        let t = rewards.count
        guard values.shape == [t], t > 0 else {
            throw AgentError("compute_gae", "rewards (\(t)) and values \(values.shape) must have the same length")
        }
        // δ = r + γ·[V_1 … V_{T-1}, last] − V, then A = C·δ with C[i][k] = (γλ)^{k−i} for k ≥ i.
        let next = try Tensor.concat([values.slice(axis: 0, start: 1), Tensor([lastValue])], axis: 0)
        let delta = try Tensor(rewards) + gamma * next - values
        var c = [Float](filled: 0, count: t * t)
        for i in 0..<t {
            var w: Float = 1
            for k in i..<t { c[i * t + k] = w; w *= gamma * lambda }
        }
        return try Tensor(c, shape: [t, t]).matmul(delta.reshape([t, 1])).reshape([t])
    }

    /// The reference's `compute_explained_variance(y_pred, y_true)`:
    /// `1 − Var(y − ŷ) / (Var(y) + 1e-8)` with unbiased variances, 0 when `Var(y) = 0`.
    public static func explainedVariance(predicted: [Float], actual: [Float]) -> Double {
        let vy = SampleStatistics.variance(actual.map(Double.init), correction: 1)
        if vy == 0 { return 0 }
        let residual = zip(actual, predicted).map { Double($0) - Double($1) }
        return 1 - SampleStatistics.variance(residual, correction: 1) / (vy + 1e-8)
    }
}
