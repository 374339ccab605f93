import Foundation
import SMREnvironments
import SMRNeural
import SMRTensor
import XCTest
@testable import SMRAgents

/// PPO with SB3's semantics: defaults, network shapes and parameter count as SB3's MlpPolicy,
/// orthogonal init, hand-written gradients against finite differences, learning, checkpoints.
final class PPOTests: XCTestCase {
    func makePPO(delay: Int = 4, difficulty: Int = 0, seed: Int = 0,
                 configure: (inout PPOOptions) -> Void = { _ in }) throws -> PPO {
        let env = try MemoryTaskEnv(delay: delay, difficulty: difficulty, randomState: LegacyRandomState(seed: UInt32(seed)))
        var options = PPOOptions()
        options.seed = seed
        configure(&options)
        return try PPO(env: env, options: options)
    }

    func testDefaultsAreSB3s() {
        let o = PPOOptions()
        XCTAssertEqual(o.learningRate, 3e-4); XCTAssertEqual(o.nSteps, 2048); XCTAssertEqual(o.batchSize, 64)
        XCTAssertEqual(o.nEpochs, 10); XCTAssertEqual(o.gamma, 0.99); XCTAssertEqual(o.gaeLambda, 0.95)
        XCTAssertEqual(o.clipRange, 0.2); XCTAssertNil(o.clipRangeVf); XCTAssertTrue(o.normalizeAdvantage)
        XCTAssertEqual(o.entCoef, 0); XCTAssertEqual(o.vfCoef, 0.5); XCTAssertEqual(o.maxGradNorm, 0.5)
        XCTAssertNil(o.targetKL); XCTAssertEqual(o.piArch, [64, 64]); XCTAssertEqual(o.vfArch, [64, 64])
    }

    func testShapesNamesAndParameterCountMatchSB3() throws {
        let ppo = try makePPO()
        XCTAssertEqual(ppo.policy.parameterCount, 9_027)
        let shapes = Dictionary(uniqueKeysWithValues: ppo.policy.namedParameters().map { ($0.name, $0.tensor.shape) })
        XCTAssertEqual(shapes["mlp_extractor.policy_net.0.weight"], [64, 3])
        XCTAssertEqual(shapes["mlp_extractor.policy_net.2.weight"], [64, 64])
        XCTAssertEqual(shapes["mlp_extractor.value_net.0.weight"], [64, 3])
        XCTAssertEqual(shapes["mlp_extractor.value_net.2.bias"], [64])
        XCTAssertEqual(shapes["action_net.weight"], [2, 64])
        XCTAssertEqual(shapes["value_net.weight"], [1, 64])
        XCTAssertEqual(shapes.count, 12)
        XCTAssertEqual(ppo.optimizer.groups[0].options.eps, 1e-5)
        // Zero biases and SB3's gains: orthogonal rows/columns of norm `gain`.
        XCTAssertTrue(ppo.policy.actionNet.bias!.data.allSatisfy { $0 == 0 })
        let w = ppo.policy.actionNet.weight.data  // 2 × 64, rows orthogonal with norm 0.01
        let dot = (0..<64).reduce(Float(0)) { $0 + w[$1] * w[64 + $1] }
        let n0 = (0..<64).reduce(Float(0)) { $0 + w[$1] * w[$1] }.squareRoot()
        XCTAssertEqual(dot, 0, accuracy: 1e-7); XCTAssertEqual(n0, 0.01, accuracy: 1e-6)
    }

    func testOrthogonalInitializerTallAndWide() throws {
        var g = RandomGenerator(seed: 3)
        for shape in [[64, 3], [3, 64], [8, 8]] {
            let t = try Initialization.orthogonal(shape, gain: 2, generator: &g)
            let r = shape[0], c = shape[1]
            // The smaller Gram matrix is gain² · I.
            let tall = r >= c
            let k = tall ? c : r
            for i in 0..<k {
                for j in 0..<k {
                    var s: Float = 0
                    for m in 0..<(tall ? r : c) {
                        s += tall ? t.data[m * c + i] * t.data[m * c + j] : t.data[i * c + m] * t.data[j * c + m]
                    }
                    XCTAssertEqual(s, i == j ? 4 : 0, accuracy: 1e-4, "\(shape) [\(i), \(j)]")
                }
            }
        }
    }

