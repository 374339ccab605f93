// SMREnvironments: gymnasium-style environments (filled in by the environments work).
