import Foundation
import SMRNeural
import SMRTensor

/// The Strategic Memory Retrieval policy's episode, computed incrementally with exactly the
/// straightforward forward's results and dropout draws:
///
/// - the policy encoder reads only its final token each step, over cached keys and values
///   (the inputs `embed(obs_i) + pos_i` never change within an episode);
/// - the memory's context encoder recomputes every row each step (its output is mean-pooled
///   and attention is bidirectional) but projects each context token once;
/// - `backward` is hand-written: the row-wise parts of all steps in single GEMMs, attention
///   step by step, projections once per episode.
///
/// Weights are read at `begin` and must not change until `backward` (the agent updates once
/// per episode, after it). The heads (policy, value, auxiliary) stay tensor ops on the stacked
/// features, so their gradients come from autograd.
final class IncrementalPolicyEngine {
    let policy: StrategicMemoryTransformerPolicy
    private let policyEncoder = IncrementalEncoder()
    private let memoryEncoder = IncrementalEncoder()
    private let policyLayer: TransformerEncoderLayer
    private let memoryLayer: TransformerEncoderLayer?
    private var policyWeights: EncoderLayerWeights?
    private var memoryWeights: EncoderLayerWeights?

    /// Per-episode state.
    private var observations: [Float] = []
    private var contextTokens: [Float] = []
    private var memoryMatrix: [Float] = []
    private var memoryCount = 0
    /// Stacked features `[T, 2E]`: the final token's encoding, then the memory readout.
    private(set) var features: [Float] = []
    /// Per retrieval: the step and the attention over the memory.
    private var retrievals: [(step: Int, attention: [Float])] = []
    private(set) var steps = 0
    private let rowScratch = FloatBuffer(), tokenScratch = FloatBuffer()

    /// An engine for the policy, or nil when its layers are not the kind the engine reproduces
    /// (the agent then uses the straightforward forward).
    init?(policy: StrategicMemoryTransformerPolicy) {
        guard policy.transformer.layers.count == 1, policy.transformer.norm == nil,
              let layer = policy.transformer.layers.first, LayerDropout.supports(layer),
              EncoderLayerWeights(layer) != nil else { return nil }
        self.policy = policy
        policyLayer = layer
        if let memory = policy.memory {
            guard memory.encoder.layers.count == 1, memory.encoder.norm == nil, memory.actionDim == 1,
                  let m = memory.encoder.layers.first, LayerDropout.supports(m), EncoderLayerWeights(m) != nil,
                  memory.embeddingProj.bias != nil else { return nil }
            memoryLayer = m
        } else {
            memoryLayer = nil
        }
        guard policy.embed.bias != nil else { return nil }
    }

    var memDim: Int { policy.memDim }

    /// Starts an episode: snapshots the weights and the memory's stored embeddings.
    func begin() {
        let e = memDim
        policyWeights = EncoderLayerWeights(policyLayer)
        if let w = policyWeights { policyEncoder.begin(w) }
        if let memoryLayer, let memory = policy.memory {
            memoryWeights = EncoderLayerWeights(memoryLayer)
            if let w = memoryWeights { memoryEncoder.begin(w) }
            memoryCount = memory.entries.count
            memoryMatrix = memory.entries.flatMap(\.embedding)
        } else {
            memoryWeights = nil
            memoryCount = 0
            memoryMatrix = []
        }
        observations.removeAll(keepingCapacity: true)
        contextTokens.removeAll(keepingCapacity: true)
        features.removeAll(keepingCapacity: true)
        retrievals.removeAll(keepingCapacity: true)
        steps = 0
        rowScratch.reserve(StrategicMemoryTransformerPolicy.maxPositions * e)
    }

