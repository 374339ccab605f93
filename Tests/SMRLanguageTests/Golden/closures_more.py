# Cells shared between sibling closures, loops, defaults evaluated once, decorators.
def make_counters():
    count = 0
    def up():
        nonlocal count
        count += 1
    def down():
        nonlocal count
        count -= 1
    def show():
        return count
    return up, down, show

up, down, show = make_counters()
up(); up(); up(); down()
print(show())

adders = [lambda x, k=k: x + k for k in range(3)]
print([a(10) for a in adders])

def default_once(item, bucket=[]):
    bucket.append(item)
    return bucket
default_once(1)
print(default_once(2))

funcs = {}
for name in ["a", "b"]:
    funcs[name] = lambda: name
print(funcs["a"](), funcs["b"]())

def nested_loop():
    out = []
    for i in range(2):
        for j in range(2):
            out.append(lambda: (i, j))
    return [f() for f in out]
print(nested_loop())

def memo(f):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = f(n)
        return cache[n]
    return wrapper

calls = 0
@memo
def fib(n):
    global calls
    calls += 1
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(30), calls)

def param_cell(x):
    def get():
        return x
    def put(v):
        nonlocal x
        x = v
    put(x * 2)
    return get()
print(param_cell(21))

def three_levels():
    a = 1
    def b():
        def c():
            nonlocal a
            a += 10
            return a
        return c()
    b()
    return a
print(three_levels())

print(list(map(lambda p: p[0] * p[1], zip(range(4), range(4)))))
print(any(x > 3 for x in range(5)), all(x < 3 for x in range(5)))
squares = {x: x * x for x in range(4)}
print(squares)
print(max((len(w), w) for w in ["aa", "b", "cccc"]))
