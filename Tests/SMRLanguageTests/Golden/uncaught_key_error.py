scores = {"ann": 1}
print(scores["bob"])
