import math
print(math.floor(-2.5), math.ceil(2.1), math.sqrt(2), math.pi, math.inf, -math.inf, math.nan)
print(math.isclose(1.0, 1.0 + 1e-10), math.log(8, 2), math.log10(1000), math.exp(1), math.factorial(10))
print(math.gcd(12, 18), math.comb(5, 2), math.perm(5, 2), math.trunc(-3.7), math.copysign(1, -0.0), math.fsum([0.1] * 10))
print(math.isnan(float("nan")), math.isinf(float("-inf")), math.degrees(math.pi), math.radians(180), math.atan2(1, 1))
print(divmod(17, 5), divmod(-17, 5), divmod(7.5, 2), pow(2, 10), pow(2, 10, 1000), 2 ** -1, (-8) ** (1/3) if False else "skip")
print(round(2.5), round(3.5), round(-0.5), round(2.675, 2), round(1234, -2), round(0.125, 2), round(5))
print(int("42"), int("0x1f", 16), int("  7 "), int(3.99), int(-3.99), float("1e3"), float("inf"), int("101", 2))
print(abs(-3), abs(-2.5), max(1, 5, 3), min([4, 2, 8]), max([], default=0), min("abc"), max([1, 2], key=lambda v: -v))
print(sum([0.1] * 3), sum([[1], [2]], []), sum(range(101)), 0.1 + 0.2, 1e16, 1e-7, 123456789.123, 1/3, 2/3, 10/2)
print(float(2**53), 1.5e300 * 1e10, -1e-320, 3.0, 100.0, 1e22, 1.0e21, 12345678901234567890.0)
print(bin(10), hex(255), oct(8), hash(1) == hash(1.0), isinstance(True, int), True + True, 7 // 2, -7 // 2, -7 % 3, 7 % -3)
print(5.0 // 2, -5.0 % 3, 0.1 * 3, 3 * "ab", [0] * 3, (1,) * 2)
print(math.hypot(3, 4), math.hypot(1, 2, 2), math.dist((0, 0), (3, 4)), math.prod([1, 2, 3, 4]), math.prod([]), math.isqrt(17))
print(math.lcm(4, 6), math.gcd(0, 0), math.gcd(-12, 18), math.modf(3.75), math.frexp(8.0), math.ldexp(0.5, 4), math.fmod(-7, 3))
print(math.asin(1), math.acos(0), math.sinh(1), math.cosh(1), math.erf(0.5), math.gamma(5), math.lgamma(1), math.tau, math.cbrt(27))
print(math.expm1(1e-10), math.log1p(1e-10), math.fsum([1e100, 1.0, -1e100, 1e-100]), math.perm(6), math.comb(10, 0), math.comb(3, 5))
print(hash(1.5), hash(-2.25), hash(2 ** 61), hash(10.0) == hash(10), hash(-1), {1: "int", 1.0: "float"})
for bad in [lambda: math.sqrt(-1), lambda: math.factorial(-1), lambda: math.asin(2), lambda: pow(2, 3, 0), lambda: math.comb(-1, 2)]:
    try:
        bad()
    except ValueError as e:
        print("ValueError:", e)
print(pow(3, 200, 13), pow(-3, 3, 7), pow(7, 2, -5), pow(base=2, exp=5))
