# Descriptors and attribute hooks seen through attribute sites that run many times (the
# per-site caches must do what the general lookup does), in subclasses and through super().


class Clamped:
    def __init__(self, lo, hi):
        self.lo, self.hi = lo, hi

    def __set_name__(self, owner, name):
        self.slot = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return f"Clamped[{self.lo}, {self.hi}]"
        return obj.__dict__.get(self.slot, self.lo)

    def __set__(self, obj, value):
        obj.__dict__[self.slot] = max(self.lo, min(self.hi, value))


class Knob:
    level = Clamped(0, 10)

    def turn(self, by):
        self.level += by
        return self.level


k = Knob()
print([k.turn(3) for _ in range(5)], Knob.level)


class FineKnob(Knob):
    pass


f = FineKnob()
for step in [-5, 4, 4, 4]:
    f.level = f.level + step
print(f.level, FineKnob.level, vars(f))


class Stamp:
    """Non-data: the class-level value until an instance attribute shadows it."""

    def __get__(self, obj, objtype=None):
        return "stamp"


class Doc:
    tag = Stamp()


docs = [Doc(), Doc(), Doc()]
docs[1].tag = "own"
print([d.tag for d in docs] * 2)
del docs[1].tag
print([d.tag for d in docs])


# A descriptor added to the class after instances have been read through a site.
class Late:
    def __init__(self):
        self.v = 1


objs = [Late(), Late()]
before = [o.v for o in objs]


class Doubling:
    def __get__(self, obj, objtype=None):
        return obj.__dict__["v"] * 2

    def __set__(self, obj, value):
        obj.__dict__["v"] = value


Late.v = Doubling()
after = [o.v for o in objs]
for o in objs:
    o.v = 5
print(before, after, [o.v for o in objs])


# super() reaches a descriptor in a base class.
class Base:
    name = Stamp()


class Child(Base):
    @property
    def name(self):
        return "child+" + super().name


print(Child().name)


# __setattr__ takes precedence over a property; object.__setattr__ reaches the property.
class Temperature:
    def __init__(self):
        self.log = []
        self.celsius = 20

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, v):
        object.__setattr__(self, "_c", round(v, 1))

    def __setattr__(self, name, value):
        if name != "log":
            self.log.append(name)
        object.__setattr__(self, name, value)


t = Temperature()
for v in [21.26, 22.0, 19.99]:
    t.celsius = v
print(t.celsius, t.log)


# __getattribute__ raising AttributeError falls back to __getattr__.
class Proxy:
    def __init__(self, target):
        object.__setattr__(self, "_target", target)

    def __getattribute__(self, name):
        if name.startswith("_"):
            return object.__getattribute__(self, name)
        raise AttributeError(name)

    def __getattr__(self, name):
        return getattr(object.__getattribute__(self, "_target"), name)

    def __setattr__(self, name, value):
        setattr(self._target, name, value)


class Target:
    def __init__(self):
        self.x = 1

    def hello(self, who):
        return f"hello {who} from x={self.x}"


tg = Target()
px = Proxy(tg)
px.x = 7
print(px.x, tg.x, px.hello("proxy"), [px.hello(i) for i in range(2)])
try:
    px.missing
except AttributeError as e:
    print("AttributeError:", e)


# __getattr__ is called when a property's getter raises AttributeError.
class Fallback:
    @property
    def broken(self):
        raise AttributeError("inner")

    def __getattr__(self, name):
        return "fallback for " + name


print(Fallback().broken, Fallback().other)


# __slots__ in hot loops and across inheritance.
class Vec:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def scale(self, k):
        self.x *= k
        self.y *= k
        return self


vs = [Vec(i, i + 1) for i in range(3)]
print([(v.scale(2).x, v.y) for v in vs])
for v in vs:
    try:
        v.z = 0
    except AttributeError as e:
        print("AttributeError:", e)
        break


class Named(Vec):
    __slots__ = ("name",)


n = Named(1, 2)
n.name = "n"
print(n.name, n.x, Vec.x, Named.name)
print(hasattr(n, "__dict__"), hasattr(Vec(0, 0), "__dict__"))
try:
    vars(n)
except TypeError as e:
    print("TypeError:", e)


class WithDict:
    __slots__ = ("a", "__dict__")


w = WithDict()
w.a = 1
w.b = 2
print(w.a, w.b, vars(w))


# obj.__dict__ is the instance's own namespace: writes through it are attribute writes.
import copy
import json

o = Target()
o.__dict__["y"] = 3
print(o.y, o.__dict__, "x" in o.__dict__, type(o.__dict__).__name__, len(o.__dict__))
del o.__dict__["x"]
print(hasattr(o, "x"), json.dumps(o.__dict__), copy.copy(o.__dict__), dict(o.__dict__) == {"y": 3})
o.__dict__.update(z=4)
print(o.z, sorted(o.__dict__.items()), o.__dict__.get("nope", "-"))
