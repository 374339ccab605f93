import SMRNeural
import SMRTensor

/// PPO's and RecurrentPPO's checkpoint: the policy, the Adam state, the one random stream
/// (`ppo`: sampling and shuffles) and the environment seed still to be applied at the next
/// reset, so a loaded model's next `learn` makes exactly the saved model's next updates.
enum OnPolicyCheckpoint {
    private static let pendingSeedKey = "pending_env_seed"

    static func save(to path: String, agent: String, policyName: String, policy: Module, optimizer: Optimizer,
                     generator: RandomGenerator, pendingEnvSeed: Int?) throws {
        _ = try Checkpoint.save(to: path, model: policy, optimizer: optimizer, generators: ["ppo": generator],
                                metadata: ["agent": agent, "policy": policyName,
                                           pendingSeedKey: pendingEnvSeed.map(String.init) ?? ""])
    }

    /// Validates everything, applies the policy and optimizer, and returns the generator and
    /// pending seed to install; on any error nothing has changed.
    static func load(from path: String, policy: Module, optimizer: Optimizer) throws -> (RandomGenerator, Int?) {
        let c = try Checkpoint.read(from: path)
        var pending: Int?
        if let text = c.metadata[pendingSeedKey], !text.isEmpty {
            guard let seed = Int(text) else {
                throw CheckpointError.malformed(path: path, reason: "\(pendingSeedKey) is '\(text)', not an integer")
            }
            pending = seed
        }
        let generator = try c.generator("ppo", path: path)
        try c.apply(to: policy, optimizer: optimizer, path: path)
        return (generator, pending)
    }
}
