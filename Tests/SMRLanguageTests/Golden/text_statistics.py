from collections import Counter, defaultdict, OrderedDict, deque, namedtuple
import string
text = """It was the best of times, it was the worst of times,
it was the age of wisdom, it was the age of foolishness"""
words = [w.strip(string.punctuation).lower() for w in text.split()]
c = Counter(words)
print(c.most_common(3))
print(c["was"], c["missing"], len(c), sum(c.values()))
print(Counter("hello world").most_common(2))
c2 = Counter(a=3, b=1)
c2.update("aab")
print(c2, c2 + Counter(b=5), c2 - Counter(a=4), dict(c2))
print(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:4])
by_len = defaultdict(list)
for w in words:
    by_len[len(w)].append(w)
print(dict(sorted(by_len.items())))
print(by_len[100], 100 in by_len)
dd = defaultdict(int)
for ch in "mississippi":
    dd[ch] += 1
print(dd)
od = OrderedDict()
od["b"] = 1; od["a"] = 2
od.move_to_end("b")
print(od, list(od), od.popitem(last=False))
dq = deque([1, 2, 3], maxlen=4)
dq.append(4); dq.append(5); dq.appendleft(0)
print(dq, dq[0], dq[-1], len(dq), list(reversed(dq)))
dq.rotate(1)
print(dq, dq.popleft(), dq.pop())
Point = namedtuple("Point", ["x", "y"])
p = Point(1, y=2)
print(p, p.x + p.y, p._asdict(), p._replace(x=10), p._fields, tuple(p))
Emp = namedtuple("Emp", "name age dept", defaults=["eng"])
e = Emp("ann", 30)
print(e, e[0], e.dept, isinstance(e, tuple))
print("{:<10}|{:>5}|{:^7}|".format("name", "qty", "mid"))
for name, qty, price in [("apple", 3, 1.5), ("kiwi", 12, 0.25), ("mango", 1, 2.0)]:
    print(f"{name:<10}|{qty:>5d}|{price:^7.2f}|{qty*price:>8.3f}")
print(f"{'total':=^20}")
print(f"{1234567:,}", f"{0.5:.0%}", f"{12.3456:+.1f}", f"{42:08.3f}", f"{255:x}", f"{255:#o}", f"{5:b}")
print("%s has %d items costing %.2f" % ("cart", 3, 4.5), "%5.1f|%-5d|" % (3.14159, 42))
print(" ".join(sorted(set(words)))[:40])
s = "  Hello, World  "
print(s.strip().center(20, "*"), s.lstrip(), s.rstrip() + "|", s.title(), s.swapcase())
print("a,b,,c".split(","), "a b  c".split(), "abc".startswith(("x", "a")), "hello".find("l"), "hello".rfind("l"))
print("hello".count("l"), "Hello".isupper(), "123".isdigit(), "abc".isalpha(), "ab1".isalnum(), " ".isspace())
print("x".join(["1", "2"]), "hello world".capitalize(), "a-b-c".rsplit("-", 1), "abc".zfill(6), "tab\tx".expandtabs(4))
print("hello"[::-1], "hello".index("e"), "aXbXc".replace("X", "-", 1), "Straße".casefold(), "ab".ljust(5, ".") + "|")
print("line1\nline2\r\nline3".splitlines(), "k=v=w".partition("="), "k=v=w".rpartition("="), "abc".removeprefix("a"), "abc".removesuffix("c"))
print(repr("it's"), repr('say "hi"'), repr("both ' \""), repr("tab\t\n"), ascii("é"), ord("a"), chr(65))
print(str.maketrans("ab", "xy"), "aabbc".translate(str.maketrans("ab", "xy")))
print(string.ascii_lowercase[:5], string.digits, "{0}{1}{0}".format("a", "b"), "{name}!".format(name="x"), "{:.3}".format(3.14159))
