import Foundation
import SMREnvironments
import SMRNeural
import SMRTensor

/// sb3-contrib's `RecurrentPPO` with "MlpLstmPolicy" on one environment: rollouts of
/// `nSteps` storing each step's LSTM states (before the step), GAE(λ), then `nEpochs` passes
/// over sequence minibatches — the rollout rotated by a random offset, cut into chunks of
/// `batchSize` steps, each chunk split into sequences at episode starts (and at the
/// rollout's first step), padded and masked; every sequence starts from its stored state
/// (zero at an episode start). Defaults: n_steps 128, batch 128, 10 epochs, LSTM 256.
///
/// ```swift
/// let model = try RecurrentPPO(env: MemoryTaskEnv(delay: 4), options: .init())
/// try model.learn(totalTimesteps: 10_000)
/// var state: RecurrentState? = nil
/// let (action, next) = try model.predict([1, 0, 0], state: state, episodeStart: true, deterministic: true)
/// ```
public final class RecurrentPPO {
    /// sb3-contrib's defaults on top of PPO's.
    public static func defaultOptions() -> PPOOptions {
        var o = PPOOptions()
        o.nSteps = 128
        o.batchSize = 128
        return o
    }

    public let env: any Environment
    public let options: PPOOptions
    public let policy: RecurrentActorCriticPolicy
    public let optimizer: Adam
    public var write: (String) -> Void
    public private(set) var monitor = EpisodeMonitor()
    public private(set) var numTimesteps = 0
    public private(set) var nUpdates = 0

    let encoder: ObservationEncoder
    let actionStart: Int
    var generator: RandomGenerator
    private var pendingEnvSeed: Int?
    /// The last rollout (internal so parity tests can feed sb3-contrib's).
    var buffer: RolloutBuffer
    /// Each step's states before it (masked by its episode start), [nSteps · hidden] each.
    var storedStates: RecurrentState
    private var lastObservation: [Float]?
    private var lastEpisodeStart = true
    private var state: RecurrentState
    private(set) var pendingTrain: [(String, LogValue)] = []

    public init(env: any Environment, options: PPOOptions = RecurrentPPO.defaultOptions(), lstmHiddenSize: Int = 256,
                write: @escaping (String) -> Void = { print($0, terminator: "") }) throws {
        try options.validate(function: "RecurrentPPO")
        guard let discrete = env.actionSpace as? Discrete else {
            throw AgentError("RecurrentPPO", "only Discrete action spaces are supported, got \(env.actionSpace)")
        }
        self.write = write
        encoder = try ObservationEncoder(env.observationSpace, function: "RecurrentPPO")
        actionStart = discrete.start
        self.env = env
        self.options = options
        let seed = options.seed ?? Int(GlobalRandom.generator.next() >> 33)
        generator = RandomGenerator(seed: seed)
        // One stream, as SB3 seeds torch once: the weights first, then sampling and shuffles.
        policy = try RecurrentActorCriticPolicy(observationSize: encoder.size, actionCount: discrete.n, lstmHiddenSize: lstmHiddenSize,
                                                piArch: options.piArch, vfArch: options.vfArch, generator: &generator)
        optimizer = try Adam(policy.parameters(), lr: options.learningRate, eps: 1e-5)
        buffer = RolloutBuffer(size: options.nSteps, observationSize: encoder.size)
        storedStates = RecurrentState(hidden: options.nSteps * lstmHiddenSize)
        state = RecurrentState(hidden: lstmHiddenSize)
        if options.seed != nil {
            pendingEnvSeed = seed
            try env.actionSpace.seed(seed)
        }
        if options.verbose >= 1 {
            write("Using cpu device\nWrapping the env with a `Monitor` wrapper\nWrapping the env in a DummyVecEnv.\n")
        }
    }

    private func resetEnv() throws -> [Float] {
        let seed = pendingEnvSeed
        pendingEnvSeed = nil
        let (obs, _) = try env.reset(seed: seed)
        return try encoder.encode(obs.values, function: "reset")
    }

