# Float display (shortest round trip, Python's switch to exponent notation), special values.
vals = [0.1 + 0.2, 1e-05, 0.0001, 1e16, 1e15, 123456789012345678.0, 1.5e-7, 2.0, -0.0, 0.0,
        1 / 3, 2 / 3, 10 / 3, 1e22, 1e-300 * 1e-300, 5e-324, 1.7976931348623157e308, 100.0, 1e100,
        0.1 * 3, 1.1 * 1.1, 3.14159, 2.5e-5, 12345.678, 0.000123, 1234567890123456.0, 9999999999999998.0]
for v in vals:
    print(v, repr(v), str(v))
inf = float("inf")
nan = float("nan")
print(inf, -inf, nan, inf - inf, inf * 0, -inf * -1, [inf, nan], (nan,), {"x": -inf})
print(nan == nan, nan != nan, inf == inf, inf > 1e308, -inf < -1e308, nan < 1, nan > 1)
print(1e308 * 10, -1e308 * 10, 2.0 ** 0.5, 10.0 ** -2, (-8.0) ** 3, 0.0 ** 0)
print(-0.0, 0.0 * -1, -0.0 + 0.0, abs(-0.0), -(0.0), 0.0 == -0.0)
print(7.5 // 2, 7.5 % 2, -7.5 // 2, -7.5 % 2, 7.5 // -2, 7.5 % -2, -7.5 // -2, -7.5 % -2)
print(1.0 // 0.1, 1.0 % 0.1, 5.0 % 3.0, -5.0 % 3.0, 0.0 % 3, -0.0 // 3, 3 % -0.7)
print(divmod(7.5, 2), divmod(-7.5, 2), divmod(1.0, 0.3))
print(round(2.675, 2), round(0.125, 2), round(0.375, 2), round(2.5, 0), round(-0.5, 0), round(1.005, 2))
print(round(123.456, -1), round(123.456, -2), round(-123.456, 1), round(0.5, 1), round(1e-7, 3), round(5.5), round(6.5))
print(round(3.14159, 3), round(2.5), round(-2.5), round(0.49999999999999994), round(1e20, 2))
print(float(2 ** 53), 2 ** 53 + 0.0, 1e16 + 1, 0.1 + 0.7, 0.1 * 0.1)
print(3 * 0.1, 0.3 / 0.1, 4.35 * 100, 1 - 0.9, 100 * 1.1, 1.15 * 3)
print(int(1e10), int(-1e-10), int(2.9999999999999996), float(10 ** 15), float(10 ** 16))
print(1.0, 10.0, 1e1, 1.5e1, 150e-2, .5, 5., 0.5e0)
print(sum([0.1] * 10), sum([0.1, 0.2, 0.3]), sum([1e100, 1.0, -1e100]), sum([1, 0.5]), sum([], 0.5))
print(max(0.1, 0.2), min(-0.0, 0.0), max(-0.0, 0.0), max([1.5, float("nan"), 3.0]))
print(3.0 == 3, float("1e-5"), float("12e300"), float("-0"), float("0.1e1"))
print(f"{0.1 + 0.2}", f"{1e16}", f"{-0.0}", f"{inf}", f"{nan}", str(1e-5), [0.1 + 0.2])
x = 0.0
for i in range(10):
    x += 0.1
print(x, x == 1.0, round(x, 10) == 1.0)
