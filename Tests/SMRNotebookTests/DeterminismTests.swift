import Foundation
import XCTest

/// Replaying a shipped notebook twice with the same seeds prints the same output once timing
/// fields are masked — the flagship both with the benchmark's worker processes and serially
/// (`SMR_WORKERS`), so the parallel seeds table must also equal the serial one. Small
/// parameters keep the whole test to a few tens of seconds.
final class DeterminismTests: XCTestCase {
    /// `text` with what depends on the clock replaced by `x`: durations such as
    /// "0.50 s per training epoch" or "0.1 s", the log boxes' fps and time_elapsed, and every
    /// table column whose header is a duration. Tables are compared cell by cell (trimmed),
    /// so a wider duration cell does not shift the rest.
    static func maskTimings(_ text: String) -> String {
        var out: [String] = []
        var maskedColumns: Set<Int> = []
        var inTable = false, headerSeen = false
        for var line in text.components(separatedBy: "\n") {
            line = line.replacingOccurrences(of: #"\b\d+(\.\d+)?(e-?\d+)? ?s\b"#, with: "x s", options: .regularExpression)
            if line.contains("fps") || line.contains("time_elapsed") {
                line = line.replacingOccurrences(of: #"\d+(\.\d+)?"#, with: "x", options: .regularExpression)
            }
            if line.hasPrefix("╭") { inTable = true; headerSeen = false; maskedColumns = []; out.append("╭"); continue }
            if line.hasPrefix("╰") { inTable = false; out.append("╰"); continue }
            if inTable {
                if line.hasPrefix("├") { out.append("├"); continue }
                let cells = line.split(separator: "│", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                if !headerSeen {
                    headerSeen = true
                    maskedColumns = Set(cells.indices.filter { cells[$0].contains("Duration") || cells[$0].hasSuffix("(s)") })
                    out.append(cells.joined(separator: "|"))
                } else {
                    out.append(cells.indices.map { maskedColumns.contains($0) ? "x" : cells[$0] }.joined(separator: "|"))
                }
                continue
            }
            out.append(line)
        }
        return out.joined(separator: "\n")
    }

    func testMaskingHidesOnlyTimings() {
        let a = """
            LSTM seed 0: test accuracy 0.312, train loss 2.156, 0.82 s per training epoch
            |    fps                |     3032  |
            ╭────┬───────┬────────────────╮
            │    │ Agent │   Duration (s) │
            ├────┼───────┼────────────────┤
            │  0 │ PPO   │     0.220566   │
            ╰────┴───────┴────────────────╯
            """
        let b = """
            LSTM seed 0: test accuracy 0.312, train loss 2.156, 1.5 s per training epoch
            |    fps                |     29  |
            ╭────┬───────┬──────────────────╮
            │    │ Agent │   Duration (s)   │
            ├────┼───────┼──────────────────┤
            │  0 │ PPO   │     0.00186674   │
            ╰────┴───────┴──────────────────╯
            """
        XCTAssertEqual(Self.maskTimings(a), Self.maskTimings(b))
        XCTAssertNotEqual(Self.maskTimings(a), Self.maskTimings(b.replacingOccurrences(of: "accuracy 0.312", with: "accuracy 0.313")))
        XCTAssertNotEqual(Self.maskTimings(a), Self.maskTimings(b.replacingOccurrences(of: "PPO  ", with: "PPO2 ")))
    }

    private func replay(_ notebook: String, _ args: [String], workers: Int) throws -> String {
        let path = TestSupport.packageRoot.appendingPathComponent("notebooks/\(notebook)").path
        let cwd = try TestSupport.tempDir()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let (status, out, err) = try TestSupport.run(["run", path] + args, cwd: cwd, env: ["SMR_WORKERS": String(workers)], timeout: 300)
        XCTAssertEqual(status, 0, "\(notebook): \(err)\n\(out.suffix(2000))")
        return Self.maskTimings(out)
    }

    private func assertSameReplay(_ notebook: String, _ args: [String] = [], workers: (Int, Int) = (1, 1)) throws {
        let first = try replay(notebook, args, workers: workers.0)
        let second = try replay(notebook, args, workers: workers.1)
        guard first != second else { return }
        let a = first.components(separatedBy: "\n"), b = second.components(separatedBy: "\n")
        let k = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        XCTFail("\(notebook): replays differ at line \(k + 1):\n  \(k < a.count ? a[k] : "<end>")\n  \(k < b.count ? b[k] : "<end>")")
    }

    /// The flagship without its 4,000-episode simple training (cells 5–11): the batch experiment
    /// at a tiny budget and the seeds table, first in 2 worker processes, then serially.
    func testFlagshipReplaysIdenticallyInWorkersAndSerially() throws {
        try assertSameReplay("strategic_memory_retrieval.smrnb",
                             ["--cells", "1-4,12-19", "--param", "BUDGET=0.00001", "--param", "SEEDS=[0, 1]",
                              "--param", "SEEDS_TIMESTEPS=128"], workers: (2, 1))
    }

    func testMemoryAugmentedNotebookReplaysIdentically() throws {
        try assertSameReplay("memory_augmented_rl.smrnb")
    }

    func testEpisodicMemoryNotebookReplaysIdentically() throws {
        try assertSameReplay("episodic_memory.smrnb", ["--param", "SEEDS=[0]", "--param", "MNIST_EPOCHS=1", "--param", "GAME_EPISODES=20"])
    }
}
