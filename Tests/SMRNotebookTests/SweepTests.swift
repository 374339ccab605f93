import Foundation
import XCTest

/// `smr sweep`: the same collected table with 1 and 2 workers and with Slurm (where a local
/// cluster runs, see scripts/slurm-local.sh), and a killed sweep rerun finishes only the missing runs.
final class SweepTests: XCTestCase {
    func notebook(_ dir: URL) throws -> URL {
        let nb = dir.appendingPathComponent("s.smrnb")
        try """
            # %% tags=["parameters"]
            lr = 0.1
            seed = 0
            n = 20000
            # %%
            import random
            random.seed(seed)
            s = 0.0
            for i in range(n):
                s += random.random()
            record("score", s / n * lr)
            print("done", lr, seed)
            """.write(to: nb, atomically: true, encoding: .utf8)
        return nb
    }

    let grid = ["--param", "lr=0.1,0.5", "--param", "seed=0,1,2"]

    func testSameTableWithOneTwoWorkersAndSlurm() throws {
        let dir = try TestSupport.tempDir()
        let nb = try notebook(dir)
        func table(_ extra: [String], _ name: String) throws -> String {
            let (s, out, err) = try TestSupport.run(["sweep", nb.path] + grid + ["--out", dir.appendingPathComponent(name).path] + extra)
            XCTAssertEqual(s, 0, err)
            XCTAssertTrue(err.contains("6 runs, 0 already complete"), err)
            return out
        }
        let one = try table(["--workers", "1"], "w1"), two = try table(["--workers", "2"], "w2")
        XCTAssertTrue(one.contains("│ 0.5  │ 3/3"), one)
        XCTAssertTrue(one.contains("score (mean ± std over seed)"), one)
        XCTAssertEqual(one, two)
        let csv = try String(contentsOf: dir.appendingPathComponent("w1/results.csv"), encoding: .utf8)
        XCTAssertEqual(csv.split(separator: "\n").count, 7)
        XCTAssertTrue(csv.hasPrefix("lr,seed,status,seconds,score\n"), csv)
        // The collected table alone is the same.
        let (cs, collected, _) = try TestSupport.run(["sweep", "--collect", dir.appendingPathComponent("w2").path])
        XCTAssertEqual(cs, 0)
        XCTAssertEqual(collected, one)
        guard let (ss, state, _) = try? TestSupport.runTool("sinfo", ["-h", "-o", "%t"]), ss == 0,
              state.contains("idle") || state.contains("mix") else {
            throw XCTSkip("no local Slurm cluster (start one with scripts/slurm-local.sh start); --slurm not tested")
        }
        XCTAssertEqual(try table(["--slurm"], "slurm"), one)
    }

