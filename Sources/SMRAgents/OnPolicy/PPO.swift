import Foundation
import SMREnvironments
import SMRNeural
import SMRTensor

/// Proximal Policy Optimization with the clipped surrogate objective (Schulman et al. 2017,
/// "Proximal Policy Optimization Algorithms"), following Stable-Baselines3's `PPO`: one
/// environment, rollouts of `nSteps`, GAE(λ), `nEpochs` passes of shuffled minibatches,
/// per-minibatch advantage normalisation, value clipping off by default, global gradient
/// clipping, Adam (eps 1e-5), and SB3's log box.
///
/// ```swift
/// let ppo = try PPO(env: MemoryTaskEnv(delay: 4), options: { var o = PPOOptions(); o.seed = 0; return o }())
/// try ppo.learn(totalTimesteps: 4096)
/// let (action, _) = try ppo.predict([1, 0, 0], deterministic: true)
/// ```
public final class PPO {
    public let env: any Environment
    public let options: PPOOptions
    public let policy: ActorCriticMlpPolicy
    public let optimizer: Adam
    /// Where the log box and messages go (default: standard output).
    public var write: (String) -> Void = { print($0, terminator: "") }
    /// Training episodes' returns and lengths (SB3's Monitor).
    public private(set) var monitor = EpisodeMonitor()
    /// Environment steps taken by the current `learn` (SB3's `num_timesteps`).
    public private(set) var numTimesteps = 0
    /// Gradient epochs done (SB3's `_n_updates`).
    public private(set) var nUpdates = 0

    let encoder: ObservationEncoder
    let actionStart: Int
    var generator: RandomGenerator
    private var pendingEnvSeed: Int?
    /// The last rollout (internal so parity tests can feed SB3's).
    var buffer: RolloutBuffer
    private var lastObservation: [Float]?
    private var lastEpisodeStart = true
    /// train/ metrics of the last update, dumped with the next log box (SB3's logger keeps
    /// recorded values until `dump`).
    private(set) var pendingTrain: [(String, LogValue)] = []

    /// `write` receives the construction messages, the log boxes and warnings.
    public init(env: any Environment, options: PPOOptions = PPOOptions(),
                write: @escaping (String) -> Void = { print($0, terminator: "") }) throws {
        try options.validate()
        self.write = write
        guard let discrete = env.actionSpace as? Discrete else {
            throw AgentError("PPO", "only Discrete action spaces are supported, got \(env.actionSpace)")
        }
        encoder = try ObservationEncoder(env.observationSpace, function: "PPO")
        actionStart = discrete.start
        self.env = env
        self.options = options
        let seed = options.seed ?? Int(GlobalRandom.generator.next() >> 33)
        generator = RandomGenerator(seed: seed)
        // One stream, as SB3 seeds torch once: the weights first, then sampling and shuffles.
        policy = try ActorCriticMlpPolicy(observationSize: encoder.size, actionCount: discrete.n,
                                          piArch: options.piArch, vfArch: options.vfArch, generator: &generator)
        optimizer = try Adam(policy.parameters(), lr: options.learningRate, eps: 1e-5)
        buffer = RolloutBuffer(size: options.nSteps, observationSize: encoder.size)
        if options.seed != nil {
            pendingEnvSeed = seed
            try env.actionSpace.seed(seed)
        }
        if options.verbose >= 1 {
            write("Using cpu device\nWrapping the env with a `Monitor` wrapper\nWrapping the env in a DummyVecEnv.\n")
        }
        if options.batchSize > options.nSteps || options.nSteps % options.batchSize != 0 {
            if options.verbose >= 1 {
                write("UserWarning: You have specified a mini-batch size of \(options.batchSize), but because the `RolloutBuffer` is of size `n_steps * n_envs = \(options.nSteps)`, after every \(options.nSteps / options.batchSize) untruncated mini-batches, there will be a truncated mini-batch of size \(options.nSteps % options.batchSize)\n")
            }
        }
    }

    // MARK: acting

    private func resetEnv() throws -> [Float] {
        let seed = pendingEnvSeed
        pendingEnvSeed = nil
        let (obs, _) = try env.reset(seed: seed)
        return try encoder.encode(obs.values, function: "reset")
    }

    /// Samples from (or takes the mode of) the Categorical given log-probabilities.
    private func chooseAction(_ logProbs: [Float], offset: Int, deterministic: Bool) -> Int {
        let n = policy.actionCount
        if deterministic {
            var best = 0
            for j in 1..<max(1, n) where logProbs[offset + j] > logProbs[offset + best] { best = j }
            return best
        }
        let u = generator.uniformFloat()
        var c: Float = 0
        for j in 0..<n {
            c += Foundation.exp(logProbs[offset + j])
            if u < c { return j }
        }
        return n - 1
    }

