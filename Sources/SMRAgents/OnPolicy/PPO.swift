import Foundation
import SMREnvironments
import SMRNeural
import SMRTensor

/// Stable-Baselines3's `PPO("MlpPolicy", env, …)` for one environment with a Discrete action
/// space: rollouts of `n_steps` (auto-reset at episode ends, a truncated episode bootstrapped
/// with γ·V(final observation)), GAE(λ), then `n_epochs` passes over shuffled minibatches of
/// `batch_size` with the clipped surrogate, 0.5·value MSE, the entropy bonus, gradient-norm
/// clipping (0.5) and Adam (eps 1e-5). Episode returns and lengths are kept as SB3's
/// `Monitor` keeps them (the last 100 in `rollout/ep_rew_mean`), and with `verbose=1` SB3's
/// log box is printed every `log_interval` iterations, before that iteration's training.
public final class PPO {
    public let env: any Environment
    public let options: PPOOptions
    public let policy: ActorCriticMlpPolicy
    public let optimizer: Adam
    public let observationEncoder: ObservationEncoder
    let actionStart: Int
    /// Where the log box goes (default: standard output).
    public var write: (String) -> Void = { print($0, terminator: "") }

    /// Returns and lengths of every finished episode (SB3's Monitor), in order.
    public private(set) var episodeRewards: [Double] = []
    public private(set) var episodeLengths: [Int] = []
    public private(set) var numTimesteps = 0
    public private(set) var nUpdates = 0
    private var generator: RandomGenerator
    private var lastObservation: [Float]?
    private var lastEpisodeStart = true
    private var episodeReturn = 0.0, episodeLength = 0
    private var trainLog: [(String, LogValue)] = []

    public init(env: any Environment, options: PPOOptions = .init()) throws {
        try options.validate()
        guard let discrete = env.actionSpace as? Discrete else {
            throw AgentError("PPO", "env: only Discrete action spaces are supported here, got \(env.actionSpace)")
        }
        self.env = env
        self.options = options
        actionStart = discrete.start
        observationEncoder = try ObservationEncoder(env.observationSpace, agent: "PPO")
        generator = options.seed.map { RandomGenerator(seed: UInt64(truncatingIfNeeded: $0)) } ?? GlobalRandom.generator.split()
        policy = try ActorCriticMlpPolicy(observationSize: observationEncoder.size, actionCount: discrete.n,
                                          netArch: options.netArch, generator: &generator)
        optimizer = try Adam(policy.parameters(), lr: options.learningRate, eps: 1e-5)
    }

    // MARK: rollouts

    private func observation(_ o: Observation) throws -> [Float] { try observationEncoder.encode(o, agent: "PPO") }

    private func evaluate(_ obs: [Float]) throws -> (logits: [Float], value: Float) {
        try GradMode.noGrad {
            let out = try policy.forward(try Tensor(obs, shape: [1, obs.count]))
            return (out.logits.data, out.values.data[0])
        }
    }

    /// Collects `n_steps` transitions with the current policy.
    private func collectRollout() throws -> RolloutBuffer {
        var buffer = RolloutBuffer()
        if lastObservation == nil {
            lastObservation = try observation(env.reset(seed: numTimesteps == 0 ? options.seed : nil, options: nil).observation)
            lastEpisodeStart = true
        }
        var done = false
        for _ in 0..<options.nSteps {
            guard let obs = lastObservation else { break }
            let (logits, value) = try evaluate(obs)
            let dist = try Categorical(logits: Tensor(logits))
            let action = try dist.sampleIndices(generator: &generator)[0]
            let logProb = try dist.logProb([action]).data[0]
            let step = try env.step(.discrete(actionStart + action))
            numTimesteps += 1
            var reward = Float(step.reward)
            episodeReturn += step.reward
            episodeLength += 1
            done = step.terminated || step.truncated
            var next = try observation(step.observation)
            if done {
                if step.truncated && !step.terminated {
                    // SB3 bootstraps a time-limit end with the value of the final observation.
                    reward += Float(options.gamma) * (try evaluate(next).value)
                }
                episodeRewards.append(episodeReturn)
                episodeLengths.append(episodeLength)
                episodeReturn = 0
                episodeLength = 0
                next = try observation(env.reset(seed: nil, options: nil).observation)
            }
            buffer.add(observation: obs, action: action, reward: reward, episodeStart: lastEpisodeStart, value: value, logProb: logProb)
            lastObservation = next
            lastEpisodeStart = done
        }
        let lastValue = try lastObservation.map { try evaluate($0).value } ?? 0
        buffer.computeReturnsAndAdvantage(lastValue: lastValue, done: done, gamma: Float(options.gamma), lambda: Float(options.gaeLambda))
        return buffer
    }

