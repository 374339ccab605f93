#!/usr/bin/env python3
"""Writes the PyTorch fixtures of the memory-augmented RL notebook's agents (Tests/SMRAgentsTests/Fixtures).

For each model of the memory-augmented RL notebook (001_569ad3c3a3a3f2f6), with torch.manual_seed(0):
the initial parameters (named_parameters order), a few forward passes with their outputs,
and one training update as the notebook's helpers do it, but with fixed actions instead of
sampled ones: the losses, every parameter's gradient and the parameters after one Adam step.
Small sizes (LSTM hidden 32, NTM hidden 32 with 8x8 memory, transformer hidden 16 / 2 heads)
keep the files small; the code paths are those of the notebook's defaults.

Output: pendulum_actor_critic.json (names, shapes, offsets, scalars) + pendulum_actor_critic.bin (float32 LE).
Usage: python3 scripts/make_agent_fixtures.py [OUT_DIR]
"""
import json
import math
import os
import sys

import gymnasium as gym
import numpy as np
import torch
import torch.nn as nn

torch.set_num_threads(1)
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "Tests", "SMRAgentsTests", "Fixtures")


class LSTMActorCritic(nn.Module):
    def __init__(self, obs_dim, act_dim, hidden_size=128):
        super().__init__()
        self.hidden_size = hidden_size
        self.lstm = nn.LSTM(obs_dim, hidden_size, batch_first=True)
        self.actor = nn.Linear(hidden_size, act_dim)
        self.critic = nn.Linear(hidden_size, 1)

    def forward(self, obs, hidden):
        obs = obs.view(1, 1, -1)
        lstm_out, hidden = self.lstm(obs, hidden)
        action_mean = torch.tanh(self.actor(lstm_out[:, -1]))
        value = self.critic(lstm_out[:, -1])
        return action_mean, value, hidden

    def init_hidden(self):
        return (torch.zeros(1, 1, self.hidden_size), torch.zeros(1, 1, self.hidden_size))


class TransformerActorCritic(nn.Module):
    def __init__(self, obs_dim, act_dim, seq_len=10, hidden_dim=128, n_heads=4, n_layers=2):
        super().__init__()
        self.input_proj = nn.Linear(obs_dim, hidden_dim)
        self.pos_encoding = nn.Parameter(torch.randn(seq_len, hidden_dim))
        encoder_layer = nn.TransformerEncoderLayer(d_model=hidden_dim, nhead=n_heads, batch_first=True)
        self.transformer_encoder = nn.TransformerEncoder(encoder_layer, num_layers=n_layers)
        self.actor = nn.Linear(hidden_dim, act_dim)
        self.critic = nn.Linear(hidden_dim, 1)

    def forward(self, obs_seq):
        x = self.input_proj(obs_seq) + self.pos_encoding[:obs_seq.size(1), :]
        memory = self.transformer_encoder(x)
        latest_memory = memory[:, -1]
        return torch.tanh(self.actor(latest_memory)), self.critic(latest_memory)


class ExplicitMemoryAgent(nn.Module):
    def __init__(self, obs_dim, act_dim, memory_slots=20, memory_dim=32, hidden_dim=128):
        super().__init__()
        self.memory_slots, self.memory_dim, self.hidden_dim = memory_slots, memory_dim, hidden_dim
        self.controller = nn.GRUCell(obs_dim + memory_dim, hidden_dim)
        self.memory = torch.zeros(memory_slots, memory_dim)
        self.read_head = nn.Linear(hidden_dim, memory_slots)
        self.write_head = nn.Linear(hidden_dim, memory_slots)
        self.write_projection = nn.Linear(hidden_dim, memory_dim)
        self.actor = nn.Linear(hidden_dim + memory_dim, act_dim)
        self.critic = nn.Linear(hidden_dim + memory_dim, 1)

    def reset_memory(self):
        self.memory = torch.zeros(self.memory_slots, self.memory_dim)

    def forward(self, obs, hidden):
        obs = obs.unsqueeze(0)
        read_weights = torch.softmax(self.read_head(hidden), dim=-1)
        read_vector = torch.matmul(read_weights, self.memory)
        controller_input = torch.cat([obs, read_vector], dim=-1)
        hidden = self.controller(controller_input, hidden)
        write_weights = torch.softmax(self.write_head(hidden), dim=-1)
        write_content = torch.tanh(self.write_projection(hidden))
        self.memory = self.memory + write_weights.squeeze(0).unsqueeze(-1) * write_content
        actor_input = torch.cat([hidden, read_vector], dim=-1)
        action = torch.tanh(self.actor(actor_input))
        value = self.critic(actor_input)
        return action.squeeze(0), value.squeeze(0), hidden

    def init_hidden(self):
        return torch.zeros(1, self.hidden_dim)


