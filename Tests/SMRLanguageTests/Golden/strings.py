# String methods, slicing, escapes and repr.
s = "  Hello, World!  "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr(s.upper()), repr(s.lower()))
print("xxhixx".strip("x"), "abcba".strip("ab"), "..a.b..".strip("."), "hello".strip("lo"), "  ".strip(), repr("".strip()))
print("<<a>>".lstrip("<"), "<<a>>".rstrip(">"), "\t\n x \n".strip(), "aaa".strip("a") == "")
print("a,b,c".split(","), "a,,b".split(","), ",a,".split(","), "".split(","), "abc".split(","))
print("a b  c".split(), "  a  b  ".split(), "".split(), "   ".split(), "a\tb\nc".split())
print("a,b,c,d".split(",", 1), "a,b,c,d".split(",", 2), "a b c d".split(None, 1), "a b c".split(maxsplit=1))
print("a,b".split(",", 0), "a,b,c".split(sep=",", maxsplit=-1), "  lead space".split(None, 1), "a--b--c".split("--"))
print("-".join(["a", "b", "c"]), "".join(["x", "y"]), ", ".join([]), " ".join("abc"), "+".join(("1", "2")))
print("-".join(str(i) for i in range(5)), "|".join({"k": 1, "j": 2}))
print("hello".replace("l", "L"), "hello".replace("l", "L", 1), "aaa".replace("a", "bb"), "abc".replace("", "-"))
print("hello".replace("xyz", "q"), "banana".replace("an", ""), "aaaa".replace("aa", "a"))
print("Hello".upper(), "Hello".lower(), "hello world".title(), "hELLO".capitalize(), "ab".center(6, "*"))
print("abc".startswith("ab"), "abc".endswith("bc"), "abc".startswith(("x", "a")), "abc".find("c"), "abc".find("z"))
print("abcabc".count("bc"), "abc".index("b"), "42".isdigit(), "4a".isdigit(), "abc".isalpha(), " ".isspace())
print("7".zfill(3), "-7".zfill(4), "abc".ljust(5) + "|", "abc".rjust(5), "abc".center(7), "a\nb\n".splitlines())
s = "abcdefghij"
print(s[0], s[-1], s[2:5], s[:3], s[7:], s[-3:], s[:-3], s[::2], s[1::3], s[::-1], s[-1:-4:-1], s[8:2:-2])
print(s[100:], s[-100:2], s[5:2], repr(s[3:3]), s[::-3], s[:], s[-2], len(s), s[2:-2:3])
print("abc" + "def", "ab" * 3, 3 * "x", "a" < "b", "abc" < "abd", "Z" < "a", "abc" == "abc", "" < "a")
print("b" in "abc", "bc" in "abc", "x" not in "abc", "" in "abc", "é" in "café")
print(len("café"), "café"[3], "naïve".upper(), "ß".upper(), "ǅ".lower())
print("tab\there", "new\nline", "back\\slash", 'single\'quote', "double\"quote", "\x41\x42", "\u00e9")
print(repr("it's"), repr('say "hi"'), repr("both ' and \""), repr("\n\t\\"), repr(""), repr("\x7f"), repr("\x00"))
print(str("x"), str(3) + "3", "%", "{}", "{x}")
print("a" "b" "c", ("multi"
                    "line"))
t = """triple
quoted"""
print(t, repr(t), '''single ''' + "x")
print(r"raw\nstring", r'\d+', len(r"\n"))
words = "the quick brown fox jumps over the lazy dog".split()
print(len(words), sorted(words), max(words, key=len), min(words), words.count("the"))
print([w.capitalize() for w in words if len(w) > 3], "".join(w[0] for w in words).upper())
acc = ""
for ch in "hello":
    acc = ch + acc
print(acc, list("abc"), tuple("ab"), sorted("cba"), "".join(sorted("cba")), "abc"[::-1] == "cba")
print(str(None), str(True), str([1, "a"]), str((1,)), str({"a": [1, 2]}), repr([1, "a"]), repr("a'b\"c"))
print(ord("a"), chr(97), chr(0x263A), ord("€"), "a".upper() * 2)
