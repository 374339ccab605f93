# Python ints of any size: arithmetic that overflows 64 bits promotes instead of failing.
class Rand:
    """A 64-bit LCG in plain ints (its products pass 64 bits, so it exercises big ints too)."""
    def __init__(self, seed):
        self.s = seed
    def getrandbits(self, k):
        out, got = 0, 0
        while got < k:
            self.s = (self.s * 6364136223846793005 + 1442695040888963407) % 2 ** 64
            out = (out << 32) | (self.s >> 32)
            got += 32
        return out >> (got - k)
    def randrange(self, a, b=None):
        if b is None:
            a, b = 0, a
        n = b - a
        r = self.getrandbits(n.bit_length())
        while r >= n:
            r = self.getrandbits(n.bit_length())
        return a + r
    def choice(self, seq):
        return seq[self.randrange(len(seq))]

print(2 ** 100, -2 ** 100, 2 ** 64 - 1, 2 ** 63)
print(9223372036854775807 + 1, -9223372036854775807 - 2, -(-9223372036854775807 - 1))
print(abs(-9223372036854775807 - 1), (-9223372036854775807 - 1) // -1, (-9223372036854775807 - 1) * -1)
print(10 ** 20 // 3, 10 ** 20 % 3, -10 ** 20 // 3, -10 ** 20 % 3, 10 ** 20 // -7, 10 ** 20 % -7)
print(divmod(-2 ** 70, 7), divmod(2 ** 70, -7), divmod(-2 ** 70, -(2 ** 40 + 3)))
x = 1
for i in range(1, 31):
    x *= i
print("30! =", x)
total = 0
for i in range(100):
    total += 2 ** 62
print(total, type(total), type(total) is int, isinstance(total, int), type(total).__name__)

def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
print(fib(100), fib(300))

# results that fit come back as ordinary ints
small = 2 ** 64 // 2 ** 10
print(small, small == 2 ** 54, hash(small) == hash(2 ** 54), {small: "a"}[2 ** 54], len({small, 2 ** 54}))
print((2 ** 100 - 2 ** 100) == 0, (2 ** 70 - 2 ** 70) + 1, 2 ** 80 // 2 ** 79)

# powers
print(pow(2, 100, 10 ** 9 + 7), pow(3 ** 40, 5, 2 ** 70 + 1), pow(2, -1, 7), pow(3 ** 40, -1, 2 ** 70 + 1))
print(pow(-2 ** 70, 3, -1000), pow(2 ** 70, 0, 1), 2 ** -70, (2 ** 70) ** -1, (-1) ** (2 ** 70), 1 ** (2 ** 70))
print(len(str(2 ** 10000)), str(2 ** 10000)[:20], str(3 ** 2000)[-20:])

# shifts and bitwise on big values (two's complement)
print(1 << 100, -1 << 100, (1 << 100) >> 99, -(2 ** 64 + 1) >> 3, -2 ** 64 >> 3, 2 ** 100 >> 200, -2 ** 100 >> 200)
print(-2 ** 70 & 0xFFFF, -2 ** 70 | 5, -2 ** 70 ^ 2 ** 69, ~2 ** 70, ~-2 ** 70, 2 ** 70 & -1, (2 ** 100 - 1) & (2 ** 90 + 12345))
print(True + 2 ** 64, 2 ** 64 * False, 5 - 2 ** 70, 2 ** 70 * 2 ** 70)
y = 2 ** 64
y -= 1
y <<= 3
y //= 5
y %= 10 ** 15
y **= 2
print(y)

# randomized cross-checks against identities and CPython's own results
random = Rand(12345)
for _ in range(200):
    a = random.randrange(-10 ** 30, 10 ** 30)
    b = random.randrange(1, 10 ** 25) * random.choice([1, -1])
    q, r = divmod(a, b)
    assert q * b + r == a and (r == 0 or (r > 0) == (b > 0)) and abs(r) < abs(b)
    assert (a + b) - b == a and (a * b) // b == a
    assert (a << 7) >> 7 == a and (a & b) + (a | b) == a + b and (a ^ b) == (a | b) - (a & b)
acc = 0
for _ in range(300):
    a = random.getrandbits(200) - 2 ** 199
    b = random.getrandbits(100) + 1
    acc ^= (a * b) ^ (a // b) ^ (a % b) ^ (a >> 37) ^ (a << 11) ^ (a & b) ^ (a | ~b)
print(acc)
vals = [random.getrandbits(k) * random.choice([1, -1]) for k in (1, 30, 63, 64, 65, 127, 128, 129, 300)]
for a in vals:
    for b in vals:
        if b:
            print(a + b, a - b, a * b, a // b, a % b)
