import Foundation
import SMREnvironments
import SMRNeural
import SMRTensor
import XCTest
@testable import SMRAgents

/// PPO with Stable-Baselines3's defaults and semantics: hyper-parameters, network shapes and
/// names, parameter count, orthogonal initialisation, GAE with episode starts, training
/// runs deterministic per seed, bad input and checkpoints.
final class PPOTests: XCTestCase {
    func memoryTask(delay: Int = 4, seed: UInt32 = 0) throws -> MemoryTaskEnv {
        try MemoryTaskEnv(delay: delay, difficulty: 0, randomState: LegacyRandomState(seed: seed))
    }

    func testDefaultsAreStableBaselines3s() {
        let o = PPOOptions()
        XCTAssertEqual(o.learningRate, 3e-4)
        XCTAssertEqual(o.nSteps, 2048)
        XCTAssertEqual(o.batchSize, 64)
        XCTAssertEqual(o.nEpochs, 10)
        XCTAssertEqual(o.gamma, 0.99)
        XCTAssertEqual(o.gaeLambda, 0.95)
        XCTAssertEqual(o.clipRange, 0.2)
        XCTAssertNil(o.clipRangeVf)
        XCTAssertEqual(o.entCoef, 0)
        XCTAssertEqual(o.vfCoef, 0.5)
        XCTAssertEqual(o.maxGradNorm, 0.5)
        XCTAssertEqual(o.netArch, [64, 64])
    }

    func testNetworkNamesShapesAndCountMatchSB3() throws {
        let model = try PPO(env: memoryTask(), options: { var o = PPOOptions(); o.seed = 0; return o }())
        let named = model.policy.namedParameters()
        XCTAssertEqual(named.map(\.name), [
            "mlp_extractor.policy_net.0.weight", "mlp_extractor.policy_net.0.bias",
            "mlp_extractor.policy_net.2.weight", "mlp_extractor.policy_net.2.bias",
            "mlp_extractor.value_net.0.weight", "mlp_extractor.value_net.0.bias",
            "mlp_extractor.value_net.2.weight", "mlp_extractor.value_net.2.bias",
            "action_net.weight", "action_net.bias", "value_net.weight", "value_net.bias",
        ])
        XCTAssertEqual(named.map(\.tensor.shape), [[64, 3], [64], [64, 64], [64], [64, 3], [64], [64, 64], [64], [2, 64], [2], [1, 64], [1]])
        XCTAssertEqual(model.policy.parameterCount, 9_027)
        XCTAssertEqual(model.optimizer.parameterList.count, 12)
    }

    func testOrthogonalInitialisationWithSB3Gains() throws {
        let model = try PPO(env: memoryTask(), options: { var o = PPOOptions(); o.seed = 1; return o }())
        func gram(_ w: Tensor, rowsOfW: Bool) -> [[Double]] {
            let r = w.shape[0], c = w.shape[1], d = w.data.map(Double.init)
            let n = rowsOfW ? r : c
            return (0..<n).map { i in (0..<n).map { j in
                rowsOfW ? (0..<c).reduce(0) { $0 + d[i * c + $1] * d[j * c + $1] } : (0..<r).reduce(0) { $0 + d[$1 * c + i] * d[$1 * c + j] }
            } }
        }
        // Tall [64, 3]: orthonormal columns times √2; wide [2, 64]: orthonormal rows times 0.01.
        let first = gram(model.policy.mlpExtractor.policyNet.layers[0].weight, rowsOfW: false)
        for i in 0..<3 { for j in 0..<3 { XCTAssertEqual(first[i][j], i == j ? 2 : 0, accuracy: 1e-5) } }
        let action = gram(model.policy.actionNet.weight, rowsOfW: true)
        for i in 0..<2 { for j in 0..<2 { XCTAssertEqual(action[i][j], i == j ? 1e-4 : 0, accuracy: 1e-9) } }
        XCTAssertTrue(model.policy.mlpExtractor.valueNet.layers[1].bias?.data.allSatisfy { $0 == 0 } ?? false)
    }

