/// `f(a, b, …)` where `f` is a global variable and every argument is positional.
///
/// When the global holds an interpreted function taking exactly that many parameters,
/// the function is borrowed from the cell without reference counting (see
/// `FunctionObject.borrowedCalls`) and the arguments go straight into its frame.
/// Anything else — builtins, library objects, defaults to fill in, a wrong argument
/// count, an unbound name — goes through `Runtime.call`, which also reports the errors.
/// As in Python the callee is read before the arguments are evaluated.
final class GlobalCallSite {
    let rt: Runtime
    let cell: GlobalCell
    let args: [EvalBox]
    /// The first two arguments (a placeholder where absent), read without array access.
    let arg0: Eval, arg1: Eval
    /// A single argument `local ± constant` computed inline: the local's slot (or -1).
    let plusSlot: Int, plusDelta: Int
    /// The builtin of the same name, called while the global is unbound.
    let builtin: Value?
    /// That builtin's one-argument fast path (`str(i)`, `len(x)`), if it has one.
    let builtinUnary: ((Value) throws -> Value?)?
    /// Where the callee name is (NameError) and where the call is (tracebacks).
    let calleeSite: Site
    let site: Site
    /// The call as an operation that may reach library code (`OperationSite.note`).
    let operation: OperationSite
    /// Name of the enclosing function, for tracebacks.
    let caller: String
    /// Local names of the enclosing scope, for NameError suggestions.
    let locals: [String]

    init(rt: Runtime, cell: GlobalCell, args: [EvalBox], localPlus: (slot: Int, delta: Int)?, builtin: Value?,
         calleeSite: Site, site: Site, operation: OperationSite, caller: String, locals: [String]) {
        self.rt = rt
        self.cell = cell
        self.args = args
        arg0 = args.count > 0 ? args[0].run : { _ in .none }
        arg1 = args.count > 1 ? args[1].run : { _ in .none }
        plusSlot = args.count == 1 ? localPlus?.slot ?? -1 : -1
        plusDelta = localPlus?.delta ?? 0
        self.builtin = builtin
        if case .builtin(let b)? = builtin { builtinUnary = b.unary } else { builtinUnary = nil }
        self.calleeSite = calleeSite
        self.site = site
        self.operation = operation
        self.caller = caller
        self.locals = locals
    }

    /// The compiled call. Each closure captures only the site, so its context thunk
    /// passes one word.
    func compiled() -> Eval {
        switch args.count {
        case 0: return { fp in try self.call0(fp) }
        case 1:
            if plusSlot >= 0 {
                return { fp in
                    try self.call1(fp) { fp in
                        if case .int(let x) = fp[self.plusSlot], case (let v, false) = x.addingReportingOverflow(self.plusDelta) {
                            return .int(v)
                        }
                        return try self.arg0(fp)
                    }
                }
            }
            if builtinUnary != nil { return { fp in try self.callBuiltin1(fp) } }
            return { fp in try self.call1(fp, self.arg0) }
        case 2: return { fp in try self.call2(fp, self.arg0, self.arg1) }
        default: return { fp in try self.callN(fp) }
        }
    }

    // MARK: borrowed calls

    /// Run `body` with the cell's function borrowed: `borrowedCalls` counts the call, and
    /// retains taken meanwhile because the global was rebound are dropped when the
    /// function's last borrowed call returns.
    @inline(__always)
    static func borrowing<T>(_ fu: Unmanaged<FunctionObject>, _ body: (FunctionObject) throws -> T) rethrows -> T {
        var release = 0
        defer { if _slowPath(release > 0) { FunctionObject.dropKeepAlive(fu, release) } }
        return try fu._withUnsafeGuaranteedRef { f in
            f.borrowedCalls &+= 1
            defer {
                f.borrowedCalls &-= 1
                if _slowPath(f.pendingReleases > 0), f.borrowedCalls == 0 {
                    release = f.pendingReleases
                    f.pendingReleases = 0
                }
            }
            return try body(f)
        }
    }

    @inline(__always)
    private func call0(_ fp: Fp) throws -> Value {
        guard let fu = cell.function else { return try callGeneral(fp) }
        return try GlobalCallSite.borrowing(fu) { f in
            guard f.nparams == 0 else { return try callGeneral(fp) }
            do { return try rt.runFrame(f, try rt.enter(f)) } catch { throw Compiler.traced(error, site, caller) }
        }
    }

