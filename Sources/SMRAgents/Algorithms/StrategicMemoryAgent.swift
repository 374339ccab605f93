import Foundation
import SMREnvironments
import SMRNeural
import SMRTensor

/// Raised by `learn` when its `shouldStop` check asks to stop (Ctrl-C); the agent is left
/// consistent after its last complete update.
public struct TrainingInterrupted: Error, Sendable {
    public let episodes: Int
}

/// The Strategic Memory Retrieval agent (the reference's `StrategicMemoryAgent`): one episode,
/// then one update — an actor-critic step with GAE advantages (policy loss summed over the
/// episode, 0.5·value MSE, 0.1·auxiliary losses, the entropy bonus and the memory's retention
/// loss) by one Adam over the policy's parameters (+ `usefulness_vec` again, as the reference
/// lists it twice: it is stepped twice per update with one shared state). After each episode
/// the trajectory `(obs_i, a_{i-1}, r_{i-1})` is stored in the memory with its return.
///
/// The reference never calls `.eval()`, so dropout is active while acting and evaluating;
/// `evaluate(dropout: false)` offers the deterministic alternative.
public final class StrategicMemoryAgent {
    public let env: any Environment
    public let policy: StrategicMemoryTransformerPolicy
    public var memory: StrategicMemoryBuffer? { policy.memory }
    public let options: StrategicMemoryAgentOptions
    public let optimizer: Adam
    public let rnd: RNDModule?
    public let rndOptimizer: Adam?
    public internal(set) var rewardNormalizer = RewardNormalizer()
    public internal(set) var stateCounter = StateCounter()
    /// Every training episode's return and length, in order, stored compactly (a long run
    /// adds about a byte per episode, not 16; see `CompactHistory`).
    public internal(set) var episodeRewards: CompactHistory<Double> = []
    public internal(set) var episodeLengths: CompactHistory<Int> = []
    /// Updates done so far.
    public internal(set) var trainingEpisodes = 0
    /// The loss terms of the last update `learn` made (nil before the first).
    public private(set) var lastUpdateStatistics: UpdateStatistics?
    /// Where the log box and messages go (default: standard output).
    public var write: (String) -> Void = { print($0, terminator: "") }

    let actionStart: Int
    /// Flattens Box observations and one-hot encodes Discrete ones.
    let observations: ObservationEncoder
    /// The incremental engine (nil with `incremental: false` or a policy it cannot reproduce).
    let engine: IncrementalPolicyEngine?
    /// `predict`'s running context: (obs, previous action, previous reward) per step.
    private var trajectoryBuffer: [(obs: [Float], action: Float, reward: Float)] = []
    private var lastAction = 0
    private var lastReward: Float = 0

    public init(env: any Environment, memory: StrategicMemoryBuffer?, memDim: Int? = nil, nhead: Int = 4,
                auxModules: [AuxiliaryModule] = [], options: StrategicMemoryAgentOptions = .init(),
                generator: inout RandomGenerator) throws {
        guard let discrete = env.actionSpace as? Discrete else {
            throw AgentError("StrategicMemoryAgent", "env: the action space must be Discrete, got \(env.actionSpace)")
        }
        // Box observations of any shape are flattened; Discrete ones are one-hot encoded (as
        // SB3's preprocessing does), so the registry's memory tasks all fit.
        observations = try ObservationEncoder(env.observationSpace, function: "StrategicMemoryAgent")
        let obsDim = observations.size
        guard options.learningRate > 0 else { throw AgentError("StrategicMemoryAgent", "learning_rate must be positive") }
        self.env = env
        self.options = options
        actionStart = discrete.start
        policy = try StrategicMemoryTransformerPolicy(obsDim: obsDim, memDim: memDim ?? memory?.memDim ?? 32, nhead: nhead,
                                                      nActions: discrete.n, memory: memory, auxModules: auxModules,
                                                      generator: &generator)
        var parameters = policy.parameters()
        if options.memoryLearnRetention, let memory { parameters += memory.usefulnessParameters() }
        if options.trainAuxHeads { parameters += auxModules.flatMap { $0.parameters() } }
        optimizer = try Adam(parameters, lr: options.learningRate)
        engine = options.incremental ? IncrementalPolicyEngine(policy: policy) : nil
        if options.useRnd {
            let r = try RNDModule(obsDim: obsDim, embDim: options.rndEmbDim, generator: &generator)
            rnd = r
            rndOptimizer = try Adam(r.predictor.parameters(), lr: options.rndLr)
        } else {
            rnd = nil
            rndOptimizer = nil
        }
    }

