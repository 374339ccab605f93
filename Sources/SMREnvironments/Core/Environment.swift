/// What `step` returns, in gymnasium's order: the next observation, the reward, whether the
/// episode reached a terminal state, whether it was cut short (time limit), and extra info.
public typealias StepResult = (observation: Observation, reward: Double, terminated: Bool, truncated: Bool, info: Info)

/// Options for `reset`, as gymnasium's `options` dict (for example Pendulum's `x_init`,
/// CartPole's `low` / `high`).
public typealias ResetOptions = [String: Double]

/// A gymnasium-style environment.
///
/// Why a class-bound protocol: environments and wrappers are stateful objects that wrap one
/// another (`TimeLimit(OrderEnforcing(Pendulum()))`), exactly as in gymnasium.
///
/// ```swift
/// let env = try make("Pendulum-v1")
/// var (obs, _) = try env.reset(seed: 0)            // gymnasium's initial state for seed 0
/// let (next, reward, terminated, truncated, _) = try env.step([0.5])
/// ```
public protocol Environment: AnyObject {
    /// A short name used in error messages (the registered id where there is one).
    var name: String { get }
    /// The space observations belong to (a `Box` for every environment here).
    var observationSpace: any Space { get }
    /// The space actions must belong to (`Discrete` or `Box`).
    var actionSpace: any Space { get }
    /// The innermost environment, under all wrappers.
    var unwrapped: any Environment { get }

    /// Starts an episode. A seed re-seeds the environment's NumPy-compatible generator as
    /// gymnasium does (`np.random.default_rng(seed)`); `nil` continues the current stream.
    func reset(seed: Int?, options: ResetOptions?) throws -> (observation: Observation, info: Info)

    /// Advances one step. Throws `EnvironmentError.invalidAction` (state unchanged) for an
    /// action outside the space and `.resetNeeded` before `reset` or after the episode ended.
    func step(_ action: Action) throws -> StepResult
}

extension Environment {
    public var unwrapped: any Environment { self }

    /// `reset()` / `reset(seed: s)` without options.
    public func reset(seed: Int? = nil) throws -> (observation: Observation, info: Info) {
        try reset(seed: seed, options: nil)
    }
}
