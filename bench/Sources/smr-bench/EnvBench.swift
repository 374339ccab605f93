// `smr-bench envs [--json] [--repeats N] [--steps N]`
//
// Environment steps per second for Pendulum-v1, CartPole-v1 (both through `make`, i.e.
// TimeLimit ∘ OrderEnforcing, as gymnasium's make) and MemoryTaskEnv(delay 8,
// difficulty 1), under fixed action patterns, resetting when an episode ends (resets
// are part of the measured loop). Each repeat runs `steps` steps; the median of the
// repeats is reported. bench/envs_gymnasium.py runs the same loops in Python gymnasium;
// bench/compare_envs.sh runs both, interleaved, and prints the ratios.
import Foundation
import SMREnvironments

/// One benchmarked environment: how to build it and which action to take at step t.
struct EnvBenchCase {
    let name: String
    let build: () throws -> any Environment
    let actions: [Action]
}

func envBenchCases() -> [EnvBenchCase] {
    [
        EnvBenchCase(name: "Pendulum-v1", build: { try make("Pendulum-v1") },
                     actions: (0..<200).map { .continuous([Float(2 * sin(0.1 * Double($0)))]) }),
        EnvBenchCase(name: "CartPole-v1", build: { try make("CartPole-v1") },
                     actions: [.discrete(0), .discrete(1)]),
        EnvBenchCase(name: "MemoryTaskEnv(8,1)", build: { try MemoryTaskEnv(delay: 8, difficulty: 1) },
                     actions: [.discrete(0), .discrete(1)]),
    ]
}

/// Runs `steps` steps of `env` and returns steps per second. The checksum keeps the
/// optimizer from discarding the work.
func measureEnvSteps(_ env: any Environment, actions: [Action], steps: Int, checksum: inout Double) throws -> Double {
    _ = try env.reset(seed: 0)
    let start = DispatchTime.now().uptimeNanoseconds
    var t = 0
    for _ in 0..<steps {
        let result = try env.step(actions[t % actions.count])
        checksum += result.reward + Double(result.observation.values[0])
        t += 1
        if result.terminated || result.truncated {
            _ = try env.reset()
            t = 0
        }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return Double(steps) / seconds
}

func runEnvBench(_ args: [String]) {
    let json = args.contains("--json")
    func intOption(_ name: String, _ fallback: Int) -> Int {
        guard let index = args.firstIndex(of: name), index + 1 < args.count, let value = Int(args[index + 1]) else { return fallback }
        return value
    }
    let repeats = max(1, intOption("--repeats", 5))
    let steps = max(1000, intOption("--steps", 1_000_000))
    var checksum = 0.0
    if !json { print("env steps/s, median of \(repeats) repeats of \(steps) steps (single thread)") }
    for benchCase in envBenchCases() {
        do {
            let env = try benchCase.build()
            _ = try measureEnvSteps(env, actions: benchCase.actions, steps: steps / 10, checksum: &checksum)  // warm-up
            var rates: [Double] = []
            for _ in 0..<repeats {
                rates.append(try measureEnvSteps(env, actions: benchCase.actions, steps: steps, checksum: &checksum))
            }
            rates.sort()
            let median = rates[rates.count / 2]
            if json {
                print("{\"env\": \"\(benchCase.name)\", \"steps_per_s\": \(median), \"min\": \(rates[0]), \"max\": \(rates[rates.count - 1])}")
            } else {
                let padded = benchCase.name.padding(toLength: 20, withPad: " ", startingAt: 0)
                print("\(padded) \(String(format: "%12.0f", median)) steps/s  (\(String(format: "%.0f", 1e9 / median)) ns/step)")
            }
        } catch {
            print("\(benchCase.name): error: \(error)")
        }
    }
    if checksum.isNaN { print("checksum: NaN") }
}