    // MARK: training

    /// SB3's `PPO.train()`: `n_epochs` passes over shuffled minibatches.
    private func train(_ buffer: RolloutBuffer) throws {
        let n = buffer.count, clip = Float(options.clipRange)
        var entropyLosses: [Double] = [], pgLosses: [Double] = [], valueLosses: [Double] = []
        var clipFractions: [Double] = [], approxKL: [Double] = []
        var lastLoss = 0.0
        var continueTraining = true
        for _ in 0..<options.nEpochs where continueTraining {
            var epochKL: [Double] = []
            let order = generator.permutation(n)
            var start = 0
            while start < n {
                let idx = Array(order[start..<min(start + options.batchSize, n)])
                start += options.batchSize
                let b = idx.count
                let obs = try Tensor(idx.flatMap { buffer.observations[$0] }, shape: [b, policy.observationSize])
                let (logits, values) = try policy.forward(obs)
                let dist = try Categorical(logits: logits)
                let logProb = try dist.logProb(idx.map { buffer.actions[$0] })
                let entropy = try dist.entropy()
                var adv = idx.map { buffer.advantages[$0] }
                if options.normalizeAdvantage && b > 1 {
                    let mean = adv.reduce(0, +) / Float(b)
                    let std = (adv.reduce(Float(0)) { $0 + ($1 - mean) * ($1 - mean) } / Float(b - 1)).squareRoot()
                    adv = adv.map { ($0 - mean) / (std + 1e-8) }
                }
                let advantages = Tensor(adv)
                let oldLogProb = Tensor(idx.map { buffer.logProbs[$0] })
                let logRatio = try logProb - oldLogProb
                let ratio = logRatio.exp()
                let loss1 = try advantages * ratio
                let loss2 = try advantages * ratio.clamp(min: 1 - clip, max: 1 + clip)
                let policyLoss = try -(Tensor.where(loss1.less(loss2), loss1, loss2).mean())
                var valuesPred = values
                let oldValues = Tensor(idx.map { buffer.values[$0] })
                if let vf = options.clipRangeVf {
                    valuesPred = try oldValues + (values - oldValues).clamp(min: -Float(vf), max: Float(vf))
                }
                let valueLoss = try Tensor(idx.map { buffer.returns[$0] }).mseLoss(valuesPred)
                let entropyLoss = try -(entropy.mean())
                let loss = try policyLoss + Float(options.entCoef) * entropyLoss + Float(options.vfCoef) * valueLoss

                let r = ratio.data, lr = logRatio.data
                clipFractions.append(Double(r.filter { abs($0 - 1) > clip }.count) / Double(b))
                let kl = zip(r, lr).reduce(0.0) { $0 + Double(($1.0 - 1) - $1.1) } / Double(b)
                epochKL.append(kl)
                pgLosses.append(Double(policyLoss.data[0]))
                valueLosses.append(Double(valueLoss.data[0]))
                entropyLosses.append(Double(entropyLoss.data[0]))
                if let target = options.targetKL, kl > 1.5 * target {
                    continueTraining = false
                    if options.verbose >= 1 { write("Early stopping due to reaching max kl: \(String(format: "%.2f", kl))\n") }
                    break
                }
                optimizer.zeroGrad()
                try loss.backward()
                _ = try clipGradNorm(policy.parameters(), maxNorm: options.maxGradNorm)
                try optimizer.step()
                lastLoss = Double(loss.data[0])
            }
            approxKL += epochKL
            nUpdates += 1
        }
        let mean: ([Double]) -> Double = { $0.isEmpty ? 0 : $0.reduce(0, +) / Double($0.count) }
        trainLog = [
            ("train/entropy_loss", .float(mean(entropyLosses))), ("train/policy_gradient_loss", .float(mean(pgLosses))),
            ("train/value_loss", .float(mean(valueLosses))), ("train/approx_kl", .float(mean(approxKL))),
            ("train/clip_fraction", .float(mean(clipFractions))), ("train/loss", .float(lastLoss)),
            ("train/explained_variance", .float(GeneralizedAdvantage.explainedVariance(predicted: buffer.values, actual: buffer.returns))),
            ("train/n_updates", .int(nUpdates)), ("train/clip_range", .float(options.clipRange)),
            ("train/learning_rate", .float(options.learningRate)),
        ]
    }

