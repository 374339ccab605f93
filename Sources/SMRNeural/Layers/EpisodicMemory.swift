import SMRTensor

/// An RNN controller (LSTM or GRU) with an episodic memory, as in GoodAI's post "Learning in
/// Badger experts improves with episodic memory" (after the MRA of Fortunato et al. 2019).
///
/// The memory is a circular buffer of `memory_size` rows `[x_t, h_t, key_t]` with
/// `key_t = key([x_t, h_t])`. Each step runs write – read – RNN step:
/// 1. write the row of the previous step (its input and the hidden state it produced);
/// 2. read: `q_t = query([x_t, h_{t-1}])`, the `top_k` rows whose keys have the largest dot
///    product with `q_t`, `m_t = Σ s_i · [x_i, h_i]` (or softmax(s) weights);
/// 3. the controller steps on `[x_t, m_t]`.
///
/// It has `nn.LSTM`'s (or, with `.gru`, `nn.GRU`'s) interface: `(output, state) = forward(input, state)`
/// with `input` `[T, batch, in]` (`[batch, T, in]` with batch_first, or `[T, in]`) and
/// `state` `(h, c)` of shape `[1, batch, hidden]`. A nil state starts a new sequence and clears
/// the memory; passing the returned state continues it (the memory persists across calls, so a
/// sequence can be fed one step at a time). Gradients flow through reads into the query and
/// into the stored rows (and so back in time).
///
/// ```swift
/// let mem = try EpisodicMemory(7, 32, memorySize: 112, keySize: 16, topK: 8)
/// let (out, state) = try mem.forward(x)   // x: [112, batch, 7]
/// ```
public final class EpisodicMemory: Module {
    /// The controller's cell type.
    public enum Cell: String, Sendable { case lstm, gru }

    public let inputSize: Int, hiddenSize: Int, memorySize: Int, keySize: Int, topK: Int
    public let cell: Cell
    public let weighting: Tensor.ReadWeighting
    public let batchFirst: Bool
    /// `key([x_t, h_t])` and `query([x_t, h_{t-1}])`.
    public let keyLayer: Linear, queryLayer: Linear
    let controller: RecurrentCellWeights

    /// The stored rows in slot order: key `[batch, key_size]`, value `[x, h]` `[batch, in + hidden]`.
    public var memoryKeys: [Tensor] { get throws { try materializeFusedRows(); return storedKeys } }
    public var memoryValues: [Tensor] { get throws { try materializeFusedRows(); return storedValues } }
    private var storedKeys: [Tensor] = [], storedValues: [Tensor] = []
    /// The input and outputs of the last fused sequence, whose rows are built only when a later
    /// call continues it or they are inspected (training on fresh sequences never needs them).
    private var unbuiltRows: (x: Tensor, hs: Tensor)?
    /// The slot the next write overwrites once the buffer is full.
    public private(set) var nextSlot = 0
    /// The previous step's input and output, written at the start of the next step.
    private var pending: (x: Tensor, h: Tensor)?
    private var memoryBatch: Int?
    /// Run a fresh LSTM sequence (nil state) as one fused op; false forces the step-by-step path.
    public var fusedSequences = true

    /// Length of a stored value `[x, h]`.
    public var valueSize: Int { inputSize + hiddenSize }

    public init(_ inputSize: Int, _ hiddenSize: Int, memorySize: Int = EpisodicMemoryDefaults.memorySize, keySize: Int = EpisodicMemoryDefaults.keySize,
                topK: Int = EpisodicMemoryDefaults.topK, cell: Cell = EpisodicMemoryDefaults.cell,
                weighting: Tensor.ReadWeighting = EpisodicMemoryDefaults.weighting, batchFirst: Bool = false,
                generator: inout RandomGenerator) throws {
        let name = "EpisodicMemory"
        guard inputSize > 0, hiddenSize > 0 else { throw LayerError(name, "input_size and hidden_size must be positive, got \(inputSize), \(hiddenSize)") }
        guard memorySize > 0 else { throw LayerError(name, "memory_size must be positive, got \(memorySize)") }
        guard keySize > 0 else { throw LayerError(name, "key_size must be positive, got \(keySize)") }
        guard topK > 0, topK <= memorySize else { throw LayerError(name, "top_k must be in 1…memory_size (\(memorySize)), got \(topK)") }
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.memorySize = memorySize
        self.keySize = keySize
        self.topK = topK
        self.cell = cell
        self.weighting = weighting
        self.batchFirst = batchFirst
        let valueSize = inputSize + hiddenSize
        keyLayer = try Linear(valueSize, keySize, generator: &generator)
        queryLayer = try Linear(valueSize, keySize, generator: &generator)
        controller = try RecurrentCellWeights(layer: name, gates: cell == .lstm ? 4 : 3, inputSize: inputSize + valueSize,
                                              hiddenSize: hiddenSize, bias: true, generator: &generator)
        super.init()
        register(module: keyLayer, as: "key")
        register(module: queryLayer, as: "query")
        controller.register(on: self, suffix: "_l0")
    }