    func testKilledSweepRerunsOnlyTheMissingRuns() throws {
        let dir = try TestSupport.tempDir()
        let nb = try notebook(dir)
        let out = dir.appendingPathComponent("k")
        guard let bin = TestSupport.smrBinary else { throw XCTSkip("smr binary not built") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: bin)
        p.arguments = ["sweep", nb.path, "--param", "lr=0.1,0.5", "--param", "seed=0,1,2", "--param", "n=600000",
                       "--workers", "1", "--out", out.path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        func records() -> [String: Date] {
            let runs = out.appendingPathComponent("runs")
            var found: [String: Date] = [:]
            for id in (try? FileManager.default.contentsOfDirectory(atPath: runs.path)) ?? [] {
                let f = runs.appendingPathComponent("\(id)/record.json").path
                if let a = try? FileManager.default.attributesOfItem(atPath: f), let d = a[.modificationDate] as? Date { found[id] = d }
            }
            return found
        }
        let deadline = Date().addingTimeInterval(60)
        while records().count < 2 && Date() < deadline && p.isRunning { Thread.sleep(forTimeInterval: 0.02) }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        let before = records()
        XCTAssertGreaterThanOrEqual(before.count, 2)
        XCTAssertLessThan(before.count, 6, "the sweep finished before it was killed; make the runs longer")
        let (s, _, err) = try TestSupport.run(["sweep", nb.path, "--param", "lr=0.1,0.5", "--param", "seed=0,1,2",
                                               "--param", "n=600000", "--workers", "2", "--out", out.path])
        XCTAssertEqual(s, 0, err)
        XCTAssertTrue(err.contains("6 runs, \(before.count) already complete, \(6 - before.count) to run"), err)
        let after = records()
        XCTAssertEqual(after.count, 6)
        for (id, d) in before { XCTAssertEqual(after[id], d, "\(id) was run again") }
    }

    func testGridFileOfSettingsCrossedWithSeeds() throws {
        let dir = try TestSupport.tempDir()
        let nb = try notebook(dir)
        let grid = dir.appendingPathComponent("grid.json")
        try #"[{"lr": 0.1, "n": 2000}, {"lr": 0.5, "n": 4000}]"#.write(to: grid, atomically: true, encoding: .utf8)
        let (s, out, err) = try TestSupport.run(["sweep", nb.path, "--grid", grid.path, "--param", "seed=0,1",
                                                 "--workers", "2", "--out", dir.appendingPathComponent("g").path])
        XCTAssertEqual(s, 0, err)
        XCTAssertTrue(err.contains("4 runs, 0 already complete"), err)
        XCTAssertTrue(out.contains("│ lr   │ n    │ runs   │ score (mean ± std over seed)"), out)
        XCTAssertTrue(out.contains("│ 0.1  │ 2000 │ 2/2") && out.contains("│ 0.5  │ 4000 │ 2/2"), out)
        // Every setting's parameters are checked against the notebook before anything runs.
        try #"[{"lr": 0.1}, {"lrr": 0.5}]"#.write(to: grid, atomically: true, encoding: .utf8)
        var (bs, _, berr) = try TestSupport.run(["sweep", nb.path, "--grid", grid.path, "--out", dir.appendingPathComponent("b").path])
        XCTAssertEqual(bs, 2)
        XCTAssertTrue(berr.contains("no parameter 'lrr'"), berr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("b/runs").path))
        (bs, _, berr) = try TestSupport.run(["sweep", nb.path, "--grid", grid.path, "--param", "lr=1"])
        XCTAssertEqual(bs, 2)
        XCTAssertTrue(berr.contains("lr is both in --grid and in --param"), berr)
        let (hs, help, _) = try TestSupport.run(["sweep", "--help"])
        XCTAssertEqual(hs, 0)
        XCTAssertTrue(help.contains("--grid <FILE>") && help.contains(#"[{"lr": 0.001, "batch": 32}, {"lr": 0.01, "batch": 64}]"#), help)
    }

    /// README's flagship sweep, one cell at quick budgets: the notebook records each agent's
    /// score of the chosen scenario, so the collected table has a column per agent.
    func testFlagshipRecordsEachAgentsScoreOfOneScenario() throws {
        let dir = try TestSupport.tempDir()
        let nb = TestSupport.packageRoot.appendingPathComponent("notebooks/strategic_memory_retrieval.smrnb")
        let (s, out, err) = try TestSupport.run(["sweep", nb.path, "--param", "SCENARIO=0", "--param", "SEED=0",
                                                 "--param", "BUDGET=0.002", "--param", "SEEDS=[0]", "--param", "SEEDS_TIMESTEPS=2000",
                                                 "--workers", "1", "--out", dir.appendingPathComponent("f").path], timeout: 300)
        XCTAssertEqual(s, 0, err)
        for agent in ["PPO", "RecurrentPPO", "StrategicMemoryAgent"] {
            XCTAssertTrue(out.contains("│ \(agent) (mean ± std over SEED)"), out)
        }
    }

    func testBadSweepArguments() throws {
        let dir = try TestSupport.tempDir()
        let nb = try notebook(dir)
        var (s, _, err) = try TestSupport.run(["sweep", nb.path, "--param", "lrr=1,2", "--out", dir.appendingPathComponent("x").path])
        XCTAssertEqual(s, 2)
        XCTAssertTrue(err.contains("no parameter 'lrr'"), err)
        (s, _, err) = try TestSupport.run(["sweep", nb.path, "--param", "lr=1,,2"])
        XCTAssertEqual(s, 2)
        XCTAssertTrue(err.contains("empty value"), err)
        (s, _, err) = try TestSupport.run(["sweep", "--collect", dir.path])
        XCTAssertEqual(s, 2)
        XCTAssertTrue(err.contains("no sweep records"), err)
        (s, _, err) = try TestSupport.run(["sweep", nb.path, "--param", "lr=1", "--no-wait"])
        XCTAssertEqual(s, 2)
        XCTAssertTrue(err.contains("go with --slurm"), err)
    }
}
