import SMRNeural
import SMRTensor

/// One stored experience of a `StrategicMemoryBuffer`: the episode's tokens
/// `[obs…, previous action, previous reward]`, its outcome (the episode's return) and its
/// detached embedding.
public struct MemoryEntry: Sendable {
    /// One row per step: the observation, then the action and reward of the step before.
    public var trajectory: [[Float]]
    /// The episode's total reward.
    public var outcome: Double
    /// The trajectory's encoding at insertion time (no gradient flows into it).
    public var embedding: [Float]
    /// The usefulness slot this entry occupies.
    public var slot: Int
}

/// The episodic memory of the Strategic Memory Retrieval agent (the reference's
/// `StrategicMemoryBuffer(obs_dim, action_dim, mem_dim=32, max_entries=100)`):
///
/// - each trajectory is encoded by `embedding_proj` (Linear(obs+action+1 → mem_dim)) and a
///   one-layer `TransformerEncoder` (nhead 2, PyTorch defaults: feed-forward 2048, dropout 0.1,
///   post-norm), mean-pooled over time;
/// - `add_entry` fills free slots in order, then overwrites the slot of least usefulness;
/// - `retrieve(context)` soft-attends over the stored embeddings with the context's encoding;
/// - `usefulness_vec` (zeros, one per slot) is trained towards `attention × outcome`
///   (`usefulness_loss`), which decides what is forgotten.
///
/// Parameter names follow PyTorch: `usefulness_vec`, `embedding_proj.*`, `encoder.layers.0.*`.
public final class StrategicMemoryBuffer: Module {
    public let obsDim: Int, actionDim: Int, memDim: Int, maxEntries: Int
    public let embeddingProj: Linear
    public let encoder: TransformerEncoder
    public let usefulnessVec: Tensor
    /// Stored entries, in slot order.
    public private(set) var entries: [MemoryEntry] = []
    /// Attention weights of the last retrieval (nil before any, or when the memory was empty).
    public internal(set) var lastAttention: [Float]?

    /// Width of a trajectory token: observation, action, reward.
    public var tokenWidth: Int { obsDim + actionDim + 1 }

    public init(obsDim: Int, actionDim: Int = 1, memDim: Int = 32, maxEntries: Int = 100, nhead: Int = 2,
                dropout: Float = 0.1, generator: inout RandomGenerator) throws {
        guard obsDim > 0 else { throw AgentError("StrategicMemoryBuffer", "obs_dim must be positive, got \(obsDim)") }
        guard actionDim > 0 else { throw AgentError("StrategicMemoryBuffer", "action_dim must be positive, got \(actionDim)") }
        guard memDim > 0, memDim % nhead == 0 else {
            throw AgentError("StrategicMemoryBuffer", "mem_dim must be a positive multiple of \(nhead) (the encoder's heads), got \(memDim)")
        }
        guard maxEntries >= 1 else { throw AgentError("StrategicMemoryBuffer", "max_entries must be at least 1, got \(maxEntries)") }
        self.obsDim = obsDim
        self.actionDim = actionDim
        self.memDim = memDim
        self.maxEntries = maxEntries
        embeddingProj = try Linear(obsDim + actionDim + 1, memDim, generator: &generator)
        let layer = try TransformerEncoderLayer(dModel: memDim, nhead: nhead, dropout: dropout, batchFirst: true, generator: &generator)
        encoder = try TransformerEncoder(layer, numLayers: 1)
        usefulnessVec = try Initialization.constant([maxEntries], value: 0)
        super.init()
        register(module: embeddingProj, as: "embedding_proj")
        register(module: encoder, as: "encoder")
        register(parameter: usefulnessVec, as: "usefulness_vec")
    }

    public convenience init(obsDim: Int, actionDim: Int = 1, memDim: Int = 32, maxEntries: Int = 100) throws {
        try self.init(obsDim: obsDim, actionDim: actionDim, memDim: memDim, maxEntries: maxEntries, generator: &GlobalRandom.generator)
    }

    /// Throws unless `entries` (and `lastAttention`) fit this memory: at most `maxEntries`,
    /// tokens of `tokenWidth`, embeddings of `memDim`, distinct slots below `maxEntries`.
    public func checkRestorable(_ entries: [MemoryEntry], lastAttention: [Float]?) throws {
        guard entries.count <= maxEntries else {
            throw AgentError("StrategicMemoryBuffer", "\(entries.count) entries do not fit max_entries=\(maxEntries)")
        }
        var slots = Set<Int>()
        for (i, e) in entries.enumerated() {
            guard !e.trajectory.isEmpty, e.trajectory.allSatisfy({ $0.count == tokenWidth }) else {
                throw AgentError("StrategicMemoryBuffer", "entry \(i): trajectory rows must have \(tokenWidth) values")
            }
            guard e.embedding.count == memDim else {
                throw AgentError("StrategicMemoryBuffer", "entry \(i): embedding has \(e.embedding.count) values, mem_dim is \(memDim)")
            }
            guard e.slot >= 0, e.slot < maxEntries, slots.insert(e.slot).inserted else {
                throw AgentError("StrategicMemoryBuffer", "entry \(i): slot \(e.slot) is out of range or used twice")
            }
        }
        if let a = lastAttention, a.count > maxEntries {
            throw AgentError("StrategicMemoryBuffer", "last attention has \(a.count) weights for \(maxEntries) slots")
        }
    }

