import numpy as np
x = np.arrange(3)