    /// `predict(observation, state, episode_start, deterministic)`: the action for one
    /// observation; PPO's policy has no state, so `state` comes back unchanged.
    public func predict(_ observation: [Float], state: [[Float]]? = nil, episodeStart: Bool? = nil,
                        deterministic: Bool = false) throws -> (action: Int, state: [[Float]]?) {
        let x = try encoder.encode(observation)
        let pass = policy.forward(x, batch: 1)
        return (chooseAction(pass.logProbs, offset: 0, deterministic: deterministic) + actionStart, state)
    }

    // MARK: learn

    /// `learn(total_timesteps, log_interval)`: rollouts of `nSteps` then an update, until
    /// `totalTimesteps` steps were taken (whole rollouts, as SB3); the log box every
    /// `logInterval` rollouts when verbose. `shouldStop` is checked between steps.
    public func learn(totalTimesteps: Int, logInterval: Int = 1, resetNumTimesteps: Bool = true,
                      progress: ((Int, Int) -> Void)? = nil, shouldStop: (() -> Bool)? = nil) throws {
        guard totalTimesteps >= 0 else { throw AgentError("learn", "total_timesteps must be non-negative, got \(totalTimesteps)") }
        guard logInterval >= 1 else { throw AgentError("learn", "log_interval must be at least 1, got \(logInterval)") }
        if resetNumTimesteps || lastObservation == nil {
            numTimesteps = 0
            monitor.clear()
            lastObservation = try resetEnv()
            lastEpisodeStart = true
        }
        let startSteps = numTimesteps
        let start = DispatchTime.now().uptimeNanoseconds
        var iteration = 0
        while numTimesteps < totalTimesteps {
            try collectRollout(shouldStop: shouldStop, progress: { progress?($0, totalTimesteps) })
            iteration += 1
            if iteration % logInterval == 0, options.verbose >= 1 {
                let elapsed = max(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, 1e-9)
                var values: [(String, LogValue)] = []
                if let r = monitor.meanReward, let l = monitor.meanLength {
                    values.append(("rollout/ep_len_mean", .float(l)))
                    values.append(("rollout/ep_rew_mean", .float(r)))
                }
                values.append(("time/fps", .int(Int(Double(numTimesteps - startSteps) / elapsed))))
                values.append(("time/iterations", .int(iteration)))
                values.append(("time/time_elapsed", .int(Int(elapsed))))
                values.append(("time/total_timesteps", .int(numTimesteps)))
                write(LogBox.sb3(values + pendingTrain) + "\n")
                pendingTrain = []
            }
            try train()
        }
    }

    /// `collect_rollouts`: fills the buffer with `nSteps` transitions, bootstrapping time-limit
    /// truncations with γ·V(terminal observation), then computes advantages.
    private func collectRollout(shouldStop: (() -> Bool)?, progress: ((Int) -> Void)?) throws {
        buffer.reset()
        var obs: [Float]
        if let last = lastObservation { obs = last } else { obs = try resetEnv() }
        var done = false
        let gamma = Float(options.gamma)
        while !buffer.isFull {
            if let shouldStop, shouldStop() { throw TrainingInterrupted(episodes: monitor.allRewards.count) }
            let pass = policy.forward(obs, batch: 1)
            let a = chooseAction(pass.logProbs, offset: 0, deterministic: false)
            let step = try env.step(.discrete(a + actionStart))
            numTimesteps += 1
            done = step.terminated || step.truncated
            monitor.step(reward: step.reward, done: done)
            var reward = Float(step.reward)
            let next = try encoder.encode(step.observation.values, function: "step")
            if step.truncated && !step.terminated {
                reward += gamma * policy.values(next, batch: 1)[0]
            }
            buffer.add(observation: obs, action: a, reward: reward, episodeStart: lastEpisodeStart,
                       value: pass.values[0], logProb: pass.logProbs[a])
            obs = done ? try resetEnv() : next
            lastEpisodeStart = done
            progress?(numTimesteps)
        }
        lastObservation = obs
        let lastValue = policy.values(obs, batch: 1)[0]
        buffer.computeReturnsAndAdvantage(lastValue: lastValue, done: done, gamma: gamma, gaeLambda: Float(options.gaeLambda))
    }

    // MARK: train

