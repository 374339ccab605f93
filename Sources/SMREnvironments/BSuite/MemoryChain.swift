import Foundation
import SMRTensor

/// bsuite's `MemoryChain` (environments/memory_chain.py), behind the `memory_len` and
/// `memory_size` experiments, with a gymnasium-style API.
///
/// At reset, `numBits` random context bits are drawn and one of them is chosen as the
/// query. Observation `[1, numBits + 2]` (float32): `[1 − t/memoryLength, query (shown
/// only at t = memoryLength − 1), context as ±1 (shown only at t = 0)]`, where `t` counts
/// steps before the current one. bsuite computes each step's observation before advancing
/// `t`, so the first step repeats the context. Reward 0 until the episode's last step
/// (step `memoryLength + 1`), then +1 if the action equals the queried bit, else −1, and
/// the episode terminates.
///
/// Randomness as bsuite: `np.random.RandomState(seed)`; the constructor already draws one
/// context (`binomial(1, 0.5, numBits)`) and query (`randint(numBits)`), and each reset
/// draws new ones. `reset(seed: s)` behaves as a freshly built environment with seed `s`
/// followed by `reset()`. Differences: bsuite auto-resets when stepped after the end;
/// here that is an error, like every environment of this module.
public final class MemoryChain: Environment {
    public let name: String
    /// Steps from the context to the query (bsuite's `memory_length`).
    public let memoryLength: Int
    /// Number of context bits (bsuite's `num_bits`).
    public let numBits: Int
    public let observationSpace: any Space
    public let actionSpace: any Space
    /// The legacy NumPy stream (bsuite's `self._rng`).
    public private(set) var randomState: LegacyRandomState
    /// The context bits (0/1) and the queried position.
    public private(set) var context: [Int] = []
    public private(set) var query = 0
    /// Steps taken in this episode (bsuite's `_timestep`).
    public private(set) var timestep = 0
    var started = false

    /// bsuite's `MemoryChain(memory_length, num_bits, seed)`; `memory_len` experiments use
    /// `numBits: 1`, `memory_size` ones `memoryLength: 2`.
    public init(memoryLength: Int, numBits: Int = 1, seed: UInt32 = 0, name: String? = nil) throws {
        guard memoryLength >= 1 else { throw EnvironmentError.invalidArgument("MemoryChain: memory_length must be ≥ 1, got \(memoryLength)") }
        guard numBits >= 1 else { throw EnvironmentError.invalidArgument("MemoryChain: num_bits must be ≥ 1, got \(numBits)") }
        self.memoryLength = memoryLength
        self.numBits = numBits
        self.name = name ?? "MemoryChain(memory_length: \(memoryLength), num_bits: \(numBits))"
        randomState = LegacyRandomState(seed: seed)
        observationSpace = try Box(low: -.infinity, high: .infinity, shape: [1, numBits + 2])
        actionSpace = try Discrete(2)
        try drawContext()
    }

    func drawContext() throws {
        context = try randomState.binomial(1, 0.5, count: numBits)
        query = try randomState.randint(0, numBits)
    }

    public func reset(seed: Int?, options: ResetOptions?) throws -> (observation: Observation, info: Info) {
        if let seed {
            guard seed >= 0, seed <= Int(UInt32.max) else {
                throw EnvironmentError.invalidArgument("MemoryChain.reset: seed must be between 0 and 2**32 - 1, got \(seed)")
            }
            randomState = LegacyRandomState(seed: UInt32(seed))
            try drawContext()  // what bsuite's constructor draws
        }
        timestep = 0
        try drawContext()
        started = true
        return (observation(), Info())
    }

    public func step(_ action: Action) throws -> StepResult {
        guard started else { throw EnvironmentError.resetNeeded(env: name, reason: "Cannot call step() before calling reset()") }
        guard timestep <= memoryLength else {
            throw EnvironmentError.resetNeeded(env: name, reason: "step() called after the episode terminated; call reset() first")
        }
        guard case .discrete(let choice) = action, choice == 0 || choice == 1 else {
            throw EnvironmentError.invalidAction(env: name, reason: "expected an integer in Discrete(2), got \(action)")
        }
        let current = observation()
        timestep += 1
        if timestep - 1 < memoryLength { return (current, 0, false, false, Info()) }
        return (current, choice == context[query] ? 1 : -1, true, false, Info())
    }

    /// bsuite's `_get_observation` for the current `timestep`.
    func observation() -> Observation {
        var values = [Float](filled: 0, count: numBits + 2)
        values[0] = Float(1 - Double(timestep) / Double(memoryLength))
        if timestep == memoryLength - 1 { values[1] = Float(query) }
        if timestep == 0 {
            for bit in 0..<numBits { values[2 + bit] = Float(2 * context[bit] - 1) }
        }
        return Observation(unchecked: values, shape: [1, numBits + 2])
    }
}
