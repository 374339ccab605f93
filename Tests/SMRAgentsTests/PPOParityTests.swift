import Foundation
import SMREnvironments
import SMRNeural
import SMRTensor
import XCTest
@testable import SMRAgents

/// One update of SB3's `PPO` and sb3-contrib's `RecurrentPPO`, replayed from the fixtures of
/// `scripts/make_ppo_fixtures.py`: the same initial weights, the same rollout buffer and the
/// same minibatch randomness must give the same weights after `train()` and the same train/
/// metrics. The fixture runs use a large learning rate, so the ratio clipping acts.
final class PPOParityTests: XCTestCase {
    /// SB3's keyword defaults, read from the library itself.
    func checkDefaults(_ f: ArrayFixture, _ o: PPOOptions, parameterCount: Int) throws {
        let pairs: [(String, Double)] = [
            ("learning_rate", o.learningRate), ("n_steps", Double(o.nSteps)), ("batch_size", Double(o.batchSize)),
            ("n_epochs", Double(o.nEpochs)), ("gamma", o.gamma), ("gae_lambda", o.gaeLambda), ("clip_range", o.clipRange),
            ("ent_coef", o.entCoef), ("vf_coef", o.vfCoef), ("max_grad_norm", o.maxGradNorm),
            ("n_parameters", Double(parameterCount)),
        ]
        for (key, ours) in pairs { XCTAssertEqual(ours, try f.scalar("defaults", key), accuracy: 1e-12, key) }
        let defaults = try XCTUnwrap(f.scalars["defaults"] as? [String: Any])
        XCTAssertTrue(defaults["clip_range_vf"] is NSNull && o.clipRangeVf == nil, "clip_range_vf")
        XCTAssertTrue(defaults["target_kl"] is NSNull && o.targetKL == nil, "target_kl")
        XCTAssertEqual(defaults["normalize_advantage"] as? Bool, o.normalizeAdvantage, "normalize_advantage")
        XCTAssertEqual(try f.scalar("defaults", "adam_eps"), 1e-5)
    }

    func runOptions(_ f: ArrayFixture, base: PPOOptions) throws -> PPOOptions {
        var o = base
        o.learningRate = try f.scalar("run", "learning_rate")
        o.nSteps = Int(try f.scalar("run", "n_steps"))
        o.batchSize = Int(try f.scalar("run", "batch_size"))
        o.nEpochs = Int(try f.scalar("run", "n_epochs"))
        o.seed = 0
        return o
    }

    func loadParameters(_ f: ArrayFixture, _ prefix: String, into module: Module) throws {
        let names = try XCTUnwrap(f.index["names"] as? [String])
        XCTAssertEqual(module.namedParameters().map(\.name), names, "named_parameters() order")
        for (name, tensor) in module.namedParameters() {
            let (v, s) = try f.array("\(prefix)/\(name)")
            XCTAssertEqual(tensor.shape, s, name)
            try tensor.assign(v)
        }
    }

    func fillBuffer(_ f: ArrayFixture, size n: Int, observationSize d: Int) throws -> RolloutBuffer {
        var b = RolloutBuffer(size: n, observationSize: d)
        let obs = try f.array("buffer/observations").values, actions = try f.array("buffer/actions").values
        let rewards = try f.array("buffer/rewards").values, starts = try f.array("buffer/episode_starts").values
        let values = try f.array("buffer/values").values, logProbs = try f.array("buffer/log_probs").values
        for t in 0..<n {
            b.add(observation: Array(obs[t * d..<(t + 1) * d]), action: Int(actions[t]), reward: rewards[t],
                  episodeStart: starts[t] == 1, value: values[t], logProb: logProbs[t])
        }
        b.advantages = try f.array("buffer/advantages").values
        b.returns = try f.array("buffer/returns").values
        return b
    }

    func checkAfter(_ f: ArrayFixture, _ module: Module, rtol: Float, file: StaticString = #filePath, line: UInt = #line) throws {
        for (name, tensor) in module.namedParameters() {
            assertClose(tensor.data, try f.array("after/\(name)").values, rtol: rtol, atol: 1e-6, name, file: file, line: line)
        }
    }

