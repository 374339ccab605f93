# try/except/else/finally, raise, and exceptions as values.
def risky(n):
    if n == 0:
        raise ValueError("n must not be zero")
    if n < 0:
        raise KeyError(n)
    if n > 100:
        raise RuntimeError
    return 10 / n

for n in [5, 0, -1, 1000]:
    try:
        r = risky(n)
    except ValueError as e:
        print("value error:", e, e.args, repr(e))
    except (KeyError, IndexError) as e:
        print("lookup error:", e, type(e).__name__, repr(e))
    except Exception as e:
        print("other:", repr(e), str(e) == "", isinstance(e, RuntimeError), isinstance(e, Exception))
    else:
        print("ok", r)
    finally:
        print("finally", n)

def order():
    log = []
    try:
        log.append("try")
        return log
    finally:
        log.append("finally")
print(order())

def finally_wins():
    try:
        return "try"
    finally:
        return "finally"
print(finally_wins())

def swallow():
    for i in range(3):
        try:
            if i == 1:
                raise ValueError("one")
            print("i", i)
        except ValueError:
            print("caught", i)
            continue
        finally:
            print("cleanup", i)
    return "done"
print(swallow())

for i in range(5):
    try:
        if i == 2:
            break
    finally:
        print("leaving", i)

def reraise():
    try:
        {}["missing"]
    except KeyError:
        print("logging and re-raising")
        raise

try:
    reraise()
except LookupError as e:
    print("outer caught", repr(e), e)

try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise ValueError("wrapped") from e
except ValueError as e:
    print(e)

try:
    [][0]
except ArithmeticError:
    print("wrong")
except LookupError as e:
    print("lookup", e)

try:
    int("x")
except:
    print("bare except")

nested = []
try:
    try:
        raise TypeError("inner")
    finally:
        nested.append("inner finally")
except TypeError as e:
    nested.append(str(e))
print(nested)

err = ValueError("made", 2)
print(err, repr(err), err.args, type(err), isinstance(err, ValueError), isinstance(err, TypeError))
print(repr(Exception()), str(Exception("x")), repr(KeyError("k")), str(KeyError("k")), IndexError(3).args)

def checked_div(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return float("inf")
print(checked_div(1, 2), checked_div(1, 0))

results = []
for value in ["1", "x", "2.5", "3"]:
    try:
        results.append(int(value))
    except ValueError as e:
        results.append(str(e))
print(results)

try:
    raise NotImplementedError("later")
except RuntimeError as e:
    print(type(e).__name__, e)

def deep(n):
    return deep(n + 1)
try:
    deep(0)
except RecursionError as e:
    print("recursion:", e)

try:
    undefined_thing
except NameError as e:
    print(e)

x = 0
try:
    x = 1
except Exception:
    x = 2
else:
    x += 10
finally:
    x += 100
print(x)
try:
    print("e still bound?", e)
except NameError as problem:
    print("NameError:", problem)
raise ValueError("final uncaught error")
