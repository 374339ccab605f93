#!/usr/bin/env python3
"""Writes Tests/SMRAgentsTests/Fixtures/seeded_training.json: the memory-augmented RL
notebook's LSTM training (Pendulum-v1, LSTMActorCritic, Adam 3e-4) in PyTorch after
random.seed(0); np.random.seed(0); torch.manual_seed(0) (what smr's seed(0) does) and
env.reset(seed=0): the first episodes' rewards. Issue 13's bar: smr, seeded the same way,
prints the same first episode reward (the whole training then follows PyTorch's draws).

Usage: /work/venv/bin/python scripts/make_seeded_training_fixtures.py [output-path]
"""
import json
import sys
import random
import numpy as np
import torch
import torch.nn as nn
import torch.optim as optim
import gymnasium as gym
torch.set_num_threads(1)
device = torch.device("cpu")
random.seed(0); np.random.seed(0); torch.manual_seed(0)

class LSTMActorCritic(nn.Module):
    def __init__(self, obs_dim, act_dim, hidden_size=128):
        super().__init__()
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
        return (torch.zeros(1, 1, 128).to(device), torch.zeros(1, 1, 128).to(device))

def run_episode(env, agent, optimizer):
    obs, _ = env.reset()
    hidden = agent.init_hidden()
    log_probs, values, rewards = [], [], []
    ep_reward = 0
    for _ in range(200):
        obs_tensor = torch.tensor(obs, dtype = torch.float32).to(device)
        action_mean, value, hidden = agent(obs_tensor, hidden)
        dist = torch.distributions.Normal(action_mean, 0.1)
        action = dist.sample()
        log_prob = dist.log_prob(action).sum()
        next_obs, reward, terminated, truncated, _ = env.step(action.cpu().numpy())
        done = terminated or truncated
        log_probs.append(log_prob)
        values.append(value.squeeze(0))
        rewards.append(torch.tensor(reward, dtype=torch.float32).to(device))
        obs = next_obs
        ep_reward += reward
        if done:
            break
    returns, R = [], 0
    gamma = 0.99
    for r in reversed(rewards):
        R = r + gamma * R
        returns.insert(0, R)
    returns = torch.stack(returns)
    log_probs = torch.stack(log_probs)
    values = torch.stack(values)
    advantage = returns - values
    actor_loss = -(log_probs * advantage.detach()).mean()
    critic_loss = advantage.pow(2).mean()
    loss = actor_loss + critic_loss
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return ep_reward

env = gym.make("Pendulum-v1")
obs_dim = env.observation_space.shape[0]
act_dim = env.action_space.shape[0]
agent = LSTMActorCritic(obs_dim, act_dim).to(device)
optimizer = optim.Adam(agent.parameters(), lr=3e-4)
env.reset(seed=0)
rewards = []
for ep in range(3):
    ep_reward = run_episode(env, agent, optimizer)
    rewards.append(float(ep_reward[0]))

OUT = sys.argv[1] if len(sys.argv) > 1 else "Tests/SMRAgentsTests/Fixtures/seeded_training.json"
json.dump({"torch_version": torch.__version__, "seed": 0, "env_seed": 0, "lstm_episode_rewards": rewards}, open(OUT, "w"), indent=1)
print("wrote", OUT, rewards)
