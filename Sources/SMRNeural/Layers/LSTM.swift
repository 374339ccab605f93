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
        guard input.rank == 2 || input.rank == 3, input.shape[input.rank - 1] == inputSize else {
            throw LayerError("LSTM", "expected input [T, batch, \(inputSize)] (or [batch, T, \(inputSize)] with batch_first, or [T, \(inputSize)]), got \(Shape.describe(input.shape))")
        }
        let unbatched = input.rank == 2
        // Work in [batch, T, features].
        let x = unbatched ? try input.unsqueeze(0) : (batchFirst ? input : try input.transpose(0, 1))
        let batch = x.shape[0], steps = x.shape[1]
        let stateShape = unbatched ? [numLayers, hiddenSize] : [numLayers, batch, hiddenSize]
        if let state, state.h.shape != stateShape || state.c.shape != stateShape {
            throw LayerError("LSTM", "expected h_0 and c_0 of shape \(Shape.describe(stateShape)), got \(Shape.describe(state.h.shape)) and \(Shape.describe(state.c.shape))")
        }
        var layerInput = x
        var hN: [Tensor] = [], cN: [Tensor] = []
        for l in 0..<layers.count {
            let p = layers[l]
            var h: Tensor, c: Tensor
            if let state {
                h = try state.h.select(axis: 0, index: l)
                c = try state.c.select(axis: 0, index: l)
                if unbatched { h = try h.unsqueeze(0); c = try c.unsqueeze(0) }
            } else {
                h = try Tensor.zeros([batch, hiddenSize]); c = h
            }
            var outputs: [Tensor] = []
            outputs.reserveCapacity(steps)
            for t in 0..<steps {
                let xt = steps == 1 ? try layerInput.reshape([batch, layerInput.shape[2]]) : try layerInput.select(axis: 1, index: t)
                let hc = try Tensor.lstmCell(xt, h: h, c: c, weightIH: p.weightIH, weightHH: p.weightHH, biasIH: p.biasIH, biasHH: p.biasHH)
                h = try hc.slice(axis: 1, start: 0, end: hiddenSize)
                c = try hc.slice(axis: 1, start: hiddenSize, end: 2 * hiddenSize)
                outputs.append(h)
            }
            var seq = steps == 1 ? try outputs[0].unsqueeze(1) : try Tensor.stack(outputs, axis: 1)
            if l < numLayers - 1, dropout > 0 { seq = try seq.dropout(p: dropout, training: training) }
            layerInput = seq
            hN.append(h)
            cN.append(c)
        }
        var output = layerInput
        var hOut = numLayers == 1 ? try hN[0].unsqueeze(0) : try Tensor.stack(hN)
        var cOut = numLayers == 1 ? try cN[0].unsqueeze(0) : try Tensor.stack(cN)
        if unbatched {
            output = try output.squeeze(0)
            hOut = try hOut.squeeze(1)
            cOut = try cOut.squeeze(1)
        } else if !batchFirst {
            output = try output.transpose(0, 1)
        }
        return (output, (hOut, cOut))
    }
}
