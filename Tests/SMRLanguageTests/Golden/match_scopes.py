# match in functions, closures, generators, class bodies and comprehensions' neighbours:
# the names a pattern binds are ordinary variables of the enclosing scope.


def classify(events):
    counts = {}

    def bump(key):
        counts[key] = counts.get(key, 0) + 1

    for e in events:
        match e:
            case ("click", x, y) if x < 0 or y < 0:
                bump("offscreen")
            case ("click", x, y):
                bump("click")
                last = (x, y)
            case ("key", str(k)) if len(k) == 1:
                bump("char " + k)
            case ("key", k):
                bump("key " + str(k))
            case {"quit": True}:
                bump("quit")
            case _:
                bump("unknown")
    return counts, last


print(classify([("click", 1, 2), ("click", -1, 5), ("key", "a"), ("key", "Enter"), ("key", 13),
                {"quit": True}, {"quit": False}, 42, ("click", 7, 8)]))


def closures():
    fs = []
    for item in [1, "two", [3]]:
        match item:
            case int(n):
                fs.append(lambda: ("int", n))
            case str() as s:
                fs.append(lambda: ("str", s))
            case [n]:
                fs.append(lambda: ("list", n))
    return [f() for f in fs]


print(closures())


def counter_with_nonlocal():
    total = 0

    def add(v):
        nonlocal total
        match v:
            case int(x) | float(x):
                total += x
            case [*xs]:
                for x in xs:
                    add(x)

    add(1)
    add([2, 3.5, [4]])
    return total


print(counter_with_nonlocal())


def tokens(text):
    for word in text.split():
        match word:
            case "+" | "-" | "*" | "/":
                yield ("op", word)
            case w if w.isdigit():
                yield ("num", int(w))
                yield ("after-num", None)
            case _:
                yield ("name", word)


print(list(tokens("x + 12 * y")))


def interpreter(program):
    stack = []
    for instr in program:
        match instr.split():
            case ["push", value]:
                stack.append(int(value))
            case ["pop"]:
                stack.pop()
            case ["add"]:
                b, a = stack.pop(), stack.pop()
                stack.append(a + b)
            case ["mul"]:
                b, a = stack.pop(), stack.pop()
                stack.append(a * b)
            case ["dup", *times]:
                n = int(times[0]) if times else 1
                stack.extend([stack[-1]] * n)
            case [op, *args]:
                print("unknown", op, args)
            case []:
                print("blank line")
    return stack


print(interpreter(["push 2", "push 3", "add", "dup 2", "mul", "", "jump 4 5", "push 1", "pop"]))


class Shape:
    kind = "square"
    match kind:
        case "square":
            sides = 4
        case "triangle":
            sides = 3


print(Shape.sides)

match_count = 0
for v in range(5):
    match v:
        case 0 | 2 | 4:
            match_count += 1
print(match_count)


def walrus_guard(xs):
    match xs:
        case [first, *rest] if (n := len(rest)) > 1:
            return first, n
        case _:
            return None


print(walrus_guard([1, 2, 3]), walrus_guard([1]))


def nested_match(cmd):
    match cmd:
        case {"action": action, "target": target}:
            match action:
                case "move":
                    match target:
                        case (x, y):
                            return f"move to {x},{y}"
                        case str(name):
                            return f"move to {name}"
                case "stop":
                    return "stop"
            return f"bad action {action!r}"
    return "bad command"


print(nested_match({"action": "move", "target": (1, 2)}))
print(nested_match({"action": "move", "target": "home"}))
print(nested_match({"action": "move", "target": 3}))
print(nested_match({"action": "stop", "target": None}))
print(nested_match({"action": "jump", "target": None}))
print(nested_match({"target": None}))


def return_inside(v):
    while True:
        match v:
            case 0:
                return "zero"
            case int():
                v -= 1
            case _:
                break
    return "broke out"


print(return_inside(3), return_inside("x"))


def unbound_capture():
    match 1:
        case 2 as y:
            pass
    return y


try:
    unbound_capture()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)


# Ranges match sequence patterns without making their items.
match range(10**12):
    case [a, b]:
        print("two")
    case [0, 1, *_, z]:
        print("last", z)
for r in [range(0), range(3), range(10, 0, -3), range(5)]:
    match r:
        case []:
            print("empty")
        case [x, *mid, y] if mid:
            print(x, mid, y)
        case [x, *_, y]:
            print("ends", x, y)
