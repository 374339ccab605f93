# int() of a string it cannot parse: CPython cuts the repr in the message to 200 characters.
import numpy as np

for text in ["12x", "x" * 300, "é" * 250, "  7_", "0b102", "1" * 199 + "z"]:
    try:
        int(text)
    except ValueError as e:
        print(len(str(e)), str(e)[:60], str(e)[-12:])
try:
    int("z" * 500, 16)
except ValueError as e:
    print(len(str(e)), str(e)[-5:])
try:
    np.int64("q" * 260)
except ValueError as e:
    print(len(str(e)), str(e)[:50])
print(int(" 42 "), int("-0x1f", 16), int("1_000"))