    // MARK: rollout

    /// One episode's record: what the update needs.
    struct Episode {
        var observations: [[Float]] = []
        var actions: [Int] = []
        var rewards: [Float] = []
        var logProbs: [Tensor] = []
        var values: [Tensor] = []
        var entropies: [Tensor] = []
        var aux: [String: [Tensor]] = [:]
        var auxTargets: [String: [[Float]]] = [:]
    }

    private func observationValues(_ o: Observation) throws -> [Float] {
        try observations.encode(o.values, function: "StrategicMemoryAgent")
    }

    /// Whether a step ends the episode: termination, and truncation unless the reference's
    /// behaviour (ignore it) was asked for.
    private func episodeEnded(_ step: StepResult) -> Bool {
        step.terminated || (options.endOnTruncation && step.truncated)
    }

    /// A `NumericalFault` for an observation holding a NaN or infinity (cheap: a few values).
    private func refuseNonFinite(observation: [Float], _ name: @autoclosure () -> String) throws {
        guard !FiniteCheck.allFinite(observation) else { return }
        try FiniteCheck.scalar(observation.first { !$0.isFinite } ?? .nan, name(), at: "episode \(trainingEpisodes + 1)")
    }

    /// Runs one training episode with sampled actions, stores it in the memory and trains RND.
    func runEpisode() throws -> Episode {
        var ep = Episode()
        var obs = try observationValues(try env.reset(seed: nil, options: nil).observation)
        try refuseNonFinite(observation: obs, "the first observation")
        let initialCue = obs.first ?? 0
        for aux in policy.auxModules { ep.aux[aux.name] = []; ep.auxTargets[aux.name] = [] }
        var done = false
        engine?.begin()
        while !done {
            ep.observations.append(obs)
            let logits: Tensor
            var out: StrategicMemoryTransformerPolicy.Output?
            if let engine {
                let features = try engine.step(observation: obs, previousAction: ep.actions.last.map(Float.init) ?? 0,
                                               previousReward: ep.rewards.last ?? 0)
                logits = try GradMode.noGrad { try policy.policyHead.forward(Tensor(features)) }
            } else {
                let o = try policy.forward(trajectory: ep.observations,
                                           actions: ep.actions.isEmpty ? nil : ep.actions.map(Float.init),
                                           rewards: ep.rewards.isEmpty ? nil : ep.rewards)
                logits = o.logits
                out = o
            }
            let dist = try Categorical(logits: logits)
            let action = try dist.sampleIndices(generator: &GlobalRandom.generator)[0]
            let entropy = try dist.entropy()
            if let out {
                ep.logProbs.append(try dist.logProb([action]).reshape([]))
                ep.entropies.append(try entropy.reshape([]))
                ep.values.append(out.value)
                for (name, prediction) in out.aux { ep.aux[name, default: []].append(prediction) }
            }
            let step = try env.step(.discrete(actionStart + action))
            let next = try observationValues(step.observation)
            var reward = step.reward
            if options.intrinsicExpl { reward += options.intrinsicEta * stateCounter.intrinsicReward(next) }
            if let rnd {
                let novelty = try GradMode.noGrad { try rnd.novelty(try Tensor(obs, shape: [1, obs.count])) }
                reward += options.intrinsicEta * Double(novelty.data[0])
            }
            // A non-finite reward or observation (a faulty environment) is refused before the
            // policy reads it, the memory stores the episode or anything trains on it.
            try FiniteCheck.scalar(Float(reward), "the reward of step \(ep.actions.count + 1)", at: "episode \(trainingEpisodes + 1)")
            try refuseNonFinite(observation: next, "the observation after step \(ep.actions.count + 1)")
            ep.actions.append(action)
            ep.rewards.append(Float(reward))
            for aux in policy.auxModules {
                let target: [Float]
                switch aux.name {
                case "cue": target = [initialCue]
                case "next_obs": target = next
                case "confidence": target = [1 - entropy.data[0]]
                default: target = [0]  // event / oracle_action: our environments expose none
                }
                ep.auxTargets[aux.name, default: []].append(target)
            }
            done = episodeEnded(step)
            obs = next
        }
        if let memory {
            // The episode's tokens (obs_i, a_{i-1}, r_{i-1}), as the policy reads the memory.
            let context = try StrategicMemoryTransformerPolicy.memoryContext(
                trajectory: ep.observations, actions: ep.actions.dropLast().map(Float.init), rewards: Array(ep.rewards.dropLast()))
            let outcome = ep.rewards.reduce(0) { $0 + Double($1) }
            if let engine {
                // As the straightforward path: retrieval from the second step on sets last_attn.
                if ep.actions.count >= 2 { memory.lastAttention = engine.lastAttention }
                if let embedding = engine.finalContextEmbedding() {
                    try memory.addEntry(trajectory: context, outcome: outcome, embedding: embedding)
                }
            } else {
                try memory.addEntry(trajectory: context, outcome: outcome)
            }
        }
        if let rnd, let rndOptimizer {
            let batch = try Tensor(ep.observations.flatMap { $0 }, shape: [ep.observations.count, policy.obsDim])
            let loss = try rnd.novelty(batch).mean()
            rndOptimizer.zeroGrad()
            try loss.backward()
            try FiniteCheck.beforeStep(losses: [("the RND loss", loss)], optimizer: rndOptimizer, names: namedParameters(),
                                       at: "episode \(trainingEpisodes + 1)")
            try rndOptimizer.step()
        }
        return ep
    }

