import Foundation
import XCTest

/// `notebooks/examples/custom_env.smrnb`: a `gym.Env` subclass defined in the notebook trains
/// with PPO, RecurrentPPO and the StrategicMemoryAgent, which call back into its methods.
final class UserEnvironmentNotebookTests: XCTestCase {
    func testLibraryAgentsTrainOnANotebookEnvironment() throws {
        let nb = TestSupport.packageRoot.appendingPathComponent("notebooks/examples/custom_env.smrnb").path
        let (status, out, err) = try TestSupport.run(["run", nb, "--param", "STEPS=256"])
        XCTAssertEqual(status, 0, err + out)
        XCTAssertTrue(out.contains("<CueRecall instance> True\n"), out)
        XCTAssertTrue(out.contains("(2,) 0\n"), out)
        XCTAssertTrue(out.contains("<RecordEpisodeStatistics<CueRecall instance>>\n"), out)
        // 4-step episodes: 256 steps are 64 episodes, all recorded by the wrapper.
        XCTAssertTrue(out.contains("PPO steps: 256 episodes: 64\n"), out)
        XCTAssertTrue(out.contains("RecurrentPPO steps: 64\n"), out)
        XCTAssertTrue(out.contains("StrategicMemoryAgent episodes: 16 True\n"), out)
    }
}
