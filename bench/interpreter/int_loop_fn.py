# The integer loop inside a function (locals instead of globals).
def run():
    total = 0
    for i in range(1000000):
        total = (total + i * 3) % 1000003
    return total

print(run())