    // MARK: update

    /// The loss terms of one update, for the log box and tests.
    public struct UpdateStatistics {
        public var loss = 0.0, policyLoss = 0.0, valueLoss = 0.0, entropyMean = 0.0
        public var explainedVariance = 0.0, advantageMean = 0.0, advantageStd = 0.0
        public var auxLoss = 0.0, usefulnessLoss = 0.0
        public var auxMetrics: [(String, Double)] = []
        public var advantages: [Float] = []
        public var returns: [Float] = []
    }

    /// The heads' outputs over the episode `[T]` (aux: `[T, outputs]`), and the stacked
    /// features they were computed from when the engine ran the episode.
    private struct EpisodeHeads {
        var values: Tensor, logProbs: Tensor, entropies: Tensor
        var aux: [String: Tensor]
        var features: Tensor?
    }

    private func heads(_ ep: Episode) throws -> EpisodeHeads {
        let t = ep.actions.count
        if let engine, engine.steps == t {
            let features = try Tensor(engine.features, shape: [t, 2 * policy.memDim], requiresGrad: true)
            let dist = try Categorical(logits: policy.policyHead.forward(features))
            var aux: [String: Tensor] = [:]
            for module in policy.auxModules { aux[module.name] = try module.predict(features) }
            return EpisodeHeads(values: try policy.valueHead.forward(features).reshape([t]), logProbs: try dist.logProb(ep.actions),
                                entropies: try dist.entropy(), aux: aux, features: features)
        }
        var aux: [String: Tensor] = [:]
        for module in policy.auxModules { aux[module.name] = try Tensor.stack(ep.aux[module.name] ?? []) }
        return EpisodeHeads(values: try Tensor.stack(ep.values), logProbs: try Tensor.stack(ep.logProbs),
                            entropies: try Tensor.stack(ep.entropies), aux: aux, features: nil)
    }

