// smr-bench: benchmarks (not tests). Each subcommand prints its own table.
//   smr-bench matmul [--json]   matmul GFLOP/s for square sizes (single thread)
//   smr-bench envs              environment steps per second
//   smr-bench neural [--json]   transformer layer, LSTM step and Adam step (µs per call)
//   smr-bench smr-agent --delay D --difficulty X --timesteps N --seed S   SMR agent training (JSON)
//   smr-bench on-policy --algo ppo|rppo --delay D --difficulty X --timesteps N --seed S   PPO / RecurrentPPO training (JSON)
//   smr-bench peak [--json]     single-thread FMA peak
import Foundation

let benches: [(name: String, run: ([String]) -> Void)] = [
    ("matmul", runMatmulBench),
    ("envs", runEnvBench),
    ("neural", runNeuralBench),
    ("smr-agent", runAgentBench),
    ("on-policy", runOnPolicyBench),
    ("peak", runPeakBench),
]

let args = Array(CommandLine.arguments.dropFirst())
guard let name = args.first, let bench = benches.first(where: { $0.name == name }) else {
    let names = benches.map(\.name).joined(separator: "|")
    FileHandle.standardError.write("usage: smr-bench <\(names)> [options]\n".data(using: .utf8)!)
    exit(2)
}
bench.run(Array(args.dropFirst()))
