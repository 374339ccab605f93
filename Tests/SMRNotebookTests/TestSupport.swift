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

    /// Run a tool found on PATH; returns (status, stdout, stderr).
    static func runTool(_ name: String, _ args: [String]) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [name] + args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// Run the binary with piped stdin; returns (status, stdout, stderr).
    static func run(_ args: [String], stdin: String = "", cwd: URL? = nil, env: [String: String] = [:]) throws -> (Int32, String, String) {
        guard let bin = smrBinary else { throw XCTSkip("smr binary not built (swift build --product smr)") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: bin)
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
        return (p.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}