    /// One update from an episode. `applyStep: false` stops after the gradients (tests).
    func update(_ ep: Episode, applyStep: Bool = true) throws -> UpdateStatistics {
        var stats = UpdateStatistics()
        let heads = try heads(ep)
        defer { engine?.release() }
        let values = heads.values
        let logProbs = heads.logProbs
        let advantages = try GeneralizedAdvantage.advantages(rewards: ep.rewards, values: values,
                                                             gamma: Float(options.gamma), lambda: Float(options.lam))
        let returns = try advantages + values.detach()
        let policyLoss = try -(logProbs * advantages.detach()).sum()
        let valueLoss = try values.mseLoss(returns)
        let entropyMean = try heads.entropies.mean()
        var auxTotal = Tensor(scalar: 0)
        for aux in policy.auxModules {
            guard let predictions = heads.aux[aux.name] else { continue }
            let targets = ep.auxTargets[aux.name] ?? []
            auxTotal = try auxTotal + aux.loss(predictions, targets: targets)
            for (k, v) in try aux.metrics(predictions, targets: targets) { stats.auxMetrics.append(("aux_\(aux.name)_\(k)", v)) }
        }
        var loss = try policyLoss + 0.5 * valueLoss + 0.1 * auxTotal - Float(options.entCoef) * entropyMean
        let totalReward = ep.rewards.reduce(0) { $0 + Double($1) }
        if options.memoryLearnRetention, let memory, let attention = memory.lastAttention,
           attention.count == memory.maxEntries {
            let memLoss = try memory.usefulnessLoss(attention: attention, reward: totalReward)
            stats.usefulnessLoss = Double(memLoss.data[0])
            loss = try loss + Float(options.memoryRetentionCoef) * memLoss
        }
        optimizer.zeroGrad()
        try loss.backward()
        var checked: [Tensor] = []
        if let engine, let features = heads.features {
            guard let g = features.grad?.data else { throw AgentError("StrategicMemoryAgent", "internal: the features received no gradient") }
            checked = try engine.backward(g)
            engine.release()
        }
        // Numerical faults stop here, before the step: the parameters stay the last good ones.
        try FiniteCheck.beforeStep(losses: [("the policy loss", policyLoss), ("the value loss", valueLoss), ("the auxiliary loss", auxTotal),
                                            ("the entropy", entropyMean), ("the loss", loss)],
                                   optimizer: optimizer, names: namedParameters(), at: "episode \(trainingEpisodes + 1)",
                                   alreadyChecked: checked)
        if applyStep { try optimizer.step() }

        stats.loss = Double(loss.data[0])
        stats.policyLoss = Double(policyLoss.data[0])
        stats.valueLoss = Double(valueLoss.data[0])
        stats.entropyMean = Double(entropyMean.data[0])
        stats.auxLoss = Double(auxTotal.data[0])
        stats.advantages = advantages.data
        stats.returns = returns.data
        stats.explainedVariance = GeneralizedAdvantage.explainedVariance(predicted: values.data, actual: returns.data)
        let a = advantages.data.map(Double.init)
        stats.advantageMean = SampleStatistics.mean(a)
        stats.advantageStd = SampleStatistics.variance(a, correction: 1).squareRoot()
        return stats
    }

    /// The trained tensors under their checkpoint names (for naming a numerical fault).
    func namedParameters() -> [(name: String, tensor: Tensor)] {
        policy.namedParameters() + policy.auxModules.enumerated().flatMap { i, aux in
            aux.namedParameters().map { ("aux_modules.\(i).\($0.name)", $0.tensor) }
        } + (rnd.map { $0.namedParameters().map { ("rnd.\($0.name)", $0.tensor) } } ?? [])
    }

    // MARK: learn

