# Integer arithmetic: floor division and modulo toward -inf, powers, bools, limits.
pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (1, 7), (-1, 7), (6, 3), (-6, 3)]
for a, b in pairs:
    print(a, b, a // b, a % b, a / b, divmod(a, b))
print(2 ** 10, 2 ** 0, 0 ** 0, (-2) ** 3, -2 ** 2, 2 ** -1, 2 ** -2, (-2) ** -3, 10 ** -5)
print(1 ** -1, (-1) ** -1, 4 ** 0.5, 8 ** (1 / 3), 2 ** 62, 2 ** 62 - 1 + 2 ** 62)
print(9223372036854775807, -9223372036854775807 - 1)
print(True + True, True * 3, False - 1, True / 2, True // 1, -True, +True, 3 - True)
print(5 + 2.0, 5 * 1.0, 5 - 0.5, 6 / 3, 7 // 2.0, 7 % 2.5, -7 // 2.0, -7 % 2.5)
print(abs(-5), abs(5), abs(-2.5), abs(True), abs(0))
x = 17
x += 3
x -= 1
x *= 2
x //= 3
x %= 7
x **= 3
print(x)
y = 10
y /= 4
print(y, type(y))
print(1_000_000, 0x1F, 0o17, 0b101, 1_0.0_1)
print(int(7.9), int(-7.9), int("42"), int("-0"), int(" 12 "), int("+5"), int(True), int(3.0))
print(float(3), float("1e3"), float("-2.5"), float(" .5 "), float("1_0"), float("inf"), float("-inf"))
print(str(12), str(-0), repr(12), bool(0), bool(-1), bool(0.0), bool(2.5))
print(round(2.5), round(3.5), round(-2.5), round(-3.5), round(0.5), round(1.5), round(7), round(-7))
print(round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(15, -1), round(25, -1))
print(type(round(2.5)), type(round(2.5, 0)), type(round(7, 1)))
print(7 == 7.0, 7 != 7.0, 1 < 2.5, -1 > -1.5, 3 >= 3, 2 <= 1)
print(max(3, 7, -1), min(3, 7, -1), max(2, 2.0), min(2.0, 2), sum([1, 2, 3]), sum([1, 2], 10))
print(10 - 2 - 3, 2 * 3 + 4, 2 + 3 * 4, (2 + 3) * 4, 2 ** 3 ** 2, -3 ** 2, 100 // 7 // 2, 100 % 7 % 3)
print(7 // 1, -0 // 5, 0 % 5, 5 % 5, -5 % 5, 123456789 * 987654321)
n = 0
for i in range(1, 101):
    n += i * i
print(n, n // 100, n % 100)
print(1e3 == 1000, 0.1 + 0.2 == 0.3, 0.5 + 0.25 == 0.75, 2 ** 53 + 1.0 == 2 ** 53)
