import SMRTensor

/// `nn.LSTM(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0)`:
/// a multi-step, multi-layer LSTM returning `(output, (h_n, c_n))`. Parameters are named
/// `weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0`, … as in PyTorch.
public final class LSTM: Module {
    public let inputSize: Int, hiddenSize: Int, numLayers: Int
    public let batchFirst: Bool
    public let dropout: Float
    /// Per layer: weight_ih, weight_hh, bias_ih, bias_hh.
    private var layers: [RecurrentCellWeights] = []

    public init(_ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
                dropout: Float = 0, bidirectional: Bool = false, generator: inout RandomGenerator) throws {
        guard inputSize > 0, hiddenSize > 0, numLayers > 0 else {
            throw LayerError("LSTM", "input_size, hidden_size and num_layers must be positive")
        }
        guard dropout >= 0, dropout <= 1 else { throw LayerError("LSTM", "dropout must be in [0, 1], got \(dropout)") }
        guard !bidirectional else { throw LayerError("LSTM", "bidirectional=True is not supported") }
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.numLayers = numLayers
        self.batchFirst = batchFirst
        self.dropout = dropout
        super.init()
        for l in 0..<numLayers {
            let w = try RecurrentCellWeights(layer: "LSTM", gates: 4, inputSize: l == 0 ? inputSize : hiddenSize,
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

    /// Runs the sequence. `input` is `[T, batch, in]` (`[batch, T, in]` when batch_first)
    /// or unbatched `[T, in]`; `state` holds `(h_0, c_0)` of shape `[num_layers, batch, hidden]`
    /// (`[num_layers, hidden]` unbatched), zeros when nil.
    public func forward(_ input: Tensor, state: (h: Tensor, c: Tensor)? = nil) throws
        -> (output: Tensor, state: (h: Tensor, c: Tensor)) {
        let s = try RecurrentSequence(layer: "LSTM", input: input, inputSize: inputSize, hiddenSize: hiddenSize,
                                      numLayers: numLayers, batchFirst: batchFirst)
        if let state { try s.checkState([("h_0", state.h), ("c_0", state.c)]) }
        var layerInput = s.input
        var hN: [Tensor] = [], cN: [Tensor] = []
        for (l, p) in layers.enumerated() {
            var h = try s.initial(state?.h, layer: l), c = try s.initial(state?.c, layer: l)
            var outputs: [Tensor] = []
            outputs.reserveCapacity(s.steps)
            for t in 0..<s.steps {
                let hc = try Tensor.lstmCell(try s.step(layerInput, t), h: h, c: c, weightIH: p.weightIH, weightHH: p.weightHH,
                                             biasIH: p.biasIH, biasHH: p.biasHH)
                h = try hc.slice(axis: 1, start: 0, end: hiddenSize)
                c = try hc.slice(axis: 1, start: hiddenSize, end: 2 * hiddenSize)
                outputs.append(h)
            }
            var seq = try s.sequence(outputs)
            if l < numLayers - 1, dropout > 0 { seq = try seq.dropout(p: dropout, training: training) }
            layerInput = seq
            hN.append(h)
            cN.append(c)
        }
        return (try s.output(layerInput), (try s.finalState(hN), try s.finalState(cN)))
    }
}
