#!/usr/bin/env python3
"""Writes the environment fixtures under Tests/SMREnvironmentsTests/Fixtures/: trajectories
of the original Python environments under fixed action sequences, which the Swift tests
must reproduce (bit for bit where the arithmetic allows, 1e-5 otherwise).

  pendulum_v1.json  gym.make("Pendulum-v1"), seeds 0-4, actions sin / sin3 / const2
  cartpole_v1.json  gym.make("CartPole-v1"), seeds 0-4, several action patterns, episodes
                    run to their end and continued with reset() (unseeded)
  memory_task.json  the reference repository's MemoryTaskEnv, np.random.seed(s) first
  spaces.json       seeded Discrete / Box samples

Needs gymnasium (pip install gymnasium) and a checkout of the reference repository
(pihh/strategic-memory-retrieval-reinforcement-agent) for MemoryTaskEnv:

  python3 scripts/make_env_fixtures.py --smr-dir /path/to/checkout [--out DIR]

Floats are written so that they parse back exactly: float32 values by their shortest
float32 repr, float64 values by their shortest repr.
"""
import argparse
import json
import math
import os
import sys

import gymnasium as gym
import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--smr-dir", required=True, help="checkout of the reference repository (for environments.py)")
parser.add_argument("--out", default="Tests/SMREnvironmentsTests/Fixtures")
args = parser.parse_args()


def f32(values):
    return [float(str(np.float32(v))) for v in np.asarray(values, dtype=np.float32).ravel()]


def dump(name, payload):
    path = os.path.join(args.out, name)
    with open(path, "w") as f:
        json.dump(payload, f, separators=(",", ":"))
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


# --- Pendulum-v1: the three sequences of reference-figures §5 --------------------------
PENDULUM_ACTIONS = {
    "sin": lambda t: np.clip(2.0 * np.sin(0.1 * t), -2.0, 2.0),
    "sin3": lambda t: 3.0 * np.sin(0.05 * t),
    "const2": lambda t: 2.0,
}
pendulum_runs = []
for name, action_of in PENDULUM_ACTIONS.items():
    for seed in range(5):
        env = gym.make("Pendulum-v1")
        obs, _ = env.reset(seed=seed)
        run = {"actions": name, "seed": seed, "reset_obs": f32(obs),
               "reset_state": [float(v) for v in env.unwrapped.state],
               "action": [], "obs": [], "reward": [], "truncated_at": None, "final_state": None}
        for t in range(200):
            action = np.array([action_of(t)], dtype=np.float32)
            obs, reward, terminated, truncated, _ = env.step(action)
            assert not terminated
            run["action"].append(f32(action)[0])
            run["obs"].append(f32(obs))
            run["reward"].append(float(reward))
            if truncated:
                run["truncated_at"] = t + 1
        run["final_state"] = [float(v) for v in env.unwrapped.state]
        obs, _ = env.reset()  # unseeded: continues the seeded stream
        run["next_reset_obs"] = f32(obs)
        pendulum_runs.append(run)
dump("pendulum_v1.json", {"gymnasium": gym.__version__, "runs": pendulum_runs})

# --- CartPole-v1 ------------------------------------------------------------------------
CARTPOLE_POLICIES = {
    "always1": lambda t, obs: 1,
    "alternate": lambda t, obs: t % 2,
    # A balancing heuristic so that some episodes reach the 500-step TimeLimit.
    "balance": lambda t, obs: int(obs[2] + 0.5 * obs[3] + 0.01 * obs[1] > 0),
}
cartpole_runs = []
for name, policy in CARTPOLE_POLICIES.items():
    for seed in range(5):
        env = gym.make("CartPole-v1")
        episodes = []
        obs, _ = env.reset(seed=seed)
        for episode in range(2 if name == "balance" else 3):
            if episode > 0:
                obs, _ = env.reset()
            record = {"reset_obs": f32(obs), "action": [], "obs": [], "reward": [], "terminated": None, "truncated": None}
            t = 0
            while True:
                action = policy(t, obs)
                obs, reward, terminated, truncated, _ = env.step(action)
                record["action"].append(int(action))
                record["obs"].append(f32(obs))
                record["reward"].append(float(reward))
                t += 1
                if terminated or truncated:
                    record["terminated"], record["truncated"] = bool(terminated), bool(truncated)
                    break
            if name == "balance":
                # Keep the file small: long balanced episodes keep every 10th observation.
                record["obs_every"] = 10
                record["obs"] = record["obs"][::10] + [record["obs"][-1]]
            episodes.append(record)
        cartpole_runs.append({"policy": name, "seed": seed, "episodes": episodes})
dump("cartpole_v1.json", {"gymnasium": gym.__version__, "runs": cartpole_runs})

# --- MemoryTaskEnv (reference repository) ----------------------------------------------
sys.path.insert(0, args.smr_dir)
from environments import MemoryTaskEnv  # noqa: E402

memory_runs = []
for delay in [1, 4, 8]:
    for difficulty in [0, 1]:
        for seed in [0, 1, 2]:
            np.random.seed(seed)
            env = MemoryTaskEnv(delay=delay, difficulty=difficulty)
            episodes = []
            for episode in range(6):
                obs, _ = env.reset()
                record = {"reset_obs": f32(obs), "target": int(env.target), "action": [], "obs": [], "reward": [], "terminated": []}
                for t in range(delay):
                    action = (t + episode) % 2
                    obs, reward, terminated, truncated, _ = env.step(action)
                    record["action"].append(action)
                    record["obs"].append(f32(obs))
                    record["reward"].append(float(reward))
                    record["terminated"].append(bool(terminated))
                    assert not truncated
                episodes.append(record)
            memory_runs.append({"delay": delay, "difficulty": difficulty, "seed": seed, "episodes": episodes})
dump("memory_task.json", {"runs": memory_runs})

# --- Spaces ------------------------------------------------------------------------------
spaces = []
for seed in range(5):
    discrete = gym.spaces.Discrete(2)
    discrete.seed(seed)
    discrete5 = gym.spaces.Discrete(5, start=-2)
    discrete5.seed(seed)
    pendulum_actions = gym.spaces.Box(-2.0, 2.0, (1,), np.float32)
    pendulum_actions.seed(seed)
    pendulum_obs = gym.spaces.Box(np.array([-1, -1, -8], np.float32), np.array([1, 1, 8], np.float32))
    pendulum_obs.seed(seed)
    spaces.append({
        "seed": seed,
        "discrete2": [int(discrete.sample()) for _ in range(20)],
        "discrete5_start_m2": [int(discrete5.sample()) for _ in range(20)],
        "pendulum_action": [f32(pendulum_actions.sample()) for _ in range(5)],
        "pendulum_observation": [f32(pendulum_obs.sample()) for _ in range(5)],
    })
dump("spaces.json", {"gymnasium": gym.__version__, "samples": spaces})
