# Attribute sites cache the class's slot and method: every way a cached answer can go stale.
class A:
    kind = "a"
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v
    def twice(self, k):
        return self.v * k


class B(A):
    kind = "b"
    def get(self):
        return -self.v


class C(A):
    def get(self):
        return super().get() + 100


def read_all(objs):
    return [(o.get(), o.kind, o.v, o.twice(2)) for o in objs]


objs = [A(1), B(2), C(3), A(4), B(5), C(6)]
print(read_all(objs))                   # three classes through one site
A.get = lambda self: self.v + 1000      # a method replaced on the base
print(read_all(objs))
B.kind = "B"                            # a class attribute changed on a subclass
print(read_all(objs))
objs[0].get = lambda: "own"             # an instance attribute shadows the method
print(read_all(objs))
del objs[0].get
print(read_all(objs))
objs[1].kind = "instance"               # an instance attribute shadows a class attribute
print(read_all(objs))
del objs[1].kind
print(read_all(objs))


def bump(o):
    o.v += 1
    return o.v


x = A(0)
print([bump(x) for _ in range(3)])
A.v = property(lambda self: 42, lambda self, value: print("set", value))  # a property appears
print(x.v, bump(x), A(7).v)
del A.v
print(x.v)


class Logged:
    def __init__(self):
        self.n = 0
    def step(self):
        self.n = self.n + 1
        return self.n


def run(o, k):
    return [o.step() for _ in range(k)]


lg = Logged()
print(run(lg, 3))
def scaled_setattr(self, name, value):
    super(Logged, self).__setattr__(name, value * 10)


Logged.__setattr__ = scaled_setattr     # a __setattr__ appears after stores were cached
print(run(lg, 2))


# A class made again and again: each new class must not reuse an old one's cache entry.
def make(i):
    class K:
        def who(self):
            return i
    return K()


print([make(i).who() for i in range(5)])


class D:
    __slots_like__ = None
    def __getattr__(self, name):
        return "missing " + name


d = D()
print(d.anything, d.other)
d.anything = 1
print(d.anything)
