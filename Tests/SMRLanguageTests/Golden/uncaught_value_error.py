n = int("12")
m = int("twelve")
