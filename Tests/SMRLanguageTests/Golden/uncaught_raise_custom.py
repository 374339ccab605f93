raise RuntimeError("stop here")
