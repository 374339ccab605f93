import SMRTensor
/// Stable-Baselines3's `DummyVecEnv`: N environments stepped one after another in this
/// thread, with automatic reset.
///
/// When copy `i` ends (terminated or truncated), `step` returns the first observation of
/// its next episode in row `i`, `dones[i] = true` and the last observation of the finished
/// episode in `infos[i]["terminal_observation"]`; every step sets
/// `infos[i]["TimeLimit.truncated"] = truncated && !terminated`, as SB3 does.
/// Rewards are float32, as SB3's buffer holds them.
///
/// ```swift
/// let vec = try DummyVecEnv((0..<4).map { _ in try make("CartPole-v1") })
/// vec.seed(0)                         // copy i is seeded with 0 + i at the next reset
/// var obs = try vec.reset()           // shape [4, 4]
/// let step = try vec.step([0, 1, 0, 1])
/// ```
public final class DummyVecEnv {
    /// The copies.
    public let envs: [any Environment]
    /// The infos of the last automatic or explicit reset of each copy (SB3's `reset_infos`).
    public private(set) var resetInfos: [Info]
    var pendingSeeds: [Int?]
    var pendingOptions: [ResetOptions?]
    let observationShape: [Int]

    /// Throws when `envs` is empty or the copies' observation shapes differ.
    public init(_ envs: [any Environment]) throws {
        guard let first = envs.first else { throw EnvironmentError.invalidArgument("DummyVecEnv: needs at least one environment") }
        let shape = first.observationSpace.shape
        guard envs.allSatisfy({ $0.observationSpace.shape == shape }) else {
            throw EnvironmentError.invalidArgument("DummyVecEnv: all environments must share one observation shape")
        }
        self.envs = envs
        observationShape = shape
        resetInfos = Array(repeating: [:], count: envs.count)
        pendingSeeds = Array(repeating: nil, count: envs.count)
        pendingOptions = Array(repeating: nil, count: envs.count)
    }

    /// The number of copies.
    public var numEnvs: Int { envs.count }
    public var observationSpace: any Space { envs[0].observationSpace }
    public var actionSpace: any Space { envs[0].actionSpace }

    /// SB3's `VecEnv.seed(seed)`: copy `i` is reset with seed `seed + i` at the next
    /// `reset()`, once (`nil`: fresh entropy).
    public func seed(_ seed: Int?) {
        pendingSeeds = (0..<numEnvs).map { index in seed.map { $0 + index } }
    }

    /// SB3's `set_options`: options for the next `reset()` of every copy.
    public func setOptions(_ options: ResetOptions?) {
        pendingOptions = Array(repeating: options, count: numEnvs)
    }

    /// Resets every copy (with the pending seeds and options, which are then cleared) and
    /// returns the stacked observations, shape `[numEnvs] + observation shape`.
    public func reset() throws -> Observation {
        var values = [Float]()
        for (index, env) in envs.enumerated() {
            let (observation, info) = try env.reset(seed: pendingSeeds[index], options: pendingOptions[index])
            values += observation.values
            resetInfos[index] = info
        }
        pendingSeeds = Array(repeating: nil, count: numEnvs)
        pendingOptions = Array(repeating: nil, count: numEnvs)
        return Observation(unchecked: values, shape: [numEnvs] + observationShape)
    }

    /// Steps every copy with its action; all actions are checked before any copy moves, so
    /// a bad action throws and leaves every copy unchanged.
    public func step(_ actions: [Action]) throws -> (observations: Observation, rewards: [Float], dones: [Bool], infos: [Info]) {
        guard actions.count == numEnvs else {
            throw EnvironmentError.invalidAction(env: "DummyVecEnv", reason: "expected \(numEnvs) actions, got \(actions.count)")
        }
        for (index, action) in actions.enumerated() {
            if let problem = envs[index].actionSpace.violation(of: action) {
                throw EnvironmentError.invalidAction(env: "DummyVecEnv[\(index)] \(envs[index].name)", reason: problem)
            }
        }
        var values = [Float]()
        values.reserveCapacity(numEnvs * observationShape.reduce(1, *))
        var rewards = [Float](filled: 0, count: numEnvs)
        var dones = [Bool](filled: false, count: numEnvs)
        var infos = [Info](repeating: [:], count: numEnvs)
        for (index, env) in envs.enumerated() {
            let result = try env.step(actions[index])
            rewards[index] = Float(result.reward)
            var info = result.info
            var observation = result.observation
            info["TimeLimit.truncated"] = .bool(result.truncated && !result.terminated)
            if result.terminated || result.truncated {
                dones[index] = true
                info["terminal_observation"] = .observation(observation)
                let (resetObservation, resetInfo) = try env.reset(seed: nil, options: nil)
                observation = resetObservation
                resetInfos[index] = resetInfo
            }
            values += observation.values
            infos[index] = info
        }
        return (Observation(unchecked: values, shape: [numEnvs] + observationShape), rewards, dones, infos)
    }
}