    func testGAEStopsAtEpisodeStartsAndBootstrapsTheLastStep() {
        var b = RolloutBuffer()
        b.add(observation: [0], action: 0, reward: 1, episodeStart: true, value: 0.5, logProb: 0)
        b.add(observation: [0], action: 0, reward: 0, episodeStart: false, value: 0.2, logProb: 0)
        b.add(observation: [0], action: 0, reward: 2, episodeStart: true, value: 0.1, logProb: 0)
        b.computeReturnsAndAdvantage(lastValue: 0.4, done: false, gamma: 0.9, lambda: 0.8)
        let a2: Float = 2 + 0.9 * 0.4 - 0.1
        let a1: Float = -0.2  // the next step starts a new episode: no bootstrap
        let d0: Float = 1 + 0.9 * 0.2 - 0.5
        let a0: Float = d0 + 0.9 * 0.8 * a1
        XCTAssertEqual(b.advantages[0], a0, accuracy: 1e-6)
        XCTAssertEqual(b.advantages[1], a1, accuracy: 1e-6)
        XCTAssertEqual(b.advantages[2], a2, accuracy: 1e-6)
        XCTAssertEqual(b.returns[2], a2 + 0.1, accuracy: 1e-6)
    }

    func testTrainingIsDeterministicPerSeedAndPrintsTheBox() throws {
        var outputs: [[Double]] = []
        var box = ""
        for _ in 0..<2 {
            var o = PPOOptions()
            o.seed = 3
            o.nSteps = 64
            o.batchSize = 16
            o.nEpochs = 2
            o.verbose = 1
            let model = try PPO(env: memoryTask(seed: 3), options: o)
            box = ""
            model.write = { box += $0 }
            try model.learn(totalTimesteps: 256)
            XCTAssertEqual(model.numTimesteps, 256)
            XCTAssertEqual(model.nUpdates, 8)
            outputs.append(model.episodeRewards + model.policy.parameters().flatMap(\.data).prefix(20).map(Double.init))
        }
        XCTAssertEqual(outputs[0], outputs[1])
        XCTAssertTrue(box.contains("| rollout/"), box)
        XCTAssertTrue(box.contains("|    ep_rew_mean"), box)
        XCTAssertTrue(box.contains("| train/"), box)
        XCTAssertTrue(box.contains("|    approx_kl"), box)
    }

    func testBadInputAndCheckpoints() throws {
        XCTAssertThrowsError(try PPO(env: Pendulum())) { XCTAssertTrue("\($0)".contains("Discrete"), "\($0)") }
        var o = PPOOptions()
        o.batchSize = 1
        XCTAssertThrowsError(try PPO(env: memoryTask(), options: o)) { XCTAssertTrue("\($0)".contains("batch_size"), "\($0)") }
        var good = PPOOptions()
        good.seed = 0
        good.nSteps = 32
        good.batchSize = 8
        let model = try PPO(env: memoryTask(), options: good)
        try model.learn(totalTimesteps: 32)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ppo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("ppo.pt").path, bad = dir.appendingPathComponent("bad.pt").path
        try model.save(to: path)
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: bad))
        let before = model.policy.parameters().flatMap(\.data)
        XCTAssertThrowsError(try model.load(from: bad))
        XCTAssertEqual(model.policy.parameters().flatMap(\.data), before)
        let twin = try PPO(env: memoryTask(), options: { var x = good; x.seed = 9; return x }())
        try twin.load(from: path)
        XCTAssertEqual(twin.policy.parameters().flatMap(\.data), before)
    }

    /// Without memory PPO cannot recall the cue: it stays at chance on MemoryTaskEnv(4, 0),
    /// as in the source's table.
    func testStaysAtChanceWithoutMemory() throws {
        var o = PPOOptions()
        o.seed = 0
        let model = try PPO(env: memoryTask(), options: o)
        try model.learn(totalTimesteps: 4096)
        let eval = try memoryTask(seed: 11)
        var total = 0.0
        for _ in 0..<200 {
            var obs = try eval.reset(seed: nil, options: nil).observation
            var done = false
            while !done {
                let s = try eval.step(.discrete(try model.predict(obs, deterministic: true)))
                total += s.reward
                obs = s.observation
                done = s.terminated || s.truncated
            }
        }
        XCTAssertLessThan(abs(total / 200), 0.35, "mean return \(total / 200)")
    }
}
