import Dispatch
import Foundation
import SMRLanguage
import SMRLibrary
import SMRNotebook

/// One fuzz input, run as `smr run` would run an untrusted notebook: the bytes as a notebook
/// (jupytext percent cells; text without markers is one code cell), the library installed, file
/// writes refused everywhere, output discarded, and the run interrupted (KeyboardInterrupt)
/// once it has used its time budget. Errors raised to the program are the expected outcome;
/// a crash, a trap or a sanitizer report is a bug.
enum FuzzInput {
    /// Wall-clock budget of one input; an infinite loop ends here as a KeyboardInterrupt.
    static let timeLimit: DispatchTimeInterval = .milliseconds(300)

    private static let installed: Void = {
        Session.libraryRegistrations.append { Library.install(into: $0) }
        // File access goes through the policies only once the host services are installed
        // (without them every write was allowed: fuzz inputs wrote files into the checkout).
        HostInstallation.install()
        FileAccessPolicy.writing = FileAccessPolicy(allowing: [], access: .write)
    }()

    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        _ = installed
        let text = String(decoding: bytes, as: UTF8.self)
        let notebook = Notebook.parse(text: text, path: "<fuzz>")
        guard let runner = try? NotebookRunner(notebook: notebook, options: RunOptions(keepGoing: true)) else { return }
        Interpreter.clearInterrupt()
        let watchdog = DispatchSource.makeTimerSource(queue: .global())
        watchdog.schedule(deadline: .now() + timeLimit, repeating: .milliseconds(50))
        watchdog.setEventHandler { Interpreter.requestInterrupt() }
        watchdog.resume()
        _ = runner.run()
        watchdog.cancel()
        Interpreter.clearInterrupt()
    }
}
