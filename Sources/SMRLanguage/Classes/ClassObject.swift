/// A class made by a `class` statement: its attributes, bases and C3 method resolution
/// order, and the layout of its instances' attributes (name → slot), so that compiled
/// attribute sites resolve `self.x` to a slot once and then index it directly.
final class ClassObject: NativeObject {
    let name: String
    let qualName: String
    /// The bases as written (user classes, builtin exception classes, library classes).
    let bases: [Value]
    /// User classes in method resolution order, this class first.
    private(set) var mro: [ClassObject] = []
    private(set) var attrs: [String: Value]
    private(set) var attrOrder: [String]
    /// Bumped whenever this class's or a base's attributes change; attribute sites check it.
    @exclusivity(unchecked) private(set) var version = 0
    /// Subclasses, for cache invalidation. Not weak references: a weakly referenced object's
    /// counts move to a side table, which made every retain of a class slow; each subclass
    /// removes itself here when it goes away (it holds its bases, so they outlive it).
    private var subclasses: [SubclassLink] = []
    /// The builtin exception class this class derives from (`ValueError`), if any.
    let exceptionBase: String?
    /// The library class this class derives from (`nn.Module`, `gym.Env`), if any.
    let nativeBase: NativeType?
    /// Abstract methods (`@abc.abstractmethod`) no class in the MRO overrides; set when the
    /// class statement ends; instantiating such a class is a TypeError.
    var abstractMethods: [String]?
    /// The members of an `enum.Enum` subclass, in definition order (aliases left out).
    var enumMembers: [Value]?
    /// The names the `__slots__` along the MRO declare (kept out of `__dict__`).
    private(set) var slotMembers: Set<String> = []
    /// Instances have a `__dict__` and take any attribute: some class in the MRO declares no
    /// `__slots__` (or lists `__dict__`), or the class derives from a library or exception class.
    private(set) var hasInstanceDict = true
    /// Instance attribute slots, shared by all instances of this class.
    @exclusivity(unchecked) private(set) var layout: [String: Int] = [:]
    private(set) var layoutNames: [String] = []
    private var lookupCache: [String: Value] = [:]
    unowned let rt: Runtime
    /// The registry this class is listed in (held here: the class may outlive the runtime).
    private let registry: ClassRegistry

    /// Special methods resolved once (and again after the class changes). A class, so that
    /// reading one of them does not copy (and retain) all fifteen.
    final class Specials {
        var repr, str, eq, hash, bool, len, getitem, setitem, delitem, contains, iter, next, call: Value?
        var getattr, setattr, getattribute, delattr: Value?
        /// The descriptor protocol, for instances of this class used as class attributes.
        var descriptorGet, descriptorSet, descriptorDelete: Value?
        /// Instances of this class are data descriptors (they define `__set__` or `__delete__`).
        var isDataDescriptor: Bool { descriptorSet != nil || descriptorDelete != nil }
        /// `__init__` along the MRO (read on every instantiation).
        var initializer: Value?
        var hashDisabled = false
    }
    private var specialsCache: Specials?

    init(name: String, qualName: String, bases: [Value], attrs: [(String, Value)], rt: Runtime) throws {
        self.name = name
        self.qualName = qualName
        self.bases = bases
        self.rt = rt
        registry = rt.classes
        var dict: [String: Value] = [:]
        var order: [String] = []
        for (k, v) in attrs {
            if dict.updateValue(v, forKey: k) == nil { order.append(k) }
        }
        self.attrs = dict
        self.attrOrder = order
        var exc: String?
        var native: NativeType?
        for b in bases {
            switch b {
            case .object(let c as ClassObject):
                exc = exc ?? c.exceptionBase
                native = native ?? c.nativeBase
            case .object(let t as NativeType):
                native = native ?? t
            default:
                if let e = Exceptions.className(of: b) { exc = exc ?? e }
            }
        }
        exceptionBase = exc
        nativeBase = native
        super.init()
        mro = try ClassObject.linearize(self)
        (slotMembers, hasInstanceDict) = try ClassObject.declaredSlots(mro)
        if native != nil || exc != nil { hasInstanceDict = true }
        for case .object(let c as ClassObject) in bases { c.subclasses.append(SubclassLink(self)) }
        registry.links.append(SubclassLink(self))
    }

    deinit {
        for case .object(let c as ClassObject) in bases { c.subclasses.removeAll { $0.value === self } }
        registry.links.removeAll { $0.value === self }
    }

    /// Drops the class's attributes: a method using `super()` holds its class through the
    /// `__class__` cell, so a class and its methods (and the runtime they capture) would
    /// otherwise keep each other alive after the session ends.
    func releaseAttributes() {
        attrs = [:]
        lookupCache = [:]
        specialsCache = nil
    }

    // MARK: method resolution order