class Writer:
    def __init__(self):
        self.index, self.chunks, self.offset = {}, [], 0

    def add(self, name, value):
        a = np.asarray(value.detach().numpy() if torch.is_tensor(value) else value, dtype=np.float32)
        self.index[name] = {"offset": self.offset, "shape": list(a.shape)}
        self.chunks.append(a.reshape(-1).astype("<f4").tobytes())
        self.offset += a.size

    def params(self, prefix, model):
        names = []
        for n, p in model.named_parameters():
            self.add(f"{prefix}/param/{n}", p)
            names.append(n)
        self.index[f"{prefix}/names"] = names

    def grads_and_update(self, prefix, model):
        for n, p in model.named_parameters():
            self.add(f"{prefix}/grad/{n}", p.grad if p.grad is not None else torch.zeros_like(p))
        # the optimizer step was taken by the caller
        for n, p in model.named_parameters():
            self.add(f"{prefix}/updated/{n}", p)


def fixed_actions(steps):
    return [np.array([0.8 * math.sin(0.37 * t)], dtype=np.float32) for t in range(steps)]


def episode_update(agent, optimizer, lstm, env_seed, steps):
    """The notebook's run_episode with the fixed actions above (LSTM or NTM variant)."""
    env = gym.make("Pendulum-v1")
    env.reset(seed=env_seed)
    obs, _ = env.reset()  # the helper's own reset continues the stream
    if not lstm:
        agent.reset_memory()
    hidden = agent.init_hidden()
    log_probs, values, rewards = [], [], []
    ep_reward = 0.0
    for t, a in enumerate(fixed_actions(steps)):
        obs_tensor = torch.tensor(obs, dtype=torch.float32)
        mean, value, hidden = agent(obs_tensor, hidden)
        dist = torch.distributions.Normal(mean, 0.1)
        action = torch.tensor(a).view(mean.shape)
        log_probs.append(dist.log_prob(action).sum())
        obs, reward, terminated, truncated, _ = env.step(a)
        values.append(value.squeeze(0) if lstm else value.squeeze())
        rewards.append(torch.tensor(reward, dtype=torch.float32))
        ep_reward += float(reward)
        if terminated or truncated:
            break
    returns, R = [], 0
    for r in reversed(rewards):
        R = r + 0.99 * R
        returns.insert(0, R)
    returns = torch.stack(returns)
    if lstm:
        returns = returns.view(-1, 1)  # rewards are (1,) there: the (1,1)-action quirk
    log_probs, values = torch.stack(log_probs), torch.stack(values)
    advantage = returns - values
    actor_loss = -(log_probs * advantage.detach()).mean()
    critic_loss = advantage.pow(2).mean()
    loss = actor_loss + critic_loss
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return ep_reward, actor_loss.item(), critic_loss.item()


