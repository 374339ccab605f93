import Foundation
import SMREnvironments
import SMRNeural
import SMRTensor
import XCTest
@testable import SMRAgents

/// RecurrentPPO ("MlpLstmPolicy") with sb3-contrib's semantics: defaults, parameter count,
/// the hand-written LSTM backward against finite differences, sequence minibatches, learning
/// delay-4 EASY with the state carried.
final class RecurrentPPOTests: XCTestCase {
    func makeModel(delay: Int = 4, difficulty: Int = 0, seed: Int = 0, hidden: Int = 256,
                   configure: (inout PPOOptions) -> Void = { _ in }) throws -> RecurrentPPO {
        let env = try MemoryTaskEnv(delay: delay, difficulty: difficulty, randomState: LegacyRandomState(seed: UInt32(seed)))
        var options = RecurrentPPO.defaultOptions()
        options.seed = seed
        configure(&options)
        return try RecurrentPPO(env: env, options: options, lstmHiddenSize: hidden)
    }

    func testDefaultsAndParameterCountMatchSB3Contrib() throws {
        let o = RecurrentPPO.defaultOptions()
        XCTAssertEqual(o.nSteps, 128); XCTAssertEqual(o.batchSize, 128); XCTAssertEqual(o.nEpochs, 10)
        XCTAssertEqual(o.learningRate, 3e-4); XCTAssertEqual(o.clipRange, 0.2)
        let m = try makeModel()
        XCTAssertEqual(m.policy.parameterCount, 575_939)
        let shapes = Dictionary(uniqueKeysWithValues: m.policy.namedParameters().map { ($0.name, $0.tensor.shape) })
        XCTAssertEqual(shapes["lstm_actor.weight_ih_l0"], [1024, 3])
        XCTAssertEqual(shapes["lstm_critic.weight_hh_l0"], [1024, 256])
        XCTAssertEqual(shapes["mlp_extractor.policy_net.0.weight"], [64, 256])
        XCTAssertEqual(shapes["action_net.weight"], [2, 64])
        XCTAssertEqual(shapes["value_net.weight"], [1, 64])
    }

    /// BPTT through the hand-written LSTM equals finite differences of Σₜ hₜ·wₜ.
    func testLSTMBackwardMatchesFiniteDifferences() throws {
        var g = RandomGenerator(seed: 4)
        let lstm = try LSTM(3, 5, generator: &g)
        let runner = try LSTMRunner(lstm)
        let B = 2, T = 3, H = 5
        let xs = (0..<T).map { _ in (0..<(B * 3)).map { _ in Float(g.normal()) } }
        let h0 = (0..<(B * H)).map { _ in Float(g.normal()) * 0.5 }, c0 = (0..<(B * H)).map { _ in Float(g.normal()) * 0.5 }
        let w = (0..<T).map { _ in (0..<(B * H)).map { _ in Float(g.normal()) } }
        func objective() -> Double {
            let tr = runner.forward(xs, h0: h0, c0: c0, batch: B)
            var s = 0.0
            for t in 0..<T { for k in 0..<(B * H) { s += Double(tr.h[t][k] * w[t][k]) } }
            return s
        }
        var grads = runner.zeroGrads()
        runner.backward(runner.forward(xs, h0: h0, c0: c0, batch: B), dH: w, grads: &grads)
        for (p, grad) in zip([runner.wIH, runner.wHH, runner.bIH, runner.bHH], grads) {
            for k in [0, 7, p.count / 2, p.count - 1] {
                let orig = p.data[k], h: Float = 1e-2
                var v = p.data; v[k] = orig + h; try p.assign(v)
                let up = objective()
                v[k] = orig - h; try p.assign(v)
                let down = objective()
                v[k] = orig; try p.assign(v)
                XCTAssertEqual(Double(grad[k]), (up - down) / Double(2 * h), accuracy: 2e-3 + 2e-2 * abs(Double(grad[k])))
            }
        }
    }

