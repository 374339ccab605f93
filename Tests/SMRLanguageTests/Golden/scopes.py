# Names: globals read and written, locals, closures, shadowing of builtins, del.
x = "global"
def read_global():
    return x
def shadow():
    x = "local"
    return x
def write_global():
    global x
    x = "rebound"
print(read_global(), shadow(), x)
write_global()
print(x, read_global())
def counter_factory():
    count = [0]
    def increment():
        count[0] += 1
        return count[0]
    return increment
inc = counter_factory()
inc()
inc()
print(inc(), counter_factory()())
def outer(v):
    def middle():
        def inner():
            return v * 2
        return inner()
    return middle()
print(outer(21))
def uses_later_global():
    return later_defined + 1
later_defined = 41
print(uses_later_global())
total = 0
for i in range(5):
    total += i
print(total, i)
if True:
    inside_if = "visible"
print(inside_if)
squares = [n * n for n in range(4)]
print(squares)
y = 10
del y
try:
    print(y)
except NameError as err:
    print("NameError:", err)
def recursive_closure(n):
    def helper(k):
        if k == 0:
            return 0
        return k + helper(k - 1)
    return helper(n)
print(recursive_closure(10))
list_ = list
def list(*args):
    return "shadowed list"
print(list(), list_("ab"))
del list
print(list("ab"))
def default_from_global(v=x):
    return v
x = "changed"
print(default_from_global(), x)
def modify_param(items):
    items.append(len(items))
    items = ["new"]
    return items
orig = [0]
print(modify_param(orig), orig)
a = 1
def g():
    a = 2
    def h():
        return a
    return h()
print(g(), a)
def swap_globals():
    global a, b
    a, b = "A", "B"
swap_globals()
print(a, b)
