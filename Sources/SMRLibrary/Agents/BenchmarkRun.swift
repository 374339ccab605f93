import Foundation
import SMRAgents
import SMREnvironments
import SMRLanguage
import SMRTensor

/// `AgentPerformanceBenchmark.run()`: the jobs in order (serially in this process, or in
/// worker processes when seeded), the reference's header line, bar and table.
extension BenchmarkBindings {
    static func run(_ b: BenchmarkInstance, runtime: Runtime, environmentRandom: LegacyRandomState) throws -> Value {
        runtime.write("\nTraining in \(b.settings.modeName) mode with delay of \(b.settings.delay) steps\n\n")
        let jobs = b.jobs
        let total = jobs.count * 2 + 1
        let bar = HostServices.progress(total, "Benchmark Progress")
        defer { bar?.close() }
        var records: [AgentBenchmarkRecord] = []
        if let pool = HostServices.workerPool, b.seeds != nil, b.workers > 1, jobs.count > 1, b.auxModules.isEmpty {
            let inputs = try jobs.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            bar?.describe("Training \(jobs.count) runs in \(min(b.workers, jobs.count)) workers")
            var done = 0
            let outputs = try AgentArguments.run {
                try pool(workerKind, inputs, b.workers) { _ in done += 2; bar?.update(to: done) }
            }
            records = try outputs.map { out in
                do { return try JSONDecoder().decode(AgentBenchmarkRecord.self, from: Data(out.utf8)) } catch {
                    throw PyError(.runtimeError, "AgentPerformanceBenchmark: a worker returned an unreadable result: \(error)")
                }
            }
        } else {
            for (i, job) in jobs.enumerated() {
                bar?.describe("Training \(job.agent.rawValue)")
                let record: AgentBenchmarkRecord
                do {
                    record = try job.run(environmentRandom: environmentRandom, auxModules: b.auxModules,
                                         write: { runtime.write($0) }, shouldStop: { Interpreter.interruptRequested })
                } catch let stop as TrainingInterrupted {
                    Interpreter.clearInterrupt()
                    throw PyError(.keyboardInterrupt, "benchmark stopped while training \(job.agent.rawValue) (\(stop.episodes) episodes)")
                } catch let e as AgentError {
                    throw PyError(.valueError, e.description)
                } catch { throw LibraryErrors.convert(error) }
                bar?.update(to: 2 * i + 1)
                bar?.describe("Evaluating \(job.agent.rawValue)")
                bar?.update(to: 2 * i + 2)
                records.append(record)
            }
        }
        bar?.describe("Finalizing Results")
        bar?.update(to: total)
        b.records = records
        runtime.write(table(b, records) + "\n")
        return .list(records.map { r in
            var d = b.envConfig.filter { !["agent", "mean_return", "std_return", "duration", "seed"].contains($0.0) }
            d += [("agent", .str(r.agent)), ("mean_return", .float(r.meanReturn)), ("std_return", .float(r.stdReturn)),
                  ("duration", .float(r.duration))]
            if b.seeds != nil { d.append(("seed", r.seed.map { .int($0) } ?? .none)) }
            return .dict(d)
        })
    }

    /// The reference's table (a pandas DataFrame through tabulate: an index column, then
    /// Agent, Delay, Mode, Mean Ep Rew, Std Ep Rew, Duration (s)); with seeds one row per
    /// agent: the mean over seeds, the std across seeds, the mean evaluation std and duration.
    static func table(_ b: BenchmarkInstance, _ records: [AgentBenchmarkRecord]) -> String {
        let s = b.settings
        guard b.seeds != nil else {
            let rows: [[Value]] = records.enumerated().map { i, r in
                [.int(i), .str(r.agent), .int(s.delay), .str(s.modeName), .float(r.meanReturn), .float(r.stdReturn), .float(r.duration)]
            }
            return HostServices.renderTable(["", "Agent", "Delay", "Mode", "Mean Ep Rew", "Std Ep Rew", "Duration (s)"], rows)
        }
        var agents: [String] = []
        for r in records where !agents.contains(r.agent) { agents.append(r.agent) }
        let rows: [[Value]] = agents.enumerated().map { i, agent in
            let group = records.filter { $0.agent == agent }
            let means = group.map(\.meanReturn)
            let spread = means.count > 1 ? SampleStatistics.variance(means, correction: 1).squareRoot() : 0
            return [.int(i), .str(agent), .int(s.delay), .str(s.modeName), .int(group.count), .float(SampleStatistics.mean(means)),
                    .float(spread), .float(SampleStatistics.mean(group.map(\.stdReturn))), .float(SampleStatistics.mean(group.map(\.duration)))]
        }
        return HostServices.renderTable(["", "Agent", "Delay", "Mode", "Seeds", "Mean Ep Rew", "± across seeds", "Std Ep Rew", "Duration (s)"], rows)
    }
}

/// How `AgentPerformanceBenchmark.evaluate` acts with a model the language holds.
enum BenchmarkModels {
    static func actor(for v: Value, deterministic: Bool, stateful: Bool) throws -> ([Float], Bool) throws -> Int {
        guard case .object(let o as NativeInstance) = v else {
            throw PyError(.typeError, "evaluate() argument 'model' must be a PPO, RecurrentPPO or StrategicMemoryAgent, not \(v.typeName)")
        }
        if let ppo = o.payload as? PPO {
            return { obs, _ in try ppo.predict(obs, deterministic: deterministic).action }
        }
        if let rppo = o.payload as? RecurrentPPO {
            var state: RecurrentState? = nil
            return { obs, first in
                if first { state = nil }
                let (a, next) = try rppo.predict(obs, state: stateful ? state : nil, episodeStart: stateful && first, deterministic: deterministic)
                state = next
                return a
            }
        }
        if let agent = o.payload as? StrategicMemoryAgent {
            return { obs, first in
                if first { agent.resetTrajectory() }
                return try agent.predict(obs, deterministic: deterministic)
            }
        }
        throw PyError(.typeError, "evaluate() argument 'model' must be a PPO, RecurrentPPO or StrategicMemoryAgent, not \(v.typeName)")
    }
}
