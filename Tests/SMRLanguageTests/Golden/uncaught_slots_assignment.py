# Assigning an attribute __slots__ does not declare.
class P:
    __slots__ = ("x", "y")


p = P()
p.x = 1
print(p.x)
p.z = 3
