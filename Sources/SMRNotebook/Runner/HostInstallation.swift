import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SMRLanguage

/// Installs the runner's services for library code: file reads and writes go through the
/// current `FileAccessPolicy`s, training loops get a tqdm-style `Progress` bar on a terminal, tables are
/// laid out as tabulate does, and independent runs go to worker processes when this is `smr`.
/// Until it is installed, the language's `HostServices` allow every file access.
public enum HostInstallation {
    public static func install() {
        HostServices.checkWrite = { path in try FileAccessPolicy.writing.check(path) }
        HostServices.checkRead = { path in try FileAccessPolicy.reading.check(path) }
        HostServices.progress = { total, description in
            guard isatty(2) == 1 else { return nil }
            return ProgressBarReporter(Progress(total: total, desc: description, isTerminal: true))
        }
        HostServices.renderTable = { headers, rows in
            (try? Table.render(rows: rows.map { $0.map(ValueAccess.cell) }, headers: headers)) ?? ""
        }
        if let exe = WorkerProcessPool.executable {
            HostServices.workerPool = { kind, inputs, workers, finished in
                try WorkerProcessPool.run(executable: exe, kind: kind, inputs: inputs, workers: workers, finished: finished)
            }
        }
    }
}

/// A `Progress` bar as a `ProgressDisplay`.
final class ProgressBarReporter: ProgressDisplay {
    let bar: Progress
    init(_ bar: Progress) { self.bar = bar }
    func update(to n: Int) { if n > bar.n { bar.update(n - bar.n) } }
    func close() { bar.close() }
    func describe(_ text: String) { bar.desc = text }
}
