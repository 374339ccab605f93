# Build a list of 100,000 floats, then sum it (a loop and the sum builtin).
xs = []
for i in range(100000):
    xs.append(i * 0.5)
total = 0.0
for x in xs:
    total += x
print(total, sum(xs))
