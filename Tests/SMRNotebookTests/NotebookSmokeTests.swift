// Notebook tests (filled in by the notebook work).