    /// One step: appends `obs` (with the previous step's action and reward for the memory's
    /// context token), draws dropout as the straightforward forward does, and returns the
    /// step's features `[2E]`. Retrieval happens from the second step on, when the memory
    /// holds entries — as in the agent's straightforward rollout.
    func step(observation obs: [Float], previousAction: Float, previousReward: Float) throws -> [Float] {
        let e = memDim, t = steps
        try policy.validate(steps: t + 1, width: obs.count)
        observations += obs
        // Policy token: embed(obs) + pos_embed[t].
        var x = Self.linearRow(obs, weight: policy.embed.weight.data, bias: policy.embed.bias?.data, outputs: e)
        let pos = policy.posEmbed.weight.data
        for j in 0..<e { x[j] += pos[t * e + j] }
        policyEncoder.append(x)
        // The policy reads its final token only: the other rows' mask elements are skipped.
        let dropout = LayerDropout.draw(for: policyLayer, tokens: policyEncoder.tokenCount,
                                        usedFrom: policyEncoder.tokenCount - 1, generator: &GlobalRandom.generator)
        var feat = [Float](filled: 0, count: 2 * e)
        feat.withUnsafeMutableBufferPointer { f in
            guard let base = f.baseAddress else { return }
            policyEncoder.forward(from: t, dropout: dropout, record: true, into: base)
        }
        // Memory context token (obs_t, a_{t-1}, r_{t-1}).
        if let memoryLayer, let memory = policy.memory {
            let token = obs + [previousAction, previousReward]
            contextTokens += token
            memoryEncoder.append(Self.linearRow(token, weight: memory.embeddingProj.weight.data,
                                                bias: memory.embeddingProj.bias?.data, outputs: e))
            if t >= 1 && memoryCount > 0 {
                let d = LayerDropout.draw(for: memoryLayer, tokens: memoryEncoder.tokenCount, generator: &GlobalRandom.generator)
                let context = encodeContext(dropout: d, record: true)
                let attention = attend(context)
                for j in 0..<e {
                    var s: Float = 0
                    for n in 0..<memoryCount { s += attention[n] * memoryMatrix[n * e + j] }
                    feat[e + j] = s
                }
                retrievals.append((t, attention))
            }
        }
        features += feat
        steps += 1
        return feat
    }

    /// Mean over the memory encoder's rows for all context tokens so far.
    private func encodeContext(dropout: LayerDropout, record: Bool) -> [Float] {
        let e = memDim, n = memoryEncoder.tokenCount
        rowScratch.reserve(n * e)
        memoryEncoder.forward(from: 0, dropout: dropout, record: record, into: rowScratch.pointer)
        var context = [Float](filled: 0, count: e)
        for r in 0..<n { for j in 0..<e { context[j] += rowScratch.pointer[r * e + j] } }
        for j in 0..<e { context[j] /= Float(n) }
        return context
    }

    /// `softmax(M·c)` over the stored embeddings.
    private func attend(_ c: [Float]) -> [Float] {
        let e = memDim
        var logits = (0..<memoryCount).map { n in (0..<e).reduce(Float(0)) { $0 + memoryMatrix[n * e + $1] * c[$1] } }
        let m = logits.max() ?? 0
        var total: Float = 0
        for i in logits.indices { logits[i] = exp(logits[i] - m); total += logits[i] }
        return logits.map { $0 / total }
    }

    /// The attention of the episode's last retrieval (what the memory keeps as `last_attn`).
    var lastAttention: [Float]? { retrievals.last?.attention }

    /// The whole episode's context encoded once more with fresh dropout (as `add_entry`
    /// encodes the trajectory under no_grad), for storing in the memory.
    func finalContextEmbedding() -> [Float]? {
        guard let memoryLayer, memoryEncoder.tokenCount > 0 else { return nil }
        let d = LayerDropout.draw(for: memoryLayer, tokens: memoryEncoder.tokenCount, generator: &GlobalRandom.generator)
        return encodeContext(dropout: d, record: false)
    }

    /// Forgets the weight snapshots (call before the optimizer step: holding them would make
    /// the step copy every weight array).
    func release() {
        policyWeights = nil
        memoryWeights = nil
        policyEncoder.release()
        memoryEncoder.release()
    }

