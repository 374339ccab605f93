# Converting big ints to and from str, float, bool and json.
import json
import math

print(int("123456789012345678901234567890"), int("-123_456_789_012_345_678_901"), int("  +42  "))
print(int("0x" + "f" * 20, 0), int("0b1" + "0" * 70, 0), int("0o7" * 1, 0), int("ZZZZZZZZZZZZZZZ", 36), int("0x_ff", 16))
print(int("1" * 4300) % 1000, len(str(int("9" * 4300))))
for bad in ["1__0", "_1", "1_", "", "12a", "0x", "010"]:
    try:
        print(int(bad, 0 if bad == "010" else 10))
    except ValueError as e:
        print("ValueError", e)
print(int(1e30), int(-1e30), int(2.0 ** 64), int(1.5e300) % 10 ** 9, int(float(2 ** 63)))
for f in [float("inf"), float("-inf"), float("nan")]:
    try:
        int(f)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
print(float(2 ** 64), float(-2 ** 100), float(2 ** 1024 - 2 ** 971), float(10 ** 308), float(2 ** 53 + 1), float(2 ** 54 + 3))
for n in [2 ** 1024, 2 ** 1024 - 2 ** 970, 10 ** 400]:
    try:
        print(float(n))
    except OverflowError as e:
        print("OverflowError", e)
print(10 ** 30 / 7, 2 ** 100 / 2 ** 50, -(10 ** 40) / 3, 1 / 10 ** 30, 10 ** 400 / 10 ** 399, (2 ** 63 + 1) / 3, 9007199254740993 / 1)
print((10 ** 400 + 1) / 10 ** 100 == 1e300, 3 / 10 ** 400, 2 ** 1100 / 2 ** 2200)
print(10 ** 30 == 1e30, 10 ** 30 < 1e30, 1e30 > 10 ** 30 - 1, 2 ** 70 == 2.0 ** 70, 2 ** 70 + 1 > 2.0 ** 70, 10 ** 400 > 1e308)
print(10 ** 400 < float("inf"), 10 ** 400 > float("-inf"), 10 ** 400 == float("nan"), 10 ** 400 < float("nan"))
print(sorted([2 ** 70, -2 ** 70, 1, 1e30, 10 ** 30, 0.5, True]), max(2 ** 70, 3.0), min(-2 ** 70, -1e30))
print(bool(2 ** 70), bool(-2 ** 70), not 2 ** 70, 2 ** 70 and "yes")
print(round(2 ** 70, -5), round(-2 ** 70, -3), round(2 ** 70), round(2 ** 70, 5), round(2 ** 70, 2 ** 70))
print(round(1e30), round(2.5e20), math.floor(1e30), math.ceil(-1.5e20), math.trunc(2 ** 70), math.floor(2 ** 70))
print(json.dumps({"big": 2 ** 100, "neg": -10 ** 25}), json.loads("[123456789012345678901234567890, -99999999999999999999]"))
print(json.dumps({2 ** 70: 1}))
print(math.sqrt(2 ** 100), math.log(10 ** 400), math.log2(2 ** 2000), math.log10(10 ** 500), math.log(2 ** 100, 2))
print(math.factorial(30), math.factorial(100) % 10 ** 30, math.comb(100, 50), math.perm(30, 20), math.perm(25))
print(math.gcd(2 ** 100, 6 ** 50), math.gcd(-2 ** 70, 0), math.lcm(2 ** 70, 3 ** 40), math.isqrt(10 ** 41), math.isqrt(2 ** 200 - 1))
print(math.prod(range(1, 31)), sum([2 ** 63, 2 ** 63]), sum(range(10), 2 ** 64), sum([2 ** 70, 0.5]))
print(abs(-2 ** 70), -(2 ** 70), +(2 ** 70), (2 ** 70).bit_length(), (-2 ** 70).bit_length(), (2 ** 64 - 1).bit_length(), (2 ** 70).real, (2 ** 70).imag)
