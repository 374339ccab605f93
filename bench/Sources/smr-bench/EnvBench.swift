// Replaced by the environments work item.
func runEnvBench(_ args: [String]) { print("env bench: not built yet") }
