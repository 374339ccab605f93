import SMRNeural
import SMRTensor

/// The end of PPO's and RecurrentPPO's minibatch update — `clip_grad_norm_` then
/// `optimizer.step()` — refusing a NaN or infinity in the loss or the gradients first, so the
/// parameters stay the last good ones. The gradient check is free: the clipping's total norm
/// is finite exactly when every gradient is (the per-tensor pass runs only to name one).
enum GuardedStep {
    static func clipAndStep(_ loss: ClippedSurrogateLoss, policy: Module, optimizer: any Optimizer,
                            maxGradNorm: Double, at position: @autoclosure () -> String) throws {
        let named = { policy.namedParameters() }
        try FiniteCheck.scalar(Float(loss.policyGradientLoss), "the policy loss", at: position(), parameters: named())
        try FiniteCheck.scalar(Float(loss.valueLoss), "the value loss", at: position(), parameters: named())
        try FiniteCheck.scalar(Float(loss.entropyLoss), "the entropy loss", at: position(), parameters: named())
        let parameters = policy.parameters()
        let total = try clipGradNorm(parameters, maxNorm: maxGradNorm)
        if !total.isFinite {
            try FiniteCheck.gradients(parameters, names: named(), at: position())
            try FiniteCheck.scalar(total, "the gradients' total norm", at: position(), parameters: named())
        }
        try optimizer.step()
    }
}
