import Foundation
import SMRNeural
import SMRTensor
import XCTest
@testable import SMRAgents

/// The agent's exploration and auxiliary pieces against the reference code
/// (`Fixtures/smr_agent_aux_rnd.*`, from `scripts/make_smr_agent_fixtures.py`): the count
/// bonus on the next observations (counts kept across episodes), RND novelty of the current
/// observations, the RND loss and the predictor after its Adam step, the reward
/// normaliser's statistics and normalised rewards, and the cue / confidence losses and metrics.
final class StrategicMemoryExplorationParityTests: XCTestCase {
    typealias Fixture = StrategicMemoryParityTests.Fixture

    func testExplorationAndAuxiliaryTermsMatchTheReference() throws {
        let fx = try Fixture.load("smr_agent_aux_rnd")
        let initial = fx.tensors(fx.root["initial_parameters"])
        var g = RandomGenerator(seed: 0)
        let rnd = try RNDModule(obsDim: 3, embDim: 32, generator: &g)
        for (name, p) in rnd.namedParameters() {
            guard let v = initial["rnd." + name] ?? nil else { return XCTFail("fixture lacks rnd.\(name)") }
            try p.assign(v)
        }
        let rndOptimizer = try Adam(rnd.predictor.parameters(), lr: 1e-3)
        let cue = try CueAuxModule(featDim: 64, nClasses: 2, generator: &g)
        let confidence = try ConfidenceAuxModule(featDim: 64, generator: &g)
        var counter = StateCounter()
        var normalizer = RewardNormalizer()
        for (k, episode) in ((fx.root["episodes"] as? [Any]) ?? []).enumerated() {
            let e = episode as? [String: Any] ?? [:]
            let envObs = StrategicMemoryParityTests.rows(e["env_obs"]), obs = StrategicMemoryParityTests.rows(e["obs"])
            let bonus = envObs.dropFirst().map { Float(counter.intrinsicReward($0)) }
            assertAllClose(bonus, StrategicMemoryParityTests.floats(e["count_bonus"]), "episode \(k) count bonus")
            let batch = try Tensor(obs.flatMap { $0 }, shape: [obs.count, 3])
            let novelty = try GradMode.noGrad { try rnd.novelty(batch) }
            assertAllClose(novelty.data, StrategicMemoryParityTests.floats(e["rnd_novelty"]), "episode \(k) RND novelty")
            let loss = try rnd.novelty(batch).mean()
            assertAllClose(loss.data, [(e["rnd_loss"] as? NSNumber)?.floatValue ?? .nan], "episode \(k) RND loss")
            rndOptimizer.zeroGrad()
            try loss.backward()
            try rndOptimizer.step()
            let after = fx.tensors(e["rnd_parameters_after"])
            for (name, p) in rnd.predictor.namedParameters() {
                assertAllClose(p.data, (after["rnd.predictor." + name] ?? nil) ?? [], "episode \(k) predictor.\(name) after Adam")
            }
            let stored = StrategicMemoryParityTests.floats(e["stored_rewards"]).map(Double.init)
            normalizer.update(stored)
            assertAllClose(normalizer.normalize(stored).map(Float.init), StrategicMemoryParityTests.floats(e["rewards_used"]), "episode \(k) normalised rewards")
            let stats = e["reward_normalizer"] as? [String: Any] ?? [:]
            assertAllClose([Float(normalizer.mean), Float(normalizer.variance), Float(normalizer.count)],
                              ["mean", "var", "count"].map { (stats[$0] as? NSNumber)?.floatValue ?? .nan }, "episode \(k) normaliser")
            // Aux losses from the reference's own per-step predictions and targets.
            let steps = (e["steps"] as? [Any]) ?? []
            let targets = e["aux_targets"] as? [String: Any] ?? [:], losses = e["aux_losses"] as? [String: Any] ?? [:]
            for module in [cue, confidence] as [AuxiliaryModule] {
                let preds = steps.map { StrategicMemoryParityTests.floats((($0 as? [String: Any])?["aux_preds"] as? [String: Any])?[module.name]) }
                let p = try Tensor(preds.flatMap { $0 }, shape: [preds.count, preds.first?.count ?? 1])
                let t = StrategicMemoryParityTests.floats(targets[module.name]).map { [$0] }
                assertAllClose(try module.loss(p, targets: t).data, [(losses[module.name] as? NSNumber)?.floatValue ?? .nan], "episode \(k) \(module.name) loss")
            }
        }
    }
}