    public convenience init(_ inputSize: Int, _ hiddenSize: Int, memorySize: Int = EpisodicMemoryDefaults.memorySize, keySize: Int = EpisodicMemoryDefaults.keySize,
                            topK: Int = EpisodicMemoryDefaults.topK, cell: Cell = EpisodicMemoryDefaults.cell,
                            weighting: Tensor.ReadWeighting = EpisodicMemoryDefaults.weighting, batchFirst: Bool = false) throws {
        try self.init(inputSize, hiddenSize, memorySize: memorySize, keySize: keySize, topK: topK, cell: cell,
                      weighting: weighting, batchFirst: batchFirst, generator: &GlobalRandom.generator)
    }

    /// Empties the memory (a new sequence starts); `forward` with a nil state does this itself.
    public func resetMemory() {
        storedKeys = []
        storedValues = []
        unbuiltRows = nil
        nextSlot = 0
        pending = nil
        memoryBatch = nil
    }

    /// Runs the sequence; see the type's documentation for shapes. `state.c` is nil for `.gru`.
    public func forward(_ input: Tensor, state: (h: Tensor, c: Tensor?)? = nil) throws
        -> (output: Tensor, state: (h: Tensor, c: Tensor?)) {
        let name = "EpisodicMemory"
        guard input.rank == 2 || input.rank == 3, input.shape[input.rank - 1] == inputSize else {
            throw LayerError(name, "expected input [T, batch, \(inputSize)] (or [batch, T, \(inputSize)] with batch_first, or [T, \(inputSize)]), got \(Shape.describe(input.shape))")
        }
        let unbatched = input.rank == 2
        let x = unbatched ? try input.unsqueeze(0) : (batchFirst ? input : try input.transpose(0, 1))
        let batch = x.shape[0], steps = x.shape[1]
        let stateShape = unbatched ? [1, hiddenSize] : [1, batch, hiddenSize]
        var h: Tensor, c: Tensor?
        if let state {
            guard state.h.shape == stateShape, cell == .gru || state.c?.shape == stateShape else {
                throw LayerError(name, "expected a state of shape \(Shape.describe(stateShape)) (h\(cell == .lstm ? " and c" : "")), got \(Shape.describe(state.h.shape))")
            }
            if let memoryBatch, memoryBatch != batch {
                throw LayerError(name, "the memory holds a batch of \(memoryBatch) but the input has \(batch); pass no state to start a new sequence")
            }
            h = try state.h.reshape([batch, hiddenSize])
            c = cell == .lstm ? try state.c?.reshape([batch, hiddenSize]) : nil
        } else {
            resetMemory()
            h = try Tensor.zeros([batch, hiddenSize])
            c = cell == .lstm ? h : nil
        }
        memoryBatch = batch
        if state == nil, cell == .lstm, fusedSequences, steps > 0 {
            return try fusedForward(x, unbatched: unbatched, stateShape: stateShape)
        }
        var outputs: [Tensor] = []
        outputs.reserveCapacity(steps)
        for t in 0..<steps {
            let xt = steps == 1 ? try x.reshape([batch, inputSize]) : try x.select(axis: 1, index: t)
            if let (px, ph) = pending { try write(x: px, h: ph) }
            let query = try queryLayer.forward(try Tensor.concat([xt, h], axis: 1))
            let m = try Tensor.topKRead(query: query, keys: storedKeys, values: storedValues, valueSize: valueSize,
                                        topK: topK, weighting: weighting)
            let controllerInput = try Tensor.concat([xt, m], axis: 1)
            switch cell {
            case .lstm:
                let hc = try Tensor.lstmCell(controllerInput, h: h, c: c ?? h, weightIH: controller.weightIH, weightHH: controller.weightHH,
                                             biasIH: controller.biasIH, biasHH: controller.biasHH)
                h = try hc.slice(axis: 1, start: 0, end: hiddenSize)
                c = try hc.slice(axis: 1, start: hiddenSize, end: 2 * hiddenSize)
            case .gru:
                h = try Tensor.gruCell(controllerInput, h: h, weightIH: controller.weightIH, weightHH: controller.weightHH,
                                       biasIH: controller.biasIH, biasHH: controller.biasHH)
            }
            pending = (xt, h)
            outputs.append(h)
        }
        var output = steps == 1 ? try outputs[0].unsqueeze(1) : try Tensor.stack(outputs, axis: 1)
        if unbatched { output = try output.squeeze(0) } else if !batchFirst { output = try output.transpose(0, 1) }
        let hOut = try h.reshape(stateShape)
        let cOut = try c.map { try $0.reshape(stateShape) }
        return (output, (hOut, cOut))
    }

