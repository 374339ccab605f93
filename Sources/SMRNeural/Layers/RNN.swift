import SMRTensor

/// `nn.RNN(input_size, hidden_size, num_layers=1, nonlinearity='tanh', bias=True,
/// batch_first=False, dropout=0)`: the Elman RNN `h_t = act(x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh)`
/// returning `(output, h_n)`. Parameters `weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`,
/// `bias_hh_l0`, … are drawn in that order from U(−1/√hidden, 1/√hidden), as in PyTorch; the
/// step is built from tensor ops, so gradients come from their backward.
public final class RNN: Module {
    public let inputSize: Int, hiddenSize: Int, numLayers: Int
    public let batchFirst: Bool
    public let dropout: Float
    /// `tanh` (default) or `relu`.
    public let useRelu: Bool
    private var layers: [RecurrentCellWeights] = []

    public init(_ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, nonlinearity: String = "tanh", bias: Bool = true,
                batchFirst: Bool = false, dropout: Float = 0, generator: inout RandomGenerator) throws {
        guard inputSize > 0, hiddenSize > 0, numLayers > 0 else {
            throw LayerError("RNN", "input_size, hidden_size and num_layers must be positive")
        }
        guard nonlinearity == "tanh" || nonlinearity == "relu" else {
            throw LayerError("RNN", "Unknown nonlinearity '\(nonlinearity)'. Select from 'tanh' or 'relu'.")
        }
        guard dropout >= 0, dropout <= 1 else { throw LayerError("RNN", "dropout must be in [0, 1], got \(dropout)") }
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.numLayers = numLayers
        self.batchFirst = batchFirst
        self.dropout = dropout
        self.useRelu = nonlinearity == "relu"
        super.init()
        for l in 0..<numLayers {
            let w = try RecurrentCellWeights(layer: "RNN", gates: 1, inputSize: l == 0 ? inputSize : hiddenSize,
                                             hiddenSize: hiddenSize, bias: bias, generator: &generator)
            w.register(on: self, suffix: "_l\(l)")
            layers.append(w)
        }
    }

    public convenience init(_ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, nonlinearity: String = "tanh",
                            bias: Bool = true, batchFirst: Bool = false, dropout: Float = 0) throws {
        try self.init(inputSize, hiddenSize, numLayers: numLayers, nonlinearity: nonlinearity, bias: bias,
                      batchFirst: batchFirst, dropout: dropout, generator: &GlobalRandom.generator)
    }

    /// Runs the sequence: `input` `[T, batch, in]` (`[batch, T, in]` when batch_first) or
    /// unbatched `[T, in]`; `state` is `h_0` `[num_layers, batch, hidden]`, zeros when nil.
    public func forward(_ input: Tensor, state: Tensor? = nil) throws -> (output: Tensor, state: Tensor) {
        let s = try RecurrentSequence(layer: "RNN", input: input, inputSize: inputSize, hiddenSize: hiddenSize,
                                      numLayers: numLayers, batchFirst: batchFirst)
        return try s.run(layers, state: state, dropout: dropout, training: training) { p, x, h in
            var z = try x.matmul(p.weightIH, transposeA: false, transposeB: true)
            if let b = p.biasIH { z = try z + b }
            z = try z + h.matmul(p.weightHH, transposeA: false, transposeB: true)
            if let b = p.biasHH { z = try z + b }
            return useRelu ? z.relu() : z.tanh()
        }
    }
}
