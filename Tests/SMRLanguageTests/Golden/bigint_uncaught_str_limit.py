# Printing an int of more than 4300 digits is CPython 3.11's ValueError, uncaught here.
x = 10 ** 4299
print(len(str(x)))
print(x * 10)
print("not reached")
