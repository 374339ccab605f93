import SMRNeural
import SMRTensor

/// SB3's `policy_net` / `value_net` inside `MlpExtractor`: `Linear, Tanh, Linear, Tanh, …`,
/// with the linear layers registered as "0", "2", … as `nn.Sequential` names them, so
/// checkpoint keys read `mlp_extractor.policy_net.0.weight` as in SB3's state dict.
public final class TanhMLP: Module {
    public let layers: [Linear]
    public let inputSize: Int
    public var outputSize: Int { layers.last?.outFeatures ?? inputSize }

    public init(inputSize: Int, hidden: [Int], gain: Float, generator: inout RandomGenerator) throws {
        self.inputSize = inputSize
        var ls: [Linear] = []
        var width = inputSize
        for h in hidden {
            let l = try Linear(width, h, generator: &generator)
            try OrthogonalInit.apply(l, gain: gain, generator: &generator)
            ls.append(l)
            width = h
        }
        layers = ls
        super.init()
        for (i, l) in ls.enumerated() { register(module: l, as: String(2 * i)) }
    }

    /// The activations of every layer (input first) for `batch` rows of `x`.
    func forward(_ x: [Float], batch: Int) -> [[Float]] {
        var acts = [x]
        var width = inputSize
        for l in layers {
            var y = DenseMath.linear(acts[acts.count - 1], batch: batch, inputs: width, weight: l.weight.data,
                                     bias: l.bias?.data ?? [Float](filled: 0, count: l.outFeatures), outputs: l.outFeatures)
            DenseMath.tanh(&y)
            acts.append(y)
            width = l.outFeatures
        }
        return acts
    }

    /// Backpropagates `dOut` (gradient at the last activation) through the tanh layers,
    /// accumulating into `grads` (weight, bias per layer, in order).
    /// Returns ∂loss/∂input when `needInput` (else an empty array).
    @discardableResult
    func backward(_ dOut: [Float], acts: [[Float]], batch: Int, grads: inout [[Float]], needInput: Bool = false) -> [Float] {
        var dy = dOut
        for k in stride(from: layers.count - 1, through: 0, by: -1) {
            let l = layers[k]
            let y = acts[k + 1]
            for i in dy.indices { dy[i] *= 1 - y[i] * y[i] }
            var dW = grads[2 * k], dB = grads[2 * k + 1]
            dy = DenseMath.linearBackward(dy, x: acts[k], batch: batch, inputs: l.inFeatures, outputs: l.outFeatures,
                                          weight: l.weight.data, dWeight: &dW, dBias: &dB, needInput: k > 0 || needInput)
            grads[2 * k] = dW; grads[2 * k + 1] = dB
        }
        return needInput ? dy : []
    }
}

/// SB3's `init_weights(module, gain)`: orthogonal weights with `gain`, zero biases.
public enum OrthogonalInit {
    public static func apply(_ layer: Linear, gain: Float, generator: inout RandomGenerator) throws {
        let w = try Initialization.orthogonal(layer.weight.shape, gain: gain, generator: &generator)
        try layer.weight.assign(w.data)
        if let b = layer.bias { try b.assign([Float](filled: 0, count: b.count)) }
    }
}
