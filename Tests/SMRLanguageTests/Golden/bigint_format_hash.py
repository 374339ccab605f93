# str, repr, format specs, %-formatting, bin/oct/hex and hash of big ints.
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

n = 2 ** 70
print(str(n), repr(-n), f"{n}", f"{n!r}", "{}".format(n), "{:>30}".format(n))
print(f"{n:,}", f"{n:_}", f"{-n:,}", f"{n:x}", f"{n:X}", f"{n:#x}", f"{n:o}", f"{n:#o}", f"{n:b}", f"{n:#b}")
print(f"{n:_x}", f"{n:_b}", f"{n:+d}", f"{n: d}", f"{n:40}", f"{n:<40}|", f"{n:^40}|", f"{-n:=40}", f"{n:040,}", f"{-n:*>30,}")
print(f"{n:e}", f"{n:.3e}", f"{n:f}", f"{n:g}", f"{n:.10g}", f"{n:%}", f"{n:E}", f"{10 ** 25:,.2f}")
print("%d" % n, "%x" % n, "%X" % -n, "%#o" % n, "%30d|" % n, "%-30d|" % n, "%+d" % n, "%.30d" % n, "%s %r" % (n, -n), "%e" % n)
print(bin(n), oct(-n), hex(n), hex(-2 ** 100 + 1), bin(-1 << 65))
for spec in [".2d", "c", ",x", "z"]:
    try:
        print(format(n, spec))
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
for v in [2 ** 61 - 1, 2 ** 61, 2 ** 61 - 2, -(2 ** 61) + 1, 2 ** 64, -2 ** 64, 2 ** 100, -2 ** 100, 10 ** 30, 2 ** 127 - 1]:
    print(hash(v), hash(float(v)) == hash(v) if float(v) == v else "-")
print(hash(2.0 ** 64), hash(2 ** 64), hash(1e30), hash(int(1e30)), hash(-2.0 ** 100))
d = {2 ** 70: "a", 2.0 ** 80: "b", 10 ** 30: "c"}
print(d[2.0 ** 70], d[2 ** 80], 1e30 in d, d.get(10 ** 30))
print({2 ** 64, 2.0 ** 64, 2 ** 65, 1 << 65}, len({10 ** 20, 10 ** 20 + 0, 100000000000000000000.0}))
print(sorted({2 ** 64 + k for k in range(5)}))
random = Rand(7)
h = 0
for _ in range(500):
    v = random.getrandbits(random.randrange(1, 400)) * random.choice([1, -1])
    h = (h * 31 + hash(v)) % (2 ** 61 - 1)
    assert int(str(v)) == v and int(hex(v), 16) == v and int(bin(v), 0) == v and int(oct(v), 8) == v
print(h)
big = 7 ** 1000
s = str(big)
print(len(s), s[:15], s[-15:], int(s) == big)
print(str(10 ** 4299)[:3], len(str(-(10 ** 4300 - 1))))
for thunk in [lambda: str(10 ** 4300), lambda: repr(10 ** 5000), lambda: f"{10 ** 4300}", lambda: "%d" % 10 ** 4300,
              lambda: "{}".format(10 ** 4300), lambda: f"{10 ** 4300:,}", lambda: int("7" * 4301), lambda: int("-" + "1" * 5000)]:
    try:
        thunk()
    except ValueError as e:
        print("ValueError", e)
print(len(hex(10 ** 5000)), f"{10 ** 4301:x}"[:5], int("f" * 5000, 16) % 1000)
