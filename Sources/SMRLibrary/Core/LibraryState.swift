import SMRTensor

/// Random streams shared by everything one `Library.install` exposes: Python's `random`
/// module, NumPy's global legacy stream (`np.random.*`; the reference's `MemoryTaskEnv`
/// draws from it) and the tensor engine's default generator (`torch.manual_seed`).
final class LibraryState {
    let pythonRandom = PythonRandom.fromSystemEntropy()
    let legacyRandom = LegacyRandomState(seed: 0)

    /// `seed(n)`: exactly `random.seed(n); np.random.seed(n); torch.manual_seed(n)`.
    func seed(_ n: Int) {
        pythonRandom.seed(n)
        legacyRandom.seed(UInt32(truncatingIfNeeded: n))
        GlobalRandom.seed(n)
    }
}
