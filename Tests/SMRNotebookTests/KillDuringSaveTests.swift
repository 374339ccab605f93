import Foundation
import SMRAgents
import SMREnvironments
import SMRTensor
import XCTest

/// `kill -9` in the middle of a checkpoint save never costs the previous checkpoint: an
/// `smr run` process trains and saves a full-size Strategic Memory Retrieval agent in a loop
/// (several MB per save), is killed at varied moments 20 times, and after every kill the file
/// on disk is a complete checkpoint that loads.
final class KillDuringSaveTests: XCTestCase {
    private func inode(_ path: String) -> UInt64? {
        var st = stat()
        return stat(path, &st) == 0 ? UInt64(st.st_ino) : nil
    }

    func testKillDuringSaveLeavesTheLastCheckpointLoadable() throws {
        guard let smr = TestSupport.smrBinary else { throw XCTSkip("smr binary not built") }
        let dir = try TestSupport.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let checkpoint = dir.appendingPathComponent("agent.ckpt").path
        let notebook = dir.appendingPathComponent("save_loop.smrnb")
        try """
            # %%
            from agent import StrategicMemoryAgent
            from environments import MemoryTaskEnv
            from memory import StrategicMemoryTransformerPolicy
            seed(0)
            agent = StrategicMemoryAgent(StrategicMemoryTransformerPolicy, MemoryTaskEnv(delay=2), verbose=0)
            for i in range(1000000):
                agent.learn(total_timesteps=3)
                agent.save("agent.ckpt")

            """.write(to: notebook, atomically: true, encoding: .utf8)

        GlobalRandom.seed(1)
        let reader = try StrategicMemoryAgent(env: try MemoryTaskEnv(delay: 2), memory: nil,
                                              options: { var o = StrategicMemoryAgentOptions(); o.verbose = 0; return o }(),
                                              generator: &GlobalRandom.generator)
        var interrupted = 0, rounds = 0
        // 20 kills, and more (up to 40) until one has landed inside a save's write.
        for round in 0..<40 where round < 20 || interrupted == 0 {
            rounds += 1
            let before = inode(checkpoint)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: smr)
            p.arguments = ["run", notebook.path]
            p.currentDirectoryURL = dir
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            // Wait for this process's first complete save (a new file renamed into place).
            let deadline = Date().addingTimeInterval(60)
            while inode(checkpoint) == before || inode(checkpoint) == nil {
                guard Date() < deadline, p.isRunning else {
                    p.terminate()
                    return XCTFail("round \(round): no checkpoint was saved")
                }
                usleep(1000)
            }
            // Varied moments into the next saves: 0 to ~60 ms, never twice the same phase.
            usleep(UInt32((round * 7919) % 61) * 1000 + UInt32(round % 5) * 173)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
            if !leftovers.isEmpty { interrupted += 1 }
            for name in leftovers { try? FileManager.default.removeItem(atPath: dir.appendingPathComponent(name).path) }
            XCTAssertNoThrow(try reader.load(from: checkpoint), "round \(round): the checkpoint left by kill -9 does not load")
            XCTAssertGreaterThan(reader.trainingEpisodes, 0, "round \(round)")
        }
        print("kill -9 during save: \(interrupted) of \(rounds) kills left a partial temporary file; the checkpoint loaded after every one")
        // The kills did land inside saves (a temporary file was left behind) at least sometimes.
        XCTAssertGreaterThan(interrupted, 0, "no kill interrupted a save; the test exercised nothing")
    }
}
