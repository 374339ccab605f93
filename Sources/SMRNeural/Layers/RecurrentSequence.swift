import SMRTensor

/// The sequence plumbing `nn.LSTM`, `nn.GRU` and `nn.RNN` share: PyTorch's three input layouts
/// (`[T, batch, in]`, `[batch, T, in]` with batch_first, unbatched `[T, in]`) to and from the
/// `[batch, T, features]` the layers work in, and the `[num_layers, batch, hidden]` states.
struct RecurrentSequence {
    let layer: String
    let inputSize: Int, hiddenSize: Int, numLayers: Int
    let batchFirst: Bool
    let unbatched: Bool
    let batch: Int, steps: Int
    /// The input as `[batch, T, in]`.
    let input: Tensor

    init(layer: String, input: Tensor, inputSize: Int, hiddenSize: Int, numLayers: Int, batchFirst: Bool) throws {
        guard input.rank == 2 || input.rank == 3, input.shape[input.rank - 1] == inputSize else {
            throw LayerError(layer, "expected input [T, batch, \(inputSize)] (or [batch, T, \(inputSize)] with batch_first, or [T, \(inputSize)]), got \(Shape.describe(input.shape))")
        }
        self.layer = layer
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.numLayers = numLayers
        self.batchFirst = batchFirst
        unbatched = input.rank == 2
        self.input = unbatched ? try input.unsqueeze(0) : (batchFirst ? input : try input.transpose(0, 1))
        batch = self.input.shape[0]
        steps = self.input.shape[1]
    }

    /// The shape a state tensor (`h_0`, `c_0`) must have.
    var stateShape: [Int] { unbatched ? [numLayers, hiddenSize] : [numLayers, batch, hiddenSize] }

    func checkState(_ states: [(name: String, tensor: Tensor)]) throws {
        for s in states where s.tensor.shape != stateShape {
            throw LayerError(layer, "expected \(s.name) of shape \(Shape.describe(stateShape)), got \(Shape.describe(s.tensor.shape))")
        }
    }

    /// Layer `l`'s slice of a given state as `[batch, hidden]`, or zeros.
    func initial(_ state: Tensor?, layer l: Int) throws -> Tensor {
        guard let state else { return try Tensor.zeros([batch, hiddenSize]) }
        let s = try state.select(axis: 0, index: l)
        return unbatched ? try s.unsqueeze(0) : s
    }

    /// Step `t` of a `[batch, T, features]` sequence as `[batch, features]`.
    func step(_ seq: Tensor, _ t: Int) throws -> Tensor {
        steps == 1 ? try seq.reshape([batch, seq.shape[2]]) : try seq.select(axis: 1, index: t)
    }

    /// Per-step `[batch, hidden]` outputs as one `[batch, T, hidden]` sequence.
    func sequence(_ outputs: [Tensor]) throws -> Tensor {
        outputs.count == 1 ? try outputs[0].unsqueeze(1) : try Tensor.stack(outputs, axis: 1)
    }

    /// The last layer's sequence in the caller's layout.
    func output(_ seq: Tensor) throws -> Tensor {
        unbatched ? try seq.squeeze(0) : (batchFirst ? seq : try seq.transpose(0, 1))
    }

    /// Per-layer final states `[batch, hidden]` as `[num_layers, batch, hidden]` (or unbatched).
    func finalState(_ perLayer: [Tensor]) throws -> Tensor {
        let s = perLayer.count == 1 ? try perLayer[0].unsqueeze(0) : try Tensor.stack(perLayer)
        return unbatched ? try s.squeeze(1) : s
    }

    /// Runs layers with one state each (`nn.RNN`, `nn.GRU`): every layer steps `cell` through
    /// the sequence from its `h_0` (zeros when nil); dropout (training mode) acts on each
    /// layer's output but the last's, as PyTorch's. Returns the output and `h_n`.
    func run(_ layers: [RecurrentCellWeights], state: Tensor?, dropout: Float, training: Bool,
             cell: (RecurrentCellWeights, Tensor, Tensor) throws -> Tensor) throws -> (output: Tensor, state: Tensor) {
        if let state { try checkState([("h_0", state)]) }
        var layerInput = input
        var hN: [Tensor] = []
        for (l, p) in layers.enumerated() {
            var h = try initial(state, layer: l)
            var outputs: [Tensor] = []
            outputs.reserveCapacity(steps)
            for t in 0..<steps {
                h = try cell(p, try step(layerInput, t), h)
                outputs.append(h)
            }
            var seq = try sequence(outputs)
            if l < numLayers - 1, dropout > 0 { seq = try seq.dropout(p: dropout, training: training) }
            layerInput = seq
            hN.append(h)
        }
        return (try output(layerInput), try finalState(hN))
    }
}
