import numpy as np
xs = [0.1 * i for i in range(1, 200)]
print(np.mean(xs), np.std(xs), np.sum(xs), np.min(xs), np.max(xs))
ys = [1, 2, 3, 4]
print(np.mean(ys), np.std(ys), np.sum(ys), np.min(ys), np.max(ys))
zs = [(i * 37 % 101) / 7.0 for i in range(3000)]
print(np.mean(zs), np.std(zs), np.sum(zs))
a = np.array([1.0, 2.0, 3.0])
print(a)
print(repr(a))
print(np.array([1.5, 2.25, -3.0]))
print(repr(np.zeros(3)), repr(np.arange(5)), repr(np.arange(0.0, 1.0, 0.25)))
print(repr(np.clip([1, 5, 10], 2, 8)), np.clip(7.5, 0.0, 5.0))
print(repr(np.array([0.1, 0.2, 0.30000000000000004])))
print(float(np.mean([1.0, 2.0])) * 2)
