from __future__ import annotations
from dataclasses import dataclass, field, asdict, astuple, fields, replace, FrozenInstanceError
from typing import Optional, List, Dict, Any, ClassVar
import dataclasses

@dataclass
class Node:
    value: int
    next: Optional[Node] = None

@dataclass
class Config:
    lr: float = 1e-3
    layers: list[int] = field(default_factory=lambda: [64, 64])
    name: str = "ppo"
    count: ClassVar[int] = 0
    def __post_init__(self):
        Config.count += 1
        self.lr = float(self.lr)

c = Config(lr=1, name="a2c")
print(c, Config.count, asdict(c), astuple(c), [f.name for f in fields(c)])
print(replace(c, name="dqn"), c == Config(1.0, [64, 64], "a2c"), c != Config())
print(Node(1, Node(2)))
class Point:
    x: int
    y: int = 0
print(Point.__annotations__, Point.y)
@dataclass(frozen=True, order=True)
class Card:
    rank: int
    suit: str = "s"
cards = sorted([Card(10, "h"), Card(2), Card(10, "c")])
print(cards, hash(Card(1)) == hash(Card(1)), {Card(1), Card(1)})
try:
    cards[0].rank = 5
except FrozenInstanceError as e:
    print("frozen:", e, isinstance(e, AttributeError))
try:
    Card()
except TypeError as e:
    print(e)
try:
    Card(1, "x", 3)
except TypeError as e:
    print(e)
try:
    @dataclass
    class Bad:
        xs: list = []
except ValueError as e:
    print(e)
try:
    hash(c)
except TypeError as e:
    print(e)
@dataclass
class Employee(Config):
    salary: float = 0.0
e = Employee(salary=10)
print(e, dataclasses.is_dataclass(e), dataclasses.is_dataclass(3))
def f(x: int, y: "str" = "a") -> List[int]:
    return [x]
print(f(3), ..., type(...).__name__)
def todo(): ...
print(todo())
x: int = 5
y: Dict[str, Any]
print(x)
