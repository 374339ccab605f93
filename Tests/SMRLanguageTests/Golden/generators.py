def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"


print(list(count_up(4)), sum(count_up(5)))
g = count_up(2)
print(next(g), next(g), next(g, "end"), next(g, "end"))
try:
    next(count_up(0))
except StopIteration as e:
    print("StopIteration", e.value if hasattr(e, "value") else e)


def evens(xs):
    for x in xs:
        if x % 2 == 0:
            yield x
        else:
            continue


def squares(xs):
    for x in xs:
        yield x * x


print(list(squares(evens(range(10)))))


def chain(*its):
    for it in its:
        result = yield from it
    return result


def inner():
    yield 1
    yield 2
    return "inner-done"


def outer():
    r = yield from inner()
    yield r
    yield from [7, 8]


print(list(outer()), list(chain("ab", [1])))


def echo():
    total = 0
    while True:
        got = yield total
        if got is None:
            break
        total += got


e = echo()
print(next(e), e.send(3), e.send(4))
try:
    e.send(None)
except StopIteration:
    print("stopped")


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


out = []
for k, v in zip(range(10), fib()):
    out.append(v)
print(out)


def guarded(items):
    for x in items:
        try:
            yield 10 / x
        except ZeroDivisionError:
            yield "inf"
        finally:
            pass
    with Ctx() as c:
        yield c


class Ctx:
    def __enter__(self):
        print("enter")
        return "ctx"

    def __exit__(self, *a):
        print("exit")


print(list(guarded([1, 0, 4])))


def counter():
    n = 0
    def bump():
        nonlocal n
        n += 1
        return n
    for _ in range(3):
        yield bump()


print(list(counter()))


class Tree:
    def __init__(self, v, kids=()):
        self.v, self.kids = v, list(kids)

    def __iter__(self):
        yield self.v
        for k in self.kids:
            yield from k


t = Tree(1, [Tree(2, [Tree(3)]), Tree(4)])
print(list(t), 3 in t, max(t))


def gen_raises():
    yield 1
    raise ValueError("boom")


g = gen_raises()
print(next(g))
try:
    next(g)
except ValueError as err:
    print("ValueError", err)
print(next(g, "finished"))
print(type(count_up(1)).__name__, all(x < 5 for x in count_up(5)), any(x > 3 for x in count_up(5)))
print(list(map(lambda x: x + 1, count_up(3))), list(filter(None, count_up(4))))
print(dict(zip("abc", count_up(3))), sorted(count_up(3), reverse=True))


def early():
    for i in range(10):
        if i == 3:
            return
        yield i


print(list(early()), [x for x in early()])
