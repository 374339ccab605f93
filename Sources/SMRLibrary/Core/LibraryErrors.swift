import SMREnvironments
import SMRLanguage
import SMRNeural
import SMRTensor

/// Turns errors of the Swift library into the Python errors a notebook user expects.
enum LibraryErrors {
    static func convert(_ error: Error) -> Error {
        switch error {
        case let e as PyError: return e
        case let e as EnvironmentError:
            switch e {
            case .invalidAction: return PyError(.valueError, e.description)
            case .resetNeeded: return PyError(.runtimeError, e.description)
            case .invalidArgument(let message): return keywordError(message) ?? PyError(.valueError, message)
            case .unknownEnvironment(let id, let known):
                return PyError(.valueError, "No registered environment with id '\(id)'" + hint(id, known))
            }
        case let e as NumericalFault: return PyError(.floatingPointError, e.description)
        case let e as TensorError:
            if case .outOfMemory = e { return PyError(.memoryError, e.description) }
            return PyError(.runtimeError, e.description)
        case let e as DistributionError: return PyError(.valueError, e.description)
        case let e as OptimizerError: return PyError(.valueError, e.description)
        case let e as LayerError: return PyError(.valueError, e.description)
        default: return PyError(.runtimeError, String(describing: error))
        }
    }

    /// `". Did you mean: 'g'?"` or "".
    static func hint(_ name: String, _ candidates: [String]) -> String {
        Suggestions.closest(to: name, in: candidates).map { ". Did you mean: '\($0)'?" } ?? ""
    }

    /// The registry's "unexpected keyword argument(s) [...]; accepted: [...]" as Python's TypeError with a hint.
    static func keywordError(_ message: String) -> PyError? {
        guard message.contains("unexpected keyword argument(s) ["),
              let open = message.range(of: "("), let head = message.components(separatedBy: "):").first else { return nil }
        _ = open
        func names(after marker: String) -> [String] {
            guard let r = message.range(of: marker) else { return [] }
            let rest = message[r.upperBound...]
            guard let close = rest.firstIndex(of: "]") else { return [] }
            return rest[..<close].split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            }.filter { !$0.isEmpty }
        }
        let unknown = names(after: "argument(s) [")
        let accepted = names(after: "accepted: [")
        guard let bad = unknown.first else { return nil }
        return PyError(.typeError, "\(head)) got an unexpected keyword argument '\(bad)'" + hint(bad, accepted))
    }
}

import Foundation
