import Foundation
import SMREnvironments
import SMRNeural
import SMRTensor
import XCTest
@testable import SMRAgents

/// The Strategic Memory Retrieval agent end to end: shapes, parameter names and counts as
/// PyTorch's, memory slot policy, bad input, learning, checkpoints.
final class StrategicMemoryAgentTests: XCTestCase {
    func makeAgent(delay: Int = 4, difficulty: Int = 0, seed: Int = 0, entries: Int = 32,
                   configure: (inout StrategicMemoryAgentOptions) -> Void = { _ in }) throws -> StrategicMemoryAgent {
        GlobalRandom.seed(seed)
        let env = try MemoryTaskEnv(delay: delay, difficulty: difficulty, randomState: LegacyRandomState(seed: UInt32(seed)))
        let memory = try StrategicMemoryBuffer(obsDim: 3, actionDim: 1, memDim: 32, maxEntries: entries)
        var options = StrategicMemoryAgentOptions()
        options.memoryLearnRetention = true
        options.intrinsicExpl = false
        configure(&options)
        return try StrategicMemoryAgent(env: env, memory: memory, options: options, generator: &GlobalRandom.generator)
    }

    func testParameterNamesAndCountsMatchPyTorch() throws {
        let agent = try makeAgent()
        let names = agent.policy.namedParameters().map(\.name)
        XCTAssertEqual(Array(names.prefix(3)), ["embed.weight", "embed.bias", "pos_embed.weight"])
        XCTAssertTrue(names.contains("transformer.layers.0.self_attn.in_proj_weight"))
        XCTAssertEqual(names.firstIndex(of: "memory.usefulness_vec").map { names[$0 + 1] }, "memory.embedding_proj.weight")
        XCTAssertEqual(agent.policy.parameterCount, 283_747)  // 146,019 policy-only + 137,728 in the memory
        XCTAssertEqual(agent.optimizer.parameterList.count, 35)  // usefulness_vec listed twice, as the reference
        XCTAssertEqual(agent.optimizer.parameterList.reduce(0) { $0 + $1.count }, 283_779)
    }

    func testMemoryFillsSlotsThenOverwritesTheLeastUseful() throws {
        GlobalRandom.seed(1)
        let memory = try StrategicMemoryBuffer(obsDim: 3, maxEntries: 3)
        let traj: [[Float]] = [[1, 0, 0, 0, 0], [0, 1, 0, 1, 0]]
        for i in 0..<3 { XCTAssertEqual(try memory.addEntry(trajectory: traj, outcome: Double(i)), i) }
        try memory.usefulnessVec.assign([0.5, -0.25, 0.1])
        XCTAssertEqual(try memory.addEntry(trajectory: traj, outcome: 9), 1)
        XCTAssertEqual(memory.entries.map(\.outcome), [0, 9, 2])
        let (readout, attention) = try memory.retrieve(context: traj)
        XCTAssertEqual(readout.shape, [32])
        XCTAssertEqual(attention?.data.reduce(0, +) ?? 0, 1, accuracy: 1e-6)
        XCTAssertEqual(memory.lastAttention?.count, 3)
        XCTAssertThrowsError(try memory.addEntry(trajectory: [[1, 2]], outcome: 0)) { e in
            XCTAssertTrue("\(e)".contains("expected 5"), "\(e)")
        }
        XCTAssertThrowsError(try StrategicMemoryBuffer(obsDim: 3, maxEntries: 0)) { e in
            XCTAssertTrue("\(e)".contains("max_entries"), "\(e)")
        }
    }

    func testBadInputNamesTheArgument() throws {
        let agent = try makeAgent()
        XCTAssertThrowsError(try agent.predict([1, 2])) { XCTAssertTrue("\($0)".contains("obs has 2 values"), "\($0)") }
        let long = [[Float]](repeating: [0, 0, 0], count: 257)
        XCTAssertThrowsError(try agent.policy.forward(trajectory: long)) { XCTAssertTrue("\($0)".contains("256 positions"), "\($0)") }
        let pendulum = try Pendulum()
        XCTAssertThrowsError(try StrategicMemoryAgent(env: pendulum, memory: nil, generator: &GlobalRandom.generator)) {
            XCTAssertTrue("\($0)".contains("Discrete"), "\($0)")
        }
    }

    func testLearnsDelayFourAndIsDeterministic() throws {
        var results: [[Double]] = []
        for _ in 0..<2 {
            let agent = try makeAgent()
            let t0 = Date()
            try agent.learn(totalTimesteps: 4 * 1500, logInterval: 250)
            let seconds = Date().timeIntervalSince(t0)
            let eval = try agent.evaluate(nEpisodes: 50, deterministic: true)
            print(String(format: "SMR delay 4, 1500 episodes: %.2f s, eval %.2f", seconds, eval.mean))
            results.append(Array(agent.episodeRewards.suffix(20)) + [eval.mean])
        }
        XCTAssertEqual(results[0], results[1], "same seed, same results")
        XCTAssertGreaterThanOrEqual(results[0].last ?? 0, 0.9)
    }

    /// The logit count comes from the env's Discrete(n) and observations are flattened
    /// (Box) or one-hot encoded (Discrete), so the agent trains on the registry's other
    /// memory tasks: bsuite's MemoryChain (observations [1, 3]) is learned.
    func testLearnsBSuiteMemoryChain() throws {
        GlobalRandom.seed(3)
        let env = try MemoryChain(memoryLength: 4, numBits: 1, seed: 3)
        let memory = try StrategicMemoryBuffer(obsDim: 3, actionDim: 1, memDim: 32, maxEntries: 32)
        var options = StrategicMemoryAgentOptions()
        options.memoryLearnRetention = true
        options.intrinsicExpl = false
        let agent = try StrategicMemoryAgent(env: env, memory: memory, options: options, generator: &GlobalRandom.generator)
        XCTAssertEqual(agent.policy.obsDim, 3)
        try agent.learn(totalTimesteps: 5 * 1500)
        let eval = try agent.evaluate(nEpisodes: 100, deterministic: true)
        print(String(format: "SMR on MemoryChain(4), 1500 episodes: eval %.2f", eval.mean))
        XCTAssertGreaterThanOrEqual(eval.mean, 0.9)
    }

    /// POPGym's RepeatFirst: Discrete(4) observations one-hot, four logits.
    func testTrainsOnRepeatFirstWithOneHotObservations() throws {
        GlobalRandom.seed(0)
        let env = try RepeatFirst()
        let agent = try StrategicMemoryAgent(env: env, memory: nil, generator: &GlobalRandom.generator)
        XCTAssertEqual(agent.policy.obsDim, 4)
        XCTAssertEqual(agent.policy.nActions, 4)
        try agent.learn(totalTimesteps: 200)
        XCTAssertGreaterThan(agent.episodeLengths.first ?? 0, 1)
    }
}
