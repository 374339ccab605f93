# Generator expressions are lazy: the first iterable is evaluated where the expression
# stands, everything else one item per next().
log = []

def src(n):
    for i in range(n):
        log.append(f"src {i}")
        yield i

def noisy(x):
    log.append(f"elt {x}")
    return x * 10

g = (noisy(x) for x in src(4))
log.append("created")
print(log)
print(next(g), log)
print(list(g), log[-3:])
print(list(g))

# early exit from any/all/next stops pulling items
log.clear()
print(any(noisy(x) > 15 for x in src(100)), log)
log.clear()
print(all(noisy(x) < 15 for x in src(100)), log)

# an infinite source
def naturals():
    n = 0
    while True:
        yield n
        n += 1

print(next(x for x in naturals() if x * x > 50))
squares = (x * x for x in naturals())
print([next(squares) for _ in range(5)])

# the first iterable is evaluated immediately, later ones lazily
def first():
    log.append("first iterable")
    return [1, 2]

def second():
    log.append("second iterable")
    return "ab"

log.clear()
pairs = ((a, b) for a in first() for b in second())
print(log)
print(list(pairs), log)

try:
    (x for x in 5)
except TypeError as e:
    print("TypeError:", e)

late = (x for x in [1, 2] if undefined_name)
print(type(late).__name__)
try:
    list(late)
except NameError as e:
    print("NameError:", e)

# late binding of free variables, early binding of the first iterable
k = 1
data = [1, 2, 3]
g = (x * k for x in data)
k = 100
data = [7]
print(list(g))

# scopes: the loop variable does not leak; nested generator expressions; closures
x = "outer"
print(sum(x for x in range(5)), x)
print([sum(i * j for j in range(3)) for i in range(4)])

def scaled(xs, factor):
    return list(v * factor for v in xs if v != factor)

print(scaled([1, 2, 3, 4], 2))

def make_counter():
    total = 0
    def bump(xs):
        nonlocal total
        total += sum(1 for _ in xs)
        return total
    return bump

b = make_counter()
print(b("abc"), b([1, 2]))

class Table:
    rows = [1, 2, 3]
    doubled = list(r * 2 for r in rows)

print(Table.doubled)

# generator protocol on a generator expression
g = (c.upper() for c in "xyz")
print(iter(g) is g, next(g), next(g), next(g, "done"), next(g, "done"))
g = (i for i in range(3))
g.close()
print(list(g))
print(tuple(i for i in range(4) if i % 2), sorted((-i for i in range(3))), "".join(s for s in "abc"))
print(dict((i, i * i) for i in range(3)), set(c for c in "hello") == set("helo"))
print(max((len(w), w) for w in "a bb ccc".split()), min(len(w) for w in ["aa", "b"]))

# errors inside the expression surface at next(), not at creation
g = (1 // x for x in [1, 0])
print(next(g))
try:
    next(g)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
