data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print("long list", n)
print([y for x in data if (y := x * 2) > 5], y)
stack = [1, 2, 3]
while (top := stack.pop() if stack else None) is not None:
    print("popped", top)
def f(xs):
    total = 0
    while (k := len(xs)) > 0:
        total += xs.pop() * k
    return total, k
print(f([1, 2, 3]))
def g():
    if (m := max([1, 5, 2])) > 4:
        return m
print(g(), (z := 10) + z)
