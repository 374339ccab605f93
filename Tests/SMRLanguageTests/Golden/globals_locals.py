# globals() is the module namespace as a live dict; locals() and vars() inside a function
# or class body are snapshots of its variables; vars(obj) is obj.__dict__.
counter = 10
g = globals()
print(type(g).__name__, isinstance(g, dict))
print("counter" in g, "nothing_here" in g, g["counter"], g.get("nothing_here", "default"))
g["counter"] = 11
print(counter)
g["made_by_globals"] = [1, 2]
print(made_by_globals)
globals()["counter"] += 1
print(counter, globals()["counter"])
print(sorted(k for k in g if k in ("counter", "made_by_globals", "g")))
print(len(g) == len(list(g)), g.setdefault("counter", 0), g.setdefault("fresh", "new"), fresh)
g.update({"from_update": 1}, also=2)
print(from_update, also)
print(g.pop("from_update"), "from_update" in g, g.pop("from_update", "gone"))
del g["also"]
try:
    also
except NameError as e:
    print("NameError:", e)
try:
    g["missing_key"]
except KeyError as e:
    print("KeyError:", e)
try:
    del g["missing_key"]
except KeyError as e:
    print("KeyError:", e)
snapshot = dict(g)
print(type(snapshot).__name__, snapshot["counter"], {**g}["counter"])


def show(**kw):
    return sorted(kw)[:2]


print(show(**{k: v for k, v in g.items() if k in ("counter", "fresh")}))


def set_global(name, value):
    globals()[name] = value


set_global("counter", 100)
print(counter)


def reads_global():
    return globals()["counter"] + 1


print(reads_global())
print(sorted(k for k, v in globals().items() if k.startswith("made")), list(globals().values())[:0])


def f(a, b=2, *args, **kwargs):
    c = a + b
    d = locals()
    d["c"] = "changed in the snapshot only"
    return c, sorted(d), sorted(locals())


print(f(1))
print(f(1, 3, 4, k=5))


def order(x, y):
    z = x * y
    w = z + 1
    return list(locals())


print(order(2, 3))


def unbound_not_listed(flag):
    if flag:
        value = 1
    return locals()


print(unbound_not_listed(True), unbound_not_listed(False))


def outer():
    captured = "c"
    unused = "u"

    def inner():
        here = 1
        return locals(), captured

    return inner()


print(outer())


def with_vars(n):
    m = n * 2
    return vars(), dir()


print(with_vars(4))


class Settings:
    lr = 0.1
    layers = [32, 32]
    names = sorted(k for k in locals() if not k.startswith("__"))
    module_keys = "__module__" in locals(), "__qualname__" in locals()
    qual = locals()["__qualname__"]


print(Settings.names, Settings.module_keys, Settings.qual)


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y


p = P(1, 2)
print(vars(p), vars(p) == p.__dict__)
try:
    vars(3)
except TypeError as e:
    print("TypeError:", e)


def shadow():
    locals = lambda: "my locals"
    return locals()


print(shadow())
print(type(locals()).__name__, locals()["counter"], vars()["counter"])
print("counter" in dir(), "shadow" in dir())
