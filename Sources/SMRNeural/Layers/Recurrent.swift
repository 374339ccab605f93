import SMRTensor

/// The weights of a PyTorch RNN cell with `gates` gates, all U(−1/√hidden, 1/√hidden),
/// registered as `weight_ih`, `weight_hh`, `bias_ih`, `bias_hh` on `module`.
struct RecurrentCellWeights {
    let weightIH: Tensor, weightHH: Tensor
    let biasIH: Tensor?, biasHH: Tensor?

    init(layer: String, gates: Int, inputSize: Int, hiddenSize: Int, bias: Bool, generator: inout RandomGenerator) throws {
        guard inputSize > 0, hiddenSize > 0 else { throw LayerError(layer, "input_size and hidden_size must be positive") }
        guard !gates.multipliedReportingOverflow(by: hiddenSize).overflow else {
            throw TensorError.outOfMemory(op: layer, shape: [gates, hiddenSize, max(inputSize, hiddenSize)])
        }
        let k = 1 / Double(hiddenSize).squareRoot()
        weightIH = try Initialization.uniform([gates * hiddenSize, inputSize], bound: k, generator: &generator)
        weightHH = try Initialization.uniform([gates * hiddenSize, hiddenSize], bound: k, generator: &generator)
        biasIH = bias ? try Initialization.uniform([gates * hiddenSize], bound: k, generator: &generator) : nil
        biasHH = bias ? try Initialization.uniform([gates * hiddenSize], bound: k, generator: &generator) : nil
    }

    /// Registers the four tensors as `weight_ih\(suffix)`, … (`nn.LSTM` uses the suffix `_l0`, …).
    func register(on module: Module, suffix: String = "") {
        module.register(parameter: weightIH, as: "weight_ih" + suffix)
        module.register(parameter: weightHH, as: "weight_hh" + suffix)
        if let biasIH { module.register(parameter: biasIH, as: "bias_ih" + suffix) }
        if let biasHH { module.register(parameter: biasHH, as: "bias_hh" + suffix) }
    }
}

/// `nn.LSTMCell(input_size, hidden_size, bias=True)`: one step; gate order i, f, g, o;
/// all weights U(−1/√hidden, 1/√hidden).
public final class LSTMCell: Module {
    public let inputSize: Int, hiddenSize: Int
    public let weightIH: Tensor, weightHH: Tensor
    public let biasIH: Tensor?, biasHH: Tensor?

    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, generator: inout RandomGenerator) throws {
        let w = try RecurrentCellWeights(layer: "LSTMCell", gates: 4, inputSize: inputSize, hiddenSize: hiddenSize,
                                         bias: bias, generator: &generator)
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        (weightIH, weightHH, biasIH, biasHH) = (w.weightIH, w.weightHH, w.biasIH, w.biasHH)
        super.init()
        w.register(on: self)
    }

    public convenience init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true) throws {
        try self.init(inputSize, hiddenSize, bias: bias, generator: &GlobalRandom.generator)
    }

    /// `(h', c') = cell(x, (h, c))` for `x` `[batch, in]` (or `[in]`); a missing state is zeros.
    public func forward(_ x: Tensor, state: (h: Tensor, c: Tensor)? = nil) throws -> (h: Tensor, c: Tensor) {
        let unbatched = x.rank == 1
        let xb = unbatched ? try x.unsqueeze(0) : x
        let batch = xb.shape[0]
        let zeros = try Tensor.zeros([batch, hiddenSize])
        var h = state?.h ?? zeros, c = state?.c ?? zeros
        if unbatched, state != nil { h = try h.unsqueeze(0); c = try c.unsqueeze(0) }
        let hc = try Tensor.lstmCell(xb, h: h, c: c, weightIH: weightIH, weightHH: weightHH, biasIH: biasIH, biasHH: biasHH)
        var hNew = try hc.slice(axis: 1, start: 0, end: hiddenSize)
        var cNew = try hc.slice(axis: 1, start: hiddenSize, end: 2 * hiddenSize)
        if unbatched { hNew = try hNew.squeeze(0); cNew = try cNew.squeeze(0) }
        return (hNew, cNew)
    }
}

/// `nn.GRUCell(input_size, hidden_size, bias=True)`: gate order r, z, n.
public final class GRUCell: Module {
    public let inputSize: Int, hiddenSize: Int
    public let weightIH: Tensor, weightHH: Tensor
    public let biasIH: Tensor?, biasHH: Tensor?

    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, generator: inout RandomGenerator) throws {
        let w = try RecurrentCellWeights(layer: "GRUCell", gates: 3, inputSize: inputSize, hiddenSize: hiddenSize,
                                         bias: bias, generator: &generator)
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        (weightIH, weightHH, biasIH, biasHH) = (w.weightIH, w.weightHH, w.biasIH, w.biasHH)
        super.init()
        w.register(on: self)
    }

    public convenience init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true) throws {
        try self.init(inputSize, hiddenSize, bias: bias, generator: &GlobalRandom.generator)
    }

    /// `h' = cell(x, h)` for `x` `[batch, in]` (or `[in]`); a missing state is zeros.
    public func forward(_ x: Tensor, state: Tensor? = nil) throws -> Tensor {
        let unbatched = x.rank == 1
        let xb = unbatched ? try x.unsqueeze(0) : x
        var h = try state ?? Tensor.zeros([xb.shape[0], hiddenSize])
        if unbatched, state != nil { h = try h.unsqueeze(0) }
        let out = try Tensor.gruCell(xb, h: h, weightIH: weightIH, weightHH: weightHH, biasIH: biasIH, biasHH: biasHH)
        return unbatched ? try out.squeeze(0) : out
    }
}