    func checkMetrics(_ f: ArrayFixture, _ recorded: [(String, LogValue)], tolerance: Double) throws {
        let train = try XCTUnwrap(f.scalars["train"] as? [String: Double])
        XCTAssertEqual(Set(recorded.map(\.0)), Set(train.keys), "train/ keys")
        for (key, value) in recorded {
            let ours: Double
            switch value {
            case .float(let v): ours = v
            case .int(let v): ours = Double(v)
            case .str: XCTFail(key); continue
            }
            let expected = try XCTUnwrap(train[key], key)
            XCTAssertEqual(ours, expected, accuracy: tolerance * max(1, abs(expected)), key)
        }
    }

    func testPPOUpdateMatchesSB3() throws {
        let f = try ArrayFixture.load("ppo_update")
        let env = try MemoryTaskEnv(delay: 4, difficulty: 0)
        try checkDefaults(f, PPOOptions(), parameterCount: try PPO(env: env, write: { _ in }).policy.parameterCount)
        let model = try PPO(env: env, options: try runOptions(f, base: PPOOptions()), write: { _ in })
        try loadParameters(f, "before", into: model.policy)
        model.buffer = try fillBuffer(f, size: model.options.nSteps, observationSize: 3)
        // The rollout's values and log-probabilities come out of the same forward pass.
        let n = model.options.nSteps
        let pass = model.policy.forward(model.buffer.observations, batch: n)
        assertClose(pass.values, model.buffer.values, rtol: 1e-5, atol: 1e-6, "values of the rollout")
        assertClose((0..<n).map { pass.logProbs[$0 * 2 + model.buffer.actions[$0]] }, model.buffer.logProbs,
                    rtol: 1e-5, atol: 1e-6, "log-probabilities of the rollout")
        XCTAssertEqual(f.scalars["epochs"] as? Int, model.options.nEpochs, "one shuffle per epoch")
        let permutations = try (0..<model.options.nEpochs).map { e in try f.array("permutation/\(e)").values.map { Int($0) } }
        try model.train(permutations: permutations)
        try checkAfter(f, model.policy, rtol: 2e-4)
        try checkMetrics(f, model.pendingTrain, tolerance: 1e-4)
    }

    func testRecurrentPPOUpdateMatchesSB3Contrib() throws {
        let f = try ArrayFixture.load("recurrent_ppo_update")
        let env = try MemoryTaskEnv(delay: 4, difficulty: 0)
        try checkDefaults(f, RecurrentPPO.defaultOptions(),
                          parameterCount: try RecurrentPPO(env: env, write: { _ in }).policy.parameterCount)
        let hidden = Int(try XCTUnwrap(f.scalars["lstm_hidden_size"] as? Int))
        let model = try RecurrentPPO(env: env, options: try runOptions(f, base: RecurrentPPO.defaultOptions()),
                                     lstmHiddenSize: hidden, write: { _ in })
        try loadParameters(f, "before", into: model.policy)
        let n = model.options.nSteps
        model.buffer = try fillBuffer(f, size: n, observationSize: 3)
        // sb3-contrib stores the raw states and zeroes them at episode starts when it reads
        // them; smr stores them zeroed already.
        var states = RecurrentState(hidden: n * hidden)
        let starts = try f.array("buffer/episode_starts").values
        func stored(_ key: String) throws -> [Float] {
            var v = try f.array("buffer/\(key)").values
            for t in 0..<n where starts[t] == 1 { for j in 0..<hidden { v[t * hidden + j] = 0 } }
            return v
        }
        states.actorH = try stored("hidden_states_pi"); states.actorC = try stored("cell_states_pi")
        states.criticH = try stored("hidden_states_vf"); states.criticC = try stored("cell_states_vf")
        model.storedStates = states
        let splits = try XCTUnwrap(f.scalars["splits"] as? [Int])
        XCTAssertEqual(splits.count, model.options.nEpochs, "one rotation per epoch")
        try model.train(splits: splits)
        try checkAfter(f, model.policy, rtol: 2e-4)
        try checkMetrics(f, model.pendingTrain, tolerance: 1e-4)
    }
}