    /// C3 linearisation of the user-class bases, as CPython computes `__mro__`.
    static func linearize(_ c: ClassObject) throws -> [ClassObject] {
        let userBases = c.bases.compactMap { v -> ClassObject? in
            if case .object(let b as ClassObject) = v { return b }
            return nil
        }
        var seqs: [[ClassObject]] = userBases.map { $0.mro } + [userBases]
        var out: [ClassObject] = [c]
        while true {
            seqs = seqs.filter { !$0.isEmpty }
            if seqs.isEmpty { return out }
            var picked: ClassObject?
            for s in seqs {
                let head = s[0]
                if !seqs.contains(where: { $0.dropFirst().contains { $0 === head } }) {
                    picked = head
                    break
                }
            }
            guard let next = picked else {
                let names = userBases.map { $0.name }.joined(separator: ", ")
                throw PyError.type("Cannot create a consistent method resolution\norder (MRO) for bases \(names)")
            }
            out.append(next)
            seqs = seqs.map { $0.first === next ? Array($0.dropFirst()) : $0 }
        }
    }

    /// The union of the `__slots__` along the MRO, and whether instances still get a
    /// `__dict__` (a class without `__slots__`, or `__dict__` among them).
    static func declaredSlots(_ mro: [ClassObject]) throws -> (Set<String>, Bool) {
        var members: Set<String> = []
        var hasDict = false
        for c in mro {
            guard let declared = c.attrs["__slots__"] else { hasDict = true; continue }
            let names: [Value]
            if case .str = declared { names = [declared] } else { names = try Iteration.toArray(declared) }
            for n in names {
                guard case .str(let name) = n else { throw PyError.type("__slots__ items must be strings, not '\(n.typeName)'") }
                if name == "__dict__" { hasDict = true } else { members.insert(name) }
            }
        }
        return (members, hasDict)
    }

    /// Whether instances may hold attribute `name` (always, with a `__dict__`).
    @inline(__always)
    func allowsAttribute(_ name: String) -> Bool { hasInstanceDict || slotMembers.contains(name) }

    /// Whether this class's own `__slots__` lists `name`.
    func declaresSlot(_ name: String) -> Bool {
        guard let declared = attrs["__slots__"] else { return false }
        if case .str(let s) = declared { return s == name }
        return ((try? Iteration.toArray(declared)) ?? []).contains { $0.asString == name }
    }

    /// Whether this class is `other` or derives from it.
    func isSubclass(of other: ClassObject) -> Bool { mro.contains { $0 === other } }

    // MARK: attributes

    /// The class attribute `name` found along the MRO (functions, properties, class variables).
    func lookup(_ name: String) -> Value? {
        if let v = lookupCache[name] { return v.isUnboundMarker ? nil : v }
        var found: Value?
        for c in mro {
            if let v = c.attrs[name] { found = v; break }
        }
        lookupCache[name] = found ?? .unbound
        return found
    }

    /// Own attribute, without the MRO.
    func ownAttribute(_ name: String) -> Value? { attrs[name] }

    var specials: Specials {
        if let s = specialsCache { return s }
        let s = Specials()
        s.repr = lookup("__repr__"); s.str = lookup("__str__"); s.eq = lookup("__eq__")
        s.hash = lookup("__hash__"); s.bool = lookup("__bool__"); s.len = lookup("__len__")
        s.getitem = lookup("__getitem__"); s.setitem = lookup("__setitem__"); s.delitem = lookup("__delitem__")
        s.contains = lookup("__contains__"); s.iter = lookup("__iter__"); s.next = lookup("__next__")
        s.call = lookup("__call__"); s.getattr = lookup("__getattr__"); s.setattr = lookup("__setattr__")
        s.getattribute = lookup("__getattribute__"); s.delattr = lookup("__delattr__")
        s.descriptorGet = lookup("__get__"); s.descriptorSet = lookup("__set__"); s.descriptorDelete = lookup("__delete__")
        s.initializer = lookup("__init__")
        // A class that defines __eq__ without __hash__ is unhashable, as in Python.
        if case .none? = s.hash { s.hashDisabled = true }
        if s.hash == nil, mro.contains(where: { $0.attrs["__eq__"] != nil }) { s.hashDisabled = true }
        specialsCache = s
        return s
    }

    /// Slot of an instance attribute, adding it to the layout if new.
    func slot(for name: String) -> Int {
        if let k = layout[name] { return k }
        let k = layoutNames.count
        layout[name] = k
        layoutNames.append(name)
        // An instance attribute now shadows a class attribute: cached method sites must re-check.
        if lookup(name) != nil { invalidate() }
        return k
    }

    func existingSlot(_ name: String) -> Int? { layout[name] }
    var slotNames: [String] { layoutNames }

    /// Attribute changes (on this class or a base) invalidate caches here and in subclasses.
    func invalidate() {
        version &+= 1
        lookupCache.removeAll(keepingCapacity: true)
        specialsCache = nil
        for s in subclasses { s.value.invalidate() }
    }

    // MARK: NativeObject

