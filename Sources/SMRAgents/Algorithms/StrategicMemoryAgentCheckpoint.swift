import SMRNeural
import SMRTensor

/// The Strategic Memory Retrieval agent's checkpoint: everything the next episode and
/// update depend on, so a loaded agent acts and learns exactly as the saved one would.
///
/// - tensors: the policy's parameters and buffers (memory included) under their PyTorch
///   names, the auxiliary heads under `aux_modules.<i>.` (the reference keeps them in a plain
///   list, outside the policy's `state_dict`), the RND networks under `rnd.`, and the memory's stored
///   entries under `memory_entries.<i>.trajectory` / `.embedding` (+ `memory_last_attention`);
/// - optimizers: the agent's Adam, and the RND predictor's under the extra name `rnd`;
/// - metadata: the entries' outcomes and slots, the reward normaliser, the visit counts,
///   the episode statistics (doubles in Swift's round-trip text, so they load exactly).
///
/// Loading validates all of it against this agent before anything changes.
extension StrategicMemoryAgent {
    static let checkpointKind = "StrategicMemoryAgent"
    private static let rndPrefix = "rnd."
    private static let auxPrefix = "aux_modules."
    private static let entryPrefix = "memory_entries."
    private static let attentionName = "memory_last_attention"

    /// Writes the agent's whole training state atomically (temporary file, fsync, rename).
    public func save(to path: String) throws {
        var records = Checkpoint(model: policy).tensors
        var metadata = ["agent": Self.checkpointKind, "training_episodes": String(trainingEpisodes),
                        "episode_rewards": Self.text(Array(episodeRewards)),
                        "episode_lengths": episodeLengths.map(String.init).joined(separator: " "),
                        "reward_normalizer": Self.text([rewardNormalizer.mean, rewardNormalizer.variance, rewardNormalizer.count]),
                        "state_visits": stateCounter.visits.map { k, v in k.map(String.init).joined(separator: ",") + "=\(v)" }
                            .sorted().joined(separator: ";")]
        for (i, aux) in policy.auxModules.enumerated() {
            records += Checkpoint(model: aux).tensors.map { var r = $0; r.name = Self.auxPrefix + "\(i)." + r.name; return r }
        }
        var extra: [String: OptimizerState] = [:]
        if let rnd, let rndOptimizer {
            records += Checkpoint(model: rnd).tensors.map { var r = $0; r.name = Self.rndPrefix + r.name; return r }
            extra["rnd"] = rndOptimizer.stateDict()
        }
        if let memory {
            metadata["memory_entries"] = String(memory.entries.count)
            for (i, e) in memory.entries.enumerated() {
                let p = Self.entryPrefix + "\(i)."
                records.append(.init(name: p + "trajectory", shape: [e.trajectory.count, memory.tokenWidth],
                                     values: e.trajectory.flatMap { $0 }, isBuffer: true))
                records.append(.init(name: p + "embedding", shape: [e.embedding.count], values: e.embedding, isBuffer: true))
                metadata[p + "outcome"] = Self.text([e.outcome])
                metadata[p + "slot"] = String(e.slot)
            }
            if let a = memory.lastAttention {
                records.append(.init(name: Self.attentionName, shape: [a.count], values: a, isBuffer: true))
            }
        }
        try Checkpoint(tensors: records, optimizer: optimizer.stateDict(), metadata: metadata, extraOptimizers: extra)
            .write(to: path)
    }

