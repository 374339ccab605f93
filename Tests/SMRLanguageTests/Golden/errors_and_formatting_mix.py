class Matrix:
    def __init__(self, rows):
        self.rows = [list(r) for r in rows]
    def __matmul__(self, o):
        return Matrix([[sum(a * b for a, b in zip(r, c)) for c in zip(*o.rows)] for r in self.rows])
    def __repr__(self):
        return "\n".join(" ".join(f"{x:5.1f}" for x in r) for r in self.rows)
    def __eq__(self, o): return self.rows == o.rows
    def __getitem__(self, ij):
        i, j = ij
        return self.rows[i][j]
m = Matrix([[1, 2], [3, 4]])
print(m @ m, m[1, 0], m == Matrix([[1, 2], [3, 4]]))
print(f"{'Name':<8}{'Score':>6}")
for n, s in sorted({"bo": 3.14159, "al": 10.5}.items()):
    print(f"{n:<8}{s:>6.2f}")
print("%-8s|%6.2f" % ("x", 2.5), format(1234.5678, ",.2f"), format(0.000012345, ".3e"), format(42, "08b"))
print(str(12345.6789), 1e21, 1.0e-4, 0.0001, 123e-7, float("-0"), -0.0, 2.5e-5 * 2)
print(round(1.005, 2), round(-2.5), round(0.5), round(1.5), round(2.675, 1), round(7, -1), type(round(2.5)), round(2.5, 0))
print(int("-12"), float(" 3.5\n"), "{:>10.3%}".format(0.25), "{:^9}".format("mid"), "{:*<6}".format(1))
words = "the quick brown fox jumps over the lazy dog".split()
print(max(words, key=len), sorted(words, key=lambda w: (len(w), w))[:3], {w: len(w) for w in words if len(w) > 4})
print(list(map(str.upper, words[:2])), "".join(reversed("abc")), [c for c in "hello" if c not in "aeiou"])
print(any(w.startswith("q") for w in words), all(len(w) > 2 for w in words), sum(1 for _ in words))
try:
    int("abc")
except ValueError as e:
    print(e)
try:
    [1, 2][5]
except IndexError as e:
    print(e)
try:
    {"a": 1}["b"]
except KeyError as e:
    print(repr(e), e)
try:
    None.foo
except AttributeError as e:
    print(e)
try:
    "a" + 1
except TypeError as e:
    print(e)
try:
    len(5)
except TypeError as e:
    print(e)
try:
    x = undefined_var
except NameError as e:
    print(e)
try:
    float("x")
except ValueError as e:
    print(e)
try:
    [].pop()
except IndexError as e:
    print(e)
try:
    (1, 2).append(3)
except AttributeError as e:
    print(e)
try:
    import nonexistent_mod
except ImportError as e:
    print(type(e).__name__, e)
try:
    def f(a): pass
    f(1, 2)
except TypeError as e:
    print(e)
try:
    class A:
        def m(self, x): pass
    A().m()
except TypeError as e:
    print(e)
try:
    1 / 0
except ZeroDivisionError as e:
    print(e)
try:
    10 % 0
except ZeroDivisionError as e:
    print(e)
try:
    {}.pop("k")
except KeyError as e:
    print(e)
try:
    "abc".index("z")
except ValueError as e:
    print(e)
try:
    [1].remove(9)
except ValueError as e:
    print(e)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print(e)
try:
    hash([])
except TypeError as e:
    print(e)
try:
    sorted([1, "a"])
except TypeError as e:
    print(e)
try:
    next(iter([]))
except StopIteration as e:
    print("stop", repr(e))
try:
    raise RuntimeError
except RuntimeError as e:
    print(repr(e), str(e) == "")
