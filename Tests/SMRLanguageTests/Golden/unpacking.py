# Iterable unpacking in displays and assignments; for/else and while/else.
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "abcd"
print(init, last)
a, *mid, z = range(6)
print(a, mid, z)
x, *empty, y = (1, 2)
print(x, empty, y)
(p, *q), r = [1, 2, 3], 4
print(p, q, r)
for head, *tail in [(1, 2, 3), (4,), "xy"]:
    print(head, tail)
xs = [1, 2]
ys = (3, 4)
print([*xs, *ys], (*xs, 0), [*"ab", *range(2)], [*xs], (*ys,), [0, *[], 9])
t = *xs, *ys
print(t)
base = {"a": 1, "b": 2}
over = {"b": 20, "c": 3}
print({**base, **over}, {**base, "b": 0}, {"z": 0, **base}, {**{}}, {**base, **over, "a": -1})
def f(*args, **kwargs):
    return args, kwargs
print(f(*xs, *ys, **base, **{"d": 4}))
for n in [7, 8, 9]:
    for d in range(2, n):
        if n % d == 0:
            print(n, "has divisor", d)
            break
    else:
        print(n, "is prime")
for _ in []:
    pass
else:
    print("empty for runs else")
i = 0
while i < 3:
    i += 1
else:
    print("while finished", i)
while True:
    break
else:
    print("never printed")
def search(items, target):
    for idx, item in enumerate(items):
        if item == target:
            return idx
    else:
        return -1
print(search("abc", "c"), search("abc", "z"))
for i in range(3):
    for j in range(3):
        if j == 1:
            break
    else:
        print("inner else never runs")
    if i == 1:
        continue
    print("outer", i)
else:
    print("outer else runs")
try:
    a, *b = 5
except TypeError as e:
    print(e)
try:
    a, *b, c = [1]
except ValueError as e:
    print(e)
