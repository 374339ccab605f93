from dataclasses import dataclass, field
from typing import List, Optional

@dataclass
class Item:
    name: str
    price: float
    qty: int = 1
    tags: List[str] = field(default_factory=list)
    def total(self) -> float:
        return self.price * self.qty

@dataclass(frozen=True)
class Pt:
    x: int
    y: int = 0

@dataclass(order=True)
class Ver:
    major: int
    minor: int

i = Item("pen", 1.25, 4)
print(i, i.total(), i == Item("pen", 1.25, 4), i.tags)
j = Item("cup", 3.0)
j.tags.append("kitchen")
print(j, Item("x", 1).tags)
p = Pt(1)
print(p, hash(p) == hash(Pt(1, 0)))
try:
    p.x = 5
except Exception as e:
    print(type(e).__name__, e)
print(sorted([Ver(1, 2), Ver(0, 9), Ver(1, 0)]), Ver(1, 0) < Ver(1, 1))
def f(x: int, y: Optional[int] = None) -> str:
    return str(x) + str(y)
print(f(1), f.__annotations__ if False else "")

from typing import List, Dict, Optional, Union, Callable, Tuple, Any, TypeVar
from dataclasses import dataclass, field
T = TypeVar("T")
class Box:
    items: List[int]
    lookup: Dict[str, List[float]]
    maybe: Optional[str] = None
    either: Union[int, str] = 0
    fn: Callable[[int], str] = str
    pair: Tuple[int, ...] = ()
    plain: list[int] = None
    d: dict[str, "Box"] = None
    anything: Any = 1
    t: T = None
for k, v in Box.__annotations__.items():
    print(k, v)
@dataclass
class Inventory:
    items: Dict[str, int] = field(default_factory=dict)
    def add(self, name: str, n: int = 1) -> None:
        self.items[name] = self.items.get(name, 0) + n
inv = Inventory()
inv.add("apple"); inv.add("apple", 2)
print(inv, inv.items["apple"], Inventory.__dataclass_fields__["items"].name)
print(list[int], dict[str, int], type(...), repr(...))