    /// SB3's `PPO.train`: `nEpochs` passes over the rollout in shuffled minibatches of the
    /// clipped surrogate + vf_coef · value MSE − ent_coef · entropy, gradients clipped to
    /// `maxGradNorm`. Records SB3's train/ metrics for the next log box.
    /// `permutations` replaces the shuffles (one per epoch) so a test can replay SB3's.
    func train(permutations: [[Int]]? = nil) throws {
        let n = buffer.count, d = encoder.size
        var metrics = UpdateMetrics()
        var epochsDone = 0
        epochs: for epoch in 0..<options.nEpochs {
            metrics.startEpoch()
            let perm = permutations.map { $0[epoch] } ?? generator.permutation(n)
            var startIdx = 0, minibatch = 0
            while startIdx < n {
                let idx = Array(perm[startIdx..<min(n, startIdx + options.batchSize)])
                startIdx += options.batchSize
                var x = [Float](filled: 0, count: idx.count * d)
                for (r, i) in idx.enumerated() {
                    for k in 0..<d { x[r * d + k] = buffer.observations[i * d + k] }
                }
                let pass = policy.forward(x, batch: idx.count)
                let loss = ClippedSurrogateLoss(pass: pass, rows: idx, buffer: buffer, actionCount: policy.actionCount, options: options)
                metrics.add(loss, options: options)
                if let target = options.targetKL, loss.approxKL > 1.5 * target {
                    if options.verbose >= 1 { write("Early stopping at step \(epochsDone) due to reaching max kl: \(NumberText.fixed(loss.approxKL, precision: 2))\n") }
                    epochsDone += 1
                    break epochs
                }
                try policy.setGradients(pass, dLogits: loss.dLogits, dValues: loss.dValues)
                minibatch += 1
                try GuardedStep.clipAndStep(loss, policy: policy, optimizer: optimizer, maxGradNorm: options.maxGradNorm,
                                            at: "update \(nUpdates + epochsDone + 1) (minibatch \(minibatch)) after \(numTimesteps) steps")
            }
            epochsDone += 1
        }
        nUpdates += epochsDone
        pendingTrain = metrics.record(options: options, nUpdates: nUpdates,
                                      explainedVariance: Self.explainedVariance(predicted: buffer.values, target: buffer.returns))
    }

    /// SB3's `explained_variance(y_pred, y_true)`: 1 − Var[y − ŷ] / Var[y] (NaN when Var[y] = 0).
    static func explainedVariance(predicted: [Float], target: [Float]) -> Double {
        let n = Double(target.count)
        guard n > 0 else { return .nan }
        func variance(_ v: [Double]) -> Double {
            let m = v.reduce(0, +) / n
            return v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / n
        }
        let y = target.map(Double.init)
        let varY = variance(y)
        guard varY > 0 else { return .nan }
        return 1 - variance(zip(y, predicted).map { $0 - Double($1) }) / varY
    }

    // MARK: evaluation and checkpoints

    /// Mean and (population) std of `nEpisodes` episode returns, acting with `predict`.
    public func evaluate(nEpisodes: Int = 10, deterministic: Bool = true) throws -> (mean: Double, std: Double, returns: [Double]) {
        guard nEpisodes >= 1 else { throw AgentError("evaluate", "n_eval_episodes must be at least 1, got \(nEpisodes)") }
        var returns: [Double] = []
        for _ in 0..<nEpisodes {
            var (obs, _) = try env.reset(seed: nil)
            var total = 0.0
            while true {
                let (a, _) = try predict(obs.values, deterministic: deterministic)
                let s = try env.step(.discrete(a))
                total += s.reward
                obs = s.observation
                if s.terminated || s.truncated { break }
            }
            returns.append(total)
        }
        lastObservation = nil
        let m = returns.reduce(0, +) / Double(returns.count)
        let v = returns.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(returns.count)
        return (m, v.squareRoot(), returns)
    }

    /// Writes the policy's parameters and the optimizer's state atomically.
    public func save(to path: String) throws {
        try OnPolicyCheckpoint.save(to: path, agent: "PPO", policyName: "MlpPolicy", policy: policy, optimizer: optimizer,
                                    generator: generator, pendingEnvSeed: pendingEnvSeed)
    }

    /// Loads a checkpoint written by `save`; a corrupt, truncated or foreign file is refused
    /// with a clear error and leaves the model unchanged.
    public func load(from path: String) throws {
        (generator, pendingEnvSeed) = try OnPolicyCheckpoint.load(from: path, policy: policy, optimizer: optimizer)
    }
}
