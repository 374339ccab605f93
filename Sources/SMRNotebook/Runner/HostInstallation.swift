import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SMRLanguage

/// Installs the runner's services for library code: file writes go through the current
/// `WritePolicy`, and training loops get a tqdm-style `Progress` bar on a terminal.
enum HostInstallation {
    static func install() {
        HostServices.checkWrite = { path in try WritePolicy.current.check(path) }
        HostServices.progress = { total, description in
            guard isatty(2) == 1 else { return nil }
            return ProgressBarReporter(Progress(total: total, desc: description, isTerminal: true))
        }
    }
}

/// A `Progress` bar as a `ProgressDisplay`.
final class ProgressBarReporter: ProgressDisplay {
    let bar: Progress
    init(_ bar: Progress) { self.bar = bar }
    func update(to n: Int) { if n > bar.n { bar.update(n - bar.n) } }
    func close() { bar.close() }
}