    /// A fresh LSTM sequence as one fused op (`Tensor.episodicLSTMSequence`), then the memory
    /// as the step-by-step path would leave it, so a later call can continue the sequence. The
    /// rows of a fused call are stored as constants: a later call's gradient reaches this call
    /// through the state and the pending row, not through the stored rows.
    private func fusedForward(_ x: Tensor, unbatched: Bool, stateShape: [Int]) throws -> (output: Tensor, state: (h: Tensor, c: Tensor?)) {
        let batch = x.shape[0], steps = x.shape[1]
        guard let bk = keyLayer.bias, let bq = queryLayer.bias, let bih = controller.biasIH, let bhh = controller.biasHH else {
            throw LayerError("EpisodicMemory", "the fused path needs biases")
        }
        let weights = Tensor.EpisodicLSTMWeights(key: keyLayer.weight, keyBias: bk, query: queryLayer.weight, queryBias: bq,
                                                 weightIH: controller.weightIH, weightHH: controller.weightHH, biasIH: bih, biasHH: bhh)
        let packed = try Tensor.episodicLSTMSequence(x, weights: weights, hiddenSize: hiddenSize, memorySize: memorySize,
                                                     topK: topK, weighting: weighting)
        var output = try packed.slice(axis: 1, start: 0, end: steps)
        let h = try packed.select(axis: 1, index: steps - 1), c = try packed.select(axis: 1, index: steps)
        // Rows 0 … T−2 were written (row j in slot j % memory_size); row T−1 is pending.
        storedKeys = []
        storedValues = []
        unbuiltRows = (x, output.detach())
        nextSlot = (steps - 1) % memorySize
        pending = (try x.select(axis: 1, index: steps - 1), h)
        if unbatched { output = try output.squeeze(0) } else if !batchFirst { output = try output.transpose(0, 1) }
        return (output, (try h.reshape(stateShape), try c.reshape(stateShape)))
    }

    /// Builds the rows of the last fused sequence as the step-by-step path would have stored
    /// them (as constants: see `fusedForward`).
    private func materializeFusedRows() throws {
        guard let (x, output) = unbuiltRows else { return }
        unbuiltRows = nil
        try GradMode.noGrad {
            let hs = output, written = x.shape[1] - 1, filled = min(written, memorySize)
            var keys = [Tensor?](repeating: nil, count: filled), values = keys
            for j in (written - filled)..<written {
                let value = try Tensor.concat([try x.select(axis: 1, index: j).detach(), try hs.select(axis: 1, index: j)], axis: 1)
                keys[j % memorySize] = try keyLayer.forward(value)
                values[j % memorySize] = value
            }
            storedKeys = keys.compactMap { $0 }
            storedValues = values.compactMap { $0 }
        }
    }

    /// Appends the row `[x, h, key([x, h])]`, overwriting the oldest row once the buffer is full.
    private func write(x: Tensor, h: Tensor) throws {
        try materializeFusedRows()
        let value = try Tensor.concat([x, h], axis: 1)
        let key = try keyLayer.forward(value)
        if storedKeys.count < memorySize {
            storedKeys.append(key)
            storedValues.append(value)
        } else {
            storedKeys[nextSlot] = key
            storedValues[nextSlot] = value
        }
        nextSlot = (nextSlot + 1) % memorySize
    }
}

/// The defaults of `EpisodicMemory`'s options, in one place for the library and the language.
public enum EpisodicMemoryDefaults {
    public static let memorySize = 64, keySize = 16, topK = 8
    public static let cell = EpisodicMemory.Cell.lstm
    public static let weighting = Tensor.ReadWeighting.softmax
}
