def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

print([fib(i) for i in range(15)])

def greet(name, greeting='Hello', punct='!'):
    """Say hello."""
    return greeting + ', ' + name + punct

print(greet('Ann'), greet('Bob', 'Hi'), greet('Cy', punct='?'), greet(**{'name': 'Di', 'greeting': 'Yo'}))
total = 0

def add_to_total(x):
    global total
    total += x
    return total

add_to_total(5)
add_to_total(7)
print(total)
scale = 3

def scaled(v):
    return v * scale

print(scaled(4))

def outer(k):
    def inner(x):
        return x + k
    return inner(10)

print(outer(5))
print(sorted([3, 1, 2], key=lambda v: -v))

def early(xs):
    for x in xs:
        if x > 2:
            return x
    return None

print(early([1, 2, 3, 4]), early([]))
i = 0
while True:
    i += 1
    if i == 3:
        continue
    if i > 5:
        break
    print('i', i)
for j in range(3):
    pass
print(j)

def noreturn():
    x = 1

print(noreturn())
def varargs_like(a, b=2, c=3):
    return (a, b, c)
print(varargs_like(1), varargs_like(1, c=9), varargs_like(*[4, 5]))
