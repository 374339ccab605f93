#!/usr/bin/env python3
"""Environment steps per second in Python gymnasium: the same loops as `smr-bench envs`
(bench/Sources/smr-bench/EnvBench.swift): gym.make("Pendulum-v1") and gym.make("CartPole-v1")
(TimeLimit / OrderEnforcing / PassiveEnvChecker, gymnasium's defaults) and
MemoryTaskEnv(delay=8, difficulty=1), fixed action patterns, reset when an episode ends,
reset(seed=0) before each repeat, median of the repeats.

MemoryTaskEnv comes from the reference repository when --smr-dir points to a checkout of
pihh/strategic-memory-retrieval-reinforcement-agent; otherwise from the small restatement
below (same draws from np.random, same per-step work), so the script runs anywhere.

Usage: python3 bench/envs_gymnasium.py [--json] [--repeats N] [--steps N] [--smr-dir DIR]
"""
import argparse
import json
import sys
import time

import gymnasium as gym
import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--json", action="store_true")
parser.add_argument("--repeats", type=int, default=5)
parser.add_argument("--steps", type=int, default=20000)
parser.add_argument("--smr-dir", default=None)
args = parser.parse_args()

if args.smr_dir:
    sys.path.insert(0, args.smr_dir)
    from environments import MemoryTaskEnv
else:
    class MemoryTaskEnv(gym.Env):
        """Restatement of the reference task for timing only: cue at reset, random bits
        from np.random.randint as distractors, +-1 at step `delay`."""

        def __init__(self, delay=8, difficulty=0):
            self.observation_space = gym.spaces.Box(low=0, high=1, shape=(3,), dtype=np.float32)
            self.action_space = gym.spaces.Discrete(2)
            self.delay, self.difficulty = delay, difficulty
            self.target, self.t = None, 0

        def _bit(self):
            return 0 if self.difficulty == 0 else np.random.randint(0, 2)

        def reset(self, seed=None, options=None):
            self.t = 0
            self.target = np.random.randint(0, 2)
            return np.array([self.target, self._bit(), 0.0], dtype=np.float32), {}

        def step(self, action):
            self.t += 1
            obs = np.array([self._bit(), self._bit(), 0.0], dtype=np.float32)
            if self.t < self.delay:
                return obs, 0.0, False, False, {}
            return obs, 1.0 if action == self.target else -1.0, True, False, {}


def cases():
    pendulum_actions = [np.array([2.0 * np.sin(0.1 * t)], dtype=np.float32) for t in range(200)]
    return [
        ("Pendulum-v1", lambda: gym.make("Pendulum-v1"), pendulum_actions),
        ("CartPole-v1", lambda: gym.make("CartPole-v1"), [0, 1]),
        ("MemoryTaskEnv(8,1)", lambda: MemoryTaskEnv(delay=8, difficulty=1), [0, 1]),
    ]


def measure(env, actions, steps):
    env.reset(seed=0)
    n = len(actions)
    t = 0
    start = time.perf_counter()
    for _ in range(steps):
        obs, reward, terminated, truncated, info = env.step(actions[t % n])
        t += 1
        if terminated or truncated:
            env.reset()
            t = 0
    return steps / (time.perf_counter() - start)


if not args.json:
    print(f"gymnasium {gym.__version__}: env steps/s, median of {args.repeats} repeats of {args.steps} steps")
for name, build, actions in cases():
    env = build()
    measure(env, actions, max(args.steps // 10, 100))  # warm-up
    rates = sorted(measure(env, actions, args.steps) for _ in range(args.repeats))
    median = rates[len(rates) // 2]
    if args.json:
        print(json.dumps({"env": name, "steps_per_s": median, "min": rates[0], "max": rates[-1]}))
    else:
        print(f"{name:<20} {median:12.0f} steps/s  ({1e9 / median:.0f} ns/step)")
