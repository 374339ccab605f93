/// `class` statements: the body runs once in its own frame (its variables become the
/// class attributes, in the order they were first assigned), then the class is made
/// and put into the `__class__` cell that `super()` in its methods reads.
extension Compiler {
    func compileClass(name: String, bases: [Arg], body: [Stmt], doc: String?, pos: Pos) throws -> Eval {
        var baseEvals: [EvalBox] = []
        for a in bases {
            switch a {
            case .positional(let e): baseEvals.append(EvalBox(try compileExpr(e)))
            case .keyword(let k, _, let p): throw syntaxError("class keyword argument '\(k)' is not supported", p)
            case .star, .doubleStar: throw syntaxError("starred class bases are not supported", pos)
            }
        }
        let outer = scope
        let cscope = Scope(function: false, name: name, parent: outer, isClass: true)
        let decl = ScopeAnalysis.declarations(body)
        if decl.yields { throw syntaxError("'yield' outside function", pos) }
        cscope.declaredGlobal = decl.globals
        for n in decl.assigned where cscope.slots[n] == nil { cscope.slots[n] = cscope.newSlot() }
        let classCellSlot = cscope.newSlot()
        cscope.slots["__class__"] = classCellSlot
        cscope.cellSlots.insert(classCellSlot)
        let savedLoop = outer.loopDepth
        scope = cscope
        let bodyExec: Exec
        do {
            defer { scope = outer; outer.loopDepth = savedLoop }
            cscope.loopDepth = 0
            bodyExec = try compileBlock(body)
        }
        var sources: [(slot: Int, isCell: Bool, into: Int)] = []
        for c in cscope.captures {
            guard let k = outer.captureSource(c.name) else { throw syntaxError("no binding for '\(c.name)' found", pos) }
            sources.append((k, outer.cellSlots.contains(k), c.slot))
        }
        let attrSlots: [(String, Int)] = decl.assigned.compactMap { n in cscope.slots[n].map { (n, $0) } }
        let qualName = Compiler.qualifiedName(name, in: outer, isLambda: false)
        let frameSize = cscope.size
        let rt = self.rt
        let s = site(pos)
        return { fp in
            var baseValues: [Value] = []
            for b in baseEvals { baseValues.append(try b.run(fp)) }
            baseValues = try Compiler.checkBases(baseValues, rt)
            let frame = try rt.reserveFrame(frameSize)
            frame.initialize(repeating: .unbound, count: frameSize)
            defer { rt.popFrame(frame, frameSize) }
            for src in sources { frame[src.into] = src.isCell ? fp[src.slot] : .object(Cell(fp[src.slot])) }
            let classCell = Cell(.unbound)
            frame[classCellSlot] = .object(classCell)
            _ = try bodyExec(frame)
            var attrs: [(String, Value)] = [("__module__", .str("__main__")), ("__qualname__", .str(qualName))]
            if let doc { attrs.append(("__doc__", .str(doc))) }
            for (n, k) in attrSlots {
                let v = frame[k]
                if case .unbound = v { continue }
                if case .object(let p as PropertyObject) = v, p.name == nil { p.name = n }
                attrs.append((n, v))
            }
            let cls: ClassObject
            do { cls = try ClassObject(name: name, qualName: qualName, bases: baseValues, attrs: attrs, rt: rt) } catch { throw s.attach(error) }
            classCell.value = .object(cls)
            do { try cls.runSetName() } catch { throw s.attach(error) }
            try cls.runInitSubclass()
            return .object(cls)
        }
    }

    /// Bases must be classes; `object` is implied and dropped.
    static func checkBases(_ bases: [Value], _ rt: Runtime) throws -> [Value] {
        var out: [Value] = []
        for b in bases {
            switch b {
            case .object(let c as ClassObject):
                if out.contains(where: { if case .object(let o) = $0 { return o === c }; return false }) {
                    throw PyError.type("duplicate base class \(c.name)")
                }
                out.append(b)
            case .object(let t as NativeType):
                guard t.subclassHooks != nil else { throw PyError.type("type '\(t.name)' is not an acceptable base type") }
                out.append(b)
            case .builtin(let bt) where bt.isType:
                if bt.name == "object" { continue }
                guard Exceptions.className(of: b) != nil else { throw PyError.type("type '\(bt.name)' is not an acceptable base type") }
                out.append(b)
            default:
                throw PyError.type("bases must be types, not \(b.typeName)")
            }
        }
        return out
    }

    /// `super()` in a method: the class from the `__class__` cell and the first argument.
    func compileZeroArgSuper(_ p: Pos) throws -> Eval? {
        guard scope.isFunction, case .global = resolve("super") else { return nil }
        let s = site(p)
        guard let cellSlot = scope.localSlot("__class__"), scope.cellSlots.contains(cellSlot) else {
            return { _ in throw s.attach(PyError(.runtimeError, "super(): __class__ cell not found")) }
        }
        let hasArg = scope.paramCount > 0
        return { fp in
            guard case .object(let cls as ClassObject)? = Cell.at(fp + cellSlot)?.value else {
                throw s.attach(PyError(.runtimeError, "super(): __class__ cell not found"))
            }
            guard hasArg else { throw s.attach(PyError(.runtimeError, "super(): no arguments")) }
            var receiver = fp[1]
            if case .object(let c as Cell) = receiver { receiver = c.value }
            if case .unbound = receiver { throw s.attach(PyError(.runtimeError, "super(): arg[0] deleted")) }
            return .object(SuperObject(start: cls, receiver: receiver))
        }
    }
}
