class Vec:
    """A 2-d vector."""
    dims = 2

    def __init__(self, x, y=0):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Vec({self.x}, {self.y})"

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y)

    def __mul__(self, k):
        if not isinstance(k, (int, float)):
            return NotImplemented
        return Vec(self.x * k, self.y * k)

    __rmul__ = __mul__

    def __neg__(self):
        return Vec(-self.x, -self.y)

    def __eq__(self, other):
        return isinstance(other, Vec) and self.x == other.x and self.y == other.y

    def __hash__(self):
        return hash((self.x, self.y))

    def __lt__(self, other):
        return self.norm2() < other.norm2()

    def __abs__(self):
        return self.norm2() ** 0.5

    def __bool__(self):
        return bool(self.x or self.y)

    def norm2(self):
        return self.x * self.x + self.y * self.y


a = Vec(1, 2)
b = Vec(3, 4)
print(a, b, a + b, b - a, a * 3, 2 * a, -a)
print(a == Vec(1, 2), a != b, a == 5)
print(abs(b), bool(Vec(0, 0)), bool(a))
print(sorted([b, a, Vec(0, 1)]))
print(min(b, a), max([a, b]))
print({a: "a", b: "b"}[Vec(1, 2)])
print(len({a: 1, Vec(1, 2): 2, b: 3}))
print(Vec.dims, a.dims, Vec.__name__, Vec.__doc__)
a.dims = 3
print(a.dims, Vec.dims, b.dims)
Vec.dims = 5
print(a.dims, b.dims)
print(type(a).__name__, type(a) is Vec, isinstance(a, Vec), isinstance(3, Vec))
print(hasattr(a, "x"), hasattr(a, "z"), getattr(a, "z", "none"), getattr(a, "x"))
setattr(a, "z", 9)
print(a.z, vars(b))
try:
    a.w
except AttributeError as e:
    print("AttributeError:", e)
try:
    Vec()
except TypeError as e:
    print("TypeError:", e)
try:
    Vec(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
try:
    a < 3
except AttributeError as e:
    print("AttributeError:", e)
try:
    a + 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    a / 2
except TypeError as e:
    print("TypeError:", e)


class Animal:
    count = 0

    def __init__(self, name):
        self.name = name
        Animal.count += 1

    def speak(self):
        return f"{self.name} makes {self.sound()}"

    def sound(self):
        return "a sound"

    def __str__(self):
        return f"<{type(self).__name__} {self.name}>"


class Dog(Animal):
    def __init__(self, name, tricks=()):
        super().__init__(name)
        self.tricks = list(tricks)

    def sound(self):
        return "woof"


class Puppy(Dog):
    def sound(self):
        return super().sound() + "!"


d = Dog("rex", ["sit"])
p = Puppy("bit")
print(d.speak(), p.speak(), Animal("cat").speak())
print(str(d), p, Animal.count, d.tricks, p.tricks)
print(isinstance(p, Animal), isinstance(p, Dog), isinstance(d, Puppy))
print(issubclass(Puppy, Animal), issubclass(Animal, Dog), issubclass(Dog, object))
print([c.__name__ for c in Puppy.__mro__])


class A:
    def who(self):
        return "A"


class B(A):
    def who(self):
        return "B" + super().who()


class C(A):
    def who(self):
        return "C" + super().who()


class D(B, C):
    def who(self):
        return "D" + super().who()


print(D().who(), [k.__name__ for k in D.__mro__])
try:
    class E(A, B):
        pass
except TypeError as e:
    print("TypeError:", e)
