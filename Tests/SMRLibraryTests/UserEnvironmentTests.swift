import Foundation
import SMRLanguage
import SMRLibrary
import XCTest

/// `class E(gym.Env)`: gymnasium's base-class behaviour, and the checks on what the user's
/// `reset`/`step` return when the library calls them.
final class UserEnvironmentTests: XCTestCase {
    func env(step: String, obsShape: String = "(2,)") -> String {
        """
        import numpy as np
        import gymnasium as gym
        from gymnasium import spaces
        from gymnasium.wrappers import TimeLimit
        from stable_baselines3 import PPO
        class E(gym.Env):
            def __init__(self):
                self.observation_space = spaces.Box(-1.0, 1.0, shape=\(obsShape), dtype=np.float32)
                self.action_space = spaces.Discrete(2)
            def reset(self, seed=None, options=None):
                super().reset(seed=seed)
                return np.zeros(2, dtype=np.float32), {}
            def step(self, action):
                \(step)

        """
    }

    func testSeededNpRandomMatchesGymnasium() {
        // gymnasium: Env.reset(seed=0) -> np.random.default_rng(0) behind self.np_random.
        let out = LibraryTestSupport.run(env(step: "return np.zeros(2, dtype=np.float32), 1.0, False, False, {}") + """
            e = E()
            e.reset(seed=0)
            a = e.np_random.random()
            print(a == np.random.default_rng(0).random(), e.np_random_seed, e.unwrapped is e, e.spec, e.render_mode)
            print(e, isinstance(e, gym.Env))
            w = TimeLimit(E(), max_episode_steps=3)
            w.reset(seed=1)
            print(w, [w.step(0)[3] for _ in range(3)])
            """)
        XCTAssertEqual(out, "True 0 True None None\n<E instance> True\n<TimeLimit<E instance>> [False, False, True]\n")
    }

    func testWrongStepResultsAreClearErrors() {
        let cases: [(String, String, ErrorKind)] = [
            ("return np.zeros(2, dtype=np.float32), 1.0, False, {}", "E.step() must return a tuple (observation, reward, terminated, truncated, info) of 5 items, got 4", .valueError),
            ("return np.zeros(3, dtype=np.float32), 1.0, False, False, {}", "E.step() returned an observation of shape (3,), but observation_space has shape (2,)", .valueError),
            ("return np.zeros(2, dtype=np.float32), 'x', False, False, {}", "E.step() returned a reward of type str", .typeError),
            ("return np.zeros(2, dtype=np.float32), 1.0, None, False, {}", "E.step() returned terminated of type NoneType", .typeError),
            ("return None", "E.step() must return a tuple", .typeError),
        ]
        for (body, message, kind) in cases {
            let e = LibraryTestSupport.error(env(step: body) + "PPO('MlpPolicy', E(), n_steps=64, batch_size=64).learn(total_timesteps=64)")
            XCTAssertEqual(e?.kind, kind, body)
            XCTAssertTrue(e?.message.contains(message) ?? false, "\(body): \(e.map { "\($0.message)" } ?? "no error")")
        }
    }

    func testMissingSpacesAndStepAreNamed() {
        let noSpace = LibraryTestSupport.error("""
            import gymnasium as gym
            from stable_baselines3 import PPO
            class F(gym.Env):
                pass
            PPO('MlpPolicy', F())
            """)
        XCTAssertEqual(noSpace?.kind, .attributeError)
        XCTAssertTrue(noSpace?.message.contains("F has no observation_space") ?? false, noSpace?.message ?? "")
        let noStep = LibraryTestSupport.error(env(step: "return super().step(action)") + "e = E()\ne.reset()\ne.step(0)")
        XCTAssertEqual(noStep?.kind, .notImplementedError)
    }
}