    @inline(__always)
    private func call1(_ fp: Fp, _ arg: (Fp) throws -> Value) throws -> Value {
        guard let fu = cell.function else { return try callGeneral(fp) }
        return try GlobalCallSite.borrowing(fu) { f in
            guard f.nparams == 1 else { return try callGeneral(fp) }
            let a0 = try arg(fp)
            do { return try rt.runFrame(f, try rt.enter(f, consume a0)) } catch { throw Compiler.traced(error, site, caller) }
        }
    }

    @inline(__always)
    private func call2(_ fp: Fp, _ arg0: Eval, _ arg1: Eval) throws -> Value {
        guard let fu = cell.function else { return try callGeneral(fp) }
        return try GlobalCallSite.borrowing(fu) { f in
            guard f.nparams == 2 else { return try callGeneral(fp) }
            let a0 = try arg0(fp)
            let a1 = try arg1(fp)
            do { return try rt.runFrame(f, try rt.enter(f, consume a0, consume a1)) } catch { throw Compiler.traced(error, site, caller) }
        }
    }

    /// Three or more arguments are evaluated straight into the slots the callee's frame
    /// will occupy, the stack pointer kept above them while calls run in between.
    private func callN(_ fp: Fp) throws -> Value {
        guard let fu = cell.function else { return try callGeneral(fp) }
        return try GlobalCallSite.borrowing(fu) { f in
            let n = args.count
            guard f.nparams == n else { return try callGeneral(fp) }
            let base = rt.spPtr.pointee
            guard base + 1 + n <= rt.stackEnd else { throw Compiler.traced(rt.recursionError(), site, caller) }
            base.initialize(to: .none)
            var k = 0
            do {
                while k < n {
                    rt.spPtr.pointee = base + 1 + k
                    let v = try args[k].run(fp)
                    (base + 1 + k).initialize(to: v)
                    k += 1
                }
            } catch {
                base.deinitialize(count: 1 + k)
                rt.spPtr.pointee = base
                throw error
            }
            rt.spPtr.pointee = base
            do { return try rt.runFrame(f, try rt.enter(f, preparedArgs: n)) } catch { throw Compiler.traced(error, site, caller) }
        }
    }

    /// `str(x)`, `len(x)`, … while the name still means the builtin: its fast path first,
    /// without reading the callee through the general path or building an argument array.
    private func callBuiltin1(_ fp: Fp) throws -> Value {
        guard case .unbound = cell.ptr.pointee, let unary = builtinUnary, let b = builtin else {
            return try call1(fp, arg0)
        }
        let a0 = try arg0(fp)
        OperationSite.note(operation)
        do {
            if let r = try unary(a0) { return r }
            return try rt.call(b, [a0])
        } catch { throw Compiler.traced(error, site, caller) }
    }

    // MARK: general path

    /// The callee for the general path: the global's value, or the builtin it shadows.
    private func callee() throws -> Value {
        let c = cell.ptr.pointee
        if case .unbound = c {
            guard let b = builtin else { throw calleeSite.attach(Compiler.nameError(rt, cell.name, locals)) }
            return b
        }
        return c
    }

    /// Evaluate the arguments into an array and call whatever the global holds (array
    /// literals for up to two arguments: one allocation, no growth).
    @inline(never)
    private func callGeneral(_ fp: Fp) throws -> Value {
        let c = try callee()
        let vals: [Value]
        switch args.count {
        case 0: vals = []
        case 1:
            let a0 = try arg0(fp)
            if case .builtin(let b) = c, let unary = b.unary {
                OperationSite.note(operation)
                do { if let r = try unary(a0) { return r } } catch { throw Compiler.traced(error, site, caller) }
            }
            vals = [a0]
        case 2:
            let a0 = try arg0(fp)
            vals = [a0, try arg1(fp)]
        default: vals = try args.map { try $0.run(fp) }
        }
        OperationSite.note(operation)
        do { return try rt.call(c, vals) } catch { throw Compiler.traced(error, site, caller) }
    }
}

extension FunctionObject {
    /// A global holding this function is being rebound: if borrowed calls are running,
    /// keep the function alive until they have all returned.
    func keepAliveWhileBorrowed() {
        guard borrowedCalls > 0 else { return }
        _ = Unmanaged.passRetained(self)
        pendingReleases += 1
    }

    /// Drop `count` retains taken by `keepAliveWhileBorrowed` (may free the function).
    @inline(never)
    static func dropKeepAlive(_ fu: Unmanaged<FunctionObject>, _ count: Int) {
        for _ in 0..<count { fu.release() }
    }
}
