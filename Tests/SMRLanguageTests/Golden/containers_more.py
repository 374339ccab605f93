# Lists, tuples and dicts: methods, display, slicing, nesting, identity.
xs = [5, 3, 8]
xs.append(1)
xs.insert(0, 9)
xs.insert(-1, 7)
xs.insert(100, 0)
xs.extend([4, 4])
xs.extend((2,))
xs.extend(range(2))
print(xs, len(xs), xs.index(8), xs.count(4), xs.pop(), xs.pop(0), xs.pop(-2), xs)
xs.remove(4)
print(xs)
xs.reverse()
print(xs, sorted(xs), sorted(xs, reverse=True), xs)
xs.sort()
print(xs, xs[::-1], xs[-2:], xs[:-5], xs[1:6:2], xs[::-2], xs[5:1:-1], xs[-1::-3])
ys = xs.copy()
ys[0] = 100
print(xs[0], ys[0], xs == ys, xs is ys, [] is [], xs is xs)
del ys[0]
del ys[-1]
print(ys)
zs = [0] * 5
zs[1:3] = [7, 8, 9]
print(zs)
zs[::2] = ["a", "b", "c"]
print(zs)
zs[:] = []
print(zs, [[]] * 2, [1, 2] * 2, [1] + [2], [] + [])
grid = [[0] * 3 for _ in range(2)]
grid[0][1] = 5
print(grid)
t = (1, "two", 3.0, None, True, [4], (5,))
print(t, t[1], t[-1], t[1:3], t[::-1], len(t), t.count(1), t.index("two"), () == (), (1,) + (2,))
print((), (1,), (1, 2), ((1,),), tuple(), tuple([1, 2]), tuple("ab"), tuple(range(3)))
a, b = 1, 2
a, b = b, a
print(a, b)
(c, d), e = (3, 4), 5
print(c, d, e)
[f, g] = "xy"
print(f, g)
h = i = []
h.append(1)
print(i, h is i)
d = {"b": 1, "a": 2}
d["c"] = 3
d["b"] = 10
print(d, len(d), d["a"], d.get("z"), d.get("z", 0), d.get("a", 0), "a" in d, "z" not in d, 2 in d)
print(list(d.keys()), list(d.values()), list(d.items()), d.keys(), d.values(), d.items())
for k in d:
    print(k, d[k], end="; ")
print()
for k, v in d.items():
    print(f"{k}={v}", end=" ")
print()
print(d.pop("a"), d.pop("zz", None), d, d.setdefault("e", 5), d.setdefault("b", 0), d)
d.update({"f": 6})
d.update(g=7)
d.update([("h", 8)])
print(d)
del d["b"]
print(d, {1: "a", 2.5: "b", None: "c", (1, 2): "d", True: "e", "k": [1, {}]})
print({1: 1, 1.0: 2, True: 3}, dict(a=1, b=2), dict([("x", 1)]), dict({"y": 2}, z=3), dict(), {})
print(dict(zip("abc", range(3))), {k: k * 2 for k in range(3)}, {k: v for k, v in [("a", 1), ("b", 2)] if v > 1})
e = {}
e.setdefault("list", []).append(1)
e.setdefault("list", []).append(2)
print(e, e.copy(), e == {"list": [1, 2]}, {"a": 1} == {"a": 1.0}, {"a": 1, "b": 2} == {"b": 2, "a": 1})
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts, sorted(counts.items()), sorted(counts, key=counts.get), max(counts, key=counts.get))
nested = {"a": [1, (2, 3), {"b": None}], "c": {"d": [True, False, 1.5, "s"]}}
print(nested, str(nested), repr(nested), nested["a"][2]["b"], nested["c"]["d"][-1])
print([1, [2, [3, [4]]]], [(), [], {}], [None, "x", 'y"z', "w'v"], [0.1, -0.0, 1e20, 1e-7])
print(list(range(3)), list(), list("abc"), list((1, 2)), list({"k": 1}), list(d.values())[:2])
m = [[1, 2, 3], [4, 5, 6]]
print([row[1] for row in m], [[r[i] for r in m] for i in range(3)], sum(m, []), [x for r in m for x in r if x % 2])
print(len([]), len(()), len({}), len(""), len(range(10)), len(range(0, 10, 3)), len(range(10, 0)))
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], (1, "a") < (1, "b"), [3] > [2, 9], (1, 2) == (1, 2), [1] == (1,))
print(1 in [1, 2], 3 in (1, 2), [1] in [[1]], (1, 2) in {(1, 2): 0}, None in [None])
stack = []
for ch in "(a(b)c)":
    if ch == "(":
        stack.append(ch)
    elif ch == ")":
        stack.pop()
print(stack, not stack, bool([0]), bool(()), bool({}), bool({"a": 0}))
