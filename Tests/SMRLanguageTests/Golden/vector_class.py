import math
class Vec:
    def __init__(self, x=0.0, y=0.0):
        self.x = x
        self.y = y
    def __repr__(self):
        return f"Vec({self.x!r}, {self.y!r})"
    def __str__(self):
        return f"({self.x:.2f}, {self.y:.2f})"
    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        if isinstance(k, Vec):
            return self.x * k.x + self.y * k.y
        return Vec(self.x * k, self.y * k)
    __rmul__ = __mul__
    def __neg__(self):
        return Vec(-self.x, -self.y)
    def __abs__(self):
        return math.hypot(self.x, self.y)
    def __eq__(self, o):
        return isinstance(o, Vec) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __bool__(self):
        return bool(self.x or self.y)
    def __iter__(self):
        yield self.x
        yield self.y
    def __getitem__(self, i):
        return (self.x, self.y)[i]
    def __len__(self):
        return 2
    def __lt__(self, o):
        return abs(self) < abs(o)

a = Vec(1, 2)
b = Vec(3.5, -1)
print(a + b, repr(a - b), a * 2, 3 * a, a * b, -a, abs(Vec(3, 4)))
print(a == Vec(1, 2), a != b, a == 5, bool(Vec()), bool(a))
x, y = b
print(x, y, list(a), a[0], a[-1], len(a))
print(sorted([Vec(3, 4), Vec(1, 1), Vec(0, 2)]))
print(max([Vec(3, 4), Vec(1, 1)]), min(Vec(3, 4), Vec(1, 1)))
s = {Vec(1, 2), Vec(1, 2), Vec(2, 1)}
print(len(s))
print(f"{abs(b):8.3f}|{abs(b):<8.3f}|{abs(b):^10.2e}|")
print("{:>6}".format(str(a)))
print(Vec.__name__, type(a).__name__, a.__class__.__name__)
print(hasattr(a, "x"), getattr(a, "q", "none"))
try:
    a < 3
except AttributeError as e:
    print("err", e)
try:
    a + 1
except AttributeError as e:
    print("err2", e)
print(a.__dict__)