    /// Trains until `totalTimesteps` environment steps are done (whole episodes), printing the
    /// reference's log box every `logInterval` episodes when `verbose` is 1. `progress` gets
    /// (steps done, total) after each episode; `shouldStop` is checked between episodes.
    public func learn(totalTimesteps: Int = 2000, logInterval: Int = 100, progress: ((Int, Int) -> Void)? = nil,
                      shouldStop: (() -> Bool)? = nil) throws {
        guard totalTimesteps >= 0 else { throw AgentError("learn", "total_timesteps must be non-negative, got \(totalTimesteps)") }
        guard logInterval >= 1 else { throw AgentError("learn", "log_interval must be at least 1, got \(logInterval)") }
        var steps = 0, episodes = 0
        var auxLosses: [Double] = []
        let start = DispatchTime.now().uptimeNanoseconds
        while steps < totalTimesteps {
            if let shouldStop, shouldStop() { throw TrainingInterrupted(episodes: episodes) }
            var ep = try runEpisode()
            if options.rewardNorm {
                let raw = ep.rewards.map(Double.init)
                rewardNormalizer.update(raw)
                ep.rewards = rewardNormalizer.normalize(raw).map(Float.init)
            }
            let stats = try update(ep)
            lastUpdateStatistics = stats
            if !policy.auxModules.isEmpty { auxLosses.append(stats.auxLoss) }
            let t = ep.rewards.count
            episodeRewards.append(ep.rewards.reduce(0) { $0 + Double($1) })
            episodeLengths.append(t)
            episodes += 1
            trainingEpisodes += 1
            steps += t
            progress?(steps, totalTimesteps)
            if episodes % logInterval == 0 && options.verbose == 1 {
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                write(logBox(stats: stats, steps: steps, episodes: episodes, elapsed: elapsed, logInterval: logInterval,
                             totalTimesteps: totalTimesteps, auxLosses: auxLosses, lastObservations: ep.observations) + "\n")
            }
        }
        if options.verbose == 1 {
            write("Training complete. Total episodes: \(episodes), total steps: \(steps)\n")
        }
    }

    func logBox(stats: UpdateStatistics, steps: Int, episodes: Int, elapsed: Double, logInterval: Int,
                totalTimesteps: Int, auxLosses: [Double], lastObservations: [[Float]]) -> String {
        let recent = Array(episodeRewards.suffix(logInterval))
        let lengths = episodeLengths.suffix(logInterval).map(Double.init)
        let mean = SampleStatistics.mean(recent)
        let std = SampleStatistics.variance(recent, correction: 0).squareRoot()
        let fps = options.fpsFromWholeSeconds ? Int(Double(steps) / (elapsed.rounded(.down) + 1e-8))
                                              : Int(Double(steps) / max(elapsed, 1e-9))
        let recentAux = auxLosses.suffix(logInterval)
        var sections = [
            LogBox.Section(header: "rollout", stats: [
                ("ep_len_mean", .float(SampleStatistics.mean(lengths))), ("ep_rew_mean", .float(mean)),
                ("ep_rew_std", .float(std)), ("policy_entropy", .float(stats.entropyMean)),
                ("advantage_mean", .float(stats.advantageMean)), ("advantage_std", .float(stats.advantageStd)),
                ("aux_loss_mean", .float(recentAux.isEmpty ? 0 : recentAux.reduce(0, +) / Double(recentAux.count))),
            ]),
            LogBox.Section(header: "time", stats: [
                ("fps", .int(fps)), ("episodes", .int(episodes)), ("time_elapsed", .int(Int(elapsed))), ("total_timesteps", .int(steps)),
            ]),
            LogBox.Section(header: "train", stats: [
                ("loss", .float(stats.loss)), ("policy_loss", .float(stats.policyLoss)), ("value_loss", .float(stats.valueLoss)),
                ("explained_variance", .float(stats.explainedVariance)), ("n_updates", .int(episodes)),
                ("progress", .float(100 * Double(steps) / Double(max(totalTimesteps, 1)))),
            ]),
        ]
        if !stats.auxMetrics.isEmpty {
            sections.append(LogBox.Section(header: "aux_train", stats: stats.auxMetrics.map { ($0.0, .float($0.1)) }))
        }
        if let rnd {
            let bonus = lastObservations.compactMap { o in
                try? GradMode.noGrad { try rnd.novelty(try Tensor(o, shape: [1, o.count])).data[0] }
            }.map(Double.init)
            sections.append(LogBox.Section(header: "rnd_net_dist", stats: [("mean_rnd_bonus", .float(bonus.reduce(0, +) / Double(max(1, bonus.count))))]))
        }
        if options.memoryLearnRetention {
            sections.append(LogBox.Section(header: "memory", stats: [("usefulness_loss", .float(stats.usefulnessLoss))]))
        }
        return LogBox.reference(sections)
    }

