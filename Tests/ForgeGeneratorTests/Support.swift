import ForgeGenerator
import Foundation
import Testing

/// The package's root folder, found from this file's path.
let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Runs loader and translator on a one-file spec held in memory. Fails the test on any diagnostic not expected.
func translate(_ yaml: String, expecting expected: [String] = [], sourceLocation: Testing.SourceLocation = #_sourceLocation)
    throws -> IRModule
{
    let diagnostics = DiagnosticCollector()
    let document = DocumentLoader.load(
        root: "spec.yaml", reader: InMemorySpecFiles(["spec.yaml": yaml]), diagnostics: diagnostics)
    let module = document.map { Translator.translate($0, diagnostics: diagnostics) }
    #expect(diagnostics.diagnostics.map(\.description) == expected, sourceLocation: sourceLocation)
    return try #require(module, sourceLocation: sourceLocation)
}

/// The exact Swift text generated for the type `name` of a one-file spec, with the built-in templates or others.
func swift(
    for yaml: String, type name: String, templates: TemplateSet = .builtin, expecting expected: [String] = [],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> String {
    let module = try translate(yaml, expecting: expected, sourceLocation: sourceLocation)
    let type = try #require(module.types.first { $0.name == name }, "no type \(name)", sourceLocation: sourceLocation)
    return try Renderer(templates: templates, options: RenderOptions(inputName: "spec.yaml")).render(declaration: type)
}

/// A spec with the given component schemas, indented under `components: schemas:`.
func spec(schemas: String) -> String {
    """
    openapi: 3.1.0
    info: {title: Snippet, version: '1'}
    paths: {}
    components:
      schemas:
    \(schemas.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n"))
    """
}

/// A line-by-line diff, for readable failures of exact-text comparisons.
func diff(_ expected: String, _ actual: String) -> String {
    let left = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let right = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var lines: [String] = []
    for index in 0..<max(left.count, right.count) {
        let l = index < left.count ? String(left[index]) : "<none>"
        let r = index < right.count ? String(right[index]) : "<none>"
        if l != r { lines.append("line \(index + 1):\n  expected: \(l)\n  actual:   \(r)") }
    }
    return lines.prefix(8).joined(separator: "\n")
}

func expectSame(_ actual: String, _ expected: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(actual == expected, "\(diff(expected, actual))", sourceLocation: sourceLocation)
}

/// A fresh temporary folder, removed when the test process exits.
func temporaryFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("forge-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    TemporaryFolders.shared.add(path)
    return path
}

/// The folders ``temporaryFolder()`` made, removed at exit: tests read what they wrote there until they end, and the
/// runner offers no hook after the last one.
final class TemporaryFolders: @unchecked Sendable {
    static let shared = TemporaryFolders()
    private let lock = NSLock()
    private var paths: [String] = []

    private init() {
        atexit { TemporaryFolders.shared.removeAll() }
    }

    func add(_ path: String) {
        lock.withLock { paths.append(path) }
    }

    private func removeAll() {
        for path in lock.withLock({ paths }) { try? FileManager.default.removeItem(atPath: path) }
    }
}
