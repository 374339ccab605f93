assert 2 + 2 == 5, "arithmetic"
