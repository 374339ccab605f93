import Foundation
import SMRLanguage
import SMRLibrary
import XCTest

/// Bad input to the Strategic Memory Retrieval agent, as a notebook user writes it: each
/// gives a Python exception naming the argument, never a crash, and leaves state intact.
final class StrategicMemoryAgentErrorTests: XCTestCase {
    let setup = """
        from agent import StrategicMemoryAgent
        from environments import MemoryTaskEnv
        from memory import StrategicMemoryBuffer, StrategicMemoryTransformerPolicy
        seed(0)
        env = MemoryTaskEnv(delay=2, difficulty=0)

        """

    func expectError(_ body: String, kind: ErrorKind = .valueError, mentions: [String],
                     file: StaticString = #filePath, line: UInt = #line) {
        let e = LibraryTestSupport.error(setup + body)
        XCTAssertNotNil(e, "expected an error", file: file, line: line)
        XCTAssertEqual(e?.kind, kind, e?.message ?? "", file: file, line: line)
        for m in mentions { XCTAssertTrue(e?.message.contains(m) ?? false, "\(e?.message ?? "") lacks \(m)", file: file, line: line) }
    }

    func testWrongObservationSizeOfTheMemory() {
        expectError("""
            memory = StrategicMemoryBuffer(obs_dim=5, action_dim=1, mem_dim=32, max_entries=4)
            agent = StrategicMemoryAgent(StrategicMemoryTransformerPolicy, env, memory=memory)
            """, mentions: ["obs_dim 5", "3"])
    }

    func testWrongObservationSizeInPredict() {
        expectError("""
            agent = StrategicMemoryAgent(StrategicMemoryTransformerPolicy, env)
            agent.predict([1.0, 2.0])
            """, mentions: ["obs has 2 values", "3"])
    }

    func testNonDiscreteActionSpace() {
        expectError("""
            import gymnasium as gym
            agent = StrategicMemoryAgent(StrategicMemoryTransformerPolicy, gym.make("Pendulum-v1"))
            """, mentions: ["env", "Discrete"])
    }

    func testMaxEntriesBelowOne() {
        expectError("""
            memory = StrategicMemoryBuffer(obs_dim=3, action_dim=1, mem_dim=32, max_entries=0)
            """, mentions: ["max_entries", "at least 1"])
    }

    func testTrajectoryPastThePositionLimit() {
        expectError("""
            agent = StrategicMemoryAgent(StrategicMemoryTransformerPolicy, env)
            obs, _ = env.reset(seed=0)
            for i in range(300):
                agent.predict(obs)
            """, mentions: ["256"])
    }

    func testCorruptCheckpointLeavesTheAgentUnchanged() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("smr-ckpt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("agent.pt").path, bad = dir.appendingPathComponent("bad.pt").path
        try Data("not a checkpoint at all".utf8).write(to: URL(fileURLWithPath: bad))
        let out = LibraryTestSupport.run(setup + """
            agent = StrategicMemoryAgent(StrategicMemoryTransformerPolicy, env)
            agent.learn(total_timesteps=30)
            env.reset(seed=1)
            before = agent.evaluate(n_episodes=5, deterministic=True, dropout=False, verbose=False)
            agent.save("\(good)")
            try:
                agent.load("\(bad)")
            except RuntimeError as e:  # as torch.load refuses a file that is not a checkpoint
                print("refused:", "bad.pt" in str(e) and "not an smr checkpoint" in str(e))
            env.reset(seed=1)
            after = agent.evaluate(n_episodes=5, deterministic=True, dropout=False, verbose=False)
            print(before == after)
            agent.load("\(good)")
            env.reset(seed=1)
            print(agent.evaluate(n_episodes=5, deterministic=True, dropout=False, verbose=False) == before)
            """)
        XCTAssertEqual(out.components(separatedBy: "\n").filter { !$0.isEmpty }.suffix(3), ["refused: True", "True", "True"], out)
    }
}