    /// Replaces the stored entries (a checkpoint's); validated by `checkRestorable` first.
    public func restore(_ entries: [MemoryEntry], lastAttention: [Float]?) throws {
        try checkRestorable(entries, lastAttention: lastAttention)
        self.entries = entries
        self.lastAttention = lastAttention
    }

    /// Forgets every entry; the usefulness parameters stay.
    public func reset() {
        entries = []
        lastAttention = nil
    }

    /// The encoding of a trajectory `[T, tokenWidth]`: projection, encoder, mean over time.
    public func encode(_ tokens: [[Float]]) throws -> Tensor {
        guard !tokens.isEmpty else { throw AgentError("StrategicMemoryBuffer", "cannot encode an empty trajectory") }
        for (i, row) in tokens.enumerated() where row.count != tokenWidth {
            throw AgentError("StrategicMemoryBuffer", "trajectory step \(i) has \(row.count) values; expected \(tokenWidth) (obs_dim \(obsDim) + action_dim \(actionDim) + reward)")
        }
        let x = try Tensor(tokens.flatMap { $0 }, shape: [1, tokens.count, tokenWidth])
        let encoded = try encoder.forward(embeddingProj.forward(x))
        return try encoded.mean(axes: [1]).reshape([memDim])
    }

    /// Stores a trajectory and its outcome: in the next free slot, or when full over the slot
    /// with the lowest usefulness (the first on ties). Returns the slot used.
    @discardableResult
    public func addEntry(trajectory: [[Float]], outcome: Double) throws -> Int {
        let embedding = try GradMode.noGrad { try encode(trajectory) }.data
        return try addEntry(trajectory: trajectory, outcome: outcome, embedding: embedding)
    }

    /// Stores an entry whose embedding is already computed (the agent's incremental path).
    @discardableResult
    public func addEntry(trajectory: [[Float]], outcome: Double, embedding: [Float]) throws -> Int {
        guard embedding.count == memDim else {
            throw AgentError("StrategicMemoryBuffer", "an embedding needs \(memDim) values, got \(embedding.count)")
        }
        if entries.count < maxEntries {
            entries.append(MemoryEntry(trajectory: trajectory, outcome: outcome, embedding: embedding, slot: entries.count))
            return entries.count - 1
        } else {
            let u = usefulnessVec.data
            var worst = 0
            for i in 1..<maxEntries where u[i] < u[worst] { worst = i }
            entries[worst] = MemoryEntry(trajectory: trajectory, outcome: outcome, embedding: embedding, slot: worst)
            return worst
        }
    }

    /// The stored embeddings `[N, mem_dim]` as one detached tensor (nil when empty).
    public func embeddingMatrix() throws -> Tensor? {
        guard !entries.isEmpty else { return nil }
        return try Tensor(entries.flatMap(\.embedding), shape: [entries.count, memDim])
    }

    /// Soft attention over the entries with the context's encoding: returns the readout
    /// `Σ softmax(M·c)ᵢ Mᵢ` (`[mem_dim]`, differentiable through the context encoding) and
    /// the attention `[N]`, or zeros and nil when the memory is empty. Sets `lastAttention`.
    public func retrieve(context tokens: [[Float]]) throws -> (readout: Tensor, attention: Tensor?) {
        guard let memory = try embeddingMatrix() else {
            lastAttention = nil
            return (Tensor([Float](filled: 0, count: memDim)), nil)
        }
        let context = try encode(tokens)
        let logits = try memory.matmul(context.reshape([memDim, 1])).reshape([entries.count])
        let attention = try logits.softmax(axis: 0)
        let readout = try attention.reshape([1, entries.count]).matmul(memory).reshape([memDim])
        lastAttention = attention.data
        return (readout, attention)
    }

    /// `mean((usefulness[slots] − attention·reward)²)` over the stored entries; the attention is
    /// treated as a constant. Zero (no gradient) when the memory is empty.
    public func usefulnessLoss(attention: [Float], reward: Double) throws -> Tensor {
        let n = entries.count
        guard n > 0 else { return Tensor(scalar: 0) }
        guard attention.count == n else {
            throw AgentError("usefulness_loss", "attention has \(attention.count) weights but the memory holds \(n) entries")
        }
        let used = try usefulnessVec.indexSelect(axis: 0, indices: entries.map(\.slot))
        let targets = Tensor(attention.map { $0 * Float(reward) })
        return try used.mseLoss(targets)
    }

    /// The parameters the retention loss trains (`[usefulness_vec]`).
    public func usefulnessParameters() -> [Tensor] { [usefulnessVec] }
}
