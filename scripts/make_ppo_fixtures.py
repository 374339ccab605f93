#!/usr/bin/env python3
"""One update of SB3's PPO and sb3-contrib's RecurrentPPO, captured for smr's parity tests.

Usage:
    /work/venv/bin/python scripts/make_ppo_fixtures.py --smr-dir /work/ref \
        --out-dir Tests/SMRAgentsTests/Fixtures

--smr-dir is a checkout of pihh/strategic-memory-retrieval-reinforcement-agent (for its
MemoryTaskEnv, imported unmodified). Each model is built as the reference's benchmark.py builds
it (env wrapped in RecordEpisodeStatistics, learning_rate=1e-3) but with a short rollout and a large learning rate (1e-2, so the clipping acts) so the
fixture stays small, and runs ONE `learn(total_timesteps=n_steps)`: one rollout, one `train()`.

Captured, without recomputing anything:
  * the library defaults of PPO() and RecurrentPPO() (hyper-parameters smr must match);
  * named_parameters() before the update (names, shapes, values);
  * the rollout buffer as `train()` sees it (observations, actions, rewards, episode starts,
    values, log-probabilities, advantages, returns; for RecurrentPPO also the stored LSTM states),
    read in `_on_rollout_end` of a callback;
  * the minibatch randomness `train()` draws: np.random.permutation (PPO) or the split index of
    np.random.randint (RecurrentPPO), recorded by wrapping those functions during train();
  * named_parameters() after the update and the logger's train/ values.

Files: ppo_update.{json,bin} and recurrent_ppo_update.{json,bin}: the JSON holds scalars and an
index of arrays {"offset", "shape"} into the .bin (float32, little-endian).
"""
import argparse
import json
import os
import sys

import numpy as np
import torch


class BinWriter:
    def __init__(self):
        self.chunks, self.offset, self.index = [], 0, {}

    def add(self, name, value):
        # A copy: .numpy() shares memory with the tensor, which the update changes in place.
        a = np.array(value.detach().cpu().numpy() if torch.is_tensor(value) else value, dtype=np.float32, copy=True)
        self.index[name] = {"offset": self.offset, "shape": list(a.shape)}
        self.chunks.append(a.reshape(-1))
        self.offset += a.size

    def write(self, out_dir, stem, scalars):
        data = np.concatenate(self.chunks).astype("<f4")
        data.tofile(os.path.join(out_dir, stem + ".bin"))
        with open(os.path.join(out_dir, stem + ".json"), "w") as f:
            json.dump({"arrays": self.index, "scalars": scalars}, f, indent=1, sort_keys=True)


def hyper_parameters(model):
    keys = ["n_steps", "batch_size", "n_epochs", "gamma", "gae_lambda", "ent_coef", "vf_coef",
            "max_grad_norm", "normalize_advantage", "target_kl"]
    out = {k: getattr(model, k) for k in keys}
    out["learning_rate"] = model.learning_rate
    out["clip_range"] = model.clip_range(1.0)
    out["clip_range_vf"] = None if model.clip_range_vf is None else model.clip_range_vf(1.0)
    out["adam_eps"] = model.policy.optimizer.defaults["eps"]
    out["n_parameters"] = sum(p.numel() for p in model.policy.parameters())
    return out


