import Foundation
import XCTest
@testable import SMRNotebook

/// Seeded benchmark runs in `smr __worker` processes give the same records as a serial run,
/// and a worker that fails is reported, not fatal.
final class WorkerPoolTests: XCTestCase {
    func testParallelBenchmarkEqualsSerial() throws {
        let dir = try TestSupport.tempDir()
        let nb = dir.appendingPathComponent("b.smrnb")
        try """
            # %% tags=["parameters"]
            workers = 2
            # %%
            from benchmark import AgentPerformanceBenchmark
            b = AgentPerformanceBenchmark(dict(delay=2, total_timesteps=96, eval_base=True), memory_agent_config=dict(max_entries=4, verbose=0, use_rnd=False), seeds=[5, 6], workers=workers)
            r = b.run()
            print("records", [(x["agent"], x["seed"], x["mean_return"], x["std_return"]) for x in r])
            print("returns", [t["returns"] for t in b.training_returns])
            """.write(to: nb, atomically: true, encoding: .utf8)
        func records(_ workers: Int) throws -> [Substring] {
            let (status, out, err) = try TestSupport.run(["run", nb.path, "--param", "workers=\(workers)"])
            XCTAssertEqual(status, 0, err)
            return out.split(separator: "\n").filter { $0.hasPrefix("records") || $0.hasPrefix("returns") }
        }
        let parallel = try records(2), serial = try records(1)
        XCTAssertEqual(parallel.count, 2)
        XCTAssertEqual(parallel, serial)
    }

    func testWorkerRejectsUnknownTaskAndBadInput() throws {
        var (status, _, err) = try TestSupport.run(["__worker", "no-such-task"])
        XCTAssertEqual(status, 2)
        XCTAssertTrue(err.contains("unknown task"), err)
        (status, _, err) = try TestSupport.run(["__worker", "benchmark-job"])
        XCTAssertEqual(status, 1)
        XCTAssertFalse(err.isEmpty)
    }
}
