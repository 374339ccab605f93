/// The Strategic Memory Retrieval agent's options, with the reference's keyword names and
/// defaults (`StrategicMemoryAgent(policy_class, env, verbose=0, learning_rate=1e-3, …)`).
public struct StrategicMemoryAgentOptions: Sendable {
    /// 0: silent; 1: the log box every `log_interval` episodes and a final line.
    public var verbose = 0
    public var learningRate = 1e-3
    public var gamma = 0.99
    /// GAE λ.
    public var lam = 0.95
    /// Weight of the entropy bonus.
    public var entCoef = 0.01
    /// Hindsight relabelling: accepted, unused (the reference never uses it either).
    public var her = false
    /// Normalise each episode's rewards with running statistics before the update.
    public var rewardNorm = false
    /// Add the count-based bonus `intrinsic_eta / √visits(next obs)` to every reward.
    public var intrinsicExpl = true
    public var intrinsicEta = 0.01
    /// Add `intrinsic_eta · RND novelty(obs)` to every reward and train the RND predictor.
    public var useRnd = false
    public var rndEmbDim = 32
    public var rndLr = 1e-3
    /// Train the memory's usefulness scores (the retention loss).
    public var memoryLearnRetention = false
    public var memoryRetentionCoef = 0.01
    /// Put the auxiliary heads in the optimizer. The reference keeps them in a plain list, so
    /// they are never registered nor trained; `false` reproduces that.
    public var trainAuxHeads = true
    /// End an episode when it is truncated too (the reference only looks at `terminated`,
    /// so a time-limited env would run on past its limit); `false` reproduces the reference.
    public var endOnTruncation = true
    /// `time/fps` from the fractional elapsed time, as SB3 computes it; `true` reproduces the
    /// reference's `int(steps / (whole_seconds + 1e-8))`, which gives ~10¹¹ in the first second.
    public var fpsFromWholeSeconds = false
    /// Compute each episode incrementally (cached keys/values, a hand-written batched
    /// backward): the same numbers as recomputing the whole prefix each step, as the reference
    /// does, and the same random draws, many times faster. `false` uses the straightforward
    /// autograd path (kept as the reference the tests compare against).
    public var incremental = true

    public init() {}
}
