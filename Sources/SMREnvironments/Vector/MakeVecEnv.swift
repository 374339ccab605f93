/// Stable-Baselines3's `make_vec_env(id, n_envs, seed)`: `numEnvs` copies from `make`,
/// each wrapped in `RecordEpisodeStatistics` (standing in for SB3's `Monitor`, which
/// writes the same `info["episode"] = {"r", "l", "t"}`), in a `DummyVecEnv`. With a seed,
/// copy `i`'s action space is seeded with `seed + i` and the first `reset()` seeds copy
/// `i` with `seed + i`, as SB3 does.
///
/// ```swift
/// let vec = try makeVecEnv("CartPole-v1", numEnvs: 8, seed: 0)
/// var observations = try vec.reset()      // shape [8, 4]
/// ```
public func makeVecEnv(_ id: String, numEnvs: Int, seed: Int? = nil, kwargs: [String: EnvArgument] = [:]) throws -> DummyVecEnv {
    guard numEnvs >= 1 else { throw EnvironmentError.invalidArgument("makeVecEnv: numEnvs must be ≥ 1, got \(numEnvs)") }
    var envs: [any Environment] = []
    for rank in 0..<numEnvs {
        let env = try make(id, kwargs: kwargs)
        if let seed { try env.actionSpace.seed(seed + rank) }
        envs.append(RecordEpisodeStatistics(env))
    }
    let vec = try DummyVecEnv(envs)
    if let seed { vec.seed(seed) }
    return vec
}
