/// The Python standard modules every interpreter has besides `math` and `numpy`:
/// `json`, `csv`, `time`, `collections`, `itertools` and `copy`.
enum StandardLibrary {
    static func modules() -> [NativeModule] {
        [JSONModule.make(), CSVModule.make(), TimeModule.make(), CollectionsModule.make(), ItertoolsModule.make(), CopyModule.make(), FunctoolsModule.make(), HeapqModule.make(), StringModule.make()]
    }
}
