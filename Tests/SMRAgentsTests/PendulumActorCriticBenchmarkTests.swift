import Foundation
import SMREnvironments
import SMRNeural
import SMRTensor
import XCTest
@testable import SMRAgents

/// 100 episodes of each Pendulum actor-critic model, timed like the reference (`seedb_pendulum.py`: the
/// training loop only). Runs only with `SMR_BENCH=1`; prints one line per model.
final class PendulumActorCriticBenchmarkTests: XCTestCase {
    func testHundredEpisodesOfEachModel() throws {
        guard ProcessInfo.processInfo.environment["SMR_BENCH"] == "1" else { throw XCTSkip("set SMR_BENCH=1") }
        let episodes = Int(ProcessInfo.processInfo.environment["SMR_BENCH_EPISODES"] ?? "") ?? 100
        for seed in 0..<3 {
            GlobalRandom.seed(seed)
            var env = try make("Pendulum-v1")
            let lstm = try LSTMActorCritic(obsDim: 3, actDim: 1)
            var opt: any Optimizer = try Adam(lstm.parameters(), lr: 3e-4)
            var t0 = Date()
            var first = 0.0, last = 0.0
            for ep in 0..<episodes {
                let r = try RunEpisode.run(env: env, agent: lstm, optimizer: opt).reward
                if ep < 10 { first += r / 10 } else if ep >= episodes - 10 { last += r / 10 }
            }
            print(String(format: "pendulum lstm seed %d: %d episodes %.3f s (reference 12.9 s), mean reward first 10 %.0f last 10 %.0f",
                         seed, episodes, Date().timeIntervalSince(t0), first, last))

            GlobalRandom.seed(seed)
            env = try make("Pendulum-v1")
            let tr = try TransformerActorCritic(obsDim: 3, actDim: 1)
            opt = try Adam(tr.parameters(), lr: 3e-4)
            t0 = Date()
            for _ in 0..<episodes {
                let e = try CollectEpisode.run(env: env, policy: tr, seqLen: 10)
                try TrainStep.run(policy: tr, optimizer: opt, observations: e.observations, actions: e.actions, rewards: e.rewards, seqLen: 10)
            }
            print(String(format: "pendulum transformer seed %d: %d episodes %.3f s (reference 1.09 s)", seed, episodes, Date().timeIntervalSince(t0)))

            GlobalRandom.seed(seed)
            env = try make("Pendulum-v1")
            let ntm = try ExplicitMemoryAgent(obsDim: 3, actDim: 1)
            opt = try Adam(ntm.parameters(), lr: 1e-4)
            t0 = Date()
            for _ in 0..<episodes { try RunEpisode.run(env: env, agent: ntm, optimizer: opt) }
            print(String(format: "pendulum ntm seed %d: %d episodes %.3f s (reference 11.7 s)", seed, episodes, Date().timeIntervalSince(t0)))
        }
    }
}
