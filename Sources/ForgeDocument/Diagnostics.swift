@_exported import ForgeYAML

/// A message about the input, located in the spec, printed the way the Swift compiler prints.
public struct Diagnostic: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Codable {
        case error, warning, note
    }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    /// Follow-up notes, typically the chain of `$ref`s that led to the location.
    public var notes: [Diagnostic]

    public init(_ severity: Severity, _ message: String, at location: SourceLocation?, notes: [Diagnostic] = []) {
        self.severity = severity
        self.message = message
        self.location = location
        self.notes = notes
    }

    public static func error(_ message: String, at location: SourceLocation?, notes: [Diagnostic] = []) -> Diagnostic {
        Diagnostic(.error, message, at: location, notes: notes)
    }

    public static func warning(_ message: String, at location: SourceLocation?, notes: [Diagnostic] = []) -> Diagnostic {
        Diagnostic(.warning, message, at: location, notes: notes)
    }

    public static func note(_ message: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.note, message, at: location)
    }

    /// `path:line:column: severity: message`, then one line per note.
    public var description: String {
        var lines = [line]
        lines += notes.map(\.line)
        return lines.joined(separator: "\n")
    }

    private var line: String {
        if let location { return "\(location): \(severity.rawValue): \(message)" }
        return "\(severity.rawValue): \(message)"
    }
}

extension Diagnostic {
    public init(_ error: YAMLError) {
        self.init(.error, error.message, at: error.location)
    }
}

/// Collects diagnostics for one run. Stages append; the pipeline decides whether errors stop it.
public final class DiagnosticCollector {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public func emit(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    public func error(_ message: String, at location: SourceLocation?, notes: [Diagnostic] = []) {
        emit(.error(message, at: location, notes: notes))
    }

    public func warning(_ message: String, at location: SourceLocation?, notes: [Diagnostic] = []) {
        emit(.warning(message, at: location, notes: notes))
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}

/// Thrown by a stage that cannot go on; the collector holds the reasons.
public struct GenerationFailed: Error, CustomStringConvertible, Sendable {
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
