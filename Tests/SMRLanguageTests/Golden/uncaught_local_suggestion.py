def run(episodes):
    total = 0
    for e in range(episodes):
        total += e
    return totl
run(3)
