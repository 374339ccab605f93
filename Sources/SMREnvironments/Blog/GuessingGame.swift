import SMRTensor

/// The "guessing game" of the episodic-memory blog post: infer a hidden vector from the
/// scalar error of each guess.
///
/// The post describes it only in words (no code), so this is our formulation: at reset a
/// target `v ∈ [-1, 1]^dimension` is drawn (`np_random.uniform(-1, 1, dimension)`); each
/// action is a guess `g ∈ Box(-1, 1, (dimension,))`; the observation is the single value
/// `mean((v − g)²)` and the reward its negative. The reset observation is the error of the
/// all-zero guess. The episode terminates after `steps` guesses.
public final class GuessingGame: Environment {
    public let name = "GuessingGame-v0"
    /// Length of the hidden vector.
    public let dimension: Int
    /// Guesses per episode.
    public let steps: Int
    public let observationSpace: any Space
    public let actionSpace: any Space
    let guesses: Box
    public private(set) var npRandom: NumPyGenerator?
    /// The hidden vector; `nil` before the first reset.
    public private(set) var target: [Double]?
    /// Guesses made in this episode.
    public private(set) var t = 0

    public init(dimension: Int = 3, steps: Int = 20) throws {
        guard dimension >= 1 else { throw EnvironmentError.invalidArgument("GuessingGame: dimension must be ≥ 1, got \(dimension)") }
        guard steps >= 1 else { throw EnvironmentError.invalidArgument("GuessingGame: steps must be ≥ 1, got \(steps)") }
        self.dimension = dimension
        self.steps = steps
        observationSpace = try Box(low: 0, high: 4, shape: [1])
        guesses = try Box(low: -1, high: 1, shape: [dimension])
        actionSpace = guesses
    }

    public func reset(seed: Int?, options: ResetOptions?) throws -> (observation: Observation, info: Info) {
        if seed != nil || npRandom == nil { npRandom = try GymnasiumSeeding.generator(seed: seed) }
        guard var rng = npRandom else { throw EnvironmentError.invalidArgument("\(name).reset: no generator") }
        let newTarget = rng.uniform(low: -1, high: 1, count: dimension)
        npRandom = rng
        target = newTarget
        t = 0
        return (Observation(unchecked: [Float(error(of: Array(repeating: 0, count: dimension), against: newTarget))], shape: [1]), Info())
    }

    public func step(_ action: Action) throws -> StepResult {
        guard let target else { throw EnvironmentError.resetNeeded(env: name, reason: "Cannot call step() before calling reset()") }
        guard t < steps else { throw EnvironmentError.resetNeeded(env: name, reason: "step() called after the episode terminated; call reset() first") }
        if let problem = guesses.violation(of: action) { throw EnvironmentError.invalidAction(env: name, reason: problem) }
        guard case .continuous(let guess) = action else { throw EnvironmentError.invalidAction(env: name, reason: "\(action)") }
        t += 1
        let meanSquaredError = error(of: guess.map(Double.init), against: target)
        return (Observation(unchecked: [Float(meanSquaredError)], shape: [1]), -meanSquaredError, t == steps, false, Info())
    }

    func error(of guess: [Double], against target: [Double]) -> Double {
        zip(guess, target).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(dimension)
    }
}
