#!/usr/bin/env python3
"""Reference speed driver: the Strategic Memory Retrieval agent's own PyTorch code, timed.

Builds exactly the flagship notebook's "Simple training setup" cell
(shared/seeds/000_a4ba2dda504b77c6.txt): MemoryTaskEnv(delay, difficulty),
StrategicMemoryBuffer(obs_dim, action_dim=1, mem_dim=32, max_entries=32),
StrategicMemoryTransformerPolicy, StrategicMemoryAgent(memory_learn_retention=True,
memory_retention_coef=0.01, lr 1e-3, gamma 0.99, lam 0.95, ent_coef 0.01, her / reward_norm /
intrinsic_expl / use_rnd False, verbose=0). Seeds random, np.random and torch, times
`agent.learn(total_timesteps=N, log_interval=250)` alone with time.perf_counter(), optionally
evaluates with `agent.evaluate(n, deterministic=True)`, and prints ONE JSON line:

  {"impl": "pytorch", "delay", "difficulty", "timesteps", "episodes", "seed", "train_s",
   "s_per_episode", "steps_per_s", "eval_mean" (null without --eval)}

The reference modules are imported from --smr-dir (a checkout of
pihh/strategic-memory-retrieval-reinforcement-agent), never copied.

Usage: bench/smr_reference.py --smr-dir DIR --delay 4 --difficulty 0 --timesteps 16000 --seed 0 --threads 1 [--eval 20]
"""
import argparse
import contextlib
import io
import json
import os
import random
import sys
import time
import warnings


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--smr-dir", required=True, help="checkout of the reference repository")
    ap.add_argument("--delay", type=int, required=True)
    ap.add_argument("--difficulty", type=int, default=0)
    ap.add_argument("--timesteps", type=int, required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1, help="torch.set_num_threads; 0 leaves torch's default")
    ap.add_argument("--eval", type=int, default=0, help="episodes of agent.evaluate(deterministic=True) after training")
    args = ap.parse_args()

    warnings.filterwarnings("ignore")  # as the notebook does (hides Adam's duplicate-parameter warning)
    sys.path.insert(0, os.path.abspath(args.smr_dir))
    import numpy as np
    import torch
    from agent import StrategicMemoryAgent
    from environments import MemoryTaskEnv
    from memory import StrategicMemoryBuffer, StrategicMemoryTransformerPolicy

    if args.threads > 0:
        torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)

    env = MemoryTaskEnv(delay=args.delay, difficulty=args.difficulty)
    memory = StrategicMemoryBuffer(obs_dim=env.observation_space.shape[0], action_dim=1,
                                   mem_dim=32, max_entries=32, device="cpu")
    agent = StrategicMemoryAgent(
        policy_class=StrategicMemoryTransformerPolicy, env=env, memory=memory,
        memory_learn_retention=True, memory_retention_coef=0.01, device="cpu", verbose=0,
        lam=0.95, gamma=0.99, ent_coef=0.01, learning_rate=1e-3,
        her=False, reward_norm=False, aux_modules=None, intrinsic_expl=False, intrinsic_eta=0.01,
        use_rnd=False)

    t0 = time.perf_counter()
    agent.learn(total_timesteps=args.timesteps, log_interval=250)
    train_s = time.perf_counter() - t0
    episodes = len(agent.episode_rewards)

    eval_mean = None
    if args.eval > 0:
        with contextlib.redirect_stdout(io.StringIO()):
            mean, _ = agent.evaluate(n_episodes=args.eval, deterministic=True, verbose=False)
        eval_mean = float(mean)

    print(json.dumps({
        "impl": "pytorch", "delay": args.delay, "difficulty": args.difficulty,
        "timesteps": args.timesteps, "episodes": episodes, "seed": args.seed,
        "train_s": train_s, "s_per_episode": train_s / episodes,
        "steps_per_s": args.timesteps / train_s, "eval_mean": eval_mean,
    }))


if __name__ == "__main__":
    main()
