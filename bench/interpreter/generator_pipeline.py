# A small generator pipeline: a generator function, a generator expression filtering and
# mapping it, and sum/max/any consuming them.
def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1

def squares(xs):
    for x in xs:
        yield x * x

evens = (x for x in numbers(200000) if x % 2 == 0)
total = sum(squares(evens))
longest = max(len(str(x)) for x in range(50000))
print(total, longest, any(x > 10 ** 9 for x in squares(numbers(1000))))