    /// The hand-written backward: `dFeatures` `[T, 2E]` (the stacked features' gradient)
    /// becomes the encoders', embeddings' and projections' parameter gradients, added to the
    /// tensors' `grad` (the memory's only when a retrieval happened, as autograd leaves
    /// unused parameters without one). Returns the tensors it wrote when all their gradients
    /// were finite, checked while hot in cache; none when one was not (the full check then
    /// finds and names it).
    @discardableResult
    func backward(_ dFeatures: [Float]) throws -> [Tensor] {
        let e = memDim, t = steps, obsDim = policy.obsDim
        guard dFeatures.count == t * 2 * e, t > 0, policyWeights != nil else {
            throw AgentError("StrategicMemoryAgent", "internal: feature gradients do not match the episode")
        }
        // Policy encoder: one recorded row per step.
        var dOut = [Float](filled: 0, count: t * e)
        for s in 0..<t { for j in 0..<e { dOut[s * e + j] = dFeatures[s * 2 * e + j] } }
        let dInputs = try policyEncoder.backward(&dOut)
        var checked = policyEncoder.finiteGradients
        var finite = !checked.isEmpty
        let (dEmbedW, dEmbedB) = Self.linearGradients(dInputs, inputs: observations, rows: t, width: obsDim, outputs: e)
        var dPos = [Float](filled: 0, count: StrategicMemoryTransformerPolicy.maxPositions * e)
        for i in 0..<(t * e) { dPos[i] = dInputs[i] }
        finite = try EncoderLayerGradients.accumulate(dEmbedW, into: policy.embed.weight) && finite
        checked.append(policy.embed.weight)
        if let b = policy.embed.bias {
            finite = try EncoderLayerGradients.accumulate(dEmbedB, into: b) && finite
            checked.append(b)
        }
        finite = try EncoderLayerGradients.accumulate(dPos, into: policy.posEmbed.weight) && finite
        checked.append(policy.posEmbed.weight)
        try memoryBackward(dFeatures, checked: &checked, finite: &finite)
        return finite ? checked : []
    }

    private func memoryBackward(_ dFeatures: [Float], checked: inout [Tensor], finite: inout Bool) throws {
        guard !retrievals.isEmpty, let memory = policy.memory, memoryWeights != nil else { return }
        let e = memDim, n = memoryCount
        var dOut = [Float](filled: 0, count: memoryEncoder.rowCount * e)
        var row = 0
        for (s, attention) in retrievals {
            // readout = aᵀM, a = softmax(M·c), c = mean of the s+1 rows.
            var dA = [Float](filled: 0, count: n)
            for k in 0..<n { for j in 0..<e { dA[k] += memoryMatrix[k * e + j] * dFeatures[s * 2 * e + e + j] } }
            let dot = zip(attention, dA).reduce(Float(0)) { $0 + $1.0 * $1.1 }
            var dc = [Float](filled: 0, count: e)
            for k in 0..<n {
                let dl = attention[k] * (dA[k] - dot)
                for j in 0..<e { dc[j] += memoryMatrix[k * e + j] * dl }
            }
            let rows = s + 1, inv = 1 / Float(rows)
            for r in 0..<rows { for j in 0..<e { dOut[(row + r) * e + j] = dc[j] * inv } }
            row += rows
        }
        let dInputs = try memoryEncoder.backward(&dOut)
        if memoryEncoder.finiteGradients.isEmpty { finite = false }
        checked += memoryEncoder.finiteGradients
        let (dW, dB) = Self.linearGradients(dInputs, inputs: contextTokens, rows: memoryEncoder.tokenCount,
                                            width: memory.tokenWidth, outputs: e)
        finite = try EncoderLayerGradients.accumulate(dW, into: memory.embeddingProj.weight) && finite
        checked.append(memory.embeddingProj.weight)
        if let b = memory.embeddingProj.bias {
            finite = try EncoderLayerGradients.accumulate(dB, into: b) && finite
            checked.append(b)
        }
    }

    /// `W·x + b` for one input row (`W` `[outputs, x.count]`).
    static func linearRow(_ x: [Float], weight w: [Float], bias: [Float]?, outputs: Int) -> [Float] {
        (0..<outputs).map { j in
            var s = bias?[j] ?? 0
            for k in 0..<x.count { s += w[j * x.count + k] * x[k] }
            return s
        }
    }

    /// The weight and bias gradients of a linear map `y = x·Wᵀ + b` (`W` `[outputs, width]`)
    /// from the outputs' gradients `[rows, outputs]` and its inputs `[rows, width]`.
    static func linearGradients(_ dY: [Float], inputs x: [Float], rows: Int, width: Int, outputs: Int) -> ([Float], [Float]) {
        var dW = [Float](filled: 0, count: outputs * width), dB = [Float](filled: 0, count: outputs)
        for r in 0..<rows {
            for j in 0..<outputs {
                let g = dY[r * outputs + j]
                dB[j] += g
                for k in 0..<width { dW[j * width + k] += g * x[r * width + k] }
            }
        }
        return (dW, dB)
    }
}
