xs = [5, 3, 8, 1]
xs.append(10)
xs.insert(0, 7)
xs.extend([2, 2])
print(xs, xs.pop(), xs.pop(0), xs.index(8), xs.count(2))
xs.remove(2)
print(xs, sorted(xs), sorted(xs, reverse=True), xs[::-1], xs[1:3], xs[-2:], xs[::2], xs[-10:])
print(sorted(['bb', 'a', 'ccc'], key=len), sorted([(2, 'b'), (1, 'z'), (2, 'a')]))
xs.sort()
print(xs)
t = (1, 2, 3)
print(t[0], t[-1], t[1:], (5,), tuple([1, 2]), list(range(2, 10, 3)), list(range(5, 0, -2)))
d = {'a': 1, 'b': 2}
d['c'] = 3
d['a'] = 10
print(d, d.keys(), d.values(), d.items(), d.get('z'), d.get('z', 0), d['b'])
print(list(d), len(d), dict(x=1, y=2), dict([('p', 1)]))
for k, v in d.items():
    print(k, v)
for i, (a, b) in enumerate([(1, 2), (3, 4)]):
    print(i, a, b)
for a, b in zip([1, 2, 3], 'xyz'):
    print(a, b, end='; ')
print()
print('a,b,,c'.split(','), ' x  y '.split(), '-'.join(['a', 'b']), '  pad '.strip(), 'Hi'.upper(), 'Hi'.lower())
print('hello world'.replace('o', '0'), 'abc'[1], 'abc'[-1], 'abcdef'[1:4], 'abcdef'[::2], 'abc'[::-1])
print([x * x for x in range(6) if x % 2 == 0], [(i, j) for i in range(2) for j in range(2)])
print({k: v * 2 for k, v in [('a', 1), ('b', 2)]})
print(sum(x for x in range(5)), max(len(w) for w in ['a', 'abc']))
a, b = 1, 2
a, b = b, a
print(a, b)
(p, q), r = (1, 2), 3
print(p, q, r)
m = [[0] * 3 for _ in range(2)]
m[1][2] = 5
print(m)
nested = {'list': [1, {'x': (1, 2.5)}], 'none': None}
print(nested)
s = 'abc'
print(s * 2, [0] * 3, [1, 2] + [3], (1,) + (2,))
n = 10
n += 5
n -= 3
n *= 2
n /= 4
print(n)
ys = [1, 2]
ys += [3]
print(ys, list(reversed(ys)), any([0, 1]), all([1, 0]))
