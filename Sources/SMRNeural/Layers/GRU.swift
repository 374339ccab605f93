import SMRTensor

/// `nn.GRU(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0)`:
/// a multi-step, multi-layer GRU returning `(output, h_n)`; gate order r, z, n. Parameters are
/// named `weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0`, … and drawn in that
/// order, all U(−1/√hidden, 1/√hidden), as in PyTorch.
public final class GRU: Module {
    public let inputSize: Int, hiddenSize: Int, numLayers: Int
    public let batchFirst: Bool
    public let dropout: Float
    private var layers: [RecurrentCellWeights] = []

    public init(_ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
                dropout: Float = 0, bidirectional: Bool = false, generator: inout RandomGenerator) throws {
        guard inputSize > 0, hiddenSize > 0, numLayers > 0 else {
            throw LayerError("GRU", "input_size, hidden_size and num_layers must be positive")
        }
        guard dropout >= 0, dropout <= 1 else { throw LayerError("GRU", "dropout must be in [0, 1], got \(dropout)") }
        guard !bidirectional else { throw LayerError("GRU", "bidirectional=True is not supported") }
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.numLayers = numLayers
        self.batchFirst = batchFirst
        self.dropout = dropout
        super.init()
        for l in 0..<numLayers {
            let w = try RecurrentCellWeights(layer: "GRU", gates: 3, inputSize: l == 0 ? inputSize : hiddenSize,
                                             hiddenSize: hiddenSize, bias: bias, generator: &generator)
            w.register(on: self, suffix: "_l\(l)")
            layers.append(w)
        }
    }

    public convenience init(_ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, bias: Bool = true,
                            batchFirst: Bool = false, dropout: Float = 0) throws {
        try self.init(inputSize, hiddenSize, numLayers: numLayers, bias: bias, batchFirst: batchFirst,
                      dropout: dropout, generator: &GlobalRandom.generator)
    }

    /// Runs the sequence. `input` is `[T, batch, in]` (`[batch, T, in]` when batch_first) or
    /// unbatched `[T, in]`; `state` is `h_0` of shape `[num_layers, batch, hidden]`
    /// (`[num_layers, hidden]` unbatched), zeros when nil. Dropout (training mode) acts on
    /// every layer's output but the last's, as PyTorch's.
    public func forward(_ input: Tensor, state: Tensor? = nil) throws -> (output: Tensor, state: Tensor) {
        let s = try RecurrentSequence(layer: "GRU", input: input, inputSize: inputSize, hiddenSize: hiddenSize,
                                      numLayers: numLayers, batchFirst: batchFirst)
        return try s.run(layers, state: state, dropout: dropout, training: training) { p, x, h in
            try Tensor.gruCell(x, h: h, weightIH: p.weightIH, weightHH: p.weightHH, biasIH: p.biasIH, biasHH: p.biasHH)
        }
    }
}
