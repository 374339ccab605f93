# Indexing and slicing: negative indices and steps, slice objects, tuple keys, deletion.
xs = list(range(10))
t = tuple(xs)
s = "abcdefghij"
for seq in (xs, t, s):
    print(seq[-1], seq[-10], seq[2:5], seq[-3:], seq[:-7], seq[::3], seq[::-1], seq[::-3], seq[7:2:-1], seq[-2:-8:-2])
    print(seq[5:], seq[:5], seq[5:5], seq[20:], seq[-20:3], seq[3:-20], seq[::-20], seq[1:9:4], seq[-1:0:-4], seq[:0:-1])
    print(seq[None:None], seq[None:3], seq[3:None:2], seq[slice(2, 6)], seq[slice(None, None, -2)], seq[slice(3)])
print(slice(1, 5, 2), slice(3), slice(None), repr(slice(1, None)), slice(1, 2) == slice(1, 2), type(slice(1)))
sl = slice(1, -1, 2)
print(sl.start, sl.stop, sl.step, sl.indices(10), slice(None, None, -1).indices(5), xs[sl])
ys = list(range(10))
del ys[2:5]
print(ys)
del ys[::2]
print(ys)
del ys[-1]
print(ys)
zs = list(range(6))
zs[1:3] = []
print(zs)
zs[0:0] = [9, 9]
print(zs)
zs[-2:] = ["end"]
print(zs)
zs[::-1] = list(range(len(zs)))
print(zs)
zs[10:] = [7]
print(zs)
grid = {}
grid[0, 0] = "origin"
grid[1, 2] = "point"
grid[(3, 4)] = "paren"
print(grid, grid[1, 2], grid[3, 4], (1, 2) in grid, grid.get((0, 0)))
m = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print(m[1][2], m[-1][-1], m[::-1][0], [row[::-1] for row in m], [row[1:] for row in m[1:]], m[0][::2])
print([m[i][i] for i in range(3)], [m[i][-i - 1] for i in range(3)], m[1][:])
r = range(0, 20, 3)
print(r[2], r[-1], r[1:4], r[::-1], list(r[::2]), r[10:], len(r[2:5]))
word = "racecar"
print(word == word[::-1], word[len(word) // 2], word[:3] + word[-3:], "".join(reversed(word)))
n = [0, 1, 2, 3, 4, 5]
n[1], n[-1] = n[-1], n[1]
print(n)
i = 2
n[i], n[i + 1] = n[i + 1], n[i]
print(n, n[i - 1:i + 2])
s2 = "hello world"
print(s2[s2.find(" ") + 1:], s2[:s2.find(" ")], s2[-5:].upper(), s2[::2], s2[1::2])
