import numpy as np
import math
print(np.array([1, 2, 3]), repr(np.array([1, 2, 3])), np.array([0.5, 100.25]), repr(np.array([1e-5, 1.0])))
print(repr(np.array([1.0, -2.5, 3.125])), np.arange(3) * 2, repr(np.array([0.1, 0.2]) + 1))
print(np.std([1.5, 2.5, 10.0]), np.mean(range(10)), np.max([1.5, -2]), np.sum([0.1] * 1000), np.mean([0.1] * 777))
print(math.sqrt(2), math.floor(-2.5), math.ceil(2.1), math.log(math.e), math.exp(1), math.pi)
print({'a': 1}.keys(), {'a': 1}.values(), {'a': 1}.items(), list({'x': 1, 'y': 2}.values()))
print('é', repr('é'), repr('\x00'), repr('\u200b'), 'tab\there')
print(f'{"a":>{3}}', f'{3.0:.{2}f}', f"{'q'!r:>6}", f'{12345678:_x}', f'{0.000001234:.2e}')
print(f'{-0.0:.1f}', f'{1.5:08.2f}', f'{-1.5:08.2f}', f'{1234567.891:,.2f}', f'{0.5:.0%}', f'{1/7:.10g}')
print(f'{123:+}', f'{123: }', f'{"abc":.2}', f'{True}', f'{None!s}', f'{[1,2]!r}')
print(format(1e16, ''), format(1.5e-7, 'f'), format(123.456, 'e'), format(0.0001, 'g'), format(0.00001, 'g'))
print(format(1234567.0, 'g'), format(12345678.9, '.10g'), format(100, 'e'), format(2**40, ','), format(-42, 'b'))
x = [3, 1, 2]
y = sorted(x)
x.sort(reverse=True)
print(x, y, list(map(lambda v: v * 2, y)), list(filter(None, [0, 1, 2])))
def g(a, b=[]):
    b.append(a)
    return b
print(g(1), g(2))
total = 0
for i in range(10):
    if i % 2:
        continue
    total += i
else_ = 1
print(total)
print(1 if [] else 2, not [], [] or None, type(range(3)).__name__ if False else 'r')
nested = [[i * j for j in range(3)] for i in range(3)]
print(nested, [x for row in nested for x in row if x])
print(str(print)[:18], str(len))
