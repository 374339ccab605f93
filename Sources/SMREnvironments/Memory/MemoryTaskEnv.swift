import SMRTensor

/// The delayed-recall task of the reference repository
/// (`pihh/strategic-memory-retrieval-reinforcement-agent`, `environments.py`).
///
/// At reset the agent sees a target bit in the first observation slot; for the following
/// steps it sees only distractors; at step `delay` its action (0 or 1) is compared with
/// the target: reward +1 if equal, −1 otherwise, and the episode terminates. Every
/// earlier step gives reward 0. An episode is exactly `delay` steps.
///
/// Observation `Box(0, 1, (3,), float32)`: at reset `[target, distractor, 0]`, afterwards
/// `[distractor, distractor, 0]`. Difficulty 0: distractors are always 0; difficulty 1:
/// each is a fresh random bit. Action `Discrete(2)`.
///
/// Randomness, as the reference: every bit comes from NumPy's legacy global stream
/// (`np.random.randint(0, 2)`: the target first, then the distractors in slot order).
/// The reference ignores `reset(seed=)`; here `reset(seed: s)` re-seeds the environment's
/// stream as `np.random.seed(s)` would, so `np.random.seed(s); env.reset()` in Python and
/// `env.reset(seed: s)` here give the same episodes. Pass one `LegacyRandomState` to
/// several environments to share a stream as Python's global one is shared.
/// Differences: an action outside `Discrete(2)` and `step` after the final step are errors.
public final class MemoryTaskEnv: Environment {
    public var name: String { "MemoryTaskEnv(delay: \(delay), difficulty: \(difficulty))" }
    /// Steps from the cue to the decision (≥ 1).
    public let delay: Int
    /// 0: distractors are 0 (easy); 1: distractors are random bits (hard).
    public let difficulty: Int
    public let observationSpace: any Space
    public let actionSpace: any Space
    /// The legacy NumPy stream the task draws its bits from.
    public let randomState: LegacyRandomState

    /// The bit to recall; `nil` before the first reset.
    @exclusivity(unchecked) public private(set) var target: Int?
    /// Steps taken in this episode.
    @exclusivity(unchecked) public private(set) var t = 0
    let observationShape = [3]
    /// Reused for every observation (copy-on-write when the caller still holds the last one).
    @exclusivity(unchecked) var observationBuffer = [Float](filled: 0, count: 3)

    public init(delay: Int = 8, difficulty: Int = 0, randomState: LegacyRandomState? = nil) throws {
        guard delay >= 1 else { throw EnvironmentError.invalidArgument("MemoryTaskEnv: delay must be ≥ 1, got \(delay)") }
        guard difficulty == 0 || difficulty == 1 else {
            throw EnvironmentError.invalidArgument("MemoryTaskEnv: difficulty must be 0 (easy) or 1 (hard), got \(difficulty)")
        }
        self.delay = delay
        self.difficulty = difficulty
        self.randomState = randomState ?? .fromSystemEntropy()
        observationSpace = try Box(low: 0, high: 1, shape: [3])
        actionSpace = try Discrete(2)
    }

    /// A seed re-seeds the stream as `np.random.seed(seed)` (0 ≤ seed < 2³²); no options.
    public func reset(seed: Int?, options: ResetOptions?) throws -> (observation: Observation, info: Info) {
        if let seed {
            guard seed >= 0, seed <= Int(UInt32.max) else {
                throw EnvironmentError.invalidArgument("MemoryTaskEnv.reset: seed must be between 0 and 2**32 - 1, got \(seed)")
            }
            randomState.seed(UInt32(seed))
        }
        t = 0
        let newTarget = randomBit()
        target = newTarget
        return (observation(Float(newTarget), distractor()), Info())
    }

    public func step(_ action: Action) throws -> StepResult {
        guard let target else {
            throw EnvironmentError.resetNeeded(env: name, reason: "Cannot call step() before calling reset()")
        }
        guard t < delay else {
            throw EnvironmentError.resetNeeded(env: name, reason: "step() called after the episode terminated; call reset() first")
        }
        guard case .discrete(let choice) = action, choice == 0 || choice == 1 else {
            throw EnvironmentError.invalidAction(env: name, reason: "expected an integer in Discrete(2), got \(action)")
        }
        t += 1
        let first = distractor()
        let observation = observation(first, distractor())
        if t < delay { return (observation, 0, false, false, Info()) }
        return (observation, choice == target ? 1 : -1, true, false, Info())
    }

    @inline(__always)
    func observation(_ first: Float, _ second: Float) -> Observation {
        observationBuffer.withUnsafeMutableBufferPointer { values in
            values[0] = first; values[1] = second; values[2] = 0
        }
        return Observation(unchecked: observationBuffer, shape: observationShape)
    }

    /// `np.random.randint(0, 2)`: the low bit of one 32-bit MT19937 word.
    @inline(__always)
    func randomBit() -> Int {
        (try? randomState.randint(0, 2)) ?? 0
    }

    @inline(__always)
    func distractor() -> Float {
        difficulty == 0 ? 0 : Float(randomBit())
    }
}
