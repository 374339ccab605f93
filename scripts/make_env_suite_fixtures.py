#!/usr/bin/env python3
"""Writes Tests/SMREnvironmentsTests/Fixtures/{bsuite_memory,popgym}.json: trajectories of
bsuite's MemoryChain (memory_len / memory_size experiments) and of POPGym's RepeatFirst,
RepeatPrevious, CountRecall and PositionOnlyCartPole ("Stateless CartPole") at Easy /
Medium / Hard, under fixed action patterns, for the Swift ports' tests.

Needs `pip install bsuite popgym gymnasium`. Usage:
  python3 scripts/make_env_suite_fixtures.py [--out DIR]

Card-game rewards are stored as integers u with reward == u * scale exactly (scale =
1/(cards-1), or 1/(cards-k) for RepeatPrevious); the script checks the identity.
"""
import argparse
import json
import os

import numpy as np
from bsuite.experiments.memory_len import memory_len
from bsuite.experiments.memory_size import memory_size
import popgym.envs as pg

parser = argparse.ArgumentParser()
parser.add_argument("--out", default="Tests/SMREnvironmentsTests/Fixtures")
args = parser.parse_args()


def f32(values):
    return [float(str(np.float32(v))) for v in np.asarray(values, dtype=np.float32).ravel()]


def dump(name, payload):
    path = os.path.join(args.out, name)
    with open(path, "w") as f:
        json.dump(payload, f, separators=(",", ":"))
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


# --- bsuite MemoryChain ------------------------------------------------------------------
bsuite_runs = []
for experiment, values, loader in [("memory_len", [1, 3, 10], memory_len.load), ("memory_size", [1, 3, 8], memory_size.load)]:
    for value in values:
        for seed in [0, 1, 2]:
            env = loader(value, seed=seed)
            episodes = []
            for episode in range(4):
                timestep = env.reset()
                record = {"reset_obs": f32(timestep.observation), "action": [], "obs": [], "reward": [], "last": []}
                t = 0
                while True:
                    action = (t + episode) % 2
                    timestep = env.step(action)
                    record["action"].append(action)
                    record["obs"].append(f32(timestep.observation))
                    record["reward"].append(float(timestep.reward))
                    record["last"].append(bool(timestep.last()))
                    t += 1
                    if timestep.last():
                        break
                episodes.append(record)
            bsuite_runs.append({"experiment": experiment, "value": value, "seed": seed, "episodes": episodes})
dump("bsuite_memory.json", {"runs": bsuite_runs})

# --- POPGym ------------------------------------------------------------------------------
def card_run(env, seed, scale, action_of, episodes=2):
    """Runs `episodes` episodes (the later ones reset without a seed)."""
    out = []
    for episode in range(episodes):
        obs, _ = env.reset(seed=seed if episode == 0 else None)
        record = {"reset_obs": np.asarray(obs).ravel().tolist(), "action": [], "obs": [], "reward_units": [], "terminated": None}
        t = 0
        while True:
            action = action_of(t, episode)
            obs, reward, terminated, truncated, _ = env.step(action)
            units = int(round(reward / scale))
            assert reward == units * scale, (reward, units, scale)
            record["action"].append(int(action))
            record["obs"].append(np.asarray(obs).ravel().tolist())
            record["reward_units"].append(units)
            t += 1
            assert not truncated
            if terminated:
                record["terminated"] = t
                break
        out.append(record)
    return out


popgym_runs = []
for level in ["Easy", "Medium", "Hard"]:
    episodes = 2 if level == "Easy" else 1  # the long Medium / Hard games once, to keep the file small
    for seed in [0, 1]:
        env = getattr(pg, f"RepeatFirst{level}")()
        popgym_runs.append({"env": f"RepeatFirst{level}", "seed": seed, "scale": 1 / (env.deck.num_cards - 1),
                            "episodes": card_run(env, seed, 1 / (env.deck.num_cards - 1), lambda t, e: (t * 3 + e) % 4 if t % 3 else 0, episodes)})
        env = getattr(pg, f"RepeatPrevious{level}")()
        scale = 1 / (env.deck.num_cards - env.k)
        popgym_runs.append({"env": f"RepeatPrevious{level}", "seed": seed, "scale": scale,
                            "episodes": card_run(env, seed, scale, lambda t, e: (t + e) % 4, episodes)})
        env = getattr(pg, f"CountRecall{level}")()
        top = env.max_card_count
        popgym_runs.append({"env": f"CountRecall{level}", "seed": seed, "scale": env.reward_scale,
                            "episodes": card_run(env, seed, env.reward_scale, lambda t, e, top=top: (t // 2 + e) % (top + 1), episodes)})

cartpole_runs = []
for level in ["Easy", "Medium", "Hard"]:
    for seed in [0, 1]:
        env = getattr(pg, f"PositionOnlyCartPole{level}")()
        episodes = []
        for episode in range(2):
            obs, _ = env.reset(seed=seed if episode == 0 else None)
            record = {"reset_obs": f32(obs), "action": [], "obs": [], "reward": [], "terminated": False, "truncated": False}
            while True:
                if episode == 0:  # balance from the hidden state, so the time limit is reached
                    x, x_dot, theta, theta_dot = env.state
                    action = int(theta + 0.5 * theta_dot + 0.01 * x_dot > 0)
                else:
                    action = len(record["action"]) % 2
                obs, reward, terminated, truncated, _ = env.step(action)
                record["action"].append(action)
                record["obs"].append(f32(obs))
                record["reward"].append(float(reward))
                if terminated or truncated:
                    record["terminated"], record["truncated"] = bool(terminated), bool(truncated)
                    break
            if episode == 0:  # keep the file small
                record["obs"] = record["obs"][::25] + [record["obs"][-1]]
                record["obs_every"] = 25
            episodes.append(record)
        cartpole_runs.append({"env": f"PositionOnlyCartPole{level}", "seed": seed, "episodes": episodes})
dump("popgym.json", {"card_runs": popgym_runs, "cartpole_runs": cartpole_runs})
