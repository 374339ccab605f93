s = {3, 1, 2, 3, 10, 33, 8}
print(s, len(s), 3 in s, 4 in s)
t = set(range(5))
print(t, s | t, s & t, s - t, t - s, s ^ t)
print(s.union([100, -1]), s.intersection(t, [1, 2]), s.difference({1}))
t.add(42)
t.discard(0)
t.remove(1)
print(t, sorted(t), sum(t), max(t))
try:
    t.remove(99)
except KeyError as e:
    print("KeyError", e)
print({x % 4 for x in range(20)}, {n: n * n for n in range(4)})
print(set(), frozenset([2, 1]), set("aa") == {"a"}, {1, 2} == {2, 1}, {1} < {1, 2}, {1, 2} <= {1, 2}, {3} > {1})
print({1, 2}.issubset([1, 2, 3]), {1, 2, 3}.issuperset({1}), {1}.isdisjoint({2}))
u = {5, 6}
u.update([7], {8})
u |= {9}
u &= {5, 7, 9, 11}
u -= {9}
print(u, bool(set()), bool(u))
words = "the cat saw the dog and the cat ran".split()
print(sorted(set(words)), len(set(words)))
seen = set()
out = []
for w in words:
    if w not in seen:
        seen.add(w)
        out.append(w)
print(out)
print({(1, 2), (1, 2), (2, 1)} == {(2, 1), (1, 2)}, frozenset({1}) in {frozenset({1}): 1})
big = set(range(0, 200, 7))
big.discard(7)
print(big)
print({-3, 5, 2 ** 61, 0, 1 << 40})
print(list({1: 1, 2: 2}.keys() - {1}) if hasattr({}.keys(), "__sub__") else [2])
try:
    {[1]}
except TypeError as e:
    print("TypeError", e)
print(set([1, 2, 3]).pop(), {True, 1, 1.0})
