count = 0
print("before")
print(cout + 1)
