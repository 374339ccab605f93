import SMREnvironments
import SMRNeural
import SMRTensor
import XCTest
@testable import SMRAgents

/// Three episodes of each Pendulum actor-critic model run, change the weights, and repeat under the same seed.
final class PendulumActorCriticSmokeTests: XCTestCase {
    func testLSTMThreeEpisodes() throws {
        func episodes() throws -> [Double] {
            GlobalRandom.seed(0)
            let env = try make("Pendulum-v1")
            let agent = try LSTMActorCritic(obsDim: 3, actDim: 1)
            let optimizer = try Adam(agent.parameters(), lr: 3e-4)
            let before = agent.actor.weight.data
            let rewards = try (0..<3).map { _ in try RunEpisode.run(env: env, agent: agent, optimizer: optimizer).reward }
            XCTAssertNotEqual(before, agent.actor.weight.data)
            return rewards
        }
        let a = try episodes(), b = try episodes()
        XCTAssertEqual(a, b)
        for r in a { XCTAssert(r < 0 && r > -3300, "\(r)") }
    }

    func testNTMThreeEpisodes() throws {
        GlobalRandom.seed(1)
        let env = try make("Pendulum-v1")
        let agent = try ExplicitMemoryAgent(obsDim: 3, actDim: 1)
        let optimizer = try Adam(agent.parameters(), lr: 1e-4)
        for _ in 0..<3 {
            let r = try RunEpisode.run(env: env, agent: agent, optimizer: optimizer)
            XCTAssertEqual(r.steps, 200)
            XCTAssertNotNil(r.loss)
        }
    }

    func testTransformerThreeEpisodes() throws {
        GlobalRandom.seed(2)
        let env = try make("Pendulum-v1")
        let policy = try TransformerActorCritic(obsDim: 3, actDim: 1)
        let optimizer = try Adam(policy.parameters(), lr: 3e-4)
        for _ in 0..<3 {
            let e = try CollectEpisode.run(env: env, policy: policy, seqLen: 10)
            XCTAssertEqual(e.observations.count, 10)
            XCTAssertNotNil(try TrainStep.run(policy: policy, optimizer: optimizer, observations: e.observations,
                                              actions: e.actions, rewards: e.rewards, seqLen: 10))
        }
        XCTAssertNil(try TrainStep.run(policy: policy, optimizer: optimizer, observations: [[0, 0, 0]],
                                       actions: [[0]], rewards: [0], seqLen: 10))
    }

    func testParameterNamesFollowPyTorch() throws {
        let lstm = try LSTMActorCritic(obsDim: 3, actDim: 1)
        XCTAssertEqual(lstm.namedParameters().map(\.name),
                       ["lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0", "lstm.bias_hh_l0",
                        "actor.weight", "actor.bias", "critic.weight", "critic.bias"])
        let ntm = try ExplicitMemoryAgent(obsDim: 3, actDim: 1)
        XCTAssertEqual(ntm.namedParameters().map(\.name).prefix(6),
                       ["controller.weight_ih", "controller.weight_hh", "controller.bias_ih", "controller.bias_hh",
                        "read_head.weight", "read_head.bias"])
        let tr = try TransformerActorCritic(obsDim: 3, actDim: 1)
        let names = tr.namedParameters().map(\.name)
        XCTAssertEqual(names.first, "pos_encoding")
        XCTAssert(names.contains("transformer_encoder.layers.1.self_attn.in_proj_weight"))
        XCTAssertEqual(tr.parameterCount, 3 * 128 + 128 + 10 * 128 + 2 * (3 * 128 * 128 + 3 * 128 + 128 * 128 + 128 + 128 * 2048 + 2048 + 2048 * 128 + 128 + 4 * 128) + 129 + 129)
    }
}
