from abc import ABC, abstractmethod
class Env(ABC):
    @abstractmethod
    def reset(self): ...
    @abstractmethod
    def step(self, action): ...
    @property
    @abstractmethod
    def n_actions(self): ...
    def describe(self):
        return f"{type(self).__name__} with {self.n_actions} actions"
class Half(Env):
    def reset(self): return 0
class Line(Half):
    def step(self, action): return action + 1
    @property
    def n_actions(self): return 2
for cls in (Env, Half):
    try:
        cls()
    except TypeError as e:
        print(e)
l = Line()
print(l.reset(), l.step(1), l.describe(), isinstance(l, Env), Env.__name__)