    private func chooseAction(_ logProbs: [Float], deterministic: Bool) -> Int {
        let n = policy.actionCount
        if deterministic {
            var best = 0
            for j in 1..<max(1, n) where logProbs[j] > logProbs[best] { best = j }
            return best
        }
        let u = generator.uniformFloat()
        var c: Float = 0
        for j in 0..<n {
            c += Foundation.exp(logProbs[j])
            if u < c { return j }
        }
        return n - 1
    }

    /// One step of both LSTMs from `s` (zeroed first at an episode start) and the heads.
    private func stepPolicy(_ x: [Float], _ s: RecurrentState, episodeStart: Bool) -> (pass: ActorCriticMlpPolicy.Pass, state: RecurrentState) {
        var s = s
        if episodeStart { s = RecurrentState(hidden: policy.hiddenSize) }
        let a = policy.actor.step(x, h: s.actorH, c: s.actorC, batch: 1)
        let c = policy.critic.step(x, h: s.criticH, c: s.criticC, batch: 1)
        let pass = policy.heads.forward(pi: a.h, vf: c.h, batch: 1)
        var next = s
        next.actorH = a.h; next.actorC = a.c; next.criticH = c.h; next.criticC = c.c
        return (pass, next)
    }

    private func criticValue(_ x: [Float], _ s: RecurrentState, episodeStart: Bool) -> Float {
        let fresh = RecurrentState(hidden: policy.hiddenSize)
        let h = episodeStart ? fresh.criticH : s.criticH, c = episodeStart ? fresh.criticC : s.criticC
        let r = policy.critic.step(x, h: h, c: c, batch: 1)
        return policy.heads.forward(pi: [Float](filled: 0, count: policy.hiddenSize), vf: r.h, batch: 1).values[0]
    }

    /// `predict(observation, state, episode_start, deterministic)`: the action and the LSTM
    /// states to pass back with the next observation; nil state (or an episode start) means
    /// zero states, as sb3-contrib.
    public func predict(_ observation: [Float], state: RecurrentState? = nil, episodeStart: Bool = false,
                        deterministic: Bool = false) throws -> (action: Int, state: RecurrentState) {
        let x = try encoder.encode(observation)
        let s = state ?? RecurrentState(hidden: policy.hiddenSize)
        guard s.actorH.count == policy.hiddenSize, s.actorC.count == policy.hiddenSize else {
            throw AgentError("predict", "state must hold LSTM states of size \(policy.hiddenSize)")
        }
        let (pass, next) = stepPolicy(x, s, episodeStart: episodeStart)
        return (chooseAction(pass.logProbs, deterministic: deterministic) + actionStart, next)
    }

