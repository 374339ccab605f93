import SMRTensor

/// Where a training episode's actions come from.
///
/// `.normal(std:)` is the notebook's `torch.distributions.Normal(mean, std).sample()`,
/// drawing ε from the global stream (`GlobalRandom`, PyTorch's global generator) and
/// taking `mean + std·ε` in float32. `.fixed` replays given actions (one row of `act_dim`
/// values per step), which takes the sampling noise out of tests.
public enum ActionSource {
    case normal(std: Float)
    case fixed([[Float]])

    /// The action of step `t` for the policy's `mean` values.
    func action(step t: Int, mean: [Float], std: Float) throws -> [Float] {
        switch self {
        case .normal:
            // Normal(mean, std).sample(): torch.normal(0, 1) over the shape, then ·std + mean.
            let eps = Tensor.normalValues(mean.count, mean: 0, std: 1, generator: &GlobalRandom.generator)
            return zip(mean, eps).map { $0 + $1 * std }
        case .fixed(let rows):
            guard t < rows.count, rows[t].count == mean.count else {
                throw AgentError("run_episode", "fixed actions: step \(t) needs \(mean.count) values")
            }
            return rows[t]
        }
    }

    /// The standard deviation of the Normal the log-probabilities use.
    var std: Float {
        switch self {
        case .normal(let s): return s
        case .fixed: return 0.1
        }
    }
}
