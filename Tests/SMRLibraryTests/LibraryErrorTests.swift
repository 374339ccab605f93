import SMRLanguage
import XCTest

/// Bad actions, keywords and ids raise typed errors with helpful messages.
final class LibraryErrorTests: XCTestCase {
    func testOutOfRangeTorqueIsAValueErrorWithTheEnvMessage() {
        let e = LibraryTestSupport.error("""
            import gymnasium as gym
            env = gym.make("Pendulum-v1", clip_actions=False)
            env.reset(seed=0)
            env.step([3.0])
            """)
        XCTAssertEqual(e?.kind, .valueError)
        XCTAssertTrue(e?.message.contains("torque 3.0 is outside [-2.0, 2.0]") ?? false, e?.message ?? "")
    }

    func testOutOfRangeTorqueIsClippedByDefaultAsGymnasiumDoes() {
        let out = LibraryTestSupport.run("""
            import gymnasium as gym
            env = gym.make("Pendulum-v1")
            env.reset(seed=0)
            a = env.step([3.0])
            env.reset(seed=0)
            b = env.step([2.0])
            print(a[1] == b[1], a[0].tolist() == b[0].tolist())
            """)
        XCTAssertEqual(out, "True True\n")
    }

    func testWrongActionForDiscreteSpace() {
        let e = LibraryTestSupport.error("""
            import gymnasium as gym
            env = gym.make("CartPole-v1")
            env.reset(seed=0)
            env.step(2)
            """)
        XCTAssertEqual(e?.kind, .valueError)
        XCTAssertTrue(e?.message.contains("not in Discrete(2)") ?? false, e?.message ?? "")
    }

    func testStepBeforeResetIsAnError() {
        let e = LibraryTestSupport.error("import gymnasium as gym\nenv = gym.make('Pendulum-v1')\nenv.step([0.0])")
        XCTAssertEqual(e?.kind, .runtimeError)
        XCTAssertTrue(e?.message.contains("reset") ?? false)
    }

    func testWrongMakeKeywordSuggestsTheRightOne() {
        let e = LibraryTestSupport.error("import gymnasium as gym\nenv = gym.make('Pendulum-v1', gg=9.8)")
        XCTAssertEqual(e?.kind, .typeError)
        XCTAssertEqual(e?.message, "make('Pendulum-v1') got an unexpected keyword argument 'gg'. Did you mean: 'g'?")
    }

    func testUnknownEnvironmentIdSuggestsTheRegisteredOne() {
        let e = LibraryTestSupport.error("import gymnasium as gym\nenv = gym.make('Pendulum-v2')")
        XCTAssertEqual(e?.kind, .valueError)
        XCTAssertTrue(e?.message.hasSuffix("Did you mean: 'Pendulum-v1'?") ?? false, e?.message ?? "")
    }

    func testWrongLayerKeywordSuggestsTheRightOne() {
        let e = LibraryTestSupport.error("import torch.nn as nn\nl = nn.Linear(3, 2, biass=False)")
        XCTAssertEqual(e?.kind, .typeError)
        XCTAssertEqual(e?.message, "Linear() got an unexpected keyword argument 'biass'. Did you mean: 'bias'?")
    }

    func testWrongOptimizerKeywordSuggestsTheRightOne() {
        let e = LibraryTestSupport.error("import torch\nl = torch.nn.Linear(3, 2)\nopt = torch.optim.Adam(l.parameters(), learning_rate=0.1)")
        XCTAssertEqual(e?.kind, .typeError)
        XCTAssertTrue(e?.message.contains("unexpected keyword argument 'learning_rate'") ?? false, e?.message ?? "")
    }

    func testMemoryTaskKeywordsAndBadDifficulty() {
        let e = LibraryTestSupport.error("from environments import MemoryTaskEnv\nenv = MemoryTaskEnv(delay=4, dificulty=1)")
        XCTAssertEqual(e?.message, "MemoryTaskEnv() got an unexpected keyword argument 'dificulty'. Did you mean: 'difficulty'?")
        let bad = LibraryTestSupport.error("from environments import MemoryTaskEnv\nenv = MemoryTaskEnv(delay=4, difficulty=5)")
        XCTAssertEqual(bad?.kind, .valueError)
    }

    func testShapeMismatchIsARuntimeError() {
        let e = LibraryTestSupport.error("import torch\nl = torch.nn.Linear(3, 2)\nl(torch.zeros(1, 4))")
        XCTAssertNotNil(e)
        XCTAssertNotEqual(e?.kind, .syntaxError)
    }
}
