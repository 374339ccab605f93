import Foundation
import XCTest
@testable import SMRLibrary
import SMRLanguage

/// torch.save / torch.load errors: what cannot be saved is named with its place in the
/// object, and a file that is not a torch.save file is refused with the path and the reason.
final class TorchSaveLoadTests: XCTestCase {
    func inScratch(_ body: () throws -> Void) throws {
        let fm = FileManager.default
        let home = fm.currentDirectoryPath
        let scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("smr-save-\(ProcessInfo.processInfo.processIdentifier)")
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
        fm.changeCurrentDirectoryPath(scratch.path)
        defer { fm.changeCurrentDirectoryPath(home); try? fm.removeItem(at: scratch) }
        try body()
    }

    func testUnsavableValuesAndCorruptFilesGiveClearErrors() throws {
        try inScratch {
            let e1 = LibraryTestSupport.error("import torch\ntorch.save({'model': {'f': len}}, 'x.pt')\n")
            XCTAssertEqual(e1?.kind, .typeError)
            XCTAssertTrue(e1?.message.contains("obj['model']['f']") ?? false, e1?.message ?? "no error")
            XCTAssertFalse(FileManager.default.fileExists(atPath: "x.pt"), "nothing is written when saving fails")

            try "{\"format\": \"smr.torch.save\", \"version\": 1, \"value\": {\"t\": \"tensor\", \"shape\": [3], \"data\": \"AAAA\"}}"
                .write(toFile: "bad.pt", atomically: true, encoding: .utf8)
            let e2 = LibraryTestSupport.error("import torch\ntorch.load('bad.pt')\n")
            XCTAssertEqual(e2?.kind, .runtimeError)
            XCTAssertTrue(e2?.message.contains("torch.load('bad.pt'): corrupt") ?? false, e2?.message ?? "no error")

            try Data([0x50, 0x4b, 0x03, 0x04]).write(to: URL(fileURLWithPath: "real.pt"))
            let e3 = LibraryTestSupport.error("import torch\ntorch.load('real.pt')\n")
            XCTAssertTrue(e3?.message.contains("not PyTorch's .pt zip files") ?? false, e3?.message ?? "no error")

            let e4 = LibraryTestSupport.error("import torch\ntorch.load('missing.pt')\n")
            XCTAssertEqual(e4?.kind, .fileNotFoundError)
            XCTAssertEqual(e4?.message, "[Errno 2] No such file or directory: 'missing.pt'")

            let out = LibraryTestSupport.run("import torch\ntorch.save([torch.ones(2), 3], 'ok.pt')\nprint(torch.load('ok.pt'))\n")
            XCTAssertEqual(out, "[tensor([1., 1.]), 3]\n")
        }
    }
}
