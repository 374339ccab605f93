# Bitwise operators on ints and bools, and dict union.
a, b = 12, 10
print(a & b, a | b, a ^ b, ~a, ~-1, a << 2, a >> 2, -a >> 1, -1 >> 10, 1 << 62, 0 << 100)
print(True & False, True | False, True ^ True, type(True & True), True << 3, ~True, 5 & True)
print(1 | 2 ^ 3 & 4, (1 | 2) ^ 3, 1 + 2 << 3, 2 ** 3 >> 1, -2 ** 2 & 7, ~2 ** 2, 6 & 3 == 2, 6 & (3 == 2))
flags = 0
for bit in [0, 3, 5]:
    flags |= 1 << bit
print(flags, bin(flags), [i for i in range(8) if flags >> i & 1], flags & ~(1 << 3))
m = 0xFF
m &= 0x0F
m ^= 0b1010
m <<= 4
m >>= 2
print(m)
base = {"lr": 0.1, "steps": 10}
over = {"steps": 20, "seed": 1}
merged = base | over
print(merged, base)
alias = base
base |= {"extra": True}
print(alias, alias is base)
for x in [0, 1, 255, -256, 2 ** 40]:
    print(x, x & 0xF, x | 1, x ^ -1, x >> 3, x.bit_length())
try:
    1 << -1
except ValueError as e:
    print("ValueError:", e)
try:
    1.5 & 1
except TypeError as e:
    print("TypeError:", e)
try:
    ~1.5
except TypeError as e:
    print("TypeError:", e)
try:
    {} | []
except TypeError as e:
    print("TypeError:", e)