    // MARK: acting

    /// Forgets `predict`'s running context (call at the start of an episode).
    public func resetTrajectory() {
        trajectoryBuffer = []
    }

    /// The action for `obs` given the episode so far (kept between calls): argmax when
    /// `deterministic`, else sampled. `reward` is the last reward received; `done` ends the
    /// episode's context after this step. As the reference, each step's context token pairs
    /// the observation with the previous call's action and the reward passed to the previous call.
    public func predict(_ obs: [Float], deterministic: Bool = false, done: Bool = false, reward: Double = 0) throws -> Int {
        guard obs.count == policy.obsDim else {
            throw AgentError("predict", "obs has \(obs.count) values; the policy expects \(policy.obsDim)")
        }
        if trajectoryBuffer.isEmpty {
            trajectoryBuffer.append((obs, 0, 0))
        } else {
            trajectoryBuffer.append((obs, Float(lastAction), lastReward))
        }
        guard trajectoryBuffer.count <= StrategicMemoryTransformerPolicy.maxPositions else {
            let n = trajectoryBuffer.count
            trajectoryBuffer.removeLast()
            throw AgentError("predict", "the episode has reached \(n) steps, but the policy reads at most \(StrategicMemoryTransformerPolicy.maxPositions); call reset_trajectory() between episodes")
        }
        let out = try GradMode.noGrad {
            try policy.forward(trajectory: trajectoryBuffer.map(\.obs), actions: trajectoryBuffer.map(\.action),
                               rewards: trajectoryBuffer.map(\.reward))
        }
        let action: Int
        if deterministic {
            action = try out.logits.argmax(axis: 0)[0]
        } else {
            action = try Categorical(logits: out.logits).sampleIndices(generator: &GlobalRandom.generator)[0]
        }
        lastAction = action
        lastReward = Float(reward)
        if done { trajectoryBuffer = [] }
        return actionStart + action
    }

    /// Mean and (population) standard deviation of the return over `nEpisodes` episodes
    /// acted with `predict`. `dropout: false` evaluates in eval mode (no dropout) and restores
    /// training mode after; the reference keeps dropout on.
    public func evaluate(nEpisodes: Int = 10, deterministic: Bool = false, dropout: Bool = true) throws -> (mean: Double, std: Double, returns: [Double]) {
        guard nEpisodes >= 1 else { throw AgentError("evaluate", "n_episodes must be at least 1, got \(nEpisodes)") }
        if !dropout { policy.eval() }
        defer { if !dropout { policy.train() } }
        var returns: [Double] = []
        for _ in 0..<nEpisodes {
            var obs = try observationValues(try env.reset(seed: nil, options: nil).observation)
            resetTrajectory()
            var total = 0.0, last = 0.0, done = false
            while !done {
                let action = try predict(obs, deterministic: deterministic, reward: last)
                let step = try env.step(.discrete(action))
                obs = try observationValues(step.observation)
                total += step.reward
                last = step.reward
                done = episodeEnded(step)
            }
            resetTrajectory()
            returns.append(total)
        }
        return (SampleStatistics.mean(returns), SampleStatistics.variance(returns, correction: 0).squareRoot(), returns)
    }
}
