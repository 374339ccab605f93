# Functions: defaults, keywords, **mapping, recursion, globals, closures, lambdas, returns.
def greet(name, greeting="Hello", punct="!"):
    return f"{greeting}, {name}{punct}"
print(greet("Ann"), greet("Bo", "Hi"), greet("Cy", punct="?"), greet(punct=".", name="Di"))
opts = {"greeting": "Hey", "punct": "!!"}
print(greet("Ed", **opts), greet(**{"name": "Flo"}), greet("Gus", **{}))
args = ["Hal", "Yo"]
print(greet(*args), greet(*args, punct="~"))
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(0), fact(1), fact(10), fact(20))
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
print([fib(i) for i in range(15)])
def hanoi(n, a, b, c, moves):
    if n == 0:
        return moves
    hanoi(n - 1, a, c, b, moves)
    moves.append((a, c))
    hanoi(n - 1, b, a, c, moves)
    return moves
print(len(hanoi(6, "A", "B", "C", [])), hanoi(2, "A", "B", "C", []))
counter = 0
def bump(by=1):
    global counter
    counter += by
    return counter
bump()
bump(5)
print(counter, bump(by=10))
def no_return():
    x = 1
def bare_return():
    return
print(no_return(), bare_return())
def pair():
    return 1, "b"
p = pair()
q, r = pair()
print(p, q, r, type(p))
def stats(xs):
    n = len(xs)
    mean = sum(xs) / n
    var = sum((x - mean) ** 2 for x in xs) / n
    return n, mean, var
print(stats([1, 2, 3, 4]))
_, m, _ = stats([2.0, 4.0])
print(m)
def make_adder(k):
    def add(x):
        return x + k
    return add
add3 = make_adder(3)
print(add3(4), make_adder(10)(5), (lambda x, y=2: x * y)(4), (lambda: "none")())
square = lambda v: v * v
print(square(7), list(map(square, [1, 2])), sorted([3, -1, 2], key=lambda v: -v), sorted(["bb", "a", "ccc"], key=len))
print(sorted([(1, "b"), (0, "c"), (1, "a")], key=lambda t: (t[0], t[1])), max([1, -5, 3], key=abs), min([1, -5, 3], key=abs))
def apply(f, *rest):
    return f(*rest)
def defaults_shared(x, acc=[]):
    acc.append(x)
    return acc
print(defaults_shared(1), defaults_shared(2), defaults_shared(3, []))
def outer():
    total = 0
    items = []
    def inner(v):
        items.append(v)
        return len(items)
    inner(1)
    inner(2)
    return items
print(outer())
def kw_only_style(a, b=2, c=3):
    return a + b * 10 + c * 100
print(kw_only_style(1), kw_only_style(1, c=0), kw_only_style(a=5, b=0, c=0), kw_only_style(1, 2, 3))
def describe(x):
    """Return a description."""
    if isinstance(x, bool):
        return "bool"
    if isinstance(x, int):
        return "int"
    if isinstance(x, (float, str)):
        return "float-or-str"
    return type(x).__name__
print(describe(True), describe(3), describe(2.5), describe("s"), describe([]), describe(None), describe.__doc__)
print(greet.__name__, (lambda: 0).__name__, type(greet), type(len), type(print))
def collatz(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps
print([collatz(i) for i in range(1, 20)])
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
print(gcd(48, 18), gcd(17, 5), gcd(0, 9))
def power_set(xs):
    if not xs:
        return [[]]
    rest = power_set(xs[1:])
    return rest + [[xs[0]] + r for r in rest]
print(power_set([1, 2, 3]))
def count_down(n):
    if n > 0:
        count_down(n - 1)
    return n
print(count_down(500))
