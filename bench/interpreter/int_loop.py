# 1,000,000 iterations of integer arithmetic at top level (globals), as in a notebook cell.
total = 0
for i in range(1000000):
    total = (total + i * 3) % 1000003
print(total)
