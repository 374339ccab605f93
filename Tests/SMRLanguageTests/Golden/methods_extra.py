# Less common methods and builtins Python users reach for.
s = "key=value=more"
print(s.partition("="), s.rpartition("="), s.partition("#"), s.rpartition("#"))
print(s.rsplit("=", 1), "a b  c".rsplit(None, 1), "a,b,c".rsplit(","), s.rfind("="), s.rindex("v"), s.find("=", 4), s.count("=", 4))
print("ABC".isupper(), "abc".islower(), "Ab1".isalnum(), "Ab-1".isalnum(), "123".isnumeric(), "12.3".isdecimal(), "Hello".swapcase())
print("prefix_name".removeprefix("prefix_"), "file.txt".removesuffix(".txt"), "x".removeprefix("y"), "Straße".casefold())
print("abcabc".startswith("bc", 1), "abcabc".endswith("ab", 0, 2), "  x  ".strip(" x"), "a\tb".expandtabs(4))
print(sorted(["b", "A", "c"], key=str.lower), list(map(str.upper, ["a", "b"])), list(map(len, ["ab", ""])), str.join("-", ["x", "y"]))
print(dict.fromkeys(["a", "b"], 0), dict.fromkeys("xy"), list.copy([1]), sorted({"b": 1, "a": 2}.items(), key=lambda kv: kv[1]))
d = {"a": 1, "b": 2, "c": 3}
print(d.popitem(), d, "a" in d.keys(), 2 in d.values(), ("b", 2) in d.items(), len(d.items()))
it = iter([10, 20, 30])
print(next(it), next(it), list(it), next(iter("xy")), next(iter([]), "default"))
first_key = next(iter({"k": 1, "j": 2}))
print(first_key, bin(10), hex(255), oct(8), bin(-3), hex(0))
xs = [3, 1, 2]
xs.sort(key=lambda v: -v)
print(xs, xs.index(1), [1, 2, 3, 2].index(2, 2), xs.count(7), xs * 0, list(reversed(xs)))
nums = [1, 2, 3, 4, 5, 6]
evens = [n for n in nums if n % 2 == 0]
print(evens, sum(evens) / len(evens), max(nums) - min(nums), sorted(nums, key=lambda n: (n % 3, -n)))
print(abs(-7) == 7, pow(3, 2), pow(2, 0.5), divmod(-7, 2), round(-0.5), round(0.5000001))
text = "The rain in Spain stays mainly in the plain"
words = text.lower().split()
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
print(top, len(freq), "ain" in text, text.count("ain"), text.replace("ain", "AIN", 2))
print(list(zip(*[[1, 2, 3], [4, 5, 6]])), [list(r) for r in zip(*[[1, 2], [3, 4]])], any(c.isupper() for c in text))
print(isinstance(1.0, (int, float)), isinstance("s", str), type(3) is int, type(True) is bool, callable(len), callable(3))
print(getattr([], "append").__name__ if False else "x", hasattr("s", "upper"), hasattr(3, "upper"), getattr(3, "real"))
