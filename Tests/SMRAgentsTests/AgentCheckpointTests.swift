import Foundation
import SMREnvironments
import SMRNeural
import SMRTensor
import XCTest
@testable import SMRAgents

/// Every agent's `save`/`load` round trip is exact: a differently initialised agent that
/// loads a checkpoint gives the same outputs and makes the same next updates, bit for bit;
/// a truncated or foreign file is refused and leaves the agent as it was.
final class AgentCheckpointTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "smr-agent-ckpt-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    private func memoryAgent(seed: Int) throws -> StrategicMemoryAgent {
        GlobalRandom.seed(seed)
        let env = try MemoryTaskEnv(delay: 2, randomState: LegacyRandomState(seed: UInt32(seed)))
        let memory = try StrategicMemoryBuffer(obsDim: 3, actionDim: 1, memDim: 16, maxEntries: 6)
        var o = StrategicMemoryAgentOptions()
        o.memoryLearnRetention = true
        o.intrinsicExpl = true
        o.useRnd = true
        o.rndEmbDim = 8
        o.rewardNorm = true
        let aux = [try AuxiliaryModule(name: "cue", task: .classification, featDim: 32, outputs: 2, generator: &GlobalRandom.generator)]
        return try StrategicMemoryAgent(env: env, memory: memory, memDim: 16, auxModules: aux, options: o,
                                        generator: &GlobalRandom.generator)
    }

    /// Equal bit for bit; a failure names the first differing tensor (not all the values).
    private func assertSame(_ a: [[Float]], _ b: [[Float]], _ what: String, line: UInt = #line) {
        guard a != b else { return }
        let k = Array(zip(a, b)).firstIndex { $0 != $1 } ?? min(a.count, b.count)
        XCTFail("\(what): tensor \(k) of \(a.count)/\(b.count) differs", line: line)
    }

    private func assertSame(_ a: OptimizerState?, _ b: OptimizerState?, _ what: String, line: UInt = #line) {
        guard a != b else { return }
        let k = Array(zip(a?.entries ?? [], b?.entries ?? [])).firstIndex { $0 != $1 }
        XCTFail("\(what): optimizer states differ (entry \(k.map(String.init) ?? "count/groups"))", line: line)
    }

    /// Everything that decides the memory agent's next step, as comparable values.
    private func state(_ a: StrategicMemoryAgent) -> [[Float]] {
        var out = (a.policy.namedParameters() + a.policy.namedBuffers()).map(\.tensor.data)
        out += a.policy.auxModules.flatMap { $0.parameters().map(\.data) }
        out += (a.rnd.map { $0.parameters().map(\.data) } ?? [])
        out += a.memory?.entries.map { $0.trajectory.flatMap { $0 } + $0.embedding + [Float($0.outcome), Float($0.slot)] } ?? []
        out.append(a.episodeRewards.map(Float.init) + a.episodeLengths.map(Float.init) + [Float(a.trainingEpisodes)])
        out.append([Float(a.rewardNormalizer.mean), Float(a.rewardNormalizer.variance), Float(a.rewardNormalizer.count),
                    Float(a.stateCounter.distinctStates)])
        return out
    }

    func testStrategicMemoryAgentRoundTripIsExact() throws {
        let path = directory + "/smr.ckpt"
        let a = try memoryAgent(seed: 0)
        a.write = { _ in }
        try a.learn(totalTimesteps: 60, logInterval: 1000)
        XCTAssertGreaterThan(a.memory?.entries.count ?? 0, 0)
        try a.save(to: path)
        let b = try memoryAgent(seed: 3)
        b.write = { _ in }
        XCTAssertTrue(state(a) != state(b))
        try b.load(from: path)
        assertSame(state(a), state(b), "agent state")
        assertSame(a.optimizer.stateDict(), b.optimizer.stateDict(), "optimizer")
        assertSame(a.rndOptimizer?.stateDict(), b.rndOptimizer?.stateDict(), "RND optimizer")
        XCTAssertTrue(a.stateCounter.visits == b.stateCounter.visits)
        XCTAssertEqual(a.memory?.lastAttention, b.memory?.lastAttention)

        // Same outputs, then the same next updates from the same random streams.
        for agent in [a, b] { _ = try agent.env.reset(seed: 11, options: nil) }
        GlobalRandom.seed(5)
        let evalA = try a.evaluate(nEpisodes: 4, deterministic: false)
        GlobalRandom.seed(5)
        let evalB = try b.evaluate(nEpisodes: 4, deterministic: false)
        XCTAssertEqual(evalA.returns, evalB.returns)
        GlobalRandom.seed(6)
        try a.learn(totalTimesteps: 30, logInterval: 1000)
        GlobalRandom.seed(6)
        try b.learn(totalTimesteps: 30, logInterval: 1000)
        assertSame(state(a), state(b), "agent state")
        assertSame(a.optimizer.stateDict(), b.optimizer.stateDict(), "optimizer")
    }

    func testStrategicMemoryAgentRefusesForeignAndTruncatedFilesUnchanged() throws {
        let path = directory + "/smr.ckpt"
        let a = try memoryAgent(seed: 0)
        a.write = { _ in }
        try a.learn(totalTimesteps: 20, logInterval: 1000)
        try a.save(to: path)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let b = try memoryAgent(seed: 3)
        try b.learn(totalTimesteps: 10, logInterval: 1000)
        let before = state(b)

        let truncated = directory + "/truncated.ckpt"
        try Data(bytes.prefix(bytes.count * 2 / 3)).write(to: URL(fileURLWithPath: truncated))
        XCTAssertThrowsError(try b.load(from: truncated)) { XCTAssertTrue("\($0)".contains("truncated"), "\($0)") }

        // A valid checkpoint of another agent (PPO) is refused by name, not half-applied.
        let ppo = try PPO(env: try MemoryTaskEnv(delay: 2))
        let foreign = directory + "/ppo.ckpt"
        try ppo.save(to: foreign)
        XCTAssertThrowsError(try b.load(from: foreign)) {
            XCTAssertTrue("\($0)".contains("not a StrategicMemoryAgent checkpoint"), "\($0)")
        }

        // The same agent without RND: refused, naming the reason.
        GlobalRandom.seed(1)
        let plainEnv = try MemoryTaskEnv(delay: 2)
        let plain = try StrategicMemoryAgent(env: plainEnv, memory: try StrategicMemoryBuffer(obsDim: 3, memDim: 16, maxEntries: 6),
                                             memDim: 16, generator: &GlobalRandom.generator)
        XCTAssertThrowsError(try plain.load(from: path))
        assertSame(state(b), before, "agent state after refusals")
    }

    func testPPORoundTripMakesTheSameNextUpdate() throws {
        func make(_ seed: Int) throws -> PPO {
            var o = PPOOptions()
            o.seed = seed
            o.nSteps = 64
            o.batchSize = 32
            o.verbose = 0
            return try PPO(env: try MemoryTaskEnv(delay: 2, randomState: LegacyRandomState(seed: 1)), options: o)
        }
        let path = directory + "/ppo.ckpt"
        let a = try make(0), b = try make(4)
        try a.learn(totalTimesteps: 64)
        try a.save(to: path)
        try b.load(from: path)
        assertSame(a.policy.parameters().map(\.data), b.policy.parameters().map(\.data), "policy")
        let obs: [Float] = [1, 0, 0]
        XCTAssertEqual(try a.predict(obs, deterministic: true).action, try b.predict(obs, deterministic: true).action)
        for m in [a, b] { _ = try m.env.reset(seed: 3, options: nil) }
        try a.learn(totalTimesteps: 64)
        try b.learn(totalTimesteps: 64)
        assertSame(a.policy.parameters().map(\.data), b.policy.parameters().map(\.data), "policy")
        assertSame(a.optimizer.stateDict(), b.optimizer.stateDict(), "optimizer")
    }

    func testRecurrentPPORoundTripMakesTheSameNextUpdate() throws {
        func make(_ seed: Int) throws -> RecurrentPPO {
            var o = RecurrentPPO.defaultOptions()
            o.seed = seed
            o.nSteps = 32
            o.batchSize = 32
            o.verbose = 0
            return try RecurrentPPO(env: try MemoryTaskEnv(delay: 2, randomState: LegacyRandomState(seed: 1)), options: o,
                                    lstmHiddenSize: 8)
        }
        let path = directory + "/rppo.ckpt"
        let a = try make(0), b = try make(4)
        try a.learn(totalTimesteps: 32)
        try a.save(to: path)
        try b.load(from: path)
        assertSame(a.policy.parameters().map(\.data), b.policy.parameters().map(\.data), "policy")
        for m in [a, b] { _ = try m.env.reset(seed: 3, options: nil) }
        try a.learn(totalTimesteps: 32)
        try b.learn(totalTimesteps: 32)
        assertSame(a.policy.parameters().map(\.data), b.policy.parameters().map(\.data), "policy")
        assertSame(a.optimizer.stateDict(), b.optimizer.stateDict(), "optimizer")
    }

    /// The Pendulum actor-critics with each optimizer: a checkpoint of model + optimizer loaded
    /// into a differently initialised twin gives the same parameters, optimizer state and next
    /// update; a truncated copy of the file is refused and leaves the twin as it was.
    func testActorCriticsAndEveryOptimizerRoundTripToTheSameNextUpdate() throws {
        typealias Make = (inout RandomGenerator) throws -> (Module, (any Environment, any Optimizer) throws -> Void)
        let agents: [(String, Make)] = [
            ("LSTMActorCritic", { g in
                let m = try LSTMActorCritic(obsDim: 3, actDim: 1, hiddenSize: 8, generator: &g)
                return (m, { env, opt in try RunEpisode.run(env: env, agent: m, optimizer: opt, maxSteps: 6) })
            }),
            ("ExplicitMemoryAgent", { g in
                let m = try ExplicitMemoryAgent(obsDim: 3, actDim: 1, memorySlots: 4, memoryDim: 4, hiddenDim: 8, generator: &g)
                return (m, { env, opt in try RunEpisode.run(env: env, agent: m, optimizer: opt, maxSteps: 6) })
            }),
            ("TransformerActorCritic", { g in
                let m = try TransformerActorCritic(obsDim: 3, actDim: 1, seqLen: 3, hiddenDim: 8, nHeads: 2, nLayers: 1, generator: &g)
                return (m, { _, opt in
                    try TrainStep.run(policy: m, optimizer: opt, observations: [[1, 0, 0.5], [0, 1, 0], [0.2, 0.1, 1]],
                                      actions: [[0.1], [-0.3], [0.2]], rewards: [1, -2, 0.5], seqLen: 3)
                })
            }),
        ]
        let optimizers: [(String, ([Tensor]) throws -> any Optimizer)] = [
            ("Adam", { try Adam($0, lr: 1e-2, amsgrad: true) }),
            ("AdamW", { try AdamW($0, lr: 1e-2) }),
            ("SGD", { try SGD($0, lr: 1e-2, momentum: 0.9, nesterov: true) }),
        ]
        for (agentName, make) in agents {
            for (optName, makeOptimizer) in optimizers {
                let what = "\(agentName) + \(optName)"
                var g1 = RandomGenerator(seed: 1), g2 = RandomGenerator(seed: 2)
                let (a, stepA) = try make(&g1), (b, stepB) = try make(&g2)
                let optA = try makeOptimizer(a.parameters()), optB = try makeOptimizer(b.parameters())
                let envA = try Pendulum(), envB = try Pendulum()
                _ = try envA.reset(seed: 3, options: nil)
                GlobalRandom.seed(9)
                try stepA(envA, optA)
                let path = directory + "/\(agentName)-\(optName).ckpt"
                try Checkpoint.save(to: path, model: a, optimizer: optA)

                // A truncated file is refused and changes nothing.
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                let truncated = directory + "/truncated.ckpt"
                try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: truncated))
                let untouched = b.parameters().map(\.data)
                XCTAssertThrowsError(try Checkpoint.load(from: truncated, into: b, optimizer: optB), what) {
                    XCTAssertTrue($0 is CheckpointError, "\(what): \($0)")
                }
                XCTAssertEqual(b.parameters().map(\.data), untouched, what)

                try Checkpoint.load(from: path, into: b, optimizer: optB)
                assertSame(a.parameters().map(\.data), b.parameters().map(\.data), what)
                assertSame(optA.stateDict(), optB.stateDict(), what)
                for (env, opt, step) in [(envA, optA, stepA), (envB, optB, stepB)] {
                    _ = try env.reset(seed: 4, options: nil)
                    GlobalRandom.seed(10)
                    try step(env, opt)
                }
                assertSame(a.parameters().map(\.data), b.parameters().map(\.data), "\(what), after the next update")
                assertSame(optA.stateDict(), optB.stateDict(), "\(what), after the next update")
            }
        }
    }
}
