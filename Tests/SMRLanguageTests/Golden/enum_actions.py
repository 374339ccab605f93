from enum import Enum, auto
class Action(Enum):
    UP = 0
    DOWN = 1
    LEFT = 2
    RIGHT = 3
    def delta(self):
        return {Action.UP: (-1, 0), Action.DOWN: (1, 0), Action.LEFT: (0, -1), Action.RIGHT: (0, 1)}[self]
class Color(Enum):
    RED = auto()
    GREEN = auto()
    CRIMSON = 1
print(Action.UP, repr(Action.LEFT), Action.LEFT.name, Action.LEFT.value, Action(3), Action["DOWN"])
print(list(Action), len(Action), [a.name for a in Action], Action.UP.delta())
print(Color.CRIMSON is Color.RED, list(Color), Color.GREEN.value, f"{Color.RED}", str(Color.RED))
print(Action.UP == Action.UP, Action.UP == 0, Action.UP in Action, isinstance(Action.UP, Action), type(Action.UP).__name__)
d = {Action.UP: "u"}
print(d, sorted(Action, key=lambda a: -a.value)[0])
try:
    Action(9)
except ValueError as e:
    print(e)
try:
    Action["NOPE"]
except KeyError as e:
    print("KeyError", e)
from enum import unique
try:
    unique(Color)
except ValueError as e:
    print(e)
print(unique(Action) is Action)
