import Foundation
import SMRLanguage
import SMRLibrary
import XCTest

/// `from stable_baselines3 import PPO` as the reference's notebook writes it.
final class PPOBindingTests: XCTestCase {
    let setup = """
        from stable_baselines3 import PPO
        from gymnasium.wrappers import RecordEpisodeStatistics
        from environments import MemoryTaskEnv
        env = RecordEpisodeStatistics(MemoryTaskEnv(delay=4, difficulty=0))

        """

    func testLearnPrintsTheBoxAndPredictReturnsATuple() {
        let out = LibraryTestSupport.run(setup + """
            model = PPO("MlpPolicy", env, verbose=1, seed=0, n_steps=256)
            model = model.learn(total_timesteps=512)
            obs, _ = env.reset()
            action, state = model.predict(obs, state=None, episode_start=None, deterministic=True)
            print(action in (0, 1), state, model.num_timesteps, len(model.ep_info_buffer) > 0)
            """)
        XCTAssertTrue(out.hasPrefix("Using cpu device\nWrapping the env with a `Monitor` wrapper\n"), out)
        XCTAssertTrue(out.contains("|    ep_rew_mean "), out)
        XCTAssertTrue(out.contains("|    policy_gradient_loss | "), out)
        XCTAssertTrue(out.hasSuffix("True None 512 True\n"), out)
    }

    func testBadInputIsAPythonError() {
        XCTAssertEqual(LibraryTestSupport.error(setup + "PPO(\"CnnPolicy\", env)")?.kind, .valueError)
        XCTAssertEqual(LibraryTestSupport.error(setup + "PPO(\"MlpPolicy\", env, batch_size=1)")?.kind, .valueError)
        XCTAssertEqual(LibraryTestSupport.error(setup + "PPO(\"MlpPolicy\", 3)")?.kind, .typeError)
        XCTAssertEqual(LibraryTestSupport.error(setup + "PPO(\"MlpPolicy\", env).predict([1, 2])")?.kind, .valueError)
        XCTAssertEqual(LibraryTestSupport.error(setup + "PPO(\"MlpPolicy\", env).load(\"/nonexistent/x.zip\")") != nil, true)
    }

    func testRecurrentPPOCarriesItsStateThroughPredict() {
        let out = LibraryTestSupport.run(setup + """
            from sb3_contrib import RecurrentPPO
            model = RecurrentPPO("MlpLstmPolicy", env, verbose=0, seed=0, n_steps=32, batch_size=32, n_epochs=1)
            model.learn(total_timesteps=32)
            obs, _ = env.reset()
            state = None
            episode_start = True
            action, state = model.predict(obs, state=state, episode_start=episode_start, deterministic=True)
            action, state = model.predict(obs, state=state, episode_start=False, deterministic=True)
            print(action in (0, 1), state is not None, model.num_timesteps)
            """)
        XCTAssertEqual(out, "True True 32\n")
        XCTAssertEqual(LibraryTestSupport.error(setup + "from sb3_contrib import RecurrentPPO\nRecurrentPPO(\"MlpPolicy\", env)")?.kind, .valueError)
    }
}
