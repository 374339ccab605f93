/// A per-site cache for `obj.name(...)` on library objects, the counterpart of
/// `AttributeCache` for user instances. For a library instance it keeps the method found in
/// its type's table (for the last class and type seen, at the table's version); for a module
/// (`torch.softmax(...)`) the member found (at the module's version). A hit skips hashing the
/// name into the dictionaries and the `callMethod` chain, and does exactly what that chain
/// does: names a class intercepts in its own `callMethod` are never cached.
final class NativeMethodCache {
    private var instanceClass: ObjectIdentifier?
    private var type: NativeType?
    private var typeVersion = -1
    private var method: NativeMethod?

    private var module: NativeModule?
    private var moduleVersion = -1
    private var member: Value = .none

    /// A class seen here that has no cacheable method (not a library instance, or intercepted).
    private var missClass: ObjectIdentifier?

    /// The table method `o.name(...)` runs, with `o` as the instance it runs on.
    @inline(__always)
    func method(_ o: NativeObject, _ name: String) -> (NativeInstance, NativeMethod)? {
        let cls = ObjectIdentifier(Swift.type(of: o))
        if cls == instanceClass, let t = type, let m = method {
            let inst = unsafeDowncast(o, to: NativeInstance.self)
            if inst.nativeType === t && t.methodsVersion == typeVersion { return (inst, m) }
        }
        if cls == missClass { return nil }
        return resolveMethod(o, name, cls)
    }

    private func resolveMethod(_ o: NativeObject, _ name: String, _ cls: ObjectIdentifier) -> (NativeInstance, NativeMethod)? {
        guard let inst = o as? NativeInstance, !Swift.type(of: inst).interceptsMethod(name),
              let m = inst.nativeType.methods[name] else {
            if !(o is NativeInstance) { missClass = cls }
            return nil
        }
        instanceClass = cls
        type = inst.nativeType
        typeVersion = inst.nativeType.methodsVersion
        method = m
        return (inst, m)
    }

    /// The module member `o.name` names, when `o` is a module that has it.
    @inline(__always)
    func moduleMember(_ o: NativeObject, _ name: String) -> Value? {
        if o === module, let m = module, m.membersVersion == moduleVersion { return member }
        guard let m = o as? NativeModule, let v = m.member(name) else { return nil }
        module = m
        moduleVersion = m.membersVersion
        member = v
        return v
    }
}