    /// The whole chain (LSTMs → MLP heads) against finite differences, LSTM weights included.
    func testPolicyChainGradientMatchesFiniteDifferences() throws {
        var g = RandomGenerator(seed: 5)
        let policy = try RecurrentActorCriticPolicy(observationSize: 3, actionCount: 2, lstmHiddenSize: 6, generator: &g)
        let B = 2, T = 3, H = 6
        let xs = (0..<T).map { _ in (0..<(B * 3)).map { _ in Float(g.normal()) } }
        let zero = [Float](repeating: 0, count: B * H)
        let actions = (0..<(T * B)).map { $0 % 2 }
        let c = (0..<(T * B)).map { _ in Float(g.normal()) }, e = (0..<(T * B)).map { _ in Float(g.normal()) }
        func run() -> (ActorCriticMlpPolicy.Pass, LSTMRunner.Trace, LSTMRunner.Trace) {
            let ta = policy.actor.forward(xs, h0: zero, c0: zero, batch: B)
            let tc = policy.critic.forward(xs, h0: zero, c0: zero, batch: B)
            return (policy.heads.forward(pi: ta.h.flatMap { $0 }, vf: tc.h.flatMap { $0 }, batch: T * B), ta, tc)
        }
        func objective() -> Double {
            let p = run().0
            var total = 0.0
            for i in 0..<(T * B) {
                let lp: Float = p.logProbs[i * 2 + actions[i]]
                total += Double(lp * c[i]) + Double(p.values[i] * e[i])
            }
            return total
        }
        let (pass, ta, tc) = run()
        var dLogits = [Float](repeating: 0, count: T * B * 2)
        for i in 0..<(T * B) { for j in 0..<2 { dLogits[i * 2 + j] = c[i] * ((j == actions[i] ? 1 : 0) - Foundation.exp(pass.logProbs[i * 2 + j])) } }
        let dIn = try policy.heads.setGradients(pass, dLogits: dLogits, dValues: e, needInputs: true)
        let per = B * H
        var ga = policy.actor.zeroGrads(), gc = policy.critic.zeroGrads()
        policy.actor.backward(ta, dH: (0..<T).map { Array(dIn.pi[$0 * per..<($0 + 1) * per]) }, grads: &ga)
        policy.critic.backward(tc, dH: (0..<T).map { Array(dIn.vf[$0 * per..<($0 + 1) * per]) }, grads: &gc)
        try policy.actor.setGradients(ga); try policy.critic.setGradients(gc)
        for (name, p) in policy.namedParameters() {
            let grad = try XCTUnwrap(p.gradData, name)
            for k in [0, p.count / 2, p.count - 1] {
                let orig = p.data[k], h: Float = 1e-2
                var v = p.data; v[k] = orig + h; try p.assign(v)
                let up = objective()
                v[k] = orig - h; try p.assign(v)
                let down = objective()
                v[k] = orig; try p.assign(v)
                XCTAssertEqual(Double(grad[k]), (up - down) / Double(2 * h), accuracy: 3e-3 + 2e-2 * abs(Double(grad[k])), "\(name)[\(k)]")
            }
        }
    }

    func testSequenceMinibatchesSplitAtEpisodeStarts() throws {
        let m = try makeModel(hidden: 8) { $0.nSteps = 16; $0.batchSize = 8; $0.nEpochs = 1 }
        try m.learn(totalTimesteps: 16)
        let batches = try m.sequenceMinibatches()
        XCTAssertEqual(batches.count, 2)
        XCTAssertEqual(batches.flatMap { $0.flatMap { $0 } }.sorted(), Array(0..<16))
        for b in batches { for seq in b { XCTAssertLessThanOrEqual(seq.count, 4) } }  // episodes of 4 steps
    }

    func testLearnPrintsTheBoxAndPredictCarriesState() throws {
        var out = ""
        let m = try makeModel(hidden: 16) { $0.verbose = 1 }
        m.write = { out += $0 }
        try m.learn(totalTimesteps: 256)
        XCTAssertEqual(out.components(separatedBy: "| time/").count, 3, out)
        XCTAssertTrue(out.contains("|    n_updates            | 10 "), out)
        let (_, s1) = try m.predict([1, 0, 0], state: nil, episodeStart: true, deterministic: true)
        XCTAssertNotEqual(s1.actorH, [Float](repeating: 0, count: 16))
        XCTAssertThrowsError(try m.predict([1, 0, 0], state: RecurrentState(hidden: 3)))
    }

    func testSaveLoadRoundTrip() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rppo-\(UUID().uuidString).ckpt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let a = try makeModel(hidden: 16), b = try makeModel(seed: 3, hidden: 16)
        try a.save(to: path); try b.load(from: path)
        XCTAssertEqual(a.policy.parameters().map(\.data), b.policy.parameters().map(\.data))
        XCTAssertThrowsError(try makeModel(hidden: 8).load(from: path))
    }

    /// sb3-contrib reaches training ep_rew_mean 1.0 at delay 4 in 10k steps for most seeds
    /// (measured here: 6 of 8, seeds 0–7); smr too (8 of 14 seeds in one measurement; seeds
    /// 0–2 happen to be among the failures, 3 and 4 among the successes). A model that
    /// learned scores ≥ 0.95 evaluated with its LSTM state carried, and exactly 0 when
    /// `predict` gets no state (the greedy action cannot depend on the cue).
    func testLearnsDelayFourWithStatefulEvaluation() throws {
        var solved = 0
        for seed in 0..<5 {
            let m = try makeModel(seed: seed) { $0.learningRate = 1e-3 }
            try m.learn(totalTimesteps: 10_000)
            let stateful = try m.evaluate(nEpisodes: 20, deterministic: true, stateful: true)
            if stateful.mean >= 0.95 {
                solved += 1
                let env = try XCTUnwrap(m.env as? MemoryTaskEnv)
                let stateless = try BalancedEvaluation(env: env, episodes: 20).run { obs, _ in
                    try m.predict(obs, state: nil, episodeStart: true, deterministic: true).action
                }
                XCTAssertEqual(stateless.reduce(0, +), 0, "seed \(seed): without state the balanced score is exactly 0")
            }
        }
        XCTAssertGreaterThanOrEqual(solved, 2)
    }
}
