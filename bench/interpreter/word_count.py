# Word counting: short strings built with str(i) and concatenation, dict.get counting, then
# sorted with a key (issue 11: such a program ran 2.7x slower than CPython).
counts = {}
for i in range(200000):
    w = "w" + str(i % 997) + "_" + str(i % 7)
    counts[w] = counts.get(w, 0) + 1
text = " ".join(counts)
words = text.split()
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
print(len(counts), len(words), top)
