print(f"{3:>5}|{'x':>3}|{2.5:>8.2f}|{-1:03d}|{1e6:,.0f}|{0.1:.20f}")
print(round(0.5), round(1.5), round(-0.5), round(2.5, 0), round(0.125, 2), round(1e300, -300))
print(10 ** 18, 2 ** 62 - 1 + 2 ** 62)
print(7 // -2, -7 // -2, 7.0 % -2, -0.0 % 5, 5 % -0.5)
print([1, [2, [3, []]]], {'a': {'b': ()}}, ('a',), (('x', 1),))
print(str(1.0e-10), 1.5e300 * 1e10, -1e400, 1e-320)
print(1 == True, 1.0 == True, None == 0, [] == [], () == [], {} == {})
print(sorted([3.5, 1, 2.25]), min('abc'), max([(1, 'b'), (1, 'c')]))
xs = [1, 2, 3]
print(xs[-1], xs[-3], len(xs[1:]), xs[:0], 3 * 'ab', 'ab' * 0)
d = dict(zip(['a', 'b'], [1, 2]))
print(d, list(enumerate('ab', 1)), list(zip(range(3), 'xy')))
print(int('  -12  '), int('0x1f', 16), int('1_000'), float(' 2.5 '), float('1e3'), str(True), bool(None))
print('%d' if False else 'ok', "a\"b", 'a\'b', "\\", '\x41\u00e9')
print(abs(-0.0), max(1, 2.0), min(2.0, 1), sum([1, 2.5]), sum([], 0.0), sum(range(101)))
s = 'Hello, World'
print(s.lower().count('l'), s.find('World'), s.find('zz'), s.split(', '), s.title(), 'a b'.capitalize(), s.endswith('ld'))
print('x'.join('abc'), ''.join([]), ' '.join(str(i) for i in range(3)), 'A-B'.lower().split('-'))
print(list(range(0)), list(range(3, 0)), range(5), range(1, 10, 2), list(range(10, 0, -3)))
t = 1, 2
print(t, type(t), len(t), t + (3,), t * 2)
a = b = 5
print(a, b)
i = 10
while i > 0:
    i -= 3
print(i)
