/// gymnasium's `OrderEnforcing`: `step` before the first `reset` throws `resetNeeded`
/// (gymnasium raises `ResetNeeded`). `make` applies it to every environment.
public final class OrderEnforcing: Wrapper {
    public let env: any Environment
    /// Whether `reset` has been called at least once.
    @exclusivity(unchecked) public private(set) var hasReset = false

    public init(_ env: any Environment) {
        self.env = env
    }

    public func reset(seed: Int?, options: ResetOptions?) throws -> (observation: Observation, info: Info) {
        let result = try env.reset(seed: seed, options: options)
        hasReset = true
        return result
    }

    public func step(_ action: Action) throws -> StepResult {
        guard hasReset else {
            throw EnvironmentError.resetNeeded(env: name, reason: "Cannot call env.step() before calling env.reset()")
        }
        return try env.step(action)
    }
}
