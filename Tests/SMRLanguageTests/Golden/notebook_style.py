# The shapes of code in the source notebooks, without the library: settings dicts merged
# with **, helper functions, discounted returns, experiment loops and reports.
DELAY = 4
N_EPISODES = 2500
AGENT_KWARGS = dict(
    device="cpu",
    verbose=0,
    lam=0.95,
    gamma=0.99,
    ent_coef=0.01,
    learning_rate=1e-3,
)
MEMORY_AGENT_KWARGS = dict(
    her=False,
    reward_norm=False,
    aux_modules=None,
    intrinsic_eta=0.01,
    rnd_lr=1e-3,
)

def total_timesteps(delay, n_episodes):
    return delay * n_episodes

config = dict(
    action_dim=1,          # For Discrete(2)
    mem_dim=32,
    **AGENT_KWARGS,
    **MEMORY_AGENT_KWARGS
)
print(config)
print(len(config), config["learning_rate"], config["gamma"] * 100, total_timesteps(DELAY, N_EPISODES))

"""
A string statement on its own, like the notebook's commented-out block.
"""

EXPERIMENTS = [
    dict(delay=4, n_train_episodes=2000, total_timesteps=total_timesteps(4, 2500), difficulty=0, mode_name="EASY"),
    dict(delay=16, n_train_episodes=7500, total_timesteps=total_timesteps(16, 3500), difficulty=1, mode_name="HARD"),
    #dict(delay=64, n_train_episodes=15000, total_timesteps=15000*64, difficulty=0, mode_name="HARD"),
]

def discounted_returns(rewards, gamma=0.99):
    returns, R = [], 0
    for r in reversed(rewards):
        R = r + gamma * R
        returns.insert(0, R)
    return returns

def fake_episode(seed, length):
    obs_seq, action_seq, reward_seq = [], [], []
    ep_reward = 0
    state = seed
    for step in range(length):
        state = (state * 1103515245 + 12345) % 2147483648
        reward = -((state % 1000) / 100.0)
        obs_seq.append(state % 7)
        action_seq.append(1 if state % 2 else 0)
        reward_seq.append(reward)
        ep_reward += reward
        if state % 97 == 0:
            break
    return obs_seq, action_seq, reward_seq, ep_reward

if __name__ == "__main__":
    results = []
    for exp in EXPERIMENTS:
        _, _, rewards, ep_reward = fake_episode(exp["delay"], exp["delay"] * 3)
        rets = discounted_returns(rewards)
        results.append({"mode": exp["mode_name"], "delay": exp["delay"], "reward": ep_reward, "first_return": rets[0]})
        print(f"Training in {exp['mode_name']} mode with delay of {exp['delay']} steps")
    for ep in range(0, 100, 10):
        _, _, _, ep_reward = fake_episode(ep, 20)
        if ep % 20 == 0:
            print(f"Episode {ep}, Reward: {ep_reward:.2f}")
        else:
            print(f"Episode {ep}: {ep_reward}")
    for r in results:
        print(f"| {r['mode']:<6} | {r['delay']:>5} | {r['reward']:>10.3f} | {r['first_return']:>12.6f} |")
    test_rewards = [fake_episode(s, 10)[3] for s in range(10)]
    mean = sum(test_rewards) / len(test_rewards)
    print(f"Average Test Reward: {mean:.2f}", round(mean, 3), max(test_rewards), min(test_rewards))
print(discounted_returns([1.0, 0.0, 1.0]), discounted_returns([], 0.5), discounted_returns([1, 1], gamma=0.5))
