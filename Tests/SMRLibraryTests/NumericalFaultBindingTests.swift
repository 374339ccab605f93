import Foundation
import SMRLanguage
import SMRLibrary
import SMRTensor
import XCTest

/// A notebook's environment that starts returning NaN rewards: `learn` raises Python's
/// `FloatingPointError` naming the tensor and the episode, the program can catch it, and the
/// agent trains on once the environment is fixed.
final class NumericalFaultBindingTests: XCTestCase {
    let flakyEnvironment = """
        import numpy as np
        import gymnasium as gym
        from gymnasium import spaces
        from agent import StrategicMemoryAgent
        from memory import StrategicMemoryTransformerPolicy
        from stable_baselines3 import PPO
        seed(0)

        class Flaky(gym.Env):
            def __init__(self):
                super().__init__()
                self.observation_space = spaces.Box(low=-1.0, high=1.0, shape=(2,), dtype=np.float32)
                self.action_space = spaces.Discrete(2)
                self.poison = False

            def reset(self, seed=None, options=None):
                super().reset(seed=seed)
                self.t = 0
                return np.array([1.0, 0.0], dtype=np.float32), {}

            def step(self, action):
                self.t += 1
                reward = float('nan') if self.poison and self.t == 2 else 1.0
                return np.array([0.0, 1.0], dtype=np.float32), reward, self.t >= 3, False, {}

        """

    func testStrategicMemoryAgentRaisesFloatingPointErrorAndTrainsOn() {
        let out = LibraryTestSupport.run(flakyEnvironment + """
            env = Flaky()
            agent = StrategicMemoryAgent(StrategicMemoryTransformerPolicy, env, verbose=0)
            agent.learn(total_timesteps=9)
            env.poison = True
            try:
                agent.learn(total_timesteps=9)
            except FloatingPointError as e:
                print("caught:", e)
            print(isinstance(FloatingPointError("x"), ArithmeticError), len(agent.episode_rewards))
            env.poison = False
            agent.learn(total_timesteps=9)
            print(len(agent.episode_rewards))
            """)
        XCTAssertEqual(out, """
            caught: NaN in the reward of step 2 at episode 4; parameters left at their last good values
            True 3
            6

            """)
    }

    func testPPORaisesFloatingPointError() {
        let e = LibraryTestSupport.error(flakyEnvironment + """
            env = Flaky()
            env.poison = True
            model = PPO("MlpPolicy", env, seed=0, n_steps=32, batch_size=16, verbose=0)
            model.learn(total_timesteps=32)
            """)
        XCTAssertEqual(e?.kind, .floatingPointError)
        XCTAssertEqual(e?.message, "NaN in the policy loss at update 1 (minibatch 1) after 32 steps; parameters left at their last good values")
    }

    func testDetectAnomalyNamesTheOpWhoseBackwardMadeTheFirstNaN() {
        defer { GradMode.detectAnomaly = false }
        let out = LibraryTestSupport.run("""
            import torch
            x = torch.tensor([0.0, 1.0], requires_grad=True)
            torch.log(x).sum().backward()
            print(x.grad, torch.autograd.is_anomaly_enabled())
            x = torch.tensor([0.0, 1.0], requires_grad=True)
            torch.autograd.set_detect_anomaly(True)
            try:
                (torch.log(x) * 2.0).sum().backward()
            except RuntimeError as e:
                print(e)
            torch.autograd.set_detect_anomaly(False)
            """)
        XCTAssertEqual(out, """
            tensor([inf, 1.]) False
            autograd: Function 'LogBackward0' returned inf values in its 0th output.
            Traceback of forward call that caused the error:
              File "test.smrnb", line 8, column 12, in <module>
                (torch.log(x) * 2.0).sum().backward()

            """)
    }

    /// Anomaly mode names the forward line of the op whose backward made the NaN: inside a
    /// function, and back in the caller after a user function returned (the site is the op's,
    /// not the last line that ran). With anomaly mode off nothing is recorded.
    func testDetectAnomalyNamesTheForwardLineOfTheOp() {
        defer {
            GradMode.detectAnomaly = false
            OperationSite.setTracking(false)
        }
        let out = LibraryTestSupport.run("""
            import torch
            def shifted(x):
                y = x - 1.0
                return torch.sqrt(y) * 3.0
            def double(x):
                return x * 2.0
            x = torch.tensor([0.0, 2.0], requires_grad=True)
            try:
                shifted(x).sum().backward()
                print(x.grad)
            except RuntimeError as e:
                print(e)
            torch.autograd.set_detect_anomaly(True)
            try:
                shifted(x).sum().backward()
            except RuntimeError as e:
                print(e)
            z = torch.tensor([0.0, 1.0], requires_grad=True)
            try:
                loss = (torch.sqrt(double(z)) + 1.0).sum()
                loss.backward()
            except RuntimeError as e:
                print(e)
            try:
                (z / z).sum().backward()
            except RuntimeError as e:
                print(e)
            torch.autograd.set_detect_anomaly(False)
            """)
        XCTAssertEqual(out, """
            tensor([   nan, 1.5000])
            autograd: Function 'SqrtBackward0' returned nan values in its 0th output.
            Traceback of forward call that caused the error:
              File "test.smrnb", line 4, column 18, in shifted
                return torch.sqrt(y) * 3.0
            autograd: Function 'SqrtBackward0' returned inf values in its 0th output.
            Traceback of forward call that caused the error:
              File "test.smrnb", line 20, column 19, in <module>
                loss = (torch.sqrt(double(z)) + 1.0).sum()
            autograd: Function 'DivBackward0' returned nan values in its 0th output.
            Traceback of forward call that caused the error:
              File "test.smrnb", line 25, column 6, in <module>
                (z / z).sum().backward()

            """)
    }
}
