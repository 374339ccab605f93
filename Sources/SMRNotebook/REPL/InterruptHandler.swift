import CReadline
import Foundation
import SMRLanguage
#if canImport(Glibc)
import Glibc
#endif

/// SIGINT (Ctrl-C) handling for smr: the handler asks running code to stop with
/// KeyboardInterrupt at its next safe point, and wakes the prompt loop through a pipe.
public enum InterruptHandler {
    /// The read end of the wake-up pipe (-1 before `install`).
    nonisolated(unsafe) public private(set) static var wakeFD: Int32 = -1

    /// Install the handler. `exitAfter` presses (0 = never) end the process with status
    /// 130, for batch runs stuck in code that cannot be interrupted.
    public static func install(exitAfter: Int32 = 0) {
        Interpreter.clearInterrupt() // initialise the flag outside the handler
        var fds: [Int32] = [-1, -1]
        if wakeFD < 0, pipe(&fds) == 0 {
            for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
            wakeFD = fds[0]
            smr_install_sigint(fds[1], { Interpreter.requestInterrupt() }, exitAfter)
        } else {
            smr_install_sigint(-1, { Interpreter.requestInterrupt() }, exitAfter)
        }
    }

    /// Consume pending presses; true if Ctrl-C was pressed since the last call. The
    /// wake-up pipe is the source of truth (the handler writes one byte per press).
    @discardableResult
    public static func takePending() -> Bool {
        var pressed = false
        if wakeFD >= 0 {
            var buf = [UInt8](repeating: 0, count: 64)
            while read(wakeFD, &buf, buf.count) > 0 { pressed = true }
        }
        let flag = smr_sigint_take() != 0
        return pressed || (wakeFD < 0 && flag)
    }

    /// Start counting presses toward `exitAfter` again.
    public static func resetCount() { smr_sigint_reset_count() }
}
