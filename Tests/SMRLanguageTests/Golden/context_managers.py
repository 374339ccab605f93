import copy
import math

class Timer:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return exc_type is ValueError

with Timer("a") as t, Timer("b"):
    print("inside", t.name)
with Timer("c"):
    raise ValueError("suppressed")
print("after")
try:
    with Timer("d"):
        raise KeyError("x")
except KeyError as e:
    print("caught", e)

from contextlib import contextmanager
@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")
with tag("p") as T:
    print(T)

from contextlib import contextmanager, suppress
@contextmanager
def opened(name):
    print("open", name)
    try:
        yield name.upper()
    except KeyError as e:
        print("handled", e)
    finally:
        print("close", name)
with opened("a") as f:
    print("using", f)
with opened("b"):
    raise KeyError("k")
print("after b")
try:
    with opened("c"):
        raise ValueError("v")
except ValueError as e:
    print("propagated", e)
with suppress(ZeroDivisionError, KeyError):
    1 / 0
print("suppressed")
def worker():
    try:
        while True:
            x = yield
            print("got", x)
    except GeneratorExit:
        print("exit")
w = worker(); next(w); w.send(1); w.close(); w.close()
def g2():
    try:
        yield 1
    except ValueError:
        yield "recovered"
g = g2(); next(g)
print(g.throw(ValueError))
def inner():
    try:
        yield 1
    except KeyError:
        yield "inner caught"
def outer():
    yield from inner()
o = outer(); next(o)
print(o.throw(KeyError("z")))
try:
    gen = (i for i in range(3))
    gen.throw(RuntimeError("x"))
except RuntimeError as e:
    print("raised", e)
