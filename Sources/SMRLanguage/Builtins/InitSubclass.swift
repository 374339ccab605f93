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

extension ClassObject {
    /// After a `class` statement, before `__init_subclass__`: each class attribute whose
    /// class defines `__set_name__` learns its owner and name, in definition order. An error
    /// there is CPython 3.11's RuntimeError naming the attribute.
    func runSetName() throws {
        for name in attrOrder {
            guard let v = ownAttribute(name), let d = v.userInstance, let hook = d.cls.lookup("__set_name__") else { continue }
            do { _ = try rt.call(hook, [v, .object(self), .str(name)]) } catch let e as PyError where !e.kind.isSyntax {
                throw PyError(.runtimeError, "Error calling __set_name__ on '\(d.cls.name)' instance '\(name)' in '\(self.name)'")
            }
        }
    }
}
