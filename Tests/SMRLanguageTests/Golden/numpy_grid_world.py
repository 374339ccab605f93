import numpy as np

class GridWorld:
    ACTIONS = {0: (-1, 0), 1: (1, 0), 2: (0, -1), 3: (0, 1)}
    def __init__(self, size=4, seed=0):
        self.size = size
        self.goal = np.array([size - 1, size - 1])
        self.reset()
    def reset(self):
        self.pos = np.array([0, 0])
        self.steps = 0
        return self._obs()
    def _obs(self):
        grid = np.zeros((self.size, self.size), dtype=np.float32)
        grid[tuple(self.pos)] = 1.0
        grid[self.goal[0], self.goal[1]] = 0.5
        return grid.flatten()
    def step(self, action):
        d = np.array(self.ACTIONS[action])
        self.pos = np.clip(self.pos + d, 0, self.size - 1)
        self.steps += 1
        done = bool(np.array_equal(self.pos, self.goal))
        reward = 1.0 if done else -0.01
        return self._obs(), reward, done, {"steps": self.steps}

env = GridWorld()
obs = env.reset()
print(obs.shape, obs.dtype, obs.sum(), obs[:5])
total = 0.0
for a in [1, 1, 3, 3, 1, 3]:
    obs, r, done, info = env.step(a)
    total += r
    if done:
        break
print(round(total, 4), done, info, env.pos, env.pos.tolist())
q = np.zeros((16, 4))
q[3, 2] = 0.5
q[3, 1] = 0.7
print(np.argmax(q[3]), q.argmax(axis=1)[:5], q.max(), q[3].round(2))
x = np.array([1.5, 2.25, -0.125], dtype=np.float64)
print(x, x.astype(int), (x * 2).astype(np.float32))
print(np.concatenate([x, x[:1]]), np.stack([x, x]).shape, np.stack([x, x], axis=1))
print(np.round(x, 1), np.mean(x), np.std(x), x.mean(), x.min(), np.abs(x))
print(np.arange(6).reshape(2, 3), np.arange(6).reshape(2, 3).T)
m = np.arange(12).reshape(3, 4)
print(m[1], m[:, 1], m[1:, ::2], m[m > 5], m.sum(axis=0), m.sum(axis=1))
print(np.where(m > 5, m, -1))
print(x.dtype, np.array([1, 2]).dtype, np.array([True, False]).dtype, np.array([1.0], dtype=np.float32).dtype)
obs = np.array([0.1, 0.2, 0.3], dtype=np.float32)
print(obs, obs + 1, obs * obs, obs / 3, obs.tolist())
print(np.linspace(0, 1, 5), np.ones(3, dtype=int), np.full((2, 2), 7.0), np.eye(2))
print(np.dot([1, 2, 3], [4, 5, 6]), np.array([[1, 2], [3, 4]]) @ np.array([1, 1]))
print(np.sqrt(np.array([4.0, 9.0])), np.exp(0), np.log(np.e), np.pi)
print(np.cumsum([1, 2, 3]), np.prod([1, 2, 3, 4]), np.unique([3, 1, 3, 2]), np.sort([3, 1, 2]), np.argsort([3, 1, 2]))
print(repr(np.array([1.0, 2.5])), repr(np.zeros(2, dtype=np.float32)))
print(len(m), m.shape, m.ndim, m.size, m.dtype)
print(np.array([[0.12345, 100.5], [3.0, 4.0]]))
print(np.isclose(0.1 + 0.2, 0.3), np.allclose([1, 2], [1, 2.0000001]))
print(np.any(m > 10), np.all(m >= 0), (m > 5).sum(), np.count_nonzero(m))
a = np.array([3.0, 1.0, 2.0, 2.0])
b = np.array([[1, 2], [3, 4]])
print(np.array_equal(a, a.copy()), np.array_equal(a, a[:2]), np.allclose(a, a + 1e-9), np.isclose(a, 2.0))
print(np.sort(a), np.argsort(a), np.unique(a), np.unique([3, 1, 3], return_counts=True))
print(np.prod(b), np.prod([1.5, 2]), np.cumprod([1, 2, 3]), np.diff([1, 4, 9, 16]))
print(np.hstack([a, a]), np.vstack([a, a]), np.hstack([b, b]), np.expand_dims(a, 0).shape, np.squeeze(np.zeros((1, 3, 1))).shape)
print(np.reshape(np.arange(6), (2, 3)), np.ravel(b), np.transpose(b), np.flip(a), np.repeat([1, 2], 2), np.tile([1, 2], 3))
print(np.count_nonzero([0, 1, 2, 0]), np.nonzero(np.array([0, 3, 0, 4])), np.nonzero(b > 2))
print(np.median([3, 1, 2]), np.median([4, 1, 2, 3]), np.percentile([1, 2, 3, 4], 25), np.percentile(np.arange(10), [10, 50]))
print(np.isnan(np.array([1.0, np.nan])), np.isfinite([1.0, np.inf]), np.logical_and([True, False], [True, True]), np.logical_not([True, False]))
print(np.add(a, 1), np.multiply(b, b), np.subtract(5, b), np.divide(b, 2), np.power(b, 2), np.equal(b, 2), np.greater(a, 1.5))
print(np.log10([10, 100]), np.log2(8), np.arctan2(1, 1), np.deg2rad(180), np.full_like(b, 7), np.bincount([0, 1, 1, 3]))
print(np.hypot(3, 4), np.absolute([-1, 2]))
