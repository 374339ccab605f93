values = [3, 1, 2]
values.apend(4)
