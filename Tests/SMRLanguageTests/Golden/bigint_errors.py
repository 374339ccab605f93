# Errors involving big ints, with CPython's types and messages.
tests = [
    lambda: [0][2 ** 64], lambda: "abc"[-2 ** 70], lambda: (1, 2)[2 ** 100], lambda: [0] * 2 ** 64, lambda: [0] * -2 ** 64,
    lambda: "a" * 2 ** 64, lambda: (1,) * 2 ** 70, lambda: 10 ** 20 // 0, lambda: 10 ** 20 % 0, lambda: 10 ** 20 / 0,
    lambda: divmod(10 ** 20, 0), lambda: 0 ** -(2 ** 70), lambda: 2 ** 70 << -1, lambda: 1 >> -(2 ** 70),
    lambda: float(2 ** 1024), lambda: 10 ** 400 / 3, lambda: 10 ** 800 / 10 ** 300, lambda: 10 ** 400 * 1.0,
    lambda: 10 ** 400 + 1.0, lambda: chr(2 ** 64), lambda: "%c" % 2 ** 64, lambda: pow(2, 2 ** 70, 0),
    lambda: pow(2, -1, 4), lambda: pow(2.0, 3, 5), lambda: 2 ** 70 + "a", lambda: "a" + 2 ** 70, lambda: 2 ** 70 < "a",
    lambda: [1, 2, 3].pop(2 ** 70), lambda: len(range(2 ** 62 * 3)), lambda: int(float("inf")), lambda: int(float("nan")),
    lambda: int("12", 37), lambda: int(2 ** 70, 10), lambda: [1, 2, 3][2 ** 70:], lambda: "abc"[-2 ** 70:],
    lambda: [1, 2, 3][:2 ** 70], lambda: 1 << 2 ** 64, lambda: 2 ** 70 ** 0.5, lambda: round(2 ** 70, 1.5),
]
for i, t in enumerate(tests):
    try:
        print(i, repr(t()))
    except Exception as e:
        print(i, type(e).__name__, e)
M = 9223372036854775807
m = -M - 1
more = [lambda: divmod(m, -1), lambda: m // -1, lambda: m % -1, lambda: abs(m), lambda: -m, lambda: m * -1, lambda: m - 1,
        lambda: int(str(M) + "0"), lambda: M + 1 - 1, lambda: (M + 1) * (M + 1), lambda: m << 1, lambda: M ** 2, lambda: sum([M, M, m])]
for i, t in enumerate(more):
    print(i, repr(t()))
