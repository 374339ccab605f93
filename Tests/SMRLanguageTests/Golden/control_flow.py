# Statements: if/elif/else, while, for with break/continue, nested unpacking, comprehensions.
for n in [-5, 0, 3, 15, 100]:
    if n < 0:
        kind = "negative"
    elif n == 0:
        kind = "zero"
    elif n < 10:
        kind = "small"
    else:
        kind = "large"
    print(n, kind)
i = 0
total = 0
while True:
    i += 1
    if i % 3 == 0:
        continue
    if i > 10:
        break
    total += i
print(i, total)
found = None
for x in range(2, 50):
    for y in range(2, x):
        if x % y == 0:
            break
    else_flag = True
    if x > 40 and all(x % y for y in range(2, x)):
        found = x
        break
print(found)
pairs = [("a", 1), ("b", 2), ("c", 3)]
for idx, (name, value) in enumerate(pairs):
    print(idx, name, value)
for idx, (name, value) in enumerate(pairs, start=10):
    print(idx, name, value, end=" ")
print()
for (a, b), c in [((1, 2), 3), ((4, 5), 6)]:
    print(a + b + c)
for i, (a, (b, c)) in enumerate([(1, (2, 3)), (4, (5, 6))]):
    print(i, a, b, c)
for k, v in {"x": 1, "y": 2}.items():
    print(k, v)
for ch in "hi":
    print(ch)
for _ in range(0):
    print("never")
for i in range(10, 0, -3):
    print(i, end=",")
print()
for i in range(-3, 3):
    print(i, end=" ")
print()
for i in range(5, -5, -2):
    print(i, end=" ")
print()
print([x * x for x in range(5)], [x for x in range(10) if x % 2 == 0 if x > 2])
print([(x, y) for x in range(3) for y in range(x)], [c.upper() for c in "abc" if c != "b"])
print([[y for y in range(x)] for x in range(4)], [x if x > 1 else -x for x in range(4)])
print({x: x ** 2 for x in range(4)}, {c: i for i, c in enumerate("abc")})
print(sum(x for x in range(10)), max(len(w) for w in ["a", "abc", "ab"]), list(x + 1 for x in (1, 2)))
x = 99
print([x for x in range(3)], x)
print([(i, j) for i, j in zip("ab", [1, 2])], [a * b for a, b in [(1, 2), (3, 4)]])
if []:
    print("empty list is true?")
elif {}:
    print("empty dict is true?")
elif "":
    print("empty str is true?")
elif 0.0 or None:
    print("zero is true?")
else:
    print("all falsy")
v = 0 or "" or [] or "last"
w = 1 and "x" and [1]
u = 0 and 1/0
print(v, w, u, None or 0, 3 and 0, not 0, not "a", [] or {}, (1 and 0) or 5)
a, b, c = 1, 5, 10
print(a < b < c, a < c < b, a == 1 < b, 1 < 2 > 1, 3 > 2 > 1 > 0, a < b <= 5 != c, 1 == 1.0 == True)
print(5 if a else 6, "yes" if not a else "no", (1 if a > b else 2 if b > c else 3))
x = None
print(x is None, x is not None, x == None, [] is not None, None is None)
n = 10
while n > 0:
    n -= 3
else_value = n
print(n, else_value)
count = 0
while count < 5:
    count += 1
    if count == 2:
        continue
    print("count", count)
if True: print("one-line if")
for i in range(2): print("one-line for", i)
x = 5; y = 6; print(x + y)
def early(v):
    for i in range(10):
        if i == v:
            return i * 10
    return -1
print(early(3), early(20))
matrix = [[1, 2], [3, 4]]
for row in matrix:
    for item in row:
        if item == 3:
            break
        print(item, end=" ")
print()
result = []
for i in range(3):
    for j in range(3):
        if j == i:
            continue
        result.append((i, j))
print(result)
pass
if True:
    pass
print("done")
