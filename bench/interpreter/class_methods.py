# A user-defined class: method calls, attribute reads and writes, a property-like method
# and an __init__ per object, as model code written in the language does.
class Accumulator:
    def __init__(self, scale):
        self.scale = scale
        self.total = 0.0
        self.count = 0

    def add(self, x):
        self.total += x * self.scale
        self.count += 1
        return self

    def mean(self):
        return self.total / self.count if self.count else 0.0


class Running(Accumulator):
    def add(self, x):
        super().add(x)
        return self


accs = [Accumulator(0.5), Running(2.0)]
for i in range(150000):
    accs[i % 2].add(i)
objs = [Accumulator(i) for i in range(20000)]
print(accs[0].mean(), accs[1].mean(), sum(o.scale for o in objs))
