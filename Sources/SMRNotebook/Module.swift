// SMRNotebook: .smrnb cells, replay, export, REPL (filled in by the notebook work).