def main():
    os.makedirs(OUT, exist_ok=True)
    w = Writer()
    scalars = {}

    # LSTM
    torch.manual_seed(0)
    lstm = LSTMActorCritic(3, 1, hidden_size=32)
    w.params("lstm", lstm)
    g = torch.Generator().manual_seed(1)
    xs = torch.randn(5, 3, generator=g)
    w.add("lstm/forward/obs", xs)
    hidden = lstm.init_hidden()
    means, vals = [], []
    with torch.no_grad():
        for t in range(5):
            m, v, hidden = lstm(xs[t], hidden)
            means.append(m); vals.append(v)
    w.add("lstm/forward/means", torch.cat(means)); w.add("lstm/forward/values", torch.cat(vals))
    w.add("lstm/forward/h", hidden[0]); w.add("lstm/forward/c", hidden[1])
    opt = torch.optim.Adam(lstm.parameters(), lr=3e-4)
    r, a, c = episode_update(lstm, opt, lstm=True, env_seed=7, steps=200)
    scalars["lstm"] = {"reward": r, "actor_loss": a, "critic_loss": c, "env_seed": 7, "lr": 3e-4}
    w.grads_and_update("lstm", lstm)

    # NTM
    torch.manual_seed(0)
    ntm = ExplicitMemoryAgent(3, 1, memory_slots=8, memory_dim=8, hidden_dim=32)
    w.params("ntm", ntm)
    xs = torch.randn(5, 3, generator=g)
    w.add("ntm/forward/obs", xs)
    hidden = ntm.init_hidden()
    acts, vals = [], []
    with torch.no_grad():
        for t in range(5):
            act, v, hidden = ntm(xs[t], hidden)
            acts.append(act); vals.append(v)
    w.add("ntm/forward/actions", torch.cat(acts)); w.add("ntm/forward/values", torch.cat(vals))
    w.add("ntm/forward/hidden", hidden); w.add("ntm/forward/memory", ntm.memory)
    opt = torch.optim.Adam(ntm.parameters(), lr=1e-4)
    r, a, c = episode_update(ntm, opt, lstm=False, env_seed=8, steps=200)
    scalars["ntm"] = {"reward": r, "actor_loss": a, "critic_loss": c, "env_seed": 8, "lr": 1e-4}
    w.grads_and_update("ntm", ntm)

    # Transformer (eval mode: dropout off, so both sides are deterministic)
    torch.manual_seed(0)
    tr = TransformerActorCritic(3, 1, seq_len=10, hidden_dim=16, n_heads=2, n_layers=2)
    tr.eval()
    w.params("transformer", tr)
    xs = torch.randn(2, 10, 3, generator=g)
    w.add("transformer/forward/obs", xs)
    with torch.no_grad():
        act, v = tr(xs)
        act6, v6 = tr(xs[:, :6])
    w.add("transformer/forward/actions", act); w.add("transformer/forward/values", v)
    w.add("transformer/forward/actions6", act6); w.add("transformer/forward/values6", v6)
    # train_step on a given window
    obs_seq = [np.asarray(o, dtype=np.float32) for o in torch.randn(12, 3, generator=g).numpy()]
    action_seq = [np.array([0.5 * math.cos(0.7 * t)], dtype=np.float32) for t in range(12)]
    reward_seq = [float(-1.0 - 0.3 * t + 0.01 * t * t) for t in range(12)]
    w.add("transformer/train/obs", np.stack(obs_seq)); w.add("transformer/train/actions", np.stack(action_seq))
    w.add("transformer/train/rewards", np.array(reward_seq))
    opt = torch.optim.Adam(tr.parameters(), lr=3e-4)
    seq_len = 10
    obs_tensor = torch.tensor(np.stack(obs_seq[-seq_len:]), dtype=torch.float32).unsqueeze(0)
    action_tensor = torch.tensor(np.stack(action_seq[-seq_len:]), dtype=torch.float32)
    rewards = torch.tensor(reward_seq[-seq_len:], dtype=torch.float32)
    action_preds, values = tr(obs_tensor)
    values = values.squeeze()
    actor_loss = ((action_preds - action_tensor) ** 2).mean()
    returns, R = [], 0
    for rr in reversed(rewards):
        R = rr + 0.99 * R
        returns.insert(0, R)
    returns = torch.tensor(returns)
    critic_loss = ((returns - values) ** 2).mean()
    loss = actor_loss + critic_loss
    opt.zero_grad(); loss.backward(); opt.step()
    scalars["transformer"] = {"actor_loss": actor_loss.item(), "critic_loss": critic_loss.item(), "lr": 3e-4,
                              "returns": [float(x) for x in returns]}
    w.grads_and_update("transformer", tr)

    with open(os.path.join(OUT, "pendulum_actor_critic.bin"), "wb") as f:
        for ch in w.chunks:
            f.write(ch)
    with open(os.path.join(OUT, "pendulum_actor_critic.json"), "w") as f:
        json.dump({"generator": "scripts/make_agent_fixtures.py", "torch": torch.__version__,
                   "arrays": w.index, "scalars": scalars}, f, indent=1, sort_keys=True)
    print(f"wrote {w.offset} floats to {OUT}")


if __name__ == "__main__":
    main()
