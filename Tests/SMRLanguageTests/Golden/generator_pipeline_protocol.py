def read_lines(text):
    for line in text.splitlines():
        yield line

def strip_comments(lines):
    for l in lines:
        l = l.split("#", 1)[0].strip()
        if l:
            yield l

def parse(lines):
    for l in lines:
        key, _, val = l.partition("=")
        yield key.strip(), val.strip()

text = """
a = 1  # first
# comment only
b = hello
c=3.5
"""
print(dict(parse(strip_comments(read_lines(text)))))

def countdown(n):
    while n > 0:
        received = yield n
        if received:
            n = received
        else:
            n -= 1
    return "liftoff"

g = countdown(5)
print(next(g), next(g), g.send(10), next(g))
def delegator():
    result = yield from countdown(2)
    print("result:", result)
    yield "after"
print(list(delegator()))

def fibs():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
import itertools
print(list(itertools.islice(fibs(), 10)))
print(list(itertools.takewhile(lambda x: x < 30, fibs())))
g = (x * x for x in range(5))
print(type(g).__name__, sum(g), sum(g))
def gen_with_return():
    yield 1
    return 42
g = gen_with_return()
next(g)
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)
def closer():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
g = closer()
print(next(g))
g.close()
print("closed")
print(list(zip(*[iter(range(9))] * 3)))
print(list(itertools.chain.from_iterable([[1, 2], [3]])), list(itertools.accumulate([1, 2, 3, 4])))
print(list(itertools.product("ab", repeat=2)), list(itertools.permutations([1, 2, 3], 2))[:3])
print(list(itertools.combinations(range(4), 2)), list(itertools.groupby("aabbbc"))[0][0])
print([(k, len(list(g))) for k, g in itertools.groupby("aabbbcaa")])
print(list(itertools.zip_longest([1, 2, 3], "ab", fillvalue="-")))
print(next(itertools.count(5, 2)), list(itertools.repeat("x", 3)), list(itertools.starmap(pow, [(2, 3), (3, 2)])))
c = itertools.cycle("ab")
print([next(c) for _ in range(5)])
def inner():
    x = yield
    while True:
        x = yield x * 2
g = inner(); next(g)
print(g.send(3), g.send(10))
try:
    g.throw(ValueError("boom"))
except ValueError as e:
    print("thrown", e)
