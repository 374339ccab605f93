import Foundation
import XCTest

/// Paths shared by the notebook tests.
enum TestSupport {
    static var golden: URL {
        Bundle.module.url(forResource: "Golden", withExtension: nil) ?? URL(fileURLWithPath: "Golden")
    }

    static func goldenFile(_ name: String) -> URL { golden.appendingPathComponent(name) }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The built `smr` next to the test bundle (or in a known build folder), if any.
    static var smrBinary: String? {
        var candidates: [String] = []
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("smr").path)
            dir = dir.deletingLastPathComponent()
        }
        for build in [".build-nb", ".build"] {
            for config in ["release", "debug"] {
                candidates.append(packageRoot.appendingPathComponent("\(build)/\(config)/smr").path)
            }
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A fresh temporary folder.
    static func tempDir() throws -> URL {
        let u = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("smrnb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    /// Run a tool found on PATH; returns (status, stdout, stderr), killed after `timeout` s.
    static func runTool(_ name: String, _ args: [String], timeout: Double = 300) throws -> (Int32, String, String) {
        try runProcess("/usr/bin/env", [name] + args, timeout: timeout)
    }

    /// Run the smr binary with piped stdin; returns (status, stdout, stderr).
    static func run(_ args: [String], stdin: String = "", cwd: URL? = nil, env: [String: String] = [:],
                    timeout: Double = 600) throws -> (Int32, String, String) {
        guard let bin = smrBinary else { throw XCTSkip("smr binary not built (swift build --product smr)") }
        return try runProcess(bin, args, stdin: stdin, cwd: cwd, env: env, timeout: timeout)
    }

    /// Run a program with piped stdin; returns (status, stdout, stderr). A run still going
    /// after `timeout` seconds is killed (status 9 and a note on stderr), so a hang fails
    /// the test instead of stalling the suite.
    static func runProcess(_ executable: String, _ args: [String], stdin: String = "", cwd: URL? = nil,
                           env: [String: String] = [:], timeout: Double) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        if let cwd { p.currentDirectoryURL = cwd }
        var e = ProcessInfo.processInfo.environment
        e["NO_COLOR"] = "1"
        for (k, v) in env { e[k] = v }
        p.environment = e
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        p.standardInput = inPipe
        p.standardOutput = outPipe
        p.standardError = errPipe
        try p.run()
        let pid = p.processIdentifier
        let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        defer { watchdog.cancel() }
        inPipe.fileHandleForWriting.write(Data(stdin.utf8))
        try inPipe.fileHandleForWriting.close()
        // Read both pipes concurrently so a full pipe cannot block the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errBox.data = errPipe.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let errData = errBox.data
        p.waitUntilExit()
        var err = String(decoding: errData, as: UTF8.self)
        if p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGKILL {
            err += "\n[test support: \(executable) \(args.joined(separator: " ")) killed after \(Int(timeout)) s]"
        }
        return (p.terminationStatus, String(decoding: outData, as: UTF8.self), err)
    }
}
