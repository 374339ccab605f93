import ArgumentParser
import Foundation
import SMRLanguage

/// `smr __worker KIND`: runs one task of a worker pool (a benchmark or sweep run): the input
/// on standard input, the result on standard output, an error message on standard error
/// with exit status 1. Started by smr itself; not meant to be typed.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "__worker",
        abstract: "Run one task for a parent smr process (internal).",
        shouldDisplay: false
    )

    @Argument(help: "The task kind.")
    var kind: String

    func run() throws {
        guard let handler = WorkerTasks.handler(kind) else {
            FileHandle.standardError.write(Data("smr __worker: unknown task '\(kind)'; known: \(WorkerTasks.kinds.joined(separator: ", "))\n".utf8))
            throw ExitCode(2)
        }
        let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        do {
            let output = try handler(input)
            FileHandle.standardOutput.write(Data(output.utf8))
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
