# The messages of common errors, caught so that one program can show many of them.
def show(f):
    try:
        f()
        print("no error")
    except Exception as e:
        print(f"{type(e).__name__}: {e}")

show(lambda: 1 + "a")
show(lambda: "a" + 1)
show(lambda: [1] + (2,))
show(lambda: (1,) + [2])
show(lambda: None + 1)
show(lambda: 1 - "a")
show(lambda: "a" * "b")
show(lambda: [1] * 2.0)
show(lambda: 2 ** "x")
show(lambda: "a" / 2)
show(lambda: {} + {})
show(lambda: -"a")
show(lambda: 5[0])
show(lambda: None[0])
show(lambda: len(5))
show(lambda: [1, 2][5])
show(lambda: [1, 2][-3])
show(lambda: (1, 2)[2])
show(lambda: "ab"[2])
show(lambda: range(3)[3])
show(lambda: [1]["a"])
show(lambda: (1,)[1.0])
show(lambda: "x"[None])
show(lambda: {"a": 1}["b"])
show(lambda: {1: 2}[3])
show(lambda: {(1, 2): 0}[(1, 3)])
show(lambda: {}[None])
show(lambda: 1 / 0)
show(lambda: 1 // 0)
show(lambda: 1 % 0)
show(lambda: 1.0 / 0)
show(lambda: 1 / 0.0)
show(lambda: 1.5 // 0)
show(lambda: 1.5 % 0.0)
show(lambda: divmod(1, 0))
show(lambda: 0 ** -1)
show(lambda: 0.0 ** -1)
show(lambda: undefined_name)
show(lambda: lenn([1]))
show(lambda: 5())
show(lambda: "abc"())
show(lambda: [].push(1))
show(lambda: "abc".foo)
show(lambda: None.x)
show(lambda: (1).real.foo)
show(lambda: int("abc"))
show(lambda: int("1.5"))
show(lambda: int(""))
show(lambda: float("x"))
show(lambda: float(""))
show(lambda: int([1]))
show(lambda: float(None))
show(lambda: 1 < "a")
show(lambda: "a" >= 1)
show(lambda: [1] < (1,))
show(lambda: None < None)
show(lambda: {} < {})
show(lambda: sorted([1, "a"]))
show(lambda: max([]))
show(lambda: min([]))
show(lambda: max())
show(lambda: sum(["a", "b"]))
show(lambda: sum([1, "a"]))
show(lambda: [x for x in 5])
show(lambda: list(5))
show(lambda: {[1]: 2})
show(lambda: {}.get([1]))
show(lambda: [1, 2].index(5))
show(lambda: [].remove(1))
show(lambda: [].pop())
show(lambda: [1].pop(5))
show(lambda: {}.pop("k"))
show(lambda: "abc".index("z"))
show(lambda: ",".join([1, 2]))
show(lambda: "a".split(""))
show(lambda: "abc".replace(1, 2))
show(lambda: range(1, 2, 0))
show(lambda: range(1.5))
show(lambda: [1, 2, 3][::0])
show(lambda: chr(-1))
show(lambda: ord("ab"))
show(lambda: round("x"))
show(lambda: abs("x"))
show(lambda: f"{1.5:d}")
show(lambda: f"{'s':d}")
show(lambda: f"{1:s}")
show(lambda: format(1, "z"))
show(lambda: "{} {}".format(1))
show(lambda: "{0} {}".format(1, 2))
show(lambda: "{x}".format(y=1))
show(lambda: "%d" % "x")
show(lambda: "%s %s" % (1,))
show(lambda: "%s" % (1, 2))
show(lambda: dict([1, 2]))
show(lambda: dict([(1, 2, 3)]))
def two(a, b):
    return a + b
def one_default(a, b=1):
    return a
def kw(a, *, b):
    return a
show(lambda: two(1))
show(lambda: two())
show(lambda: two(1, 2, 3))
show(lambda: one_default(1, 2, 3))
show(lambda: one_default())
show(lambda: two(1, c=2))
show(lambda: two(1, a=2))
show(lambda: two(1, **{"b": 2, "c": 3}))
show(lambda: two(1, **[1]))
show(lambda: kw(1))
show(lambda: kw(1, 2))
show(lambda: print(1, sepp=" "))
show(lambda: len([1], [2]))
show(lambda: len())
show(lambda: isinstance(1, 1))
show(lambda: [1, 2, 3].sort(key=1))
def unpack2():
    a, b = [1, 2, 3]
def unpack3():
    a, b, c = (1, 2)
def unpack_int():
    a, b = 5
def unpack_str():
    a, b = "abc"
show(unpack2)
show(unpack3)
show(unpack_int)
show(unpack_str)
def local_before():
    print(zz)
    zz = 1
show(local_before)
def aug_local():
    counter += 1
counter = 0
show(aug_local)
def assign_tuple():
    t = (1, 2)
    t[0] = 5
def assign_str():
    s = "ab"
    s[0] = "c"
def del_tuple():
    t = (1,)
    del t[0]
def del_missing():
    d = {}
    del d["x"]
def del_index():
    xs = [1]
    del xs[3]
def assign_index():
    xs = []
    xs[0] = 1
def set_attr():
    xs = []
    xs.foo = 1
show(assign_tuple)
show(assign_str)
show(del_tuple)
show(del_missing)
show(del_index)
show(assign_index)
show(set_attr)
def slice_assign():
    xs = [1, 2, 3, 4]
    xs[::2] = [0]
show(slice_assign)
def recurse(n):
    return recurse(n + 1)
show(lambda: recurse(0))
def assert_fails():
    assert 1 + 1 == 3, "math is broken"
def assert_plain():
    assert []
show(assert_fails)
show(assert_plain)
show(lambda: 2 ** 10000 if False else [][0])
