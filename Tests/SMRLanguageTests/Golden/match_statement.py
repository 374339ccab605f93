# The match statement (PEP 634): literal, capture, wildcard, value, group, sequence,
# mapping, class, or- and as-patterns, guards; match and case stay usable as names.
from dataclasses import dataclass
from collections import namedtuple
from enum import Enum


def literal(x):
    match x:
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small"
        case -1:
            return "minus one"
        case 2.5:
            return "two and a half"
        case -1.5:
            return "minus one and a half"
        case "hello" | 'bye':
            return "greeting " + x
        case None:
            return "none"
        case True:
            return "true"
        case False:
            return "false"
        case _:
            return "other " + repr(x)


for v in [0, 1, 3, -1, 2.5, -1.5, "hello", "bye", None, True, False, 1.0, 0.0, 7, "x", [1]]:
    print(repr(v), "->", literal(v))


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


class Limits:
    LOW = 10
    HIGH = 100


def value(c):
    match c:
        case Color.RED:
            return "red"
        case Color.GREEN | Color.BLUE:
            return "cool " + c.name
        case Limits.LOW:
            return "low"
        case Limits.HIGH:
            return "high"
    return "no match"


for c in [Color.RED, Color.GREEN, Color.BLUE, 10, 100, 5]:
    print(value(c))


def seq(s):
    match s:
        case []:
            return "empty"
        case [x]:
            return f"one {x}"
        case [1, y]:
            return f"starts with one, then {y}"
        case (a, b):
            return f"pair {a} {b}"
        case [first, *rest] if len(rest) > 3:
            return f"long: first={first} rest={rest}"
        case [first, *middle, last]:
            return f"first={first} middle={middle} last={last}"


for s in [[], [5], [1, 9], (3, 4), [1, 2, 3], (1, 2, 3, 4, 5, 6), range(3), "ab", "", b"xy"]:
    print(repr(s), "->", seq(s))


def nested(p):
    match p:
        case [(0, 0), *_]:
            return "starts at origin"
        case [[a, b], [c, d]]:
            return f"two points {a + b} {c + d}"
        case [*_, (x, y)] if x == y:
            return f"ends on the diagonal at {x}"
        case [*head, _]:
            return f"{len(head)} before the last"
        case _:
            return "?"


print(nested([(0, 0), (1, 2)]))
print(nested([[1, 2], [3, 4]]))
print(nested([(5, 6), (7, 7)]))
print(nested([1, 2, 3]))
print(nested(42))


def mapping(m):
    match m:
        case {"type": "point", "x": x, "y": y}:
            return f"point {x},{y}"
        case {"type": "circle", "r": r, **rest}:
            return f"circle r={r} extra={rest}"
        case {"type": str(t)}:
            return f"unknown type {t}"
        case {1: one}:
            return f"int key {one}"
        case {}:
            return f"some mapping of {len(m)}"
        case _:
            return "not a mapping"


print(mapping({"type": "point", "x": 1, "y": 2}))
print(mapping({"type": "point", "x": 1}))
print(mapping({"type": "circle", "r": 3, "color": "red", "fill": True}))
print(mapping({"type": "circle", "r": 3}))
print(mapping({"type": "blob"}))
print(mapping({"type": 5, 1: "a"}))
print(mapping({"z": 0}))
print(mapping([("type", "point")]))
print(mapping("type"))


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Point3(Point):
    __match_args__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


def where(p):
    match p:
        case Point(x=0, y=0):
            return "origin"
        case Point3(0, 0, z):
            return f"on the z axis at {z}"
        case Point(0, py):
            return f"on the y axis at {py}"
        case Point(x=px, y=0):
            return f"on the x axis at {px}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Point():
            return "somewhere"
        case _:
            return "not a point"


for p in [Point(0, 0), Point(0, 5), Point(3, 0), Point(2, 2), Point(1, 2), Point3(0, 0, 9), Point3(0, 1, 2), "p"]:
    print(where(p))


@dataclass
class Move:
    dx: int
    dy: int = 0


Pair = namedtuple("Pair", ["left", "right"])


def command(c):
    match c:
        case Move(0, 0):
            return "stay"
        case Move(dx, 0):
            return f"horizontal {dx}"
        case Move(dx=0, dy=dy):
            return f"vertical {dy}"
        case Pair(l, r) if l == r:
            return f"twin {l}"
        case Pair(left=l):
            return f"pair starting {l}"
        case _:
            return "?"


