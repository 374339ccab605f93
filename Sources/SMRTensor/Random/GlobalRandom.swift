/// The default stream used when a caller passes no generator (PyTorch's default CPU
/// generator). `seed(n)` in the language resets it.
public enum GlobalRandom {
    nonisolated(unsafe) public static var generator = RandomGenerator(seed: RandomGenerator.defaultSeed)

    /// Re-seeds the default stream (PyTorch `torch.manual_seed`).
    public static func seed(_ n: Int) { generator = RandomGenerator(seed: n) }
}
