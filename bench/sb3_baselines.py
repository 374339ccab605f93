#!/usr/bin/env python3
"""SB3's PPO or sb3-contrib's RecurrentPPO on the reference's MemoryTaskEnv, built as the
reference's benchmark.py builds them (RecordEpisodeStatistics, learning_rate=1e-3), `learn`
timed alone; prints one JSON line (impl, algo, delay, difficulty, timesteps, seed, train_s,
steps_per_s, ep_rew_mean).

    python bench/sb3_baselines.py --smr-dir REF --algo ppo --delay 4 --difficulty 0 --timesteps 10000
"""
import argparse, json, sys, time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--smr-dir", required=True)
    ap.add_argument("--algo", choices=["ppo", "rppo"], required=True)
    ap.add_argument("--delay", type=int, default=4)
    ap.add_argument("--difficulty", type=int, default=0)
    ap.add_argument("--timesteps", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    sys.path.insert(0, a.smr_dir)
    import numpy as np
    import torch
    torch.set_num_threads(1)
    from environments import MemoryTaskEnv
    from gymnasium.wrappers import RecordEpisodeStatistics
    from sb3_contrib import RecurrentPPO
    from stable_baselines3 import PPO
    np.random.seed(a.seed)
    env = RecordEpisodeStatistics(MemoryTaskEnv(delay=a.delay, difficulty=a.difficulty))
    if a.algo == "ppo":
        model = PPO("MlpPolicy", env, learning_rate=1e-3, seed=a.seed)
    else:
        model = RecurrentPPO("MlpLstmPolicy", env, learning_rate=1e-3, seed=a.seed)
    t0 = time.perf_counter()
    model.learn(total_timesteps=a.timesteps)
    seconds = time.perf_counter() - t0
    rew = [e["r"] for e in model.ep_info_buffer]
    print(json.dumps({"impl": "sb3", "algo": a.algo, "delay": a.delay, "difficulty": a.difficulty,
                      "timesteps": int(model.num_timesteps), "seed": a.seed, "train_s": seconds,
                      "steps_per_s": model.num_timesteps / seconds,
                      "ep_rew_mean": float(np.mean(rew)) if rew else None}, sort_keys=True))


if __name__ == "__main__":
    main()