for c in [Move(0), Move(4), Move(0, -2), Move(1, 1), Pair(1, 1), Pair(1, 2), (1, 2)]:
    print(command(c))


def builtin(v):
    match v:
        case bool(b):
            return f"bool {b}"
        case int(n) if n < 0:
            return f"negative int {n}"
        case int(n):
            return f"int {n}"
        case float(f):
            return f"float {f}"
        case str() as s if not s:
            return "empty str"
        case str(s):
            return f"str {s!r}"
        case list([x, *_]):
            return f"list starting {x}"
        case tuple(t):
            return f"tuple of {len(t)}"
        case dict(d):
            return f"dict {sorted(d)}"
        case set() | frozenset():
            return "some set"
        case _:
            return "other"


for v in [True, -3, 4, 1.5, "", "hi", [7, 8], [], (1, 2), {"b": 1, "a": 2}, {1}, frozenset(), None]:
    print(repr(v), "->", builtin(v))


def alternatives(v):
    match v:
        case (1 | 2) as small:
            return f"small {small}"
        case [("a" | "b") as letter, _] | [_, ("a" | "b") as letter]:
            return f"letter {letter}"
        case {"k": (int() | float()) as num}:
            return f"number {num}"
        case Point(x=(0 | 1) as px) as whole:
            return f"point x={px} y={whole.y}"
        case ((x)):
            return f"anything {x}"


for v in [1, 2, ["a", 9], [9, "b"], {"k": 2.5}, {"k": "s"}, Point(1, 7), 99]:
    print(alternatives(v))


# Guards see the captures; a failing guard moves on; only the first match runs.
def guards(n):
    out = []
    match n:
        case x if x > 10:
            out.append("big")
        case x if x > 5:
            out.append("medium")
        case x:
            out.append(f"small {x}")
    return out


print(guards(20), guards(7), guards(1))

# Captures stay bound after the statement; no case matching leaves the names alone.
match (1, 2):
    case (a, b):
        pass
print(a, b)
match 5:
    case 6:
        print("never")
print("no case matched")

# The subject is evaluated once; match can be a tuple without parentheses.
calls = []


def subject():
    calls.append(1)
    return 3


match subject():
    case 1:
        print("one")
    case 2:
        print("two")
    case 3:
        print("three")
print(len(calls))
match 1, 2:
    case [x, y]:
        print("tuple subject", x, y)

# A match in a loop with break/continue and return in cases.
for i in range(6):
    match i % 3:
        case 0:
            continue
        case 1:
            print("one mod three", i)
        case _:
            if i > 4:
                break
            print("two mod three", i)


# `match` and `case` are soft keywords: still usable as names.
match = 3
case = [match, 4]
print(match, case)


def match(x):
    return x * 2


print(match(4))
match(5)
print([match for match in range(2)])
obj = Limits()
obj.match = "attr"
print(obj.match)
match = {"case": 1}
print(match["case"])

# Matching a mapping does not need every key; values are compared with ==.
match {"a": 1, "b": 2}:
    case {"a": 1.0}:
        print("1 == 1.0")

# Errors raised while matching class patterns.
def too_many_positional():
    match Point3(1, 2, 3):
        case Point(1, 2, 3):
            pass


def dataclass_positional():
    match Move(1, 2):
        case Move(1, 2, 3):
            pass


def repeated_attribute():
    match Point(1, 2):
        case Point(1, x=1):
            pass


def builtin_positional():
    match 5:
        case int(1, 2):
            pass


def no_match_args():
    match Limits():
        case Limits(1):
            pass


not_a_class = 3


def not_a_type():
    match 1:
        case not_a_class():
            pass


class BadArgs:
    __match_args__ = ["x"]


def match_args_not_tuple():
    match BadArgs():
        case BadArgs(1):
            pass


for f in [too_many_positional, dataclass_positional, repeated_attribute, builtin_positional,
          no_match_args, not_a_type, match_args_not_tuple]:
    try:
        f()
    except TypeError as e:
        print(f.__name__, "TypeError:", e)

match Point(1, 2):
    case Point(z=1):
        print("never")
    case _:
        print("missing attribute means no match")
