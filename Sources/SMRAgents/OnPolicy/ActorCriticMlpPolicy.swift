import Foundation
import SMRNeural
import SMRTensor

/// SB3's `ActorCriticPolicy` ("MlpPolicy") for Discrete actions: separate policy and value
/// MLPs (`net_arch = dict(pi=[64, 64], vf=[64, 64])`, tanh), a linear `action_net` giving the
/// Categorical logits and a linear `value_net`. Orthogonal init with SB3's gains: √2 for the
/// MLPs, 0.01 for `action_net`, 1 for `value_net`, zero biases.
///
/// Parameter names follow SB3's state dict: `mlp_extractor.policy_net.0.weight`, …,
/// `action_net.weight`, `value_net.bias`. On `MemoryTaskEnv` (3 observations, 2 actions)
/// it has 9,027 parameters, as SB3's.
public final class ActorCriticMlpPolicy: Module {
    public let observationSize: Int
    public let actionCount: Int
    public let policyNet: TanhMLP
    public let valueNet: TanhMLP
    public let actionNet: Linear
    public let valueHead: Linear

    public init(observationSize: Int, actionCount: Int, piArch: [Int] = [64, 64], vfArch: [Int] = [64, 64],
                generator: inout RandomGenerator) throws {
        guard observationSize > 0, actionCount > 0 else {
            throw AgentError("MlpPolicy", "observation size and action count must be positive, got \(observationSize), \(actionCount)")
        }
        self.observationSize = observationSize
        self.actionCount = actionCount
        let root2 = Float(2).squareRoot()
        policyNet = try TanhMLP(inputSize: observationSize, hidden: piArch, gain: root2, generator: &generator)
        valueNet = try TanhMLP(inputSize: observationSize, hidden: vfArch, gain: root2, generator: &generator)
        actionNet = try Linear(policyNet.outputSize, actionCount, generator: &generator)
        try OrthogonalInit.apply(actionNet, gain: 0.01, generator: &generator)
        valueHead = try Linear(valueNet.outputSize, 1, generator: &generator)
        try OrthogonalInit.apply(valueHead, gain: 1, generator: &generator)
        super.init()
        let extractor = Module()
        extractor.register(module: policyNet, as: "policy_net")
        extractor.register(module: valueNet, as: "value_net")
        register(module: extractor, as: "mlp_extractor")
        register(module: actionNet, as: "action_net")
        register(module: valueHead, as: "value_net")
    }

    /// What one batched forward pass keeps for the backward pass.
    struct Pass {
        var batch: Int
        var piActs: [[Float]]
        var vfActs: [[Float]]
        /// [batch, actionCount] log-probabilities (log-softmax of the logits).
        var logProbs: [Float]
        /// [batch] values.
        var values: [Float]
    }

    /// Logits → log-softmax and values for `batch` rows of observations.
    func forward(_ obs: [Float], batch: Int) -> Pass { forward(pi: obs, vf: obs, batch: batch) }

    /// The same with separate inputs for the policy and value paths (the recurrent policy's
    /// actor and critic LSTM outputs).
    func forward(pi piIn: [Float], vf vfIn: [Float], batch: Int) -> Pass {
        let pi = policyNet.forward(piIn, batch: batch)
        let vf = valueNet.forward(vfIn, batch: batch)
        var logits = DenseMath.linear(pi[pi.count - 1], batch: batch, inputs: policyNet.outputSize,
                                      weight: actionNet.weight.data, bias: actionNet.bias?.data ?? [],
                                      outputs: actionCount)
        Self.logSoftmaxRows(&logits, rows: batch, columns: actionCount)
        let values = DenseMath.linear(vf[vf.count - 1], batch: batch, inputs: valueNet.outputSize,
                                      weight: valueHead.weight.data, bias: valueHead.bias?.data ?? [], outputs: 1)
        return Pass(batch: batch, piActs: pi, vfActs: vf, logProbs: logits, values: values)
    }

    /// Values only (the critic path), e.g. to bootstrap the last step.
    func values(_ obs: [Float], batch: Int) -> [Float] {
        let vf = valueNet.forward(obs, batch: batch)
        return DenseMath.linear(vf[vf.count - 1], batch: batch, inputs: valueNet.outputSize,
                                weight: valueHead.weight.data, bias: valueHead.bias?.data ?? [], outputs: 1)
    }

    static func logSoftmaxRows(_ v: inout [Float], rows: Int, columns: Int) {
        for r in 0..<rows {
            let o = r * columns
            var m = -Float.infinity
            for j in 0..<columns { m = max(m, v[o + j]) }
            var s: Float = 0
            for j in 0..<columns { s += Foundation.exp(v[o + j] - m) }
            let lse = m + Foundation.log(s)
            for j in 0..<columns { v[o + j] -= lse }
        }
    }

    /// Given ∂loss/∂logits ([batch, actions]) and ∂loss/∂values ([batch]) of a pass, sets every
    /// parameter's `.grad` (replacing any previous one).
    @discardableResult
    func setGradients(_ pass: Pass, dLogits: [Float], dValues: [Float], needInputs: Bool = false) throws -> (pi: [Float], vf: [Float]) {
        var piGrads = policyNet.layers.flatMap { [[Float](filled: 0, count: $0.weight.count), [Float](filled: 0, count: $0.outFeatures)] }
        var vfGrads = valueNet.layers.flatMap { [[Float](filled: 0, count: $0.weight.count), [Float](filled: 0, count: $0.outFeatures)] }
        var dAW = [Float](filled: 0, count: actionNet.weight.count), dAB = [Float](filled: 0, count: actionCount)
        var dVW = [Float](filled: 0, count: valueHead.weight.count), dVB: [Float] = [0]
        let b = pass.batch
        let dPi = DenseMath.linearBackward(dLogits, x: pass.piActs[pass.piActs.count - 1], batch: b,
                                           inputs: policyNet.outputSize, outputs: actionCount,
                                           weight: actionNet.weight.data, dWeight: &dAW, dBias: &dAB, needInput: true)
        let dVf = DenseMath.linearBackward(dValues, x: pass.vfActs[pass.vfActs.count - 1], batch: b,
                                           inputs: valueNet.outputSize, outputs: 1,
                                           weight: valueHead.weight.data, dWeight: &dVW, dBias: &dVB, needInput: true)
        let dPiIn = policyNet.backward(dPi, acts: pass.piActs, batch: b, grads: &piGrads, needInput: needInputs)
        let dVfIn = valueNet.backward(dVf, acts: pass.vfActs, batch: b, grads: &vfGrads, needInput: needInputs)
        for (k, l) in policyNet.layers.enumerated() {
            try l.weight.setGrad(piGrads[2 * k]); try l.bias?.setGrad(piGrads[2 * k + 1])
        }
        for (k, l) in valueNet.layers.enumerated() {
            try l.weight.setGrad(vfGrads[2 * k]); try l.bias?.setGrad(vfGrads[2 * k + 1])
        }
        try actionNet.weight.setGrad(dAW); try actionNet.bias?.setGrad(dAB)
        try valueHead.weight.setGrad(dVW); try valueHead.bias?.setGrad(dVB)
        return (dPiIn, dVfIn)
    }
}
