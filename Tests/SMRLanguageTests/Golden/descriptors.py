# User descriptors (__get__/__set__/__delete__, __set_name__), attribute hooks
# (__getattr__, __getattribute__, __setattr__, __delattr__) and __slots__.


class Typed:
    """A data descriptor: validates on set, stores in the instance's __dict__."""

    def __init__(self, kind, default=None):
        self.kind = kind
        self.default = default

    def __set_name__(self, owner, name):
        self.owner = owner.__name__
        self.name = name
        self.private = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.private, self.default)

    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name} must be {self.kind.__name__}, not {type(value).__name__}")
        setattr(obj, self.private, value)

    def __delete__(self, obj):
        print("deleting", self.name)
        delattr(obj, self.private)


class Account:
    owner = Typed(str, "nobody")
    balance = Typed(int, 0)

    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance


a = Account("ann", 10)
print(a.owner, a.balance, Account.owner.name, Account.balance.owner, Account.balance.private)
a.balance += 5
print(a.balance, a._balance, sorted(vars(a)))
try:
    a.balance = "lots"
except TypeError as e:
    print("TypeError:", e)
del a.balance
print(a.balance, hasattr(a, "_balance"))
print(type(Account.__dict__["owner"]).__name__, isinstance(Account.owner, Typed))


class Constant:
    """A non-data descriptor (only __get__): an instance attribute shadows it."""

    def __init__(self, value):
        self.value = value

    def __get__(self, obj, objtype=None):
        return ("via", objtype.__name__, self.value)


class Holder:
    c = Constant(7)


h = Holder()
print(h.c, Holder.c)
h.c = "own"
print(h.c, Holder.c)
del h.c
print(h.c)


class ReadOnly:
    def __get__(self, obj, objtype=None):
        return 42

    def __set__(self, obj, value):
        raise AttributeError("read-only attribute")


class Uses:
    answer = ReadOnly()


u = Uses()
print(u.answer)
try:
    u.answer = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    del u.answer
except AttributeError as e:
    print("AttributeError:", e)


class Lazy:
    """Computes once, then caches in the instance (a non-data descriptor)."""

    def __init__(self, fn):
        self.fn = fn

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        value = self.fn(obj)
        setattr(obj, self.name, value)
        return value


class Circle:
    calls = 0

    def __init__(self, r):
        self.r = r

    @Lazy
    def area(self):
        Circle.calls += 1
        return 3 * self.r * self.r


c = Circle(2)
print(c.area, c.area, Circle.calls, type(Circle.area).__name__)


class Recorder:
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)


class Late:
    first = Recorder()
    second = Recorder()


Late.third = Recorder()  # not called after the class exists
print(sorted(k for k in vars(Late) if not k.startswith("__")))


class Dynamic:
    def __init__(self):
        self.real = 1

    def __getattr__(self, name):
        if name.startswith("x_"):
            return name[2:]
        raise AttributeError(f"'Dynamic' object has no attribute '{name}'")


d = Dynamic()
print(d.real, d.x_hello, getattr(d, "x_y"), hasattr(d, "nope"), getattr(d, "nope", "fallback"))
try:
    d.nope
except AttributeError as e:
    print("AttributeError:", e)


class Logged:
    def __init__(self):
        self.value = 3

    def __getattribute__(self, name):
        if name == "secret":
            return "intercepted"
        return object.__getattribute__(self, name)


lg = Logged()
print(lg.value, lg.secret)


class Counting:
    def __init__(self):
        object.__setattr__(self, "reads", 0)
        self.x = 1

    def __getattribute__(self, name):
        if name != "reads":
            object.__setattr__(self, "reads", object.__getattribute__(self, "reads") + 1)
        return object.__getattribute__(self, name)

    def __getattr__(self, name):
        return f"missing {name}"


cn = Counting()
print(cn.x, cn.x, cn.reads, cn.unknown, cn.reads)


class Guarded:
    def __setattr__(self, name, value):
        if name.startswith("_"):
            raise AttributeError(f"cannot set private {name}")
        super().__setattr__(name, value * 2)

    def __delattr__(self, name):
        if name == "keep":
            raise AttributeError("keep is permanent")
        print("delattr", name)
        object.__delattr__(self, name)


gd = Guarded()
gd.a = 2
gd.keep = 1
print(gd.a, gd.keep)
try:
    gd._p = 1
except AttributeError as e:
    print("AttributeError:", e)
del gd.a
print(hasattr(gd, "a"))
try:
    del gd.keep
except AttributeError as e:
    print("AttributeError:", e)
delattr(gd, "keep") if False else print("kept", gd.keep)


class P:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


p = P(1, 2)
p.x = 10
print(p.x, p.y, P.__slots__)
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError:", e)
try:
    p.__dict__
except AttributeError as e:
    print("AttributeError:", e)
del p.y
try:
    p.y
except AttributeError as e:
    print("AttributeError:", e)


class P3(P):
    __slots__ = ("z",)


q = P3(1, 2)
q.z = 3
print(q.x, q.y, q.z)
try:
    q.w = 4
except AttributeError as e:
    print("AttributeError:", e)


class Open(P):
    pass


o = Open(1, 2)
o.anything = 5
print(o.anything, o.__dict__)


class One:
    __slots__ = "only"


one = One()
one.only = 1
try:
    one.other = 2
except AttributeError as e:
    print("AttributeError:", e)
try:
    One().only
except AttributeError as e:
    print("AttributeError:", e)
