result = [].sort()
result.append(1)
