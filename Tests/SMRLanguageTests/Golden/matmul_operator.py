# The @ operator: __matmul__, __rmatmul__ and __imatmul__ on user classes, @= falling back
# to __matmul__, precedence like *, and the TypeError for numbers.
class M:
    def __init__(self, rows):
        self.rows = rows

    def __matmul__(self, other):
        if isinstance(other, M):
            cols = list(zip(*other.rows))
            return M([[sum(a * b for a, b in zip(r, c)) for c in cols] for r in self.rows])
        return NotImplemented

    def __rmatmul__(self, other):
        return "rmatmul with " + repr(other)

    def __repr__(self):
        return "M(" + repr(self.rows) + ")"


class Acc(M):
    def __imatmul__(self, other):
        self.rows = (M(self.rows) @ other).rows
        return self


a = M([[1, 2], [3, 4]])
b = M([[0, 1], [1, 0]])
print(a @ b, b @ a, a @ b @ b)
print(2 * 3 @ M([[1]]) if False else "skip")
print(3 @ a)
c = a
c @= b
print(c, c is a, a)
d = Acc([[1, 0], [0, 1]])
e = d
d @= a
print(d, d is e)
print(a @ b == a @ b, (a @ b).rows[0][0] + 1 * 2)
for x, y in [(1, 2), ("s", a), ([1], [2])]:
    try:
        x @ y
    except TypeError as err:
        print("TypeError:", err)