    /// Loads a checkpoint written by `save`; a corrupt, truncated, foreign or mismatched file
    /// is refused with a `CheckpointError` naming it, and leaves the agent unchanged.
    public func load(from path: String) throws {
        let c = try Checkpoint.read(from: path)
        func malformed(_ reason: String) -> CheckpointError { .malformed(path: path, reason: reason) }
        guard c.metadata["agent"] == Self.checkpointKind else {
            throw malformed("not a StrategicMemoryAgent checkpoint (agent: \(c.metadata["agent"] ?? "none"))")
        }
        let isState = { (n: String) in
            n.hasPrefix(Self.rndPrefix) || n.hasPrefix(Self.auxPrefix) || n.hasPrefix(Self.entryPrefix) || n == Self.attentionName
        }
        let policyPart = Checkpoint(tensors: c.tensors.filter { !isState($0.name) }, optimizer: c.optimizer)
        try policyPart.validate(against: policy, optimizer: optimizer, path: path)
        func records(under prefix: String) -> [Checkpoint.TensorRecord] {
            c.tensors.filter { $0.name.hasPrefix(prefix) }.map { var r = $0; r.name = String(r.name.dropFirst(prefix.count)); return r }
        }
        let auxParts = try policy.auxModules.enumerated().map { i, aux in
            let part = Checkpoint(tensors: records(under: Self.auxPrefix + "\(i)."))
            try part.validate(against: aux, path: path)
            return (aux, part)
        }
        let savedAux = Set(c.tensors.filter { $0.name.hasPrefix(Self.auxPrefix) }.compactMap {
            $0.name.dropFirst(Self.auxPrefix.count).split(separator: ".").first.flatMap { Int($0) }
        })
        guard savedAux.allSatisfy({ $0 < policy.auxModules.count }) else {
            throw malformed("it holds \(savedAux.count) auxiliary heads, this agent has \(policy.auxModules.count)")
        }

        let rndRecords = records(under: Self.rndPrefix)
        var rndPart: Checkpoint?
        if let rnd, let rndOptimizer {
            let part = Checkpoint(tensors: rndRecords, optimizer: c.extraOptimizers["rnd"])
            try part.validate(against: rnd, optimizer: rndOptimizer, path: path)
            rndPart = part
        } else if !rndRecords.isEmpty {
            throw malformed("it was saved with use_rnd=True, this agent has no RND module")
        }

        let (entries, attention) = try savedEntries(c, path: path)
        if let memory {
            do { try memory.checkRestorable(entries, lastAttention: attention) } catch { throw malformed("\(error)") }
        } else if !entries.isEmpty {
            throw malformed("it holds \(entries.count) memory entries, this agent has no memory")
        }
        guard let episodes = c.metadata["training_episodes"].flatMap(Int.init), episodes >= 0 else {
            throw malformed("training_episodes is missing or not a count")
        }
        let rewards = try Self.doubles(c.metadata["episode_rewards"], "episode_rewards", path)
        let lengths = try (c.metadata["episode_lengths"] ?? "").split(separator: " ").map {
            guard let n = Int($0), n >= 0 else { throw malformed("episode_lengths holds '\($0)'") }
            return n
        }
        let normalizer = try Self.doubles(c.metadata["reward_normalizer"], "reward_normalizer", path)
        guard normalizer.count == 3 else { throw malformed("reward_normalizer needs mean, variance and count") }
        let visits = try Self.visits(c.metadata["state_visits"] ?? "", path)

        // Everything fits: apply (the parts were validated, so these do not fail half-way).
        try policyPart.apply(to: policy, optimizer: optimizer, path: path)
        for (aux, part) in auxParts { try part.apply(to: aux, path: path) }
        if let rnd, let rndOptimizer, let rndPart { try rndPart.apply(to: rnd, optimizer: rndOptimizer, path: path) }
        try memory?.restore(entries, lastAttention: attention)
        trainingEpisodes = episodes
        episodeRewards = CompactHistory(rewards)
        episodeLengths = CompactHistory(lengths)
        rewardNormalizer = RewardNormalizer(mean: normalizer[0], variance: normalizer[1], count: normalizer[2],
                                            epsilon: rewardNormalizer.epsilon)
        stateCounter = StateCounter(visits: visits)
    }

    /// The memory entries recorded in `c`, in slot order.
    private func savedEntries(_ c: Checkpoint, path: String) throws -> ([MemoryEntry], [Float]?) {
        func malformed(_ reason: String) -> CheckpointError { .malformed(path: path, reason: reason) }
        var byName: [String: Checkpoint.TensorRecord] = [:]
        for t in c.tensors where t.name.hasPrefix(Self.entryPrefix) || t.name == Self.attentionName { byName[t.name] = t }
        let count = Int(c.metadata["memory_entries"] ?? "0") ?? -1
        guard count >= 0 else { throw malformed("memory_entries is not a count") }
        var entries: [MemoryEntry] = []
        for i in 0..<count {
            let p = Self.entryPrefix + "\(i)."
            guard let trajectory = byName[p + "trajectory"], trajectory.shape.count == 2,
                  let embedding = byName[p + "embedding"],
                  let outcome = try Self.doubles(c.metadata[p + "outcome"], p + "outcome", path).first,
                  let slot = c.metadata[p + "slot"].flatMap(Int.init) else {
                throw malformed("memory entry \(i) is incomplete")
            }
            let width = trajectory.shape[1]
            let rows = width == 0 ? [] : stride(from: 0, to: trajectory.values.count, by: width).map {
                Array(trajectory.values[$0..<($0 + width)])
            }
            entries.append(MemoryEntry(trajectory: rows, outcome: outcome, embedding: embedding.values, slot: slot))
        }
        let expected = 2 * count + (byName[Self.attentionName] == nil ? 0 : 1)
        guard byName.count == expected else { throw malformed("memory entries beyond memory_entries=\(count)") }
        return (entries, byName[Self.attentionName]?.values)
    }

    private static func text(_ xs: [Double]) -> String { xs.map { "\($0)" }.joined(separator: " ") }

    private static func doubles(_ s: String?, _ key: String, _ path: String) throws -> [Double] {
        guard let s else { throw CheckpointError.malformed(path: path, reason: "\(key) is missing") }
        return try s.split(separator: " ").map {
            guard let x = Double($0) else { throw CheckpointError.malformed(path: path, reason: "\(key) holds '\($0)'") }
            return x
        }
    }

    private static func visits(_ s: String, _ path: String) throws -> [[Int64]: Int] {
        var out: [[Int64]: Int] = [:]
        for item in s.split(separator: ";") {
            let parts = item.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 2, let n = Int(parts[1]), n > 0 else {
                throw CheckpointError.malformed(path: path, reason: "state_visits holds '\(item)'")
            }
            let key = try parts[0].split(separator: ",").map {
                guard let k = Int64($0) else { throw CheckpointError.malformed(path: path, reason: "state_visits holds '\(item)'") }
                return k
            }
            out[key] = n
        }
        return out
    }
}