    /// The hand-written backward equals finite differences of Σ logπ(aᵢ|sᵢ)·cᵢ + Σ V(sᵢ)·eᵢ.
    func testGradientsMatchFiniteDifferences() throws {
        let ppo = try makePPO()
        let policy = ppo.policy
        let b = 5
        var g = RandomGenerator(seed: 9)
        let x = (0..<(b * 3)).map { _ in Float(g.normal()) }
        let actions = (0..<b).map { $0 % 2 }
        let c = (0..<b).map { _ in Float(g.normal()) }, e = (0..<b).map { _ in Float(g.normal()) }
        func objective() -> Double {
            let p = policy.forward(x, batch: b)
            var s = 0.0
            for i in 0..<b { s += Double(p.logProbs[i * 2 + actions[i]] * c[i] + p.values[i] * e[i]) }
            return s
        }
        let pass = policy.forward(x, batch: b)
        var dLogits = [Float](repeating: 0, count: b * 2)
        for i in 0..<b {
            for j in 0..<2 { dLogits[i * 2 + j] = c[i] * ((j == actions[i] ? 1 : 0) - Foundation.exp(pass.logProbs[i * 2 + j])) }
        }
        try policy.setGradients(pass, dLogits: dLogits, dValues: e)
        for (name, p) in policy.namedParameters() {
            let grad = try XCTUnwrap(p.gradData, name)
            for k in [0, p.count / 2, p.count - 1] {
                let orig = p.data[k]
                let h: Float = 1e-2
                var v = p.data; v[k] = orig + h; try p.assign(v)
                let up = objective()
                v[k] = orig - h; try p.assign(v)
                let down = objective()
                v[k] = orig; try p.assign(v)
                XCTAssertEqual(Double(grad[k]), (up - down) / Double(2 * h), accuracy: 2e-3 + 2e-2 * abs(Double(grad[k])), "\(name)[\(k)]")
            }
        }
    }

    func testGAEMatchesHandComputation() {
        var buf = RolloutBuffer(size: 3, observationSize: 1)
        buf.add(observation: [0], action: 0, reward: 1, episodeStart: true, value: 0.5, logProb: 0)
        buf.add(observation: [0], action: 0, reward: 0, episodeStart: false, value: 0.2, logProb: 0)
        buf.add(observation: [0], action: 0, reward: 2, episodeStart: true, value: 0.1, logProb: 0)
        buf.computeReturnsAndAdvantage(lastValue: 0.7, done: false, gamma: 0.9, gaeLambda: 0.8)
        let a2: Float = 2 + 0.9 * 0.7 - 0.1
        let a1: Float = 0 - 0.2          // next step starts an episode: no bootstrap
        let a0: Float = (1 + 0.9 * 0.2 - 0.5) + 0.9 * 0.8 * a1
        XCTAssertEqual(buf.advantages[2], a2, accuracy: 1e-6)
        XCTAssertEqual(buf.advantages[1], a1, accuracy: 1e-6)
        XCTAssertEqual(buf.advantages[0], a0, accuracy: 1e-6)
        XCTAssertEqual(buf.returns[0], a0 + 0.5, accuracy: 1e-6)
    }