    override var typeName: String { "type" }
    override var repr: String { "<class '__main__.\(qualName)'>" }
    override var helpText: String {
        var out = "class \(name)"
        if !bases.isEmpty { out += "(" + bases.map(ClassObject.baseName).joined(separator: ", ") + ")" }
        out += "\n"
        if case .str(let d)? = attrs["__doc__"] { out += " |  " + d + "\n" }
        let methods = attrOrder.filter { if case .function = attrs[$0] { return !$0.hasPrefix("__") || $0 == "__init__" }; return false }
        if !methods.isEmpty {
            out += " |\n |  Methods:\n"
            for m in methods { if case .function(let f)? = attrs[m] { out += " |    \(f.signatureText)\n" } }
        }
        return out
    }

    static func baseName(_ v: Value) -> String {
        switch v {
        case .object(let c as ClassObject): return c.name
        case .object(let t as NativeType): return t.name
        case .builtin(let b): return b.name
        default: return v.typeName
        }
    }

    /// `__mro__`: the user classes, then the builtin exception classes the first exception
    /// base derives from, then `object`.
    var fullMRO: [Value] {
        var out: [Value] = mro.map { .object($0) }
        var e = exceptionBase
        while let n = e {
            if let v = rt.builtins[n] { out.append(v) }
            e = Exceptions.parent[n]
        }
        return out + [rt.builtins["object"] ?? .none]
    }

    override var attributeNames: [String] {
        var names: [String] = []
        for c in mro { names += c.attrOrder }
        return Array(Set(names)).sorted()
    }

    override func getAttribute(_ attr: String) throws -> Value {
        if let v = lookup(attr) {
            if let d = v.userInstance, let get = d.cls.specials.descriptorGet { return try rt.call(get, [v, .none, .object(self)]) }
            switch v {
            case .object(let sm as StaticMethodObject): return sm.function
            case .object(let cm as ClassMethodObject): return .object(BoundMethod(receiver: .object(self), function: cm.function))
            case .object(let p as PropertyObject): return .object(p)
            default: return v
            }
        }
        switch attr {
        case "__name__": return .str(name)
        case "__qualname__": return .str(qualName)
        case "__doc__": return .none
        case "__module__": return .str("__main__")
        case "__mro__": return .tuple(fullMRO)
        case "mro": return .builtin(BuiltinFunction(raw: "mro", signature: "\(name).mro()", doc: "") { [self] _, _, _ in .list(ListObject(fullMRO)) })
        case "__bases__": return .tuple(bases.isEmpty ? [rt.builtins["object"] ?? .none] : bases)
        case "__dict__": return .dict(attrOrder.compactMap { k in attrs[k].map { (k, $0) } })
        default: break
        }
        if let t = nativeBase, let v = try? t.getAttribute(attr) { return v }
        if let owner = mro.first(where: { $0.declaresSlot(attr) }) { return .object(MemberDescriptor(attr, owner: owner.name)) }
        throw PyError.attribute("type object '\(name)' has no attribute '\(attr)'" + Suggestions.hint(attr, attributeNames))
    }

    override func setAttribute(_ attr: String, _ value: Value) throws {
        if attrs.updateValue(value, forKey: attr) == nil { attrOrder.append(attr) }
        invalidate()
    }

    func deleteAttribute(_ attr: String) throws {
        guard attrs.removeValue(forKey: attr) != nil else {
            throw PyError.attribute("type object '\(name)' has no attribute '\(attr)'")
        }
        attrOrder.removeAll { $0 == attr }
        invalidate()
    }

    override func call(_ args: [Value], _ keywords: [(String, Value)], runtime: Runtime) throws -> Value {
        try Instances.construct(self, args, keywords, runtime)
    }

    // An Enum class iterates over, counts and indexes (by name) its members.
    override func makeIterator() throws -> () throws -> Value? {
        guard let members = enumMembers else { return try super.makeIterator() }
        return try Iteration.makeIterator(.list(ListObject(members)))
    }

    override func length() throws -> Int? { enumMembers?.count }

    override func getItem(_ index: Value) throws -> Value {
        guard enumMembers != nil else { return try super.getItem(index) }
        return try EnumModule.member(self, named: index)
    }

    override func equals(_ other: Value) -> Bool {
        if case .object(let o) = other { return o === self }
        return false
    }
}

/// The classes of one runtime, referenced without retaining them (each unlinks itself).
final class ClassRegistry {
    var links: [SubclassLink] = []

    /// Breaks every listed class's cycles (the session is over).
    func releaseAll() {
        let classes = links.map { $0.value }  // retained while their attributes go
        for c in classes { c.releaseAttributes() }
    }
}

/// A class, referenced without retaining it (it unlinks itself in its deinit).
struct SubclassLink {
    unowned(unsafe) let value: ClassObject
    init(_ c: ClassObject) { value = c }
}

extension Value {
    /// The internal unbound marker (used by caches for "looked up, not found").
    var isUnboundMarker: Bool { if case .unbound = self { return true }; return false }
}
