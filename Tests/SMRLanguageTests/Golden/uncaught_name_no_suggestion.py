lst = [1]
print(lts)