    func testLearnPrintsSB3LogBoxes() throws {
        var out = ""
        let ppo = try makePPO { $0.nSteps = 256; $0.verbose = 1 }
        ppo.write = { out += $0 }
        try ppo.learn(totalTimesteps: 512)
        let boxes = out.components(separatedBy: "| time/")
        XCTAssertEqual(boxes.count, 3, out)
        XCTAssertTrue(out.contains("|    ep_rew_mean"), out)
        XCTAssertTrue(out.contains("|    total_timesteps      | 512"), out)
        // train/ appears in the second box only (SB3 dumps before training).
        XCTAssertEqual(out.components(separatedBy: "| train/").count, 2, out)
        if let train = out.range(of: "| train/"), let firstTotal = out.range(of: "|    total_timesteps | 256") {
            XCTAssertGreaterThan(train.lowerBound, firstTotal.upperBound)
        } else { XCTFail(out) }
        XCTAssertTrue(out.contains("|    n_updates            | 10 "), out)
        XCTAssertEqual(ppo.numTimesteps, 512)
    }

    func testSameSeedSameResult() throws {
        let a = try makePPO { $0.nSteps = 128 }, b = try makePPO { $0.nSteps = 128 }
        try a.learn(totalTimesteps: 256); try b.learn(totalTimesteps: 256)
        XCTAssertEqual(a.policy.parameters().map(\.data), b.policy.parameters().map(\.data))
    }

    func testPredictAndBadInput() throws {
        let ppo = try makePPO()
        let (a, state) = try ppo.predict([1, 0, 0], deterministic: true)
        XCTAssertTrue(a == 0 || a == 1); XCTAssertNil(state)
        XCTAssertThrowsError(try ppo.predict([1, 0]))
        XCTAssertThrowsError(try makePPO { $0.batchSize = 1 })
        XCTAssertThrowsError(try ppo.learn(totalTimesteps: 10, logInterval: 0))
        let cartpole = try Pendulum()
        XCTAssertThrowsError(try PPO(env: cartpole))
    }

    func testSaveLoadAndCorruptFileLeavesModelUnchanged() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ppo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("ppo.ckpt").path
        let a = try makePPO { $0.nSteps = 128 }
        try a.learn(totalTimesteps: 128)
        try a.save(to: path)
        let b = try makePPO(seed: 5) { $0.nSteps = 128 }
        try b.load(from: path)
        XCTAssertEqual(a.policy.parameters().map(\.data), b.policy.parameters().map(\.data))
        let before = b.policy.parameters().map(\.data)
        let bad = dir.appendingPathComponent("bad.ckpt").path
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: bad))
        XCTAssertThrowsError(try b.load(from: bad))
        XCTAssertEqual(b.policy.parameters().map(\.data), before)
    }

    /// PPO's policy is memoryless, so on the memory task it stays at chance (as SB3's: §2).
    func testStaysAtChanceOnMemoryTask() throws {
        let ppo = try makePPO { $0.learningRate = 1e-3 }
        let start = Date()
        try ppo.learn(totalTimesteps: 10_000)
        let seconds = Date().timeIntervalSince(start)
        XCTAssertEqual(ppo.numTimesteps, 10_240)
        let trainMean = try XCTUnwrap(ppo.monitor.meanReward)
        XCTAssertLessThan(abs(trainMean), 0.5)
        let (mean, _, _) = try ppo.evaluate(nEpisodes: 200, deterministic: true)
        XCTAssertLessThan(abs(mean), 0.3)
        print("PPO MemoryTaskEnv(4, 0) 10,240 steps: \(String(format: "%.2f", seconds)) s, \(Int(10_240 / seconds)) steps/s")
    }
}

/// PPO learns a task a memoryless policy can solve (CartPole-v1), as SB3's does.
final class PPOLearningTests: XCTestCase {
    func testLearnsCartPole() throws {
        let env = try make("CartPole-v1")
        var o = PPOOptions(); o.seed = 0
        let ppo = try PPO(env: env, options: o)
        try ppo.learn(totalTimesteps: 30_000)
        let r = try XCTUnwrap(ppo.monitor.meanReward)
        print("PPO CartPole-v1 30k steps: ep_rew_mean \(r)")
        XCTAssertGreaterThan(r, 100)
    }
}
