class Temperature:
    unit = "C"

    def __init__(self, c):
        self._c = c

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("below absolute zero")
        self._c = v

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    @staticmethod
    def describe(x):
        return f"{x} degrees"

    @classmethod
    def freezing(cls):
        return cls(0)


t = Temperature(25)
print(t.celsius, t.fahrenheit)
t.celsius = 30
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
try:
    t.fahrenheit = 5
except AttributeError as e:
    print("AttributeError:", e)
print(Temperature.describe(3), t.describe(4), Temperature.freezing().celsius)


class Stack:
    def __init__(self, items=None):
        self.items = list(items or [])

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]

    def __setitem__(self, i, v):
        self.items[i] = v

    def __delitem__(self, i):
        del self.items[i]

    def __contains__(self, v):
        return v in self.items

    def __iter__(self):
        return iter(self.items)

    def __call__(self, v):
        self.items.append(v)
        return self


s = Stack([1, 2, 3])
s(4)(5)
print(len(s), s[0], s[-1], 3 in s, 9 in s, list(s), s[1:3])
s[0] = 10
del s[1]
print(s.items, bool(Stack()), bool(s), callable(s), callable(Stack), callable(3))
print(sum(s), sorted(s, reverse=True), [x * 2 for x in s])


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n


print(list(Countdown(4)))
it = iter(Countdown(2))
print(next(it), next(it), next(it, "done"))


class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * i


print(list(Seq()), 4 in Seq())


class Managed:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, kind, value, tb):
        print("exit", self.name, kind.__name__ if kind else None, value)
        return kind is KeyError


with Managed("a") as m:
    print("inside", m.name)
with Managed("b"):
    raise KeyError("k")
try:
    with Managed("c"):
        raise ValueError("v")
except ValueError as e:
    print("escaped", e)


class AppError(Exception):
    pass


class ConfigError(AppError):
    def __init__(self, key, detail):
        super().__init__(f"bad {key}: {detail}")
        self.key = key


class Quiet(ValueError):
    def __str__(self):
        return "quiet!"


try:
    raise ConfigError("lr", "negative")
except AppError as e:
    print(type(e).__name__, e, e.key, e.args, isinstance(e, Exception))
try:
    raise Quiet("x")
except ValueError as e:
    print(repr(e), str(e), e.args)
try:
    raise AppError
except Exception as e:
    print(repr(e), e.args)
try:
    try:
        raise AppError("inner")
    except AppError:
        raise
except AppError as e:
    print("reraised", e)
print(issubclass(ConfigError, Exception), issubclass(Quiet, LookupError))


class Counter:
    def __init__(self):
        self.n = 0

    def __iadd__(self, k):
        self.n += k
        return self

    def __getattr__(self, name):
        return f"virtual {name}"


c = Counter()
c += 5
c += 2
print(c.n, c.anything)
print(repr(NotImplemented))


class Node:
    def __init__(self, v, nxt=None):
        self.v, self.nxt = v, nxt

    def __repr__(self):
        return f"Node({self.v!r}, {self.nxt!r})"


print(Node(1, Node("two")))
del c.n
print(hasattr(c, "n"), c.n)


class Base:
    registry = []

    def __init_subclass_like(self):
        pass

    @classmethod
    def make(cls, *args):
        obj = cls(*args)
        cls.registry.append(type(obj).__name__)
        return obj


class Leaf(Base):
    def __init__(self, v=1):
        self.v = v


print(Leaf.make(3).v, Base.make().__class__.__name__, Base.registry)
