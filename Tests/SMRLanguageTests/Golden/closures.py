def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c = counter()
c(); c()
print(c())
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
def mk():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    return fs
print([f() for f in mk()])
def outer():
    x = 1
    def mid():
        def inner():
            return x
        return inner
    r = mid()
    x = 5
    return r()
print(outer())
g = 10
def setg():
    global g
    g = g + 1
setg()
print(g)
def deco(f):
    def w(*a):
        return f(*a) * 2
    return w
def times(k):
    def d(f):
        def w(*a):
            return f(*a) * k
        return w
    return d
@deco
@times(3)
def sq(x):
    return x * x
print(sq(2))
print(sum(x * x for x in range(5)))
def acc():
    total = 0
    def add(v):
        nonlocal total
        total += v
        return total
    def get():
        return total
    return add, get
a, gt = acc()
a(3); a(4)
print(gt())
def fact(n):
    def rec(k):
        return 1 if k <= 1 else k * rec(k - 1)
    return rec(n)
print(fact(5))
def late():
    def f():
        return y
    try:
        f()
    except NameError as e:
        print(e)
    y = 2
    return f()
print(late())
def shadow(x):
    def f():
        return x
    x = x + 1
    return f()
print(shadow(1))
