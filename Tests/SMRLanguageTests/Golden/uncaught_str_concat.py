age = 3
print("age: " + age)
