# Ordering operators on user classes follow Python's protocol: the operand's own method,
# then the other's reflected one; nothing is derived (__lt__ alone gives no <=).
class V:
    def __init__(self, a): self.a = a
    def __lt__(self, o): return self.a < o.a
    def __repr__(self): return f"V({self.a})"

print(V(1) < V(2), V(2) > V(1), V(3) > V(1))
try:
    V(1) <= V(2)
except TypeError as e:
    print("TypeError:", e)
try:
    V(1) >= V(2)
except TypeError as e:
    print("TypeError:", e)
print(sorted([V(3), V(1), V(2)]), max([V(3), V(5), V(2)]), min([V(3), V(5), V(2)]))

class Loud:
    calls = []
    def __init__(self, a): self.a = a
    def __le__(self, o):
        Loud.calls.append("le"); return NotImplemented
    def __ge__(self, o):
        Loud.calls.append("ge"); return self.a >= o.a

print(Loud(1) <= Loud(2), Loud.calls)

class Base:
    def __init__(self, a): self.a = a
    def __lt__(self, o): return "Base.lt"
    def __gt__(self, o): return "Base.gt"
class Derived(Base):
    def __gt__(self, o): return "Derived.gt"
print(Base(1) < Derived(2), Derived(1) < Base(2))

class Vector:
    def __init__(self, *xs): self.xs = xs
    def __lt__(self, o): return [x < y for x, y in zip(self.xs, o.xs)]
print(Vector(1, 5) < Vector(2, 3), bool(Vector(1, 5) < Vector(2, 3)))

class Plain: pass
try:
    Plain() < Plain()
except TypeError as e:
    print("TypeError:", e)
try:
    Plain() >= 1
except TypeError as e:
    print("TypeError:", e)
print(1 < 2 < 3, V(1) < V(2) < V(3))