    public func learn(totalTimesteps: Int, logInterval: Int = 1, resetNumTimesteps: Bool = true,
                      progress: ((Int, Int) -> Void)? = nil, shouldStop: (() -> Bool)? = nil) throws {
        guard totalTimesteps >= 0 else { throw AgentError("learn", "total_timesteps must be non-negative, got \(totalTimesteps)") }
        guard logInterval >= 1 else { throw AgentError("learn", "log_interval must be at least 1, got \(logInterval)") }
        if resetNumTimesteps || lastObservation == nil {
            numTimesteps = 0
            monitor.clear()
            lastObservation = try resetEnv()
            lastEpisodeStart = true
            state = RecurrentState(hidden: policy.hiddenSize)
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

    private func collectRollout(shouldStop: (() -> Bool)?, progress: ((Int) -> Void)?) throws {
        buffer.reset()
        var obs: [Float]
        if let last = lastObservation { obs = last } else { obs = try resetEnv(); lastEpisodeStart = true }
        var done = false
        let gamma = Float(options.gamma), H = policy.hiddenSize
        while !buffer.isFull {
            if let shouldStop, shouldStop() { throw TrainingInterrupted(episodes: monitor.allRewards.count) }
            let before = lastEpisodeStart ? RecurrentState(hidden: H) : state
            let t = buffer.count
            storedStates.actorH.replaceSubrange(t * H..<(t + 1) * H, with: before.actorH)
            storedStates.actorC.replaceSubrange(t * H..<(t + 1) * H, with: before.actorC)
            storedStates.criticH.replaceSubrange(t * H..<(t + 1) * H, with: before.criticH)
            storedStates.criticC.replaceSubrange(t * H..<(t + 1) * H, with: before.criticC)
            let (pass, next) = stepPolicy(obs, before, episodeStart: false)
            let a = chooseAction(pass.logProbs, deterministic: false)
            let step = try env.step(.discrete(a + actionStart))
            numTimesteps += 1
            done = step.terminated || step.truncated
            monitor.step(reward: step.reward, done: done)
            var reward = Float(step.reward)
            let nextObs = try encoder.encode(step.observation.values, function: "step")
            if step.truncated && !step.terminated {
                reward += gamma * criticValue(nextObs, next, episodeStart: false)
            }
            buffer.add(observation: obs, action: a, reward: reward, episodeStart: lastEpisodeStart,
                       value: pass.values[0], logProb: pass.logProbs[a])
            state = next
            obs = done ? try resetEnv() : nextObs
            lastEpisodeStart = done
            progress?(numTimesteps)
        }
        lastObservation = obs
        let lastValue = criticValue(obs, state, episodeStart: done)
        buffer.computeReturnsAndAdvantage(lastValue: lastValue, done: done, gamma: gamma, gaeLambda: Float(options.gaeLambda))
    }

    /// The minibatches of one epoch: the rollout rotated by a random offset, cut into chunks
    /// of `batchSize`, each chunk's sequences (buffer indices, in time order).
    /// `split` replaces the random rotation so a test can replay sb3-contrib's.
    func sequenceMinibatches(split given: Int? = nil) throws -> [[[Int]]] {
        let n = buffer.count
        let split = try given ?? generator.integer(below: n)
        let order = Array(split..<n) + Array(0..<split)
        var batches: [[[Int]]] = []
        var start = 0
        while start < n {
            let chunk = order[start..<min(n, start + options.batchSize)]
            start += options.batchSize
            var seqs: [[Int]] = []
            for (k, i) in chunk.enumerated() {
                if k == 0 || i == 0 || buffer.episodeStarts[i] == 1 { seqs.append([i]) } else { seqs[seqs.count - 1].append(i) }
            }
            batches.append(seqs)
        }
        return batches
    }

    /// `splits` replaces the per-epoch rotations so a test can replay sb3-contrib's.
    func train(splits: [Int]? = nil) throws {
        let d = encoder.size, H = policy.hiddenSize
        var metrics = UpdateMetrics()
        var epochsDone = 0
        epochs: for epoch in 0..<options.nEpochs {
            metrics.startEpoch()
            for (minibatch, seqs) in try sequenceMinibatches(split: splits?[epoch]).enumerated() {
                let nSeq = seqs.count
                let T = seqs.map(\.count).max() ?? 0
                // Time-major padded inputs and each sequence's initial states.
                var xs = [[Float]](repeating: [Float](filled: 0, count: nSeq * d), count: T)
                var rows = [Int?](repeating: nil, count: T * nSeq)
                var h0a = [Float](filled: 0, count: nSeq * H), c0a = h0a, h0c = h0a, c0c = h0a
                for (s, seq) in seqs.enumerated() {
                    let first = seq[0]
                    for j in 0..<H {
                        h0a[s * H + j] = storedStates.actorH[first * H + j]; c0a[s * H + j] = storedStates.actorC[first * H + j]
                        h0c[s * H + j] = storedStates.criticH[first * H + j]; c0c[s * H + j] = storedStates.criticC[first * H + j]
                    }
                    for (t, i) in seq.enumerated() {
                        for k in 0..<d { xs[t][s * d + k] = buffer.observations[i * d + k] }
                        rows[t * nSeq + s] = i
                    }
                }
                let ta = policy.actor.forward(xs, h0: h0a, c0: c0a, batch: nSeq)
                let tc = policy.critic.forward(xs, h0: h0c, c0: c0c, batch: nSeq)
                let pass = policy.heads.forward(pi: ta.h.flatMap { $0 }, vf: tc.h.flatMap { $0 }, batch: T * nSeq)
                let loss = ClippedSurrogateLoss(pass: pass, rows: rows, buffer: buffer, actionCount: policy.actionCount, options: options)
                metrics.add(loss, options: options)
                if let target = options.targetKL, loss.approxKL > 1.5 * target {
                    if options.verbose >= 1 { write("Early stopping at step \(epochsDone) due to reaching max kl: \(NumberText.fixed(loss.approxKL, precision: 2))\n") }
                    epochsDone += 1
                    break epochs
                }
                let dIn = try policy.heads.setGradients(pass, dLogits: loss.dLogits, dValues: loss.dValues, needInputs: true)
                let per = nSeq * H
                let dA = (0..<T).map { Array(dIn.pi[$0 * per..<($0 + 1) * per]) }
                let dC = (0..<T).map { Array(dIn.vf[$0 * per..<($0 + 1) * per]) }
                var ga = policy.actor.zeroGrads(), gc = policy.critic.zeroGrads()
                policy.actor.backward(ta, dH: dA, grads: &ga)
                policy.critic.backward(tc, dH: dC, grads: &gc)
                try policy.actor.setGradients(ga)
                try policy.critic.setGradients(gc)
                try GuardedStep.clipAndStep(loss, policy: policy, optimizer: optimizer, maxGradNorm: options.maxGradNorm,
                                            at: "update \(nUpdates + epochsDone + 1) (minibatch \(minibatch + 1)) after \(numTimesteps) steps")
            }
            epochsDone += 1
        }
        nUpdates += epochsDone
        pendingTrain = metrics.record(options: options, nUpdates: nUpdates,
                                      explainedVariance: PPO.explainedVariance(predicted: buffer.values, target: buffer.returns))
    }

    /// Mean and (population) std of `nEpisodes` returns; `stateful` carries the LSTM state
    /// through each episode (false reproduces calling `predict(obs)` without state).
    public func evaluate(nEpisodes: Int = 10, deterministic: Bool = true, stateful: Bool = true) throws -> (mean: Double, std: Double, returns: [Double]) {
        guard nEpisodes >= 1 else { throw AgentError("evaluate", "n_eval_episodes must be at least 1, got \(nEpisodes)") }
        var returns: [Double] = []
        for _ in 0..<nEpisodes {
            var (obs, _) = try env.reset(seed: nil)
            var s: RecurrentState? = nil
            var start = true
            var total = 0.0
            while true {
                let (a, next) = try predict(obs.values, state: stateful ? s : nil, episodeStart: stateful ? start : true,
                                            deterministic: deterministic)
                s = next; start = false
                let st = try env.step(.discrete(a))
                total += st.reward
                obs = st.observation
                if st.terminated || st.truncated { break }
            }
            returns.append(total)
        }
        lastObservation = nil
        let m = returns.reduce(0, +) / Double(returns.count)
        let v = returns.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(returns.count)
        return (m, v.squareRoot(), returns)
    }

    public func save(to path: String) throws {
        try OnPolicyCheckpoint.save(to: path, agent: "RecurrentPPO", policyName: "MlpLstmPolicy", policy: policy, optimizer: optimizer,
                                    generator: generator, pendingEnvSeed: pendingEnvSeed)
    }

    /// A corrupt, truncated or foreign file is refused and leaves the model unchanged.
    public func load(from path: String) throws {
        (generator, pendingEnvSeed) = try OnPolicyCheckpoint.load(from: path, policy: policy, optimizer: optimizer)
    }
}
