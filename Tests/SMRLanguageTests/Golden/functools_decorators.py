import functools
import time

def memoize(fn):
    cache = {}
    @functools.wraps(fn)
    def wrapper(*args):
        if args not in cache:
            cache[args] = fn(*args)
        return cache[args]
    wrapper.cache = cache
    return wrapper

@memoize
def fib(n):
    """Fibonacci."""
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(50), fib.__name__, fib.__doc__, len(fib.cache))

@functools.lru_cache(maxsize=None)
def ways(n, k):
    if n == 0:
        return 1
    if n < 0 or k == 0:
        return 0
    return ways(n - k, k) + ways(n, k - 1)
print(ways(50, 50))
print(ways.cache_info())

def count_calls(fn):
    def inner(*args, **kwargs):
        inner.calls += 1
        return fn(*args, **kwargs)
    inner.calls = 0
    return inner

@count_calls
def greet(name, *, greeting="Hello"):
    return f"{greeting}, {name}!"
print(greet("A"), greet("B", greeting="Hi"), greet.calls)

def repeat(times):
    def deco(fn):
        def w(*a, **k):
            return [fn(*a, **k) for _ in range(times)]
        return w
    return deco

@repeat(3)
def hi(x):
    return x.upper()
print(hi("yo"))

add = functools.partial(lambda a, b, c=0: a + b + c, 10)
print(add(5), add(5, c=100))
print(functools.reduce(lambda a, b: a * b, range(1, 8)), functools.reduce(lambda a, b: a + b, [], 0))

def timer(fn):
    @functools.wraps(fn)
    def w(*a):
        t = time.perf_counter()
        r = fn(*a)
        dt = time.perf_counter() - t
        assert dt >= 0
        return r
    return w
@timer
def slow(n):
    return sum(i * i for i in range(n))
print(slow(1000), slow.__name__, slow.__wrapped__.__name__)

print(sorted(["banana", "Apple", "cherry"], key=str.lower))
print(sorted([(1, "b"), (1, "a"), (0, "z")], key=lambda t: (-t[0], t[1])))
print(list(map(lambda x, y: x * y, [1, 2, 3], [4, 5, 6])))
@functools.total_ordering
class V:
    def __init__(self, n): self.n = n
    def __eq__(self, o): return self.n == o.n
    def __lt__(self, o): return self.n < o.n
    def __repr__(self): return f"V({self.n})"
print(V(1) <= V(2), V(3) >= V(2), V(1) > V(2), sorted([V(3), V(1)]))
print(sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: b - a)))
class M:
    def __init__(self): self.k = 2
    @functools.lru_cache(maxsize=2)
    def sq(self, x): return x * self.k
m = M()
print(m.sq(3), m.sq(3), M.sq.cache_info())
p = functools.partial(print, "a", sep="-")
p("b", "c")
print(p.func is print, p.args, p.keywords, callable(p))
try:
    functools.reduce(lambda a, b: a, [])
except TypeError as e:
    print(e)
def f(): pass
f.x = 1
print(f.__dict__, f.__module__)