    /// Trains until `totalTimesteps` steps (whole rollouts of `n_steps`), printing SB3's box
    /// every `logInterval` iterations when verbose. `shouldStop` is checked between rollouts.
    public func learn(totalTimesteps: Int, logInterval: Int = 1, progress: ((Int, Int) -> Void)? = nil,
                      shouldStop: (() -> Bool)? = nil) throws {
        guard totalTimesteps >= 0 else { throw AgentError("learn", "total_timesteps must be non-negative, got \(totalTimesteps)") }
        guard logInterval >= 1 else { throw AgentError("learn", "log_interval must be at least 1, got \(logInterval)") }
        let start = DispatchTime.now().uptimeNanoseconds, startSteps = numTimesteps
        var iteration = 0
        let target = numTimesteps + totalTimesteps
        while numTimesteps < target {
            if let shouldStop, shouldStop() { throw TrainingInterrupted(episodes: episodeRewards.count) }
            let buffer = try collectRollout()
            iteration += 1
            if options.verbose >= 1 && iteration % logInterval == 0 {
                let elapsed = max(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, 1e-9)
                var values: [(String, LogValue)] = [
                    ("time/fps", .int(Int(Double(numTimesteps - startSteps) / elapsed))), ("time/iterations", .int(iteration)),
                    ("time/time_elapsed", .int(Int(elapsed))), ("time/total_timesteps", .int(numTimesteps)),
                ]
                if !episodeRewards.isEmpty {
                    let r = episodeRewards.suffix(100), l = episodeLengths.suffix(100)
                    values.append(("rollout/ep_rew_mean", .float(r.reduce(0, +) / Double(r.count))))
                    values.append(("rollout/ep_len_mean", .float(Double(l.reduce(0, +)) / Double(l.count))))
                }
                write(LogBox.sb3(values + trainLog) + "\n")
            }
            try train(buffer)
            progress?(numTimesteps - startSteps, totalTimesteps)
        }
    }

    // MARK: acting

    /// The action for `obs` (argmax when `deterministic`, else sampled).
    public func predict(_ obs: Observation, deterministic: Bool = false) throws -> Int {
        let (logits, _) = try evaluate(try observation(obs))
        if deterministic {
            var best = 0
            for j in logits.indices where logits[j] > logits[best] { best = j }
            return actionStart + best
        }
        return actionStart + (try Categorical(logits: Tensor(logits)).sampleIndices(generator: &generator)[0])
    }

    // MARK: checkpoints

    public func save(to path: String) throws {
        _ = try Checkpoint.save(to: path, model: policy, optimizer: optimizer, metadata: ["agent": "PPO"])
    }

    /// Loads a checkpoint written by `save`; a corrupt or foreign file leaves the model unchanged.
    public func load(from path: String) throws {
        try Checkpoint.load(from: path, into: policy, optimizer: optimizer)
    }
}
