import SMREnvironments
import SMRTensor

/// Makes an environment that nobody seeded repeatable under `seed(n)`.
///
/// The notebook calls `env.reset()` without a seed; gymnasium then seeds the env (and
/// `env.action_space`) from operating-system entropy. Here, the first time a helper meets an
/// environment whose generator was never seeded, it seeds the environment and its action
/// space from the global stream instead, so the same `seed(n)` replays the same episodes.
/// An environment the user seeded (`env.reset(seed=…)`) keeps its own stream.
public enum EnvSeeding {
    public static func ensureSeeded(_ env: any Environment) throws {
        guard let pendulum = env.unwrapped as? Pendulum, pendulum.npRandom == nil else { return }
        let envSeed = Int(GlobalRandom.generator.next() >> 2)
        let spaceSeed = Int(GlobalRandom.generator.next() >> 2)
        _ = try env.reset(seed: envSeed)
        try env.actionSpace.seed(spaceSeed)
    }
}
