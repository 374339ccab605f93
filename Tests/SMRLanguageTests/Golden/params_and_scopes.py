counter = 0
def inc():
    global counter
    counter += 1
    return counter
inc(); inc()
print(counter)

def make_acc():
    total = 0
    def add(x):
        nonlocal total
        total += x
        return total
    return add
acc = make_acc()
print(acc(5), acc(10))
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
fs = [lambda i=i: i for i in range(3)]
print([f() for f in fs])

def f(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, kw
print(f(1, c=3))
print(f(1, 2, 3, 4, c=5, e=6))
args = (1, 2)
kw = {"c": 9, "z": 0}
print(f(*args, **kw))
try:
    f(1)
except TypeError as e:
    print(e)
try:
    f(1, c=2, a=3)
except TypeError as e:
    print(e)
def g(x, /, y):
    return x + y
print(g(1, y=2))
print((lambda *a, **k: (a, k))(1, 2, x=3))
print(1 < 2 < 3, 1 < 3 < 2, 1 == 1.0 < 2)
x = 5
print("big" if x > 3 else "small", not x, x and 0, x or 0, None or "d")
for i in range(3):
    if i == 5:
        break
else:
    print("no break")
while False:
    pass
else:
    print("while else")
def outer():
    x = 1
    def mid():
        def inner():
            return x + 1
        return inner()
    return mid()
print(outer())
print(f.__name__, f.__defaults__, f.__kwdefaults__)
print(type(...), ..., Ellipsis)
def stub(): ...
print(stub())
a = b = [1]
a.append(2)
print(b, a is b)
first, *rest = [1, 2, 3, 4]
*init, last = "abc"
print(first, rest, init, last)
(p, q), r = (1, 2), 3
print(p, q, r)
d = {"x": 1, **{"y": 2}}
print(d, [*range(3), *"ab"], {*[1, 2], 3})
print(d | {"z": 3})
d |= {"w": 0}
print(d)
del d["x"]
print(d, list(d.keys()), d.pop("y"), d.setdefault("k", 5), d)
print(dict.fromkeys("ab", 0), {k: v for k, v in zip("abc", range(3)) if v}, {x % 3 for x in range(10)})
