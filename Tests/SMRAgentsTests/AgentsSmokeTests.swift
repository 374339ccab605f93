// Agent tests.
