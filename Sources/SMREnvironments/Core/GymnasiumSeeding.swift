import SMRTensor

/// gymnasium's `utils.seeding.np_random`: a seed becomes
/// `np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed)))`; no seed means
/// fresh operating-system entropy.
public enum GymnasiumSeeding {
    /// The generator gymnasium would build for `seed`; throws for a negative seed, which
    /// gymnasium rejects too.
    public static func generator(seed: Int?) throws -> NumPyGenerator {
        guard let seed else { return .fromSystemEntropy() }
        guard seed >= 0 else {
            throw EnvironmentError.invalidArgument("Seed must be a non-negative integer, got \(seed)")
        }
        return NumPyGenerator(seed: UInt64(seed))
    }
}
