import Foundation
import SMRAgents
import SMREnvironments
import SMRTensor

/// `smr-bench on-policy --algo ppo|rppo --delay D --difficulty X --timesteps N --seed S`:
/// PPO or RecurrentPPO as the reference's benchmark builds them (learning_rate 1e-3, SB3's
/// other defaults), `learn(N)` timed alone; one JSON line with the keys of bench/sb3_baselines.py
/// plus the FLOPs of the LSTM work (RecurrentPPO: the rollout's forward plus n_epochs ×
/// forward + backward ≈ 3 × forward per sample).
func runOnPolicyBench(_ args: [String]) {
    func value(_ name: String) -> String? {
        guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
        return args[i + 1]
    }
    let algo = value("--algo") ?? "ppo"
    let delay = Int(value("--delay") ?? "") ?? 4, difficulty = Int(value("--difficulty") ?? "") ?? 0
    let timesteps = Int(value("--timesteps") ?? "") ?? 10_000, seed = Int(value("--seed") ?? "") ?? 0
    do {
        let env = try MemoryTaskEnv(delay: delay, difficulty: difficulty, randomState: LegacyRandomState(seed: UInt32(seed)))
        var seconds = 0.0, steps = 0, reward = Double.nan, gflop = 0.0
        if algo == "ppo" {
            var o = PPOOptions(); o.learningRate = 1e-3; o.seed = seed
            let model = try PPO(env: env, options: o, write: { _ in })
            let t0 = benchNow()
            try model.learn(totalTimesteps: timesteps)
            seconds = benchNow() - t0
            steps = model.numTimesteps; reward = model.monitor.meanReward ?? .nan
        } else {
            var o = RecurrentPPO.defaultOptions(); o.learningRate = 1e-3; o.seed = seed
            let model = try RecurrentPPO(env: env, options: o, write: { _ in })
            let t0 = benchNow()
            try model.learn(totalTimesteps: timesteps)
            seconds = benchNow() - t0
            steps = model.numTimesteps; reward = model.monitor.meanReward ?? .nan
            // Two LSTMs of 256 over 3 inputs: 2 · 4H(H + 3) multiply-adds per step each.
            let perStep = 2.0 * 2 * 4 * 256 * (256 + 3)
            gflop = Double(steps) * perStep * (1 + 3 * Double(o.nEpochs)) / 1e9
        }
        var line: [String: Any] = [
            "impl": "smr", "algo": algo, "delay": delay, "difficulty": difficulty, "timesteps": steps, "seed": seed,
            "train_s": seconds, "steps_per_s": Double(steps) / seconds, "ep_rew_mean": reward.isNaN ? NSNull() : reward,
        ]
        if gflop > 0 { line["gflop"] = gflop; line["gflops"] = gflop / seconds }
        let data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    } catch {
        FileHandle.standardError.write("on-policy: \(error)\n".data(using: .utf8)!)
        exit(1)
    }
}