def capture(model, binw, recurrent, n_steps, draws):
    from stable_baselines3.common.callbacks import BaseCallback

    for name, p in model.policy.named_parameters():
        binw.add("before/" + name, p)
    binw.index["names"] = [n for n, _ in model.policy.named_parameters()]

    class Capture(BaseCallback):
        def _on_step(self):
            return True

        def _on_rollout_end(self):
            b = self.model.rollout_buffer
            binw.add("buffer/observations", b.observations.reshape(n_steps, -1))
            binw.add("buffer/actions", b.actions.reshape(n_steps))
            binw.add("buffer/rewards", b.rewards.reshape(n_steps))
            binw.add("buffer/episode_starts", b.episode_starts.reshape(n_steps))
            binw.add("buffer/values", b.values.reshape(n_steps))
            binw.add("buffer/log_probs", b.log_probs.reshape(n_steps))
            binw.add("buffer/advantages", b.advantages.reshape(n_steps))
            binw.add("buffer/returns", b.returns.reshape(n_steps))
            if recurrent:
                # hidden_states_*: [n_steps, n_layers, n_envs, hidden]
                for key in ["hidden_states_pi", "cell_states_pi", "hidden_states_vf", "cell_states_vf"]:
                    binw.add("buffer/" + key, getattr(b, key).reshape(n_steps, -1))
            # From here on train() runs: record its minibatch randomness.
            if recurrent:
                real = np.random.randint

                def randint(*a, **k):
                    v = real(*a, **k)
                    draws.append(int(v))
                    return v
                np.random.randint = randint
                draws.append(("restore", real))
            else:
                real = np.random.permutation

                def permutation(*a, **k):
                    v = real(*a, **k)
                    draws.append([int(x) for x in v])
                    return v
                np.random.permutation = permutation
                draws.append(("restore", real))

    model.learn(total_timesteps=n_steps, callback=Capture())
    restore = [d for d in draws if isinstance(d, tuple)]
    for _, real in restore:
        if recurrent:
            np.random.randint = real
        else:
            np.random.permutation = real
    draws[:] = [d for d in draws if not isinstance(d, tuple)]
    for name, p in model.policy.named_parameters():
        binw.add("after/" + name, p)
    train = {k: float(v) for k, v in model.logger.name_to_value.items() if k.startswith("train/")}
    return train


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--smr-dir", required=True)
    ap.add_argument("--out-dir", required=True)
    args = ap.parse_args()
    sys.path.insert(0, args.smr_dir)
    torch.set_num_threads(1)
    from environments import MemoryTaskEnv
    from gymnasium.wrappers import RecordEpisodeStatistics
    from sb3_contrib import RecurrentPPO
    from stable_baselines3 import PPO
    import stable_baselines3, sb3_contrib

    env = RecordEpisodeStatistics(MemoryTaskEnv(delay=4, difficulty=0))
    versions = {"torch": torch.__version__, "stable_baselines3": stable_baselines3.__version__,
                "sb3_contrib": sb3_contrib.__version__}

    # PPO: the library defaults, then a short run with the benchmark's learning rate.
    defaults = hyper_parameters(PPO("MlpPolicy", env))
    n_steps = 64
    model = PPO("MlpPolicy", env, learning_rate=1e-2, n_steps=n_steps, batch_size=16, n_epochs=4, seed=0)
    binw, draws = BinWriter(), []
    train = capture(model, binw, False, n_steps, draws)
    for e, perm in enumerate(draws):
        binw.add(f"permutation/{e}", perm)
    binw.write(args.out_dir, "ppo_update", {"defaults": defaults, "run": hyper_parameters(model), "train": train,
                                             "epochs": len(draws), "versions": versions})

    # RecurrentPPO: defaults, then 64 steps in batches of 32 (two sequence minibatches per epoch).
    defaults = hyper_parameters(RecurrentPPO("MlpLstmPolicy", env))
    model = RecurrentPPO("MlpLstmPolicy", env, learning_rate=1e-2, n_steps=n_steps, batch_size=32, n_epochs=4, seed=0,
                         policy_kwargs={"lstm_hidden_size": 16})
    binw, draws = BinWriter(), []
    train = capture(model, binw, True, n_steps, draws)
    binw.write(args.out_dir, "recurrent_ppo_update", {"defaults": defaults, "run": hyper_parameters(model), "train": train,
                                                       "splits": draws, "lstm_hidden_size": 16, "versions": versions})
    print("wrote", args.out_dir)


if __name__ == "__main__":
    main()
