import SMRTensor

/// Random streams shared by everything one `Library.install` exposes: Python's global
/// `np.random` legacy stream (the reference's `MemoryTaskEnv` draws from it) and the
/// tensor engine's global generator (`torch.manual_seed`).
final class LibraryState {
    let legacyRandom = LegacyRandomState(seed: 0)

    /// `seed(n)`: every stream at once.
    func seed(_ n: Int) {
        GlobalRandom.seed(n)
        legacyRandom.seed(UInt32(truncatingIfNeeded: n))
    }
}
