import SMRNeural
import SMRTensor

/// Random Network Distillation (Burda et al., 2018, "Exploration by Random Network
/// Distillation"), as the reference's `RNDModule(obs_dim, emb_dim=32)`: a frozen random
/// `target` and a trained `predictor` (each Linear → ReLU → Linear); the novelty of an
/// observation is the mean squared difference of their embeddings.
public final class RNDModule: Module {
    public let target: Sequential
    public let predictor: Sequential

    public init(obsDim: Int, embDim: Int = 32, generator: inout RandomGenerator) throws {
        guard obsDim > 0, embDim > 0 else { throw AgentError("RNDModule", "obs_dim and emb_dim must be positive") }
        target = try Sequential([Linear(obsDim, embDim, generator: &generator), ReLU(), Linear(embDim, embDim, generator: &generator)])
        predictor = try Sequential([Linear(obsDim, embDim, generator: &generator), ReLU(), Linear(embDim, embDim, generator: &generator)])
        super.init()
        register(module: target, as: "target")
        register(module: predictor, as: "predictor")
        for p in target.parameters() { try? p.setRequiresGrad(false) }
    }

    /// Novelty `[batch]` of observations `[batch, obs_dim]` (differentiable for the predictor).
    public func novelty(_ obs: Tensor) throws -> Tensor {
        let goal = try GradMode.noGrad { try target.forward(obs) }
        let diff = try predictor.forward(obs) - goal
        return try (diff * diff).mean(axes: [-1])
    }
}
