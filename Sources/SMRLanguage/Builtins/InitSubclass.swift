extension ClassObject {
    /// After a `class` statement: the nearest base's `__init_subclass__` (an implicit
    /// classmethod) is called with the new class, as `type.__new__` does.
    func runInitSubclass() throws {
        abstractMethods = AbcModule.abstractNames(self)
        try EnumModule.makeMembers(self)
        for base in mro.dropFirst() {
            guard let hook = base.ownAttribute("__init_subclass__") else { continue }
            let f: Value
            switch hook {
            case .object(let cm as ClassMethodObject): f = cm.function
            case .object(let sm as StaticMethodObject): f = sm.function
            default: f = hook
            }
            _ = try rt.call(f, [.object(self)])
            return
        }
    }
}
