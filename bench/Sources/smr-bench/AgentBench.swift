import CKernels
import Foundation
import SMRAgents
import SMREnvironments
import SMRNeural
import SMRTensor

/// `smr-bench smr-agent --delay D --difficulty X --timesteps N --seed S`: the flagship
/// notebook's "simple training setup" (32-slot memory, retention on, no exploration bonus),
/// `learn(N)` timed alone, one JSON line with the keys of `bench/smr_reference.py`, plus the
/// floating-point work that exact semantics need (`gflop`: forward + backward ≈ 3 × forward
/// of the memory encoder over every prefix and the policy's final token) and the rate, and the
/// cost of the numerical-fault check per update (`finite_check_us`, and its share of an episode).
func runAgentBench(_ args: [String]) {
    func value(_ name: String, _ fallback: Int) -> Int {
        guard let i = args.firstIndex(of: name), i + 1 < args.count, let v = Int(args[i + 1]) else { return fallback }
        return v
    }
    let delay = value("--delay", 4), difficulty = value("--difficulty", 0)
    let timesteps = value("--timesteps", 16_000), seed = value("--seed", 0)
    do {
        GlobalRandom.seed(seed)
        let env = try MemoryTaskEnv(delay: delay, difficulty: difficulty, randomState: LegacyRandomState(seed: UInt32(seed)))
        let memory = try StrategicMemoryBuffer(obsDim: 3, actionDim: 1, memDim: 32, maxEntries: 32)
        var options = StrategicMemoryAgentOptions()
        options.memoryLearnRetention = true
        options.intrinsicExpl = false
        let agent = try StrategicMemoryAgent(env: env, memory: memory, options: options, generator: &GlobalRandom.generator)
        // SMR_SOAK_EVERY=N: a line on stderr every N episodes with the resident set and the
        // heap's in-use and free bytes (glibc mallinfo2), to tell growing live data from
        // fragmentation in a soak (bench/soak_rss.sh).
        let soakEvery = ProcessInfo.processInfo.environment["SMR_SOAK_EVERY"].flatMap { Int($0) } ?? 0
        var soakEpisodes = 0
        let soakProbe: ((Int, Int) -> Void)? = soakEvery <= 0 ? nil : { steps, _ in
            soakEpisodes += 1
            guard soakEpisodes % soakEvery == 0 else { return }
            FileHandle.standardError.write("soak \(soakEpisodes) \(steps) \(heapReport()) history_bytes=\(agent.episodeRewards.storageBytes + agent.episodeLengths.storageBytes)\n".data(using: .utf8) ?? Data())
        }
        let t0 = benchNow()
        try agent.learn(totalTimesteps: timesteps, logInterval: 250, progress: soakProbe)
        let seconds = benchNow() - t0
        let episodes = agent.episodeLengths.count
        // Per step with T tokens: the memory encoder over T positions (projections, attention,
        // feed-forward 32→2048→32) and the policy's final token; ×3 for forward + backward.
        func forward(_ t: Double) -> Double {
            let d = 32.0, f = 2048.0
            let perPosition = 2 * (4 * d * d + 2 * d * f) + 2 * 5 * d
            return t * perPosition + 4 * t * t * d + perPosition + 4 * t * d
        }
        // The numerical-fault check each update runs (losses are scalars, free): the tensors the
        // incremental engine wrote are checked as it writes them, while in cache (timed as a copy
        // followed by the check, minus the copy alone); the heads and usefulness_vec by a pass
        // just before the step (timed through the same call update() makes). `full_pass_us` is
        // what one pass over all gradients would cost instead. Each over the last update's gradients.
        let parameters = agent.optimizer.parameterList
        let engineWritten = agent.policy.namedParameters().filter {
            !$0.name.hasPrefix("policy_head.") && !$0.name.hasPrefix("value_head.") && !$0.name.hasSuffix("usefulness_vec")
        }.map(\.tensor)
        let reps = 2000
        func timed(_ body: () throws -> Void) rethrows -> Double {
            let t = benchNow()
            for _ in 0..<reps { try body() }
            return (benchNow() - t) / Double(reps)
        }
        let fullPass = try timed { try FiniteCheck.gradients(parameters, names: [], at: "") }
        let beforeStep = try timed {
            try FiniteCheck.beforeStep(losses: [], optimizer: agent.optimizer, names: [], at: "", alreadyChecked: engineWritten)
        }
        var sink = 0
        let grads = engineWritten.compactMap(\.gradData)
        let copyOnly = timed { for g in grads { sink &+= g.withUnsafeBufferPointer { Array($0) }.count } }
        let copyAndCheck = timed { for g in grads { let c = g.withUnsafeBufferPointer { Array($0) }; sink &+= FiniteCheck.allFinite(c) ? 1 : 0 } }
        let checkSeconds = beforeStep + max(0, copyAndCheck - copyOnly)
        let checked = parameters.reduce(0) { $0 + ($1.gradData?.count ?? 0) } + (sink & 0)
        var flop = 0.0
        for length in agent.episodeLengths { for t in 1...max(1, length) { flop += 3 * forward(Double(t)) } }
        let line: [String: Any] = [
            "impl": "smr", "delay": delay, "difficulty": difficulty, "timesteps": timesteps, "episodes": episodes, "seed": seed,
            "train_s": seconds, "s_per_episode": seconds / Double(max(1, episodes)), "steps_per_s": Double(timesteps) / seconds,
            "gflop": flop / 1e9, "gflops": flop / 1e9 / seconds,
            "finite_check_us": checkSeconds * 1e6, "finite_check_values": checked,
            "finite_check_full_pass_us": fullPass * 1e6, "finite_check_before_step_us": beforeStep * 1e6,
            "finite_check_in_cache_us": max(0, copyAndCheck - copyOnly) * 1e6,
            "finite_check_share": checkSeconds / (seconds / Double(max(1, episodes))),
        ]
        let data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    } catch {
        FileHandle.standardError.write("smr-agent: \(error)\n".data(using: .utf8)!)
        exit(1)
    }
}

/// `rss_kib=… heap_used=… heap_free=… mmapped=…`: VmRSS from /proc and glibc's heap statistics.
func heapReport() -> String {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let rss = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }?
        .split(separator: " ").dropFirst().first.map(String.init) ?? "?"
    var used: UInt = 0, free: UInt = 0, mapped: UInt = 0
    smr_heap_stats(&used, &free, &mapped)
    return "rss_kib=\(rss) heap_used=\(used) heap_free=\(free) mmapped=\(mapped)"
}

/// `smr-bench peak --json`: the single-thread FMA peak, measured now.
func runPeakBench(_ args: [String]) {
    let peak = runFMAPeak()
    if args.contains("--json") { print("{\"fma_peak_gflops\": \(peak)}") } else { print(String(format: "FMA peak: %.1f GFLOP/s", peak)) }
}
