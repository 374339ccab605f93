# *args, **kwargs and keyword-only parameters.
def total(*nums):
    return sum(nums), nums, type(nums)
print(total(), total(1), total(1, 2, 3), total(*[4, 5]), total(*range(3), 10))
def report(title, *items, sep=", ", **meta):
    return f"{title}: {sep.join(str(i) for i in items)} {meta}"
print(report("a"), report("b", 1, 2), report("c", 1, sep="|"), report("d", x=1, y=[2]), report(title="e"))
def kwonly(a, *, b, c=3):
    return a, b, c
print(kwonly(1, b=2), kwonly(a=1, b=2, c=4), kwonly(*[1], **{"b": 5}))
def passthrough(*args, **kwargs):
    return args, kwargs
print(passthrough(), passthrough(1, k=2), passthrough(*"ab", **{"z": 0}))
def wrapper(f, *args, **kwargs):
    return f(*args, **kwargs)
print(wrapper(max, 3, 9, 2), wrapper(sorted, [3, 1], reverse=True), wrapper(report, "w", 1, sep="-"))
def defaults_then_star(a, b=2, *rest):
    return a, b, rest
print(defaults_then_star(1), defaults_then_star(1, 5), defaults_then_star(1, 5, 6, 7))
f = lambda *a, **k: (len(a), sorted(k))
print(f(1, 2, x=1, a=2), (lambda x, *, y=0: x + y)(1, y=2))
def count_kinds(**kw):
    counts = {}
    for key, value in kw.items():
        counts[type(value).__name__] = counts.get(type(value).__name__, 0) + 1
    return counts
print(count_kinds(a=1, b=2.0, c=3, d="s"))
config = dict(lr=0.1, steps=10)
def train(lr, steps, verbose=False):
    return f"lr={lr} steps={steps} verbose={verbose}"
print(train(**config), train(**config, verbose=True), train(0.5, **{"steps": 1}))
