import heapq
class PriorityQueue:
    def __init__(self):
        self._heap = []
        self._count = 0
    def push(self, item, priority):
        heapq.heappush(self._heap, (priority, self._count, item))
        self._count += 1
    def pop(self):
        if not self._heap:
            raise KeyError("pop from empty queue")
        return heapq.heappop(self._heap)[-1]
    def __len__(self):
        return len(self._heap)
    def __bool__(self):
        return len(self) > 0

pq = PriorityQueue()
for name, p in [("write", 3), ("read", 1), ("exec", 2), ("idle", 3)]:
    pq.push(name, p)
while pq:
    print(pq.pop())
try:
    pq.pop()
except KeyError as e:
    print("KeyError", e, repr(e), e.args)
h = [5, 1, 8, 3, 2]
heapq.heapify(h)
print(h, heapq.nsmallest(2, h), heapq.nlargest(2, h))
print(heapq.heappushpop(h, 0), h)
tasks = [(3, "c"), (1, "a"), (2, "b")]
print(heapq.nsmallest(2, tasks, key=lambda t: -t[0]), heapq.nlargest(1, tasks), list(heapq.merge([1, 4, 7], [2, 5], [3])))
h = []
for x in [5, 3, 8, 1, 9, 2, 7]:
    heapq.heappush(h, x)
print(h, heapq.heapreplace(h, 6), h, [heapq.heappop(h) for _ in range(len(h))])
try:
    heapq.heappop([])
except IndexError as e:
    print("IndexError:", e)
import string
print(string.ascii_letters, string.punctuation, string.capwords("hello   big world"), repr(string.whitespace))
print([w.strip(string.punctuation) for w in "Hi, there! (ok)".split()])
