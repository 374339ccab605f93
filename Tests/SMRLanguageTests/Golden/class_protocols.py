class Animal:
    count = 0
    def __init__(self, name):
        self.name = name
        Animal.count += 1
    def speak(self):
        return f"{self.name} makes {self.sound()}"
    def sound(self):
        raise NotImplementedError
    def __str__(self):
        return self.name
class Dog(Animal):
    def sound(self):
        return "woof"
class Puppy(Dog):
    def sound(self):
        return super().sound() + "!"
class A:
    def who(self): return "A"
class B(A):
    def who(self): return "B" + super().who()
class C(A):
    def who(self): return "C" + super().who()
class D(B, C):
    def who(self): return "D" + super().who()
print(D().who(), [k.__name__ for k in D.__mro__], D.mro() == list(D.__mro__))
p = Puppy("rex")
print(p.speak(), str(p), repr(p)[:14], Animal.count, isinstance(p, Animal), type(p) is Dog)
try:
    Animal("x").speak()
except NotImplementedError as e:
    print("NIE", repr(e))
class Temp:
    def __init__(self, c):
        self._c = c
    @property
    def f(self):
        return self._c * 9 / 5 + 32
    def __format__(self, spec):
        return format(self._c, spec) + "C"
    def __eq__(self, o):
        return self._c == o._c
t = Temp(21.5)
print(t.f, f"{t:.1f}", format(t, ">8"))
try:
    t.f = 3
except AttributeError as e:
    print(e)
try:
    hash(t)
except TypeError as e:
    print(e)
class Stack:
    def __init__(self): self.items = []
    def __len__(self): return len(self.items)
    def __getitem__(self, i): return self.items[i]
    def __setitem__(self, i, v): self.items[i] = v
    def __delitem__(self, i): del self.items[i]
    def __contains__(self, v): return v in self.items
    def __call__(self, v): self.items.append(v); return self
    def __iadd__(self, other): self.items.extend(other); return self
    def __repr__(self): return f"Stack({self.items})"
s = Stack()
s(1)(2)(3)
s += [4, 5]
s[0] = 10
del s[1]
print(s, len(s), 3 in s, s[-1], s[1:3], list(s))
class Money:
    def __init__(self, c): self.c = c
    def __add__(self, o):
        if isinstance(o, Money): return Money(self.c + o.c)
        return NotImplemented
    def __radd__(self, o):
        if o == 0: return self
        return NotImplemented
    def __repr__(self): return f"Money({self.c})"
    def __lt__(self, o): return self.c < o.c
    def __le__(self, o): return self.c <= o.c
print(sum([Money(1), Money(2)]), Money(3) > Money(2), Money(1) >= Money(1))
try:
    Money(1) + "x"
except TypeError as e:
    print(e)
class Meta:
    registry = []
    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        Meta.registry.append(cls.__name__)
class X(Meta): pass
class Y(Meta): pass
print(Meta.registry)
class Counter:
    def __init__(self): self._n = 0
    def __getattr__(self, name):
        return f"no {name}"
c = Counter()
print(c.foo, c._n)
print(vars(c), getattr(c, "bar"))
class Base:
    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{self.__class__.__name__}({fields})"
class Cfg(Base):
    def __init__(self, **kw):
        for k, v in kw.items():
            setattr(self, k, v)
print(Cfg(lr=0.001, layers=[64, 64], name="ppo"))
print(Dog.__name__, Dog.__qualname__, Dog.__module__, Dog.speak.__name__)
class Obj: pass
o = Obj()
print(repr(o).startswith("<__main__.Obj object at 0x"), str(Obj), Obj.__name__)
print(isinstance(3, (str, int)), issubclass(bool, int), type(3) == int, type("a").__name__)
class Shape:
    def area(self): return 0
    def __lt__(self, other): return self.area() < other.area()
class Sq(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
    def __repr__(self): return f"Sq({self.s})"
print(sorted([Sq(3), Sq(1), Sq(2)]), max(Sq(3), Sq(5)))
