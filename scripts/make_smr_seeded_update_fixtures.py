#!/usr/bin/env python3
"""Writes Tests/SMRAgentsTests/Fixtures/smr_seeded_updates.json: the reference Strategic
Memory Retrieval agent trained from scratch after random.seed(0); np.random.seed(0);
torch.manual_seed(0) (smr's seed(0)), dropout active, actions sampled: the loss terms of its
first two updates (the statistics its log box prints, at full precision).

Unlike scripts/make_smr_agent_fixtures.py nothing is forced: weights come from the default
initialisation, dropout masks and actions from the global generator, the MemoryTaskEnv from
np.random. Issue 13's bar: smr, seeded the same way, gives the same losses to 1e-4.

Usage: /work/venv/bin/python scripts/make_smr_seeded_update_fixtures.py --smr-dir /work/ref [output-path]
"""
import argparse
import json
import random
import sys
import warnings

parser = argparse.ArgumentParser()
parser.add_argument("--smr-dir", default="/work/ref")
parser.add_argument("out", nargs="?", default="Tests/SMRAgentsTests/Fixtures/smr_seeded_updates.json")
args = parser.parse_args()
sys.path.insert(0, args.smr_dir)
warnings.filterwarnings("ignore")

import numpy as np
import torch

torch.set_num_threads(1)
import agent as agent_module
from agent import StrategicMemoryAgent
from environments import MemoryTaskEnv
from memory import StrategicMemoryBuffer, StrategicMemoryTransformerPolicy

boxes = []
agent_module.print_sb3_style_log_box = lambda stats: boxes.append({s["header"]: s["stats"] for s in stats})

CONFIG = dict(delay=4, difficulty=0, mem_dim=32, max_entries=32, learning_rate=1e-3, gamma=0.99, lam=0.95,
              ent_coef=0.01, memory_retention_coef=0.01, total_timesteps=24)
random.seed(0)
np.random.seed(0)
torch.manual_seed(0)
env = MemoryTaskEnv(delay=CONFIG["delay"], difficulty=CONFIG["difficulty"])
memory = StrategicMemoryBuffer(obs_dim=env.observation_space.shape[0], action_dim=1, mem_dim=CONFIG["mem_dim"],
                               max_entries=CONFIG["max_entries"], device="cpu")
agent = StrategicMemoryAgent(policy_class=StrategicMemoryTransformerPolicy, env=env, memory=memory,
                             memory_learn_retention=True, memory_retention_coef=CONFIG["memory_retention_coef"],
                             device="cpu", verbose=1, lam=CONFIG["lam"], gamma=CONFIG["gamma"], ent_coef=CONFIG["ent_coef"],
                             learning_rate=CONFIG["learning_rate"], her=False, reward_norm=False, aux_modules=None,
                             intrinsic_expl=False, intrinsic_eta=0.01, use_rnd=False, rnd_emb_dim=32, rnd_lr=1e-3)
agent.learn(total_timesteps=CONFIG["total_timesteps"], log_interval=1)

updates = [{"loss": b["train"]["loss"], "policy_loss": b["train"]["policy_loss"], "value_loss": b["train"]["value_loss"],
            "explained_variance": b["train"]["explained_variance"], "usefulness_loss": b["memory"]["usefulness_loss"],
            "policy_entropy": float(b["rollout"]["policy_entropy"]), "advantage_mean": float(b["rollout"]["advantage_mean"]),
            "advantage_std": float(b["rollout"]["advantage_std"])} for b in boxes]
json.dump({"torch_version": torch.__version__, "config": CONFIG, "episode_rewards": [float(r) for r in agent.episode_rewards],
           "updates": updates}, open(args.out, "w"), indent=1)
print("wrote", args.out, updates[0])
