# Dict keys compare as Python's do: strings by code points, so canonically equivalent
# spellings (precomposed é and e + combining acute) are different keys.
d = {"\u00e9": 1, "e\u0301": 2}
print(len(d), list(d.values()))
d["e\u0301"] += 10
print(d["\u00e9"], d["e\u0301"], "\u00e9" in d, "e\u0301" in d)
counts = {}
for w in ["caf\u00e9", "cafe\u0301", "caf\u00e9", "Cafe"]:
    counts[w] = counts.get(w, 0) + 1
print(sorted(counts.items()))
t = {("\u00c5", 1): "a", ("A\u030a", 1): "b"}
print(len(t), t[("A\u030a", 1)])
print({1: "int", 1.0: "float", True: "bool"})
print(len({"\u212b", "\u00c5", "A\u030a"}), len(dict.fromkeys(["\u212b", "\u00c5", "A\u030a"])))
