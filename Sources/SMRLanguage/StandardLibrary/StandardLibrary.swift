/// The Python standard modules every interpreter has besides `math` and `numpy`:
/// `json`, `csv`, `time`, `collections`, `itertools` and `copy`.
enum StandardLibrary {
    /// `from __future__ import annotations` (the parser keeps class annotations as strings).
    static func future() -> NativeModule {
        let m = NativeModule("__future__", doc: "Future statements; every feature but `annotations` is already the default.")
        for name in ["annotations", "division", "print_function", "absolute_import", "generators", "with_statement", "nested_scopes", "unicode_literals", "generator_stop"] {
            m.add(name, .str(name))
        }
        return m
    }

    static func modules() -> [NativeModule] {
        [JSONModule.make(), CSVModule.make(), TimeModule.make(), CollectionsModule.make(), ItertoolsModule.make(), CopyModule.make(), FunctoolsModule.make(), HeapqModule.make(), StringModule.make(), TypingModule.make(), ContextlibModule.make(), future()]
    }
}
