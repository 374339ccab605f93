// SMRAgents: memories, policies, training algorithms.
